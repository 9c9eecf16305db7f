// SPDX-License-Identifier: GPL-3.0-or-later
// `mcu add|remove|show` and `calibrate --user` (issue 18): the user's own MCUs and calibrations,
// kept in a temporary XDG_DATA_HOME.
#include "CliTestSupport.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

using nlohmann::json;
using zipcnn::clitest::CliRun;
using zipcnn::clitest::run;
using zipcnn::clitest::runJson;

namespace fs = std::filesystem;

namespace {

/// Every command reads the user's own MCUs and calibrations: for the whole test program, those of
/// an empty folder of its own, never the developer's (McusCommand counts the catalogue).
[[maybe_unused]] const bool kIsolatedUserData = [] {
    std::string tmpl = (fs::temp_directory_path() / "zipcnn-cli-tests-XXXXXX").string();
    if (const char* dir = ::mkdtemp(tmpl.data()))
        ::setenv("XDG_DATA_HOME", dir, 1);
    return true;
}();

/// Points XDG_DATA_HOME at a fresh folder for the test, and back afterwards.
class UserBoard : public ::testing::Test {
protected:
    fs::path data;
    std::string saved;
    bool had = false;
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "zipcnn-xdg-XXXXXX").string();
        data = ::mkdtemp(tmpl.data());
        if (const char* x = std::getenv("XDG_DATA_HOME")) {
            had = true;
            saved = x;
        }
        ::setenv("XDG_DATA_HOME", data.c_str(), 1);
    }
    void TearDown() override {
        if (had)
            ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
        else
            ::unsetenv("XDG_DATA_HOME");
        std::error_code ec;
        fs::remove_all(data, ec);
    }
    std::string write(const std::string& name, const std::string& text) {
        const fs::path p = data / name;
        std::ofstream(p) << text;
        return p.string();
    }
};

const std::vector<std::string> kAdd{"mcu",
                                    "add",
                                    "--name",
                                    "MYCHIP-M4",
                                    "--core",
                                    "cortex-m4",
                                    "--freq-max",
                                    "120",
                                    "--flash-kib",
                                    "1024",
                                    "--sram-kib",
                                    "256",
                                    "--dtcm-kib",
                                    "64",
                                    "--wait-states",
                                    "30:0,60:1,90:2,120:3",
                                    "--run-ua-per-mhz",
                                    "95",
                                    "--sleep-ua",
                                    "2.5"};

json findMcu(const json& list, const std::string& name) {
    for (const auto& m : list)
        if (m["name"] == name)
            return m;
    return json();
}

// Latencies of two networks at two clocks on the L4R5 under x-cube-ai-9 (made up, plausible).
const std::string kCsv = "mcu,runtime,config,freq_mhz,metric,measured,voltage_v\n"
                         "STM32L4R5ZI,x-cube-ai-9,resnet8,60,latency_ms,420,3.3\n"
                         "STM32L4R5ZI,x-cube-ai-9,resnet8,60,current_ma,12.5,3.3\n"
                         "STM32L4R5ZI,x-cube-ai-9,resnet8,120,latency_ms,215,3.3\n"
                         "STM32L4R5ZI,x-cube-ai-9,resnet8,120,current_ma,22.0,3.3\n"
                         "STM32L4R5ZI,x-cube-ai-9,ds-cnn-s,60,latency_ms,200,3.3\n"
                         "STM32L4R5ZI,x-cube-ai-9,ds-cnn-s,120,latency_ms,103,3.3\n";

} // namespace

TEST_F(UserBoard, AnAddedMcuIsListedWithItsBasisShownAndRemoved) {
    CliRun r = run(kAdd);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("added MYCHIP-M4"), std::string::npos) << r.out;
    EXPECT_TRUE(fs::exists(data / "zipcnn" / "mcus" / "MYCHIP-M4.json"));
    const json m = findMcu(runJson({"mcus", "--json"}), "MYCHIP-M4");
    ASSERT_FALSE(m.is_null());
    EXPECT_EQ(m["basis"], "datasheet (user)");
    EXPECT_EQ(m["user"], true);
    EXPECT_EQ(m["sram_kib"], 256);
    EXPECT_EQ(m["flash_wait_states"].size(), 4u);
    const json shown = runJson({"mcu", "show", "mychip-m4", "--json"});
    EXPECT_EQ(shown["tcm"]["dtcm_kib"], 64);
    EXPECT_EQ(shown["low_power_current_ua"], 2.5);
    // An estimate on it says its basis and the wider error.
    const json e = runJson(
        {"estimate", "resnet8", "--mcu", "MYCHIP-M4", "--runtime", "x-cube-ai-9", "--json"});
    EXPECT_EQ(e["basis"], "datasheet (user)");
    EXPECT_EQ(e["mcu_basis"], "datasheet (user)");
    const json shipped = runJson(
        {"estimate", "resnet8", "--mcu", "STM32F401RE", "--runtime", "x-cube-ai-9", "--json"});
    EXPECT_GT(e["target_expected_error_pct"].get<double>(),
              shipped["target_expected_error_pct"].get<double>());
    r = run({"mcu", "remove", "MYCHIP-M4"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(findMcu(runJson({"mcus", "--json"}), "MYCHIP-M4").is_null());
}

TEST_F(UserBoard, BadFieldsAndShippedNamesAreRefusedNamingTheField) {
    auto refused = [&](std::vector<std::string> args, const std::string& fragment) {
        CliRun r = run(args);
        EXPECT_NE(r.status, 0);
        EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(data / "zipcnn" / "mcus")) << fragment;
    };
    auto with = [&](const std::string& opt, const std::string& value) {
        auto a = kAdd;
        auto it = std::find(a.begin(), a.end(), opt);
        if (it == a.end()) {
            a.push_back(opt);
            a.push_back(value);
        } else {
            *(it + 1) = value;
        }
        return a;
    };
    refused(with("--name", "STM32F746ZG"), "name: 'STM32F746ZG' is the shipped MCU");
    refused(with("--core", "cortex-m3"), "core_family: 'cortex-m3'");
    refused(with("--sram-kib", "0"), "sram_kib: missing or not positive");
    refused(with("--freq-min", "200"), "freq_max_mhz: missing or below freq_min_mhz");
    refused(with("--wait-states", "60:1,30:2,120:3"),
            "flash_wait_states[1].max_mhz: thresholds must be strictly increasing");
    refused(with("--wait-states", "60-1"), "flash_wait_states: '60-1'");
    refused(with("--supply-v", "9"), "supply_v.nominal");
    refused(with("--run-ua-per-mhz", "-1"), "run_current_ua_per_mhz");
    refused(with("--flash-kib", "1.5"), "--flash-kib: '1.5' is not a whole number");
    refused({"mcu", "add", "--name", "X"}, "needs --name, --core");
    CliRun r = run({"mcu", "remove", "STM32F746ZG"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("is a shipped MCU"), std::string::npos) << r.err;
}

TEST_F(UserBoard, AnMcuComesFromAJsonEntryToo) {
    const std::string f = write("chip.json", R"({"name": "MYCHIP-M7", "core_family": "cortex-m7",
        "freq_min_mhz": 8, "freq_max_mhz": 400, "flash_kib": 2048, "sram_kib": 1024,
        "tcm": {"itcm_kib": 64, "dtcm_kib": 128}, "supply_v": {"nominal": 3.3}})");
    CliRun r = run({"mcu", "add", "--from-json", f});
    ASSERT_EQ(r.status, 0) << r.err;
    const json m = findMcu(runJson({"mcus", "--json"}), "MYCHIP-M7");
    EXPECT_EQ(m["basis"], "datasheet (user)");
    EXPECT_EQ(m["freq_max_mhz"], 400);
    const std::string bad =
        write("bad.json", R"({"name": "BAD", "core_family": "cortex-m7", "freq_max_mhz": 400,
        "sram_kib": 1024, "supply_v": {"nominal": 3.3}})");
    r = run({"mcu", "add", "--from-json", bad});
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.err.find("mcus[0].flash_kib: missing"), std::string::npos) << r.err;
}

TEST_F(UserBoard, CalibrateOnYourMeasurementsSavesAUserProfileUsedByEstimates) {
    const std::string csv = write("m.csv", kCsv);
    CliRun dry = run({"calibrate", "--user", csv, "--mcu", "STM32L4R5ZI", "--runtime",
                      "x-cube-ai-9", "--dry-run"});
    ASSERT_EQ(dry.status, 0) << dry.err;
    EXPECT_NE(dry.out.find("dry run: nothing written"), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("leave one network out"), std::string::npos) << dry.out;
    EXPECT_FALSE(fs::exists(data / "zipcnn" / "profiles"));
    const json j = runJson({"calibrate", "--user", csv, "--json"}); // MCU, runtime from the data
    EXPECT_EQ(j["mcu"], "STM32L4R5ZI");
    EXPECT_EQ(j["runtime"], "x-cube-ai-9");
    EXPECT_EQ(j["residuals"].size(), 4u);
    EXPECT_FALSE(j["residuals"][0]["lono_error_pct"].is_null());
    EXPECT_FALSE(j["current_model"].is_null());
    EXPECT_NE(j["source"].get<std::string>().find("calibrated by the user on 4 points"),
              std::string::npos);
    const fs::path file = j["file"].get<std::string>();
    EXPECT_TRUE(fs::exists(file));
    EXPECT_EQ(file.parent_path(), data / "zipcnn" / "profiles");
    const json e = runJson(
        {"estimate", "resnet8", "--mcu", "STM32L4R5ZI", "--runtime", "x-cube-ai-9", "--json"});
    EXPECT_EQ(e["basis"], "calibrated (user)");
    // Another runtime on the same MCU keeps the shipped figures.
    const json other = runJson(
        {"estimate", "resnet8", "--mcu", "STM32L4R5ZI", "--runtime", "x-cube-ai-7", "--json"});
    EXPECT_EQ(other["basis"], "benchmark");
    // More data updates the same file.
    const std::string more = write("more.csv", kCsv + "STM32L4R5ZI,x-cube-ai-9,ad01,120,"
                                                      "latency_ms,1.9,3.3\n");
    const json j2 = runJson({"calibrate", "--user", more, "--json"});
    EXPECT_EQ(j2["file"], j["file"]);
    EXPECT_EQ(j2["residuals"].size(), 5u);
    // That made-up autoencoder ran faster than the convolution cost allows: the dense cost hits
    // the fit's bound, and the notes say so naming it.
    EXPECT_EQ(j2["parameters"]["cycles_per_mac_fc"], 0.0);
    bool noted = false;
    for (const auto& n : j2["notes"])
        noted = noted ||
                n.get<std::string>().find("cycles_per_mac.fc came out at 0") != std::string::npos;
    EXPECT_TRUE(noted) << j2["notes"].dump();
}

TEST_F(UserBoard, MalformedMeasurementsAreNamedByRowAndColumn) {
    const std::string csv = write("bad.csv", "mcu,runtime,config,freq_mhz,metric,measured\n"
                                             "STM32L4R5ZI,x-cube-ai-9,resnet8,60,latency_ms,420\n"
                                             "STM32L4R5ZI,x-cube-ai-9,resnet8,120,latency_ms,-3\n");
    CliRun r = run({"calibrate", "--user", csv});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("bad.csv:3: field 'measured'"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(data / "zipcnn" / "profiles"));
}
