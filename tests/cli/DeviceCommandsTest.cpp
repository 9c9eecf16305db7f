// SPDX-License-Identifier: GPL-3.0-or-later
// The device flags of `estimate` and `sweep` (docs/device.md): the contract's JSON keys, the
// bare-number formula checked against each point's own current and latency, presets, a
// project's device model, and bad flags named in the message.
#include "CliApp.h"
#include "CliTestSupport.h"
#include "io/ProjectJson.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

using nlohmann::json;
using zipcnn::clitest::CliRun;
using zipcnn::clitest::run;
using zipcnn::clitest::runJson;
namespace fs = std::filesystem;

namespace {

// LeNet5 on the STM32L496ZG's lowest characterised clock (0.1 MHz) takes over 3 minutes: the
// periods below are long enough for every clock to have a battery life.
const std::string kExample =
    std::string(ZIPCNN_SOURCE_DIR) + "/resources/examples/lenet5.zipcnn.json";

/// avg = (I t + I_wake W + I_sleep (T - t - W)) / T, I_wake = I, in mA; times in s.
double contractAverage(const json& p, double periodS, double sleepUa, double wakeUs) {
    const double i = p["current_ma"].get<double>();
    const double t = p["latency_ms"].get<double>() / 1e3;
    const double w = wakeUs / 1e6;
    return (i * t + i * w + sleepUa / 1e3 * (periodS - t - w)) / periodS;
}

} // namespace

TEST(DeviceCli, EstimateBareBatteryFollowsTheContractFormula) {
    const json j = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--period-s", "600",
                            "--battery", "225", "--sleep-ua", "2", "--json"});
    ASSERT_TRUE(j.contains("points"));
    ASSERT_FALSE(j["points"].empty());
    for (const json& p : j["points"]) {
        for (const char* key : {"battery_life_h", "avg_current_ma", "energy_per_period_j"})
            ASSERT_TRUE(p.contains(key) && p[key].is_number()) << key << " in " << p.dump();
        const double avg = contractAverage(p, 600.0, 2.0, 0.0);
        EXPECT_NEAR(p["avg_current_ma"].get<double>(), avg, 1e-12 + 1e-9 * avg);
        EXPECT_NEAR(p["battery_life_h"].get<double>(), 225.0 / avg, 1e-9 * 225.0 / avg);
        const json& blocks = p["energy_per_period_blocks"];
        ASSERT_EQ(blocks.size(), 3u);
        EXPECT_EQ(blocks[0]["name"], "cnn");
        EXPECT_NEAR(blocks[0]["energy_j"].get<double>(), p["energy_j"].get<double>(),
                    1e-9 * p["energy_j"].get<double>());
    }
    EXPECT_TRUE(j["longest_life_freq_mhz"].is_number());
    EXPECT_TRUE(j["min_energy_freq_mhz"].is_number());
    EXPECT_EQ(j["device"]["sleep_source"], "given");
    EXPECT_EQ(j["device"]["supply"]["regulator"], "ldo");
}

TEST(DeviceCli, EstimateWakeTimeAndCatalogueSleepCurrent) {
    // No --sleep-ua: the catalogue's Stop 2 figure of the STM32L496ZG, 2.57 uA.
    const json j = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--period-s", "600",
                            "--battery", "1000", "--wake-us", "500", "--json"});
    EXPECT_DOUBLE_EQ(j["device"]["sleep_ua_used"].get<double>(), 2.57);
    EXPECT_NE(j["device"]["sleep_source"].get<std::string>().find("Stop 2"), std::string::npos);
    for (const json& p : j["points"]) {
        const double avg = contractAverage(p, 600.0, 2.57, 500.0);
        EXPECT_NEAR(p["avg_current_ma"].get<double>(), avg, 1e-9 * avg);
        EXPECT_NEAR(p["battery_life_h"].get<double>(), 1000.0 / avg, 1e-9 * 1000.0 / avg);
    }
}

TEST(DeviceCli, EstimateUnderARuntimeGainsTheSameKeys) {
    const json j = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--runtime", "x-cube-ai",
                            "--period-s", "10", "--battery", "225", "--sleep-ua", "2", "--json"});
    ASSERT_FALSE(j["points"].empty());
    for (const json& p : j["points"]) {
        ASSERT_TRUE(p["current_ma"].is_number()) << p.dump();
        const double avg = contractAverage(p, 10.0, 2.0, 0.0);
        EXPECT_NEAR(p["avg_current_ma"].get<double>(), avg, 1e-9 * avg);
        EXPECT_NEAR(p["battery_life_h"].get<double>(), 225.0 / avg, 1e-9 * 225.0 / avg);
    }
}

TEST(DeviceCli, PresetAddsItsAssumptionsAndHelpListsThem) {
    const json j = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--period-s", "600",
                            "--battery", "cr2032", "--sleep-ua", "2", "--json"});
    const double selfDischarge = 225.0 * 0.01 / 8766.0;
    for (const json& p : j["points"]) {
        const double avg = contractAverage(p, 600.0, 2.0, 0.0);
        EXPECT_NEAR(p["battery_life_h"].get<double>(), 225.0 * 0.8 / (avg + selfDischarge), 1e-6);
    }
    const CliRun help = run({"estimate", "--battery", "help"});
    EXPECT_EQ(help.status, 0) << help.err;
    for (const char* id :
         {"cr2032:", "2xaa:", "lipo1000:", "supercap:", "sources:", "assumptions:"})
        EXPECT_NE(help.out.find(id), std::string::npos) << id;
    EXPECT_EQ(run({"sweep", "--battery", "help"}).status, 0);
}

TEST(DeviceCli, DutyCycleThatCannotBeMetIsAClearNo) {
    const json j = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--period-s", "0.0001",
                            "--battery", "225", "--sleep-ua", "2", "--json"});
    for (const json& p : j["points"]) {
        EXPECT_FALSE(p["device_ok"].get<bool>());
        EXPECT_TRUE(p["battery_life_h"].is_null());
        EXPECT_EQ(p["device_why"].get<std::string>().rfind("the inference takes ", 0), 0u);
        EXPECT_NE(p["device_why"].get<std::string>().find("the period is 100 us"),
                  std::string::npos)
            << p["device_why"];
    }
    const CliRun text = run({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--period-s", "0.0001",
                             "--battery", "225", "--sleep-ua", "2"});
    EXPECT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("no: the inference takes"), std::string::npos) << text.out;
}

TEST(DeviceCli, BadFlagsAreNamed) {
    auto fails = [](std::vector<std::string> extra, const std::string& needle) {
        std::vector<std::string> args{"estimate", "lenet5", "--mcu", "STM32L496ZG"};
        args.insert(args.end(), extra.begin(), extra.end());
        const CliRun r = run(args);
        EXPECT_EQ(r.status, 2) << needle;
        EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
    };
    fails({"--period-s", "0", "--battery", "225"}, "--period-s: 0 must be positive");
    fails({"--period-s", "-5", "--battery", "225"}, "--period-s");
    fails({"--period-s", "10", "--battery", "0"},
          "--battery: 0 mAh: the capacity must be positive");
    fails({"--period-s", "10", "--battery", "d-cell"}, "--battery: 'd-cell'");
    fails({"--period-s", "10"}, "--battery MAH|PRESET is needed too");
    fails({"--battery", "225"}, "--period-s T is needed too");
    fails({"--sleep-ua", "2"}, "--sleep-ua needs --period-s and --battery");
    fails({"--period-s", "10", "--battery", "225", "--sleep-ua", "-1"}, "--sleep-ua");
    const CliRun sweep = run(
        {"sweep", "lenet5", "--period-s", "10", "--battery", "225", "--min-battery-life-h", "0"});
    EXPECT_EQ(sweep.status, 2);
    EXPECT_NE(sweep.err.find("--min-battery-life-h"), std::string::npos) << sweep.err;
}

TEST(DeviceCli, SweepReportsTheLongestLifeClockPerCell) {
    const json j = runJson({"sweep", kExample, "--mcu", "STM32L496ZG", "--period-s", "10",
                            "--battery", "cr2032", "--json"});
    ASSERT_TRUE(j.contains("device"));
    ASSERT_FALSE(j["summary"].empty());
    for (const json& s : j["summary"]) {
        ASSERT_TRUE(s.contains("longest_life_freq_mhz")) << s.dump();
        if (s["feasible"].get<bool>()) {
            EXPECT_TRUE(s["longest_life_freq_mhz"].is_number());
        }
    }
    for (const json& p : j["points"])
        for (const char* key : {"battery_life_h", "avg_current_ma", "energy_per_period_j"})
            EXPECT_TRUE(p.contains(key)) << key;
    const CliRun text =
        run({"sweep", kExample, "--mcu", "STM32L496ZG", "--period-s", "10", "--battery", "cr2032"});
    EXPECT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("longest-life MHz"), std::string::npos) << text.out;
    const CliRun csv = run({"sweep", kExample, "--mcu", "STM32L496ZG", "--period-s", "10",
                            "--battery", "cr2032", "--csv"});
    EXPECT_NE(csv.out.find(",battery_life_h,avg_current_ma,energy_per_period_j,cnn_share\n"),
              std::string::npos);
    // Without device flags, no device keys: the sweep's output is as before.
    const json plain = runJson({"sweep", kExample, "--mcu", "STM32L496ZG", "--json"});
    EXPECT_FALSE(plain.contains("device"));
    EXPECT_FALSE(plain["summary"][0].contains("longest_life_freq_mhz"));
}

TEST(DeviceCli, BatteryLifeConstraintMakesCellsInfeasible) {
    // A CR2032 cannot last 100 years: every cell fails on "battery".
    const json j = runJson({"sweep", "lenet5", "--mcu", "STM32L496ZG", "--period-s", "600",
                            "--battery", "cr2032", "--min-battery-life-h", "876600", "--json"});
    ASSERT_FALSE(j["summary"].empty());
    for (const json& s : j["summary"]) {
        EXPECT_FALSE(s["feasible"].get<bool>());
        bool battery = false;
        for (const json& f : s["failing"])
            battery = battery || f["constraint"] == "battery";
        EXPECT_TRUE(battery) << s.dump();
    }
    const CliRun text = run({"sweep", "lenet5", "--mcu", "STM32L496ZG", "--period-s", "600",
                             "--battery", "cr2032", "--min-battery-life-h", "876600"});
    EXPECT_NE(text.out.find("no: battery "), std::string::npos) << text.out;
    EXPECT_NE(text.out.find(", need 100\n"), std::string::npos) << text.out;
}

TEST(DeviceCli, AProjectsDeviceModelNeedsNoFlagsAndFlagsOverrideIt) {
    const auto dir =
        fs::temp_directory_path() / ("zipcnn_device_cli_test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string path = (dir / "device.zipcnn.json").string();
    zipcnn::ProjectLoadResult loaded = zipcnn::loadProjectFile(kExample);
    ASSERT_TRUE(loaded.project);
    zipcnn::Project p = *loaded.project;
    zipcnn::DeviceModel d;
    d.periodS = 600.0;
    d.sleepUa = 3.0;
    d.supply.battery = zipcnn::Battery{"", 500.0, 3.0, 1.0, 0.0};
    p.device = d;
    std::string error;
    ASSERT_TRUE(zipcnn::saveProjectFile(p, path, &error)) << error;
    const json j = runJson({"estimate", path, "--mcu", "STM32L496ZG", "--json"});
    ASSERT_FALSE(j["points"].empty());
    for (const json& pt : j["points"]) {
        ASSERT_TRUE(pt["battery_life_h"].is_number()) << pt.dump();
        const double avg = contractAverage(pt, 600.0, 3.0, 0.0);
        EXPECT_NEAR(pt["battery_life_h"].get<double>(), 500.0 / avg, 1e-9 * 500.0 / avg);
    }
    const json s = runJson({"sweep", path, "--json"});
    EXPECT_TRUE(s.contains("device"));
    const json over =
        runJson({"estimate", path, "--mcu", "STM32L496ZG", "--period-s", "1200", "--json"});
    ASSERT_TRUE(over.contains("points"));
    for (const json& pt : over["points"]) {
        ASSERT_TRUE(pt["battery_life_h"].is_number()) << pt.dump();
        const double avg = contractAverage(pt, 1200.0, 3.0, 0.0);
        EXPECT_NEAR(pt["battery_life_h"].get<double>(), 500.0 / avg, 1e-9 * 500.0 / avg);
    }
    fs::remove_all(dir);
}
