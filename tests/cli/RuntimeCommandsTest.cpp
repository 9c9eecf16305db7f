// SPDX-License-Identifier: GPL-3.0-or-later
// The runtime and MCU-catalogue contract of issue 14: runtimes, mcus, estimate --runtime,
// validate's runtime tables (keys exactly as docs/cli.md says).
#include "CliTestSupport.h"

#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

using nlohmann::json;
using zipcnn::clitest::CliRun;
using zipcnn::clitest::run;
using zipcnn::clitest::runJson;

namespace {

void expectOneLineError(const CliRun& r, int status, const std::string& fragment) {
    EXPECT_EQ(r.status, status);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
}

} // namespace

TEST(RuntimesCommand, JsonKeysFollowTheContract) {
    json j = runJson({"runtimes", "--json"});
    ASSERT_TRUE(j.contains("runtimes"));
    std::map<std::string, json> byId;
    for (const auto& r : j["runtimes"]) {
        for (const char* key : {"id", "name", "version", "core_families", "calibration"})
            EXPECT_TRUE(r.contains(key)) << key;
        byId[r["id"]] = r;
    }
    for (const char* id : {"thesis-c", "tflm-cmsis-nn", "x-cube-ai-7", "x-cube-ai-8", "x-cube-ai-9",
                           "plumerai", "bosch-hale", "microtvm"})
        ASSERT_TRUE(byId.count(id)) << id;
    const json& x = byId["x-cube-ai-9"];
    EXPECT_EQ(x["aliases"][0], "x-cube-ai");
    const json& cal = x["calibration"];
    EXPECT_EQ(cal["points"], 16);
    for (const char* p : {"in_sample", "leave_one_model_out", "leave_one_board_out"})
        EXPECT_TRUE(cal["latency_error_pct"][p].is_number()) << p;
    EXPECT_EQ(x["core_families"], json::array({"cortex-m4", "cortex-m33", "cortex-m7"}));
    // One board per family: leave-one-board-out cannot run and is null.
    EXPECT_TRUE(
        byId["bosch-hale"]["calibration"]["latency_error_pct"]["leave_one_board_out"].is_null());
    EXPECT_EQ(byId["thesis-c"]["calibration"]["statistic"], "mean");
    EXPECT_EQ(byId["thesis-c"]["calibration"]["latency_error_pct"]["in_sample"], 3.21);
    CliRun text = run({"runtimes"});
    EXPECT_EQ(text.status, 0);
    EXPECT_NE(text.out.find("x-cube-ai-9 (x-cube-ai, stedgeai)"), std::string::npos) << text.out;
}

TEST(McusCommand, EveryProfileHasItsBasis) {
    json j = runJson({"mcus", "--json"});
    ASSERT_TRUE(j.is_array());
    EXPECT_EQ(j.size(), 21u);
    std::map<std::string, std::string> basis;
    for (const auto& m : j)
        basis[m["name"]] = m["basis"];
    EXPECT_EQ(basis["STM32L496ZG"], "measured");
    EXPECT_EQ(basis["STM32F746ZG"], "measured");
    EXPECT_EQ(basis["STM32L4R5ZI"], "benchmark");
    EXPECT_EQ(basis["STM32H7A3ZI"], "benchmark");
    EXPECT_EQ(basis["STM32G0B1RE"], "benchmark");
    EXPECT_EQ(basis["STM32U575ZI"], "datasheet");
    EXPECT_EQ(basis["EFR32MG24"], "datasheet"); // its rows use the MVP accelerator
    for (const auto& [name, b] : basis)
        EXPECT_TRUE(b == "measured" || b == "benchmark" || b == "datasheet") << name;
}

TEST(EstimateRuntime, BenchmarkCalibratedEstimateCarriesBasisAndExpectedError) {
    json j = runJson({"estimate", "resnet8", "--mcu", "STM32H7A3ZIT6Q", "--runtime", "x-cube-ai",
                      "--freq", "280", "--json"});
    EXPECT_EQ(j["runtime"], "x-cube-ai-9");
    EXPECT_EQ(j["mcu"], "STM32H7A3ZI");
    EXPECT_EQ(j["basis"], "benchmark");
    EXPECT_TRUE(j["expected_error_pct"].is_number());
    ASSERT_EQ(j["points"].size(), 1u);
    const json& p = j["points"][0];
    // ResNet-8 under X-CUBE-AI 9.0 on the H7A3 at 280 MHz: 40.8 ms measured (MLPerf Tiny v1.2)
    EXPECT_NEAR(p["latency_ms"].get<double>(), 40.8, 40.8 * 0.15);
    EXPECT_EQ(p["flash_wait_states"], 6);
    EXPECT_TRUE(p["energy_j"].is_number());
}

TEST(EstimateRuntime, VoltageScalesEnergyAndDatasheetMcusGetWiderErrors) {
    json a = runJson({"estimate", "ds-cnn-s", "--mcu", "STM32L4R5ZI", "--runtime", "x-cube-ai-9",
                      "--freq", "120", "--json"});
    json b = runJson({"estimate", "ds-cnn-s", "--mcu", "STM32L4R5ZI", "--runtime", "x-cube-ai-9",
                      "--freq", "120", "--voltage", "1.8", "--json"});
    EXPECT_NEAR(b["points"][0]["energy_j"].get<double>() / a["points"][0]["energy_j"].get<double>(),
                1.8 / 3.3, 1e-9);
    EXPECT_EQ(b["voltage_v"], 1.8);
    json d = runJson({"estimate", "ds-cnn-s", "--mcu", "STM32U575ZI", "--runtime", "x-cube-ai-9",
                      "--freq", "160", "--json"});
    EXPECT_EQ(d["basis"], "datasheet");
    json u = runJson({"estimate", "ds-cnn-s", "--mcu", "STM32U385RG", "--runtime", "x-cube-ai-9",
                      "--freq", "96", "--json"});
    EXPECT_EQ(u["basis"], "benchmark");
    EXPECT_GT(d["expected_error_pct"].get<double>(), u["expected_error_pct"].get<double>());
}

TEST(EstimateRuntime, ThesisBoardsKeepTheThesisEstimateWithItsBasis) {
    json j = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--freq", "80", "--json"});
    EXPECT_EQ(j["runtime"], "thesis-c");
    EXPECT_EQ(j["basis"], "measured");
    json t = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--freq", "80", "--runtime",
                      "thesis-c", "--json"});
    EXPECT_EQ(t["points"], j["points"]);
    json v = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--freq", "80", "--runtime",
                      "thesis-c", "--voltage", "1.8", "--json"});
    EXPECT_NEAR(v["points"][0]["energy_j"].get<double>() / j["points"][0]["energy_j"].get<double>(),
                1.8 / 3.305, 1e-9);
    // An alias of a thesis board reaches its LUT.
    json alias =
        runJson({"estimate", "lenet5", "--mcu", "stm32l496zgt6", "--freq", "80", "--json"});
    EXPECT_EQ(alias["mcu"], "STM32L496ZG");
    EXPECT_EQ(alias["points"], j["points"]);
    // The thesis boards also run the other runtimes through their core family.
    json x = runJson({"estimate", "resnet8", "--mcu", "STM32F746ZG", "--runtime", "x-cube-ai",
                      "--freq", "216", "--json"});
    EXPECT_EQ(x["core_family"], "cortex-m7");
    EXPECT_LT(x["points"][0]["latency_ms"].get<double>(), 200.0);
}

TEST(EstimateRuntime, UnknownNamesAndUnsupportedPairsAreOneLineWithTheChoices) {
    expectOneLineError(run({"estimate", "resnet8", "--mcu", "STM32H7A3ZI", "--runtime", "tvm2"}), 2,
                       "unknown runtime 'tvm2' (valid: bosch-hale");
    expectOneLineError(run({"estimate", "resnet8", "--mcu", "STM32H9", "--runtime", "x-cube-ai"}),
                       2, "unknown MCU 'STM32H9' (valid: STM32L496ZG");
    expectOneLineError(
        run({"estimate", "resnet8", "--mcu", "STM32G0B1RE", "--runtime", "x-cube-ai-9"}), 2,
        "runtime 'x-cube-ai-9' has no cost data for cortex-m0plus");
    expectOneLineError(
        run({"estimate", "resnet8", "--mcu", "STM32H7A3ZI", "--runtime", "thesis-c"}), 2,
        "runtime 'thesis-c' has no measured LUT for STM32H7A3ZI");
}

TEST(SweepRuntime, SweepsMcuTimesRuntimeThroughTheExploration) {
    json j = runJson({"sweep", "resnet8", "--runtime", "x-cube-ai", "--runtime", "thesis-c",
                      "--mcu", "STM32F746ZG", "--json"});
    // A MODEL with a deployment runtime among the targets: INT8 by default.
    ASSERT_EQ(j["variants"].size(), 1u);
    EXPECT_EQ(j["variants"][0]["dtype"], "int8");
    ASSERT_EQ(j["summary"].size(), 2u);
    EXPECT_EQ(j["summary"][0]["runtime"], "x-cube-ai-9");
    EXPECT_EQ(j["summary"][1]["runtime"], "thesis-c");
    double xcube = 0.0, thesis = 0.0;
    for (const auto& p : j["points"]) {
        EXPECT_EQ(p["mcu"], "STM32F746ZG");
        if (p["freq_mhz"] == 216.0)
            (p["runtime"] == "thesis-c" ? thesis : xcube) = p["latency_ms"].get<double>();
    }
    // The gap: some 3.3 s under the thesis's kernels, ~62-65 ms published for
    // commercial engines on an F746-class M7.
    EXPECT_GT(thesis, 2000.0);
    EXPECT_GT(xcube, 30.0);
    EXPECT_LT(xcube, 130.0);
    // A runtime alone: every catalogue MCU it has data for.
    json all = runJson({"sweep", "resnet8", "--runtime", "tflm-cmsis-nn", "--json"});
    std::set<std::string> mcus;
    for (const auto& s : all["summary"])
        mcus.insert(s["mcu"].get<std::string>());
    EXPECT_TRUE(mcus.count("STM32L4R5ZI"));
    EXPECT_TRUE(mcus.count("R7FA8D1"));
    EXPECT_FALSE(mcus.count("STM32F746ZG")) << "no cortex-m7 data for tflm-cmsis-nn";
}

TEST(SweepRuntime, UnknownNamesAndUnsupportedPairsAreOneLine) {
    expectOneLineError(run({"sweep", "resnet8", "--runtime", "tvm2"}), 2,
                       "unknown runtime 'tvm2' (valid: bosch-hale");
    expectOneLineError(run({"sweep", "resnet8", "--runtime", "x-cube-ai", "--mcu", "STM32H9"}), 2,
                       "STM32H9 under x-cube-ai-9: unknown MCU");
    expectOneLineError(run({"sweep", "resnet8", "--runtime", "plumerai", "--mcu", "STM32G0B1RE"}),
                       2, "plumerai has no cost data for cortex-m0plus");
}

TEST(ValidateCommand, PrintsTheRuntimeTablesPerCoreFamily) {
    json j = runJson({"validate", "--json"});
    ASSERT_TRUE(j.contains("runtimes"));
    bool found = false;
    for (const auto& r : j["runtimes"]["rows"])
        if (r["runtime"] == "x-cube-ai-9" && r["core_family"] == "cortex-m4") {
            found = true;
            EXPECT_EQ(r["points"], 8);
            EXPECT_TRUE(r["latency_error_pct"]["leave_one_board_out"].is_number());
        }
    EXPECT_TRUE(found);
}
