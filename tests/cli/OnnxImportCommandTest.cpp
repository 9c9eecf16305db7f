// SPDX-License-Identifier: GPL-3.0-or-later
// The commands that take a MODEL accept ONNX files (the project's own: the fuzzer's seeds and
// the bad-input corpus, written by OnnxBadInputGenerator), and --input-shape sizes a model
// whose input size is open.
#include "CliTestSupport.h"

#include <gtest/gtest.h>

using nlohmann::json;
using zipcnn::clitest::CliRun;
using zipcnn::clitest::run;
using zipcnn::clitest::runJson;

namespace {

const std::string kSeeds = std::string(ZIPCNN_SOURCE_DIR) + "/tests/fuzz/corpus/onnx/";
const std::string kBad = std::string(ZIPCNN_SOURCE_DIR) + "/tests/data/bad/onnx/";

} // namespace

TEST(CliOnnx, InspectAnOnnxFile) {
    json j = runJson({"inspect", kSeeds + "classifier.onnx", "--json"});
    EXPECT_EQ(j["params"], 8 * 27 + 8 + 80 + 10);
    EXPECT_EQ(j["layers"][1]["type"], "Conv2D");
    EXPECT_EQ(j["import"]["importer"], "onnx");
    EXPECT_EQ(j["import"]["non_weight_constants"], 0);
    EXPECT_EQ(j["import"]["quantization"], "");

    json q = runJson({"inspect", kSeeds + "qlinear.onnx", "--json"});
    EXPECT_EQ(q["import"]["quantization"],
              "QDQ: 0 QuantizeLinear, 1 DequantizeLinear; QOperator: QLinearConv x1; weights INT8 "
              "per-tensor (1 tensors); activations UINT8");
    EXPECT_EQ(q["import"]["baseline_int8"], true);
}

TEST(CliOnnx, AnOpenInputSizeNeedsInputShape) {
    const std::string path = kBad + "open-size.onnx";
    CliRun refused = run({"inspect", path});
    EXPECT_EQ(refused.status, 1);
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
    EXPECT_NE(refused.err.find("--input-shape"), std::string::npos) << refused.err;

    json j = runJson({"inspect", path, "--input-shape", "1x3x16x16", "--json"});
    EXPECT_EQ(j["layers"][0]["output_shape"], json::array({16, 16, 3})) << j.dump();
    json same = runJson({"inspect", path, "--input-shape", "1x16x16x3", "--json"});
    EXPECT_EQ(same["macs"], j["macs"]);

    CliRun bad = run({"inspect", path, "--input-shape", "1xAx3"});
    EXPECT_NE(bad.status, 0);
    EXPECT_NE(bad.err.find("--input-shape: expected positive sizes like 1x96x96x3, got '1xAx3'"),
              std::string::npos)
        << bad.err;
}

TEST(CliOnnx, ABrokenFileIsOneLineNamingIt) {
    const std::string path = kBad + "truncated.onnx";
    CliRun r = run({"inspect", path});
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("JSON"), std::string::npos) << r.err;
}
