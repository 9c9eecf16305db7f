// SPDX-License-Identifier: GPL-3.0-or-later
// openInput: the one way in. What a file is comes from its content, not its name, and a bad
// file's message names the file and the cause.
#include "import/OpenInput.h"

#include "core/KerasTinyModel.h"
#include "core/TestSupport.h"
#include "import/ImporterRegistry.h"
#include "import/ModelLoader.h"
#include "io/NetworkJson.h"
#include "model/ModelZoo.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace zipcnn {
namespace {

namespace fs = std::filesystem;
using testsupport::dump;

const std::string kExamples = std::string(ZIPCNN_SOURCE_LUT_DIR) + "/../resources/examples/";

std::string errorText(const OpenedInput& in) {
    const Diagnostic* e = firstError(in.diagnostics);
    return e ? e->toString() : std::string();
}

TEST(OpenInput, AProjectFileIsAProject) {
    const std::string path = kExamples + "lenet5.zipcnn.json";
    const OpenedInput in = openInput(path);
    ASSERT_TRUE(in.ok()) << dump(in.diagnostics);
    EXPECT_EQ(in.kind, InputKind::Project);
    EXPECT_EQ(detectInputKind(path), InputKind::Project);
    EXPECT_EQ(in.project->name, "LeNet5 thesis example");
    EXPECT_EQ(in.project->network, zooModel("lenet5").value());
    EXPECT_FALSE(in.import);
}

TEST(OpenInput, ANetworkFileBecomesAProjectWithTheDefaults) {
    const fs::path dir = kerastest::tempDir("open-input-network");
    // Named like a model file: the content (JSON, no project format) decides.
    for (const char* name : {"lenet5.json", "lenet5.h5", "lenet5-network"}) {
        const std::string path = (dir / name).string();
        kerastest::writeText(path, networkToText(zooModel("lenet5").value()));
        const OpenedInput in = openInput(path);
        ASSERT_TRUE(in.ok()) << name << "\n" << dump(in.diagnostics);
        EXPECT_EQ(in.kind, InputKind::Network) << name;
        EXPECT_EQ(detectInputKind(path), InputKind::Network) << name;
        EXPECT_EQ(in.project->network, zooModel("lenet5").value());
        // The newest X-CUBE-AI on the three STM32 boards, and the thesis's runtime on the F746.
        EXPECT_EQ(in.project->targets, (std::vector<TargetSpec>{{"STM32L496ZG", "x-cube-ai"},
                                                                {"STM32F446ZE", "x-cube-ai"},
                                                                {"STM32F746ZG", "x-cube-ai"},
                                                                {"STM32F746ZG", "thesis-c"}}));
        EXPECT_EQ(in.project->variants, defaultVariants());
        EXPECT_EQ(in.project->constraints.ramReserveKib, 8.0);
        EXPECT_FALSE(in.project->name.empty());
    }
    // A project under a network's name is still a project.
    const std::string renamed = (dir / "model.h5").string();
    fs::copy_file(kExamples + "resnet26.zipcnn.json", renamed,
                  fs::copy_options::overwrite_existing);
    const OpenedInput project = openInput(renamed);
    ASSERT_TRUE(project.ok()) << dump(project.diagnostics);
    EXPECT_EQ(project.kind, InputKind::Project);
    fs::remove_all(dir);
}

TEST(OpenInput, AKerasFileIsAModelWhateverItsName) {
    const fs::path dir = kerastest::tempDir("open-input-model");
    for (const char* name : {"tiny.h5", "tiny.json", "tiny"}) {
        const std::string path = (dir / name).string();
        kerastest::writeTinyKerasH5(path);
        const OpenedInput in = openInput(path);
        ASSERT_TRUE(in.ok()) << name << "\n" << dump(in.diagnostics);
        EXPECT_EQ(in.kind, InputKind::Model) << name;
        EXPECT_EQ(detectInputKind(path), InputKind::Model) << name;
        ASSERT_TRUE(in.import);
        EXPECT_EQ(in.import->importer, "keras-hdf5");
        EXPECT_EQ(in.import->graphParams, 3 * 3 * 3 * 8 + 8 + 8 * 4 + 4);
        EXPECT_EQ(in.project->network.size(), 4u);
        EXPECT_EQ(in.project->variants, defaultVariants());
        // The command line's MODEL reads the same file the same way.
        const ModelLoadResult m = loadModel(path);
        ASSERT_TRUE(m.network) << dump(m.diagnostics);
        EXPECT_EQ(*m.network, in.project->network);
    }
    fs::remove_all(dir);
}

TEST(OpenInput, ABadFileNamesTheFileAndTheCause) {
    const fs::path dir = kerastest::tempDir("open-input-bad");
    struct Case {
        std::string name;
        std::string content;
        InputKind kind;
        std::string cause; ///< a piece of the first error's message
    };
    const std::vector<Case> cases{
        {"broken.zipcnn.json", R"({"format": "zipcnn-project", "version": 1, "network": )",
         InputKind::Project, ""},
        {"future.zipcnn.json", R"({"format": "zipcnn-project", "version": 99, "network": {}})",
         InputKind::Project, "version"},
        {"notes.json", "these are notes, not JSON", InputKind::Network, ""},
        {"bad-network.json", R"({"format": "zipcnn-network", "layers": 3})", InputKind::Network,
         "version"},
        {"text.h5", "this is a text file, not HDF5\n", InputKind::Model, "HDF5"},
        {"empty.keras", "", InputKind::Model, ""},
    };
    for (const Case& c : cases) {
        const std::string path = (dir / c.name).string();
        kerastest::writeText(path, c.content);
        const OpenedInput in = openInput(path);
        EXPECT_FALSE(in.ok()) << c.name;
        EXPECT_EQ(in.kind, c.kind) << c.name << ": " << inputKindName(in.kind);
        const std::string error = errorText(in);
        EXPECT_NE(error.find(path), std::string::npos) << c.name << ": " << error;
        EXPECT_NE(error.find(c.cause), std::string::npos) << c.name << ": " << error;
        EXPECT_GT(error.size(), path.size() + 4) << c.name << ": no cause in '" << error << "'";
    }
    const std::string missing = (dir / "missing.zipcnn.json").string();
    const OpenedInput none = openInput(missing);
    EXPECT_FALSE(none.ok());
    EXPECT_EQ(none.kind, InputKind::Unknown);
    EXPECT_EQ(detectInputKind(missing), InputKind::Unknown);
    EXPECT_NE(errorText(none).find(missing + ": cannot be opened: "), std::string::npos)
        << errorText(none);
    const OpenedInput folder = openInput(dir.string());
    EXPECT_FALSE(folder.ok());
    EXPECT_NE(errorText(folder).find("is a folder"), std::string::npos) << errorText(folder);
    fs::remove_all(dir);
}

} // namespace
} // namespace zipcnn
