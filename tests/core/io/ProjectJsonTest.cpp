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
    Project p = zooProject(
        "thesis scenario", "resnet8",
        {{"STM32L496ZG", "thesis-c"}, {"STM32F446ZE", "thesis-c"}, {"STM32L4R5ZI", "x-cube-ai-9"}});
    p.constraints.maxLatencyMs = 250.0;
    p.constraints.maxEnergyMj = 1.5;
    p.constraints.ramReserveKib = 8;
    p.constraints.flashReserveKib = 64;
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
    j["targets"] = "STM32";
    auto r = projectFromJson(j, "bad.json");
    EXPECT_TRUE(hasErrors(r.diagnostics));
    EXPECT_TRUE(mentions(r.diagnostics, "bad.json: variants[1].dtype: unknown format 'fp16'"))
        << dump(r.diagnostics);
    EXPECT_TRUE(mentions(r.diagnostics, "variants[2].prune: must be within [0, 0.95]"));
    EXPECT_TRUE(mentions(r.diagnostics, "constraints.max_latency_ms: must be positive"));
    EXPECT_TRUE(mentions(r.diagnostics, "network.layers[2].type"));
    EXPECT_TRUE(mentions(r.diagnostics, "targets: expected an array"));
}

TEST(ProjectJson, VersionOneMcusBecomeThesisTargets) {
    nlohmann::json j = projectToJson(sampleProject());
    j["version"] = 1;
    j.erase("targets");
    j["mcus"] = {"STM32L496ZG", "STM32F746ZG"};
    const auto r = projectFromJson(j, "old.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_FALSE(hasErrors(r.diagnostics));
    EXPECT_EQ(r.project->targets,
              (std::vector<TargetSpec>{{"STM32L496ZG", "thesis-c"}, {"STM32F746ZG", "thesis-c"}}));
    // Saved again, it is a file of the current version (2 or later) with targets.
    const nlohmann::json saved = projectToJson(*r.project);
    EXPECT_EQ(saved["version"], kProjectFormatVersion);
    EXPECT_FALSE(saved.contains("mcus"));
    EXPECT_EQ(saved["targets"][1]["runtime"], "thesis-c");
    // "mcus" in a version 2 file is an unknown key.
    j["version"] = 2;
    const auto v2 = projectFromJson(j, "mixed.json");
    EXPECT_TRUE(mentions(v2.diagnostics, "mcus")) << dump(v2.diagnostics);
}

TEST(ProjectJson, BadTargetsAreNamedWithTheirPath) {
    nlohmann::json j = projectToJson(sampleProject());
    j["targets"] = {{{"mcu", "STM32L496ZG"}},
                    {{"runtime", "x-cube-ai"}},
                    {{"mcu", ""}, {"runtime", "tflm-cmsis-nn"}},
                    "STM32F446ZE",
                    {{"mcu", 7}}};
    const auto r = projectFromJson(j, "t.json");
    EXPECT_TRUE(mentions(r.diagnostics, "targets[1]")) << dump(r.diagnostics);
    EXPECT_TRUE(mentions(r.diagnostics, "targets[2].mcu: is empty"));
    EXPECT_TRUE(mentions(r.diagnostics, "targets[3]"));
    EXPECT_TRUE(mentions(r.diagnostics, "targets[4].mcu"));
    // The first one reads, under the thesis's runtime by default.
    if (r.project) {
        ASSERT_FALSE(r.project->targets.empty());
        EXPECT_EQ(r.project->targets[0], (TargetSpec{"STM32L496ZG", "thesis-c"}));
    }
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

TEST(ProjectJson, FocusRoundTripsAndAVersionTwoFileHasNone) {
    Project p = sampleProject();
    p.focus = SavedFocus{p.variants.at(1).name, p.targets.at(0), 48.0};
    const auto back = projectFromJson(projectToJson(p), "f.json");
    ASSERT_TRUE(back.project) << dump(back.diagnostics);
    EXPECT_EQ(back.project->focus, p.focus);
    p.focus->freqMhz.reset();
    EXPECT_EQ(projectFromJson(projectToJson(p), "f.json").project->focus, p.focus);

    nlohmann::json v2 = projectToJson(sampleProject());
    v2["version"] = 2;
    const auto old = projectFromJson(v2, "v2.json");
    ASSERT_TRUE(old.project) << dump(old.diagnostics);
    EXPECT_FALSE(old.project->focus.has_value());
    EXPECT_FALSE(hasErrors(old.diagnostics));
}

TEST(ProjectJson, ABadFocusIsAWarningThatDropsIt) {
    nlohmann::json j = projectToJson(sampleProject());
    j["focus"] = {{"variant", "INT8"}, {"mcu", 7}, {"runtime", "thesis-c"}};
    auto r = projectFromJson(j, "f.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_FALSE(hasErrors(r.diagnostics));
    EXPECT_FALSE(r.project->focus.has_value());
    EXPECT_TRUE(mentions(r.diagnostics, "focus.mcu: missing or not a non-empty string"))
        << dump(r.diagnostics);

    j["focus"] = {
        {"variant", "INT8"}, {"mcu", "STM32L496ZG"}, {"runtime", "thesis-c"}, {"freq_mhz", -4}};
    r = projectFromJson(j, "f.json");
    ASSERT_TRUE(r.project && r.project->focus);
    EXPECT_FALSE(r.project->focus->freqMhz.has_value());
    EXPECT_TRUE(mentions(r.diagnostics, "focus.freq_mhz")) << dump(r.diagnostics);
}
