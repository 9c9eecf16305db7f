// SPDX-License-Identifier: GPL-3.0-or-later
// The project-level accuracy metric name ("accuracy_metric"): optional, round-trips, and files
// without it read as before.
#include "core/TestSupport.h"
#include "io/ProjectJson.h"
#include "model/ModelZoo.h"

#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

Project lenetProject() {
    Project p = zooProject("metric", "lenet5", {{"STM32L496ZG", "thesis-c"}});
    p.variants[0].accuracyPct = 97.86;
    return p;
}

} // namespace

TEST(ProjectAccuracyMetric, NamedMetricRoundTrips) {
    Project p = lenetProject();
    p.accuracyMetric = "top-1 % (MNIST)";
    const std::string text = projectToText(p);
    EXPECT_NE(text.find("\"accuracy_metric\": \"top-1 % (MNIST)\""), std::string::npos) << text;
    auto r = loadProjectText(text, "m.zipcnn.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(r.project->accuracyMetric, "top-1 % (MNIST)");
    EXPECT_EQ(*r.project, p);
    EXPECT_EQ(projectToText(*r.project), text);
}

TEST(ProjectAccuracyMetric, DefaultMetricIsNotWrittenAndAbsentKeyReadsAsDefault) {
    const Project p = lenetProject();
    const std::string text = projectToText(p);
    // A project that never named its metric saves exactly as before the key existed.
    EXPECT_EQ(text.find("accuracy_metric"), std::string::npos);
    auto r = loadProjectText(text, "d.zipcnn.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(r.project->accuracyMetric, kDefaultAccuracyMetric);
    ASSERT_TRUE(r.project->variants[0].accuracyPct);
    EXPECT_DOUBLE_EQ(*r.project->variants[0].accuracyPct, 97.86);
}

TEST(ProjectAccuracyMetric, VersionOneFileWithTheKeyIsReadWithoutWarning) {
    nlohmann::json j = projectToJson(lenetProject());
    j["version"] = 1;
    j.erase("targets");
    j["mcus"] = {"STM32L496ZG"};
    j["accuracy_metric"] = "F1 %";
    const auto r = projectFromJson(j, "v1.zipcnn.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(r.project->accuracyMetric, "F1 %");
}

TEST(ProjectAccuracyMetric, MistypedOrEmptyMetric) {
    Project p = lenetProject();
    std::string text = projectToText(p);
    const std::string anchor = "\"format\": \"zipcnn-project\",";
    ASSERT_NE(text.find(anchor), std::string::npos);
    std::string bad = text;
    bad.replace(bad.find(anchor), anchor.size(), anchor + "\"accuracy_metric\": 3,");
    auto r = loadProjectText(bad, "bad.zipcnn.json");
    EXPECT_TRUE(mentions(r.diagnostics, "accuracy_metric")) << dump(r.diagnostics);
    std::string empty = text;
    empty.replace(empty.find(anchor), anchor.size(), anchor + "\"accuracy_metric\": \"\",");
    auto e = loadProjectText(empty, "empty.zipcnn.json");
    ASSERT_TRUE(e.project) << dump(e.diagnostics);
    EXPECT_EQ(e.project->accuracyMetric, kDefaultAccuracyMetric);
}
