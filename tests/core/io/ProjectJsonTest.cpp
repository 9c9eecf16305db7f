// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ProjectJson.h"

#include "core/TestSupport.h"
#include "model/ModelZoo.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

Project sampleProject() {
    Project p;
    p.name = "thesis scenario";
    p.network = *zooModel("resnet8");
    p.mcus = {"STM32L496ZG", "STM32F446ZE"};
    p.constraints.maxLatencyMs = 250.0;
    p.constraints.maxEnergyMj = 1.5;
    p.constraints.ramReserveKib = 8;
    p.constraints.flashReserveKib = 64;
    p.variants = defaultVariants();
    VariantSpec student;
    student.name = "ResNet8 student, INT8";
    student.dtype = DType::INT8;
    student.prune = 0.5;
    student.student.kind = StudentKind::Derived;
    student.student.widthMultiplier = 0.5;
    student.student.dropBlocksPerStage = 1;
    student.accuracyPct = 68.5;
    student.visible = false;
    p.variants.push_back(student);
    VariantSpec zoo;
    zoo.name = "zoo student";
    zoo.student.kind = StudentKind::Zoo;
    zoo.student.model = "resnet8";
    p.variants.push_back(zoo);
    return p;
}

} // namespace

TEST(ProjectJson, RoundTripIsExactAndDeterministic) {
    Project p = sampleProject();
    std::string text = projectToText(p);
    auto r = loadProjectText(text, "p.zipcnn.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(*r.project, p);
    EXPECT_EQ(projectToText(*r.project), text);
}

TEST(ProjectJson, SaveAndLoadThroughDisk) {
    auto dir = std::filesystem::temp_directory_path() / "zipcnn_project_test";
    std::filesystem::create_directories(dir);
    auto path = (dir / "p.zipcnn.json").string();
    std::string err;
    ASSERT_TRUE(saveProjectFile(sampleProject(), path, &err)) << err;
    auto r = loadProjectFile(path);
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_EQ(*r.project, sampleProject());
    std::filesystem::remove_all(dir);
}

TEST(ProjectJson, FailedSaveKeepsTheOldFile) {
    auto dir = std::filesystem::temp_directory_path() / "zipcnn_project_ro";
    std::filesystem::create_directories(dir);
    auto path = (dir / "p.zipcnn.json").string();
    std::string err;
    ASSERT_TRUE(saveProjectFile(sampleProject(), path, &err));
    const std::string before = projectToText(sampleProject());
    std::filesystem::permissions(dir, std::filesystem::perms::owner_read |
                                          std::filesystem::perms::owner_exec);
    Project changed = sampleProject();
    changed.name = "changed";
    bool ok = saveProjectFile(changed, path, &err);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
    if (::geteuid() != 0) { // root ignores folder permissions
        EXPECT_FALSE(ok);
        EXPECT_NE(err.find(path), std::string::npos);
        std::ifstream in(path);
        std::string after((std::istreambuf_iterator<char>(in)), {});
        EXPECT_EQ(after, before);
    }
    std::filesystem::remove_all(dir);
}

TEST(ProjectJson, BadValuesAreNamedWithTheirPath) {
    nlohmann::json j = projectToJson(sampleProject());
    j["variants"][1]["dtype"] = "fp16";
    j["variants"][2]["prune"] = 1.5;
    j["constraints"]["max_latency_ms"] = -3;
    j["network"]["layers"][2]["type"] = "Transformer";
    j["mcus"] = "STM32";
    auto r = projectFromJson(j, "bad.json");
    EXPECT_TRUE(hasErrors(r.diagnostics));
    EXPECT_TRUE(mentions(r.diagnostics, "bad.json: variants[1].dtype: unknown format 'fp16'"))
        << dump(r.diagnostics);
    EXPECT_TRUE(mentions(r.diagnostics, "variants[2].prune: must be within [0, 0.95]"));
    EXPECT_TRUE(mentions(r.diagnostics, "constraints.max_latency_ms: must be positive"));
    EXPECT_TRUE(mentions(r.diagnostics, "network.layers[2].type"));
    EXPECT_TRUE(mentions(r.diagnostics, "mcus: expected an array of strings"));
}

TEST(ProjectJson, WrongFormatVersionAndTruncation) {
    auto v = loadProjectText(R"({"format":"zipcnn-project","version":7,"network":{}})", "v.json");
    EXPECT_FALSE(v.project);
    EXPECT_TRUE(mentions(v.diagnostics, "version 7 is not supported"));
    auto n = loadProjectText(R"({"format":"zipcnn-network","version":1,"layers":[]})", "n.json");
    EXPECT_FALSE(n.project);
    EXPECT_TRUE(mentions(n.diagnostics, "not a project file"));
    std::string text = projectToText(sampleProject());
    auto t = loadProjectText(text.substr(0, text.size() / 3), "t.json");
    EXPECT_FALSE(t.project);
    ASSERT_FALSE(t.diagnostics.empty());
    EXPECT_EQ(t.diagnostics[0].code, "invalid-json");
    EXPECT_GT(t.diagnostics[0].line, 1);
}
