// SPDX-License-Identifier: GPL-3.0-or-later
// The commands that take a MODEL accept Keras model files (written here, no ../shared needed).
#include "CliTestSupport.h"
#include "core/KerasTinyModel.h"

#include <gtest/gtest.h>

using nlohmann::json;
using zipcnn::clitest::CliRun;
using zipcnn::clitest::run;
using zipcnn::clitest::runJson;
using namespace zipcnn::kerastest;

namespace {

/// input 16x16x3 -> conv 3x3x8 relu -> [attention-like custom layer] -> GAP -> dense 4.
std::string writeModel(const std::filesystem::path& dir, bool withCustom) {
    const std::string path = (dir / (withCustom ? "custom.h5" : "tiny.h5")).string();
    writeTinyKerasH5(path, withCustom ? "MyNorm" : "");
    return path;
}

} // namespace

TEST(CliKeras, InspectAKerasFile) {
    const std::string path = writeModel(tempDir("cli_inspect"), false);
    json j = runJson({"inspect", path, "--json"});
    EXPECT_EQ(j["name"], "tiny");
    EXPECT_EQ(j["params"], 224 + 36);
    EXPECT_EQ(j["layers"].size(), 4u);
    EXPECT_EQ(j["layers"][1]["type"], "Conv2D");
    EXPECT_EQ(j["import"]["importer"], "keras-hdf5");
    EXPECT_EQ(j["import"]["stored_params"], 260);
    EXPECT_EQ(j["import"]["params_match"], true);

    CliRun text = run({"inspect", path});
    EXPECT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("imported by keras-hdf5"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("260 stored in 4 weight tensors (match)"), std::string::npos)
        << text.out;

    json p = runJson({"primitives", path, "--json"});
    EXPECT_EQ(p["primitives"]["conv2d_rgb_3x3"], 16 * 16 * 8 * 3);
    json m = runJson({"memory", path, "--json"});
    EXPECT_EQ(m["weights_bytes"], 260 * 4);
}

TEST(CliKeras, UnsupportedLayersNeedTheFlag) {
    const std::string path = writeModel(tempDir("cli_unsupported"), true);
    CliRun refused = run({"inspect", path});
    EXPECT_EQ(refused.status, 1);
    EXPECT_TRUE(refused.out.empty());
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
    EXPECT_NE(refused.err.find(path), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("MyNorm ('my_norm')"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("--keep-unsupported"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find("keepUnsupported"), std::string::npos) << refused.err;

    json j = runJson({"inspect", path, "--keep-unsupported", "--json"});
    EXPECT_EQ(j["layers"][2]["type"], "Unsupported");
    EXPECT_EQ(j["import"]["unsupported"][0]["class"], "MyNorm");
    bool warned = false;
    for (const auto& d : j["diagnostics"])
        warned = warned || (d["code"] == "keras-unsupported-layer" && d["layer"] == "my_norm");
    EXPECT_TRUE(warned) << j["diagnostics"].dump(2);

    json e = runJson(
        {"estimate", path, "--mcu", "STM32L496ZG", "--freq", "80", "--json", "--keep-unsupported"});
    EXPECT_GT(e["points"][0]["latency_ms"].get<double>(), 0.0);
    EXPECT_EQ(run({"sweep", path, "--mcu", "STM32L496ZG", "--json", "--keep-unsupported"}).status,
              0);
}

TEST(CliKeras, BenchTimesAnImport) {
    const std::string path = writeModel(tempDir("cli_bench"), false);
    json j = runJson({"bench", "--import", path, "--repeats", "3", "--json"});
    EXPECT_EQ(j["importer"], "keras-hdf5");
    EXPECT_EQ(j["repeats"], 3);
    EXPECT_GT(j["import_median_ms"].get<double>(), 0.0);
}
