// SPDX-License-Identifier: GPL-3.0-or-later
// Imports every ONNX file of the shared model corpus (../shared/models/MANIFEST.json): a file
// whose `expected` is "import" must import, its stored constants counted as the manifest counts
// them (initializer elements, Constant node elements), with the graph's parameters explained
// (weights + shapes, bounds and quantisation constants = stored); a file the engine cannot
// cost is refused with its cause named. Skipped when ../shared is not beside the clone.
#include "CorpusSupport.h"
#include "analysis/NetworkAnalysis.h"
#include "import/ImporterRegistry.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace zipcnn;

namespace {

using corpus::kModels;

using corpus::dump;

/// The manifest's initializer count: top level, or under "onnx".
std::int64_t manifestInitializers(const json& e) {
    if (e.contains("initializer_elements"))
        return e["initializer_elements"].get<std::int64_t>();
    return e.at("onnx").at("initializer_elements").get<std::int64_t>();
}

std::int64_t manifestConstantNodes(const json& e) {
    if (e.contains("onnx") && e["onnx"].contains("constant_node_elements"))
        return e["onnx"]["constant_node_elements"].get<std::int64_t>();
    return -1; // not counted by the manifest
}

} // namespace

TEST(OnnxCorpus, EveryOnnxFileBehavesAsTheManifestExpects) {
    if (!fs::exists(kModels / "MANIFEST.json"))
        GTEST_SKIP() << "model corpus not found at " << kModels.string();
    std::ifstream in(kModels / "MANIFEST.json");
    const json manifest = json::parse(in);
    int files = 0, asExpected = 0;
    for (const auto& entry : manifest["files"]) {
        const std::string name = entry["file"];
        if (fs::path(name).extension() != ".onnx")
            continue;
        ++files;
        SCOPED_TRACE(name);
        const std::string expected = entry.value("expected", "import");
        const std::string path = (kModels / name).string();
        ImportResult r = importModelFile(path);
        EXPECT_EQ(r.report.importer, "onnx");
        if (expected == "import") {
            ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
            EXPECT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
            EXPECT_EQ(r.report.initializerElements, manifestInitializers(entry));
            if (manifestConstantNodes(entry) >= 0) {
                EXPECT_EQ(r.report.constantNodeElements, manifestConstantNodes(entry));
            }
            // Every stored element is a weight of the graph or a non-weight constant.
            EXPECT_EQ(r.report.graphParams + r.report.nonWeightConstants, r.report.storedParams);
            const Analysis a = analyze(*r.network);
            ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
            std::cout << name << ": " << r.report.format << ", " << r.network->size() << " layers, "
                      << a.params << " params, " << r.report.nonWeightConstants
                      << " non-weight constants, " << a.macs << " MACs\n";
            ++asExpected;
        } else {
            // "import or refuse with the cause (...)": either, but a refusal names its cause.
            if (r.network) {
                EXPECT_FALSE(hasErrors(r.diagnostics));
                std::cout << name << ": imported, " << analyze(*r.network).macs << " MACs\n";
            } else {
                const Diagnostic* e = firstError(r.diagnostics);
                ASSERT_NE(e, nullptr);
                EXPECT_NE(e->toString().find(path), std::string::npos);
                std::cout << name << ": refused: " << e->toString() << "\n";
            }
            ++asExpected;
        }
    }
    EXPECT_GE(files, 5);
    std::cout << "ONNX corpus: " << asExpected << " of " << files << " files as expected\n";
}

TEST(OnnxCorpus, MnistModelsHaveTheirKnownSizes) {
    if (!fs::exists(kModels / "MANIFEST.json"))
        GTEST_SKIP() << "model corpus not found at " << kModels.string();
    // The CNTK MNIST model (onnx2c/mnist_model.onnx): conv 5x5x1x8 on 28x28 (same), pool,
    // conv 5x5x8x16 on 14x14 (same), pool, dense 256 -> 10.
    ImportResult r = importModelFile((kModels / "onnx2c/mnist_model.onnx").string());
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    const Analysis a = analyze(*r.network);
    EXPECT_EQ(a.macs, 28 * 28 * 8 * 25 + 14 * 14 * 16 * 25 * 8 + 256 * 10);
    EXPECT_EQ(a.params, 5998 - 4) << "the initializers less the two reshape shapes";
    // hello_world: dense 1 -> 16 -> 16 -> 1.
    ImportResult h = importModelFile((kModels / "onnx2c/tfl_helloworld.onnx").string());
    ASSERT_TRUE(h.network.has_value()) << dump(h.diagnostics);
    EXPECT_EQ(analyze(*h.network).macs, 16 + 256 + 16);
    EXPECT_EQ(analyze(*h.network).params, 321);
}
