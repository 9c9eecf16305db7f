// SPDX-License-Identifier: GPL-3.0-or-later
// The cost commands: estimate, sweep, calibrate, validate, bench.
#include "CliApp.h"
#include "CliTestSupport.h"
#include "io/LutFile.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

using nlohmann::json;
using zipcnn::cli::runCli;
using zipcnn::clitest::CliRun;
using zipcnn::clitest::run;
using zipcnn::clitest::runJson;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    auto dir = fs::temp_directory_path() / "zipcnn_cost_cli_test" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

const std::string kManifest = std::string(ZIPCNN_SOURCE_DIR) + "/data/measurements/thesis.json";

} // namespace

TEST(CostCli, EstimateJsonHasTheDocumentedKeysAndEveryCharacterisedClock) {
    json j = runJson({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--json"});
    for (const char* key : {"model", "mcu", "dtype", "prune", "flash_bytes", "ram_bytes", "points"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["mcu"], "STM32L496ZG");
    EXPECT_EQ(j["dtype"], "fp32");
    EXPECT_EQ(j["ram_bytes"], 23520); // thesis Table 4.5
    ASSERT_EQ(j["points"].size(), 14u);
    for (const auto& p : j["points"]) {
        for (const char* key :
             {"freq_mhz", "latency_ms", "current_ma", "power_w", "energy_j", "interpolated"})
            EXPECT_TRUE(p.contains(key)) << key;
        EXPECT_FALSE(p["interpolated"].get<bool>());
        const double e = p["power_w"].get<double>() * p["latency_ms"].get<double>() * 1e-3;
        EXPECT_NEAR(p["energy_j"].get<double>(), e, 1e-12 + 1e-9 * e);
    }
    // Latency falls with the clock.
    EXPECT_GT(j["points"][0]["latency_ms"].get<double>(),
              j["points"][13]["latency_ms"].get<double>());
}

TEST(CostCli, EstimateFlagsInterpolationAndRefusesClocksOutsideTheRange) {
    json j = runJson({"estimate", "lenet5-relu", "--mcu", "STM32F446ZE", "--freq", "70", "--freq",
                      "80", "--dtype", "int8", "--prune", "0.5", "--json"});
    ASSERT_EQ(j["points"].size(), 2u);
    EXPECT_TRUE(j["points"][0]["interpolated"].get<bool>());
    EXPECT_FALSE(j["points"][1]["interpolated"].get<bool>());
    EXPECT_EQ(j["prune"], 0.5);
    EXPECT_EQ(j["dtype"], "int8");

    CliRun low = run({"estimate", "lenet5", "--mcu", "STM32F446ZE", "--freq", "8"});
    EXPECT_EQ(low.status, 2);
    EXPECT_TRUE(low.out.empty());
    EXPECT_NE(low.err.find("outside"), std::string::npos) << low.err;
    EXPECT_NE(low.err.find("8 MHz"), std::string::npos) << low.err;

    CliRun unknown = run({"estimate", "lenet5", "--mcu", "ATmega328"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("ATmega328"), std::string::npos);
    EXPECT_EQ(run({"estimate", "lenet5"}).status, 2); // --mcu is required
    EXPECT_EQ(run({"estimate", "lenet5", "--mcu", "STM32F446ZE", "--dtype", "fp16"}).status, 2);
}

TEST(CostCli, EstimateBreakdownSumsToTheTotals) {
    json j = runJson(
        {"estimate", "resnet8", "--mcu", "STM32F746ZG", "--freq", "216", "--breakdown", "--json"});
    const auto& p = j["points"][0];
    double latency = 0, energy = 0;
    for (const auto& l : p["layers"]) {
        latency += l["latency_ms"].get<double>();
        energy += l["energy_j"].get<double>();
    }
    EXPECT_NEAR(latency, p["latency_ms"].get<double>(), 1e-9 * latency);
    EXPECT_NEAR(energy, p["energy_j"].get<double>(), 1e-9 * energy);
    EXPECT_GE(p["primitives"].size(), 9u); // Table 5.2's nine primitives (+ overhead)
}

TEST(CostCli, EstimateCsvHasAHeaderAndARowPerClock) {
    CliRun r = run({"estimate", "lenet5", "--mcu", "STM32L496ZG", "--csv"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind("freq_mhz,latency_ms,current_ma,power_w,energy_j,interpolated\n", 0), 0u);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 15);
}

TEST(CostCli, SweepCoversEveryCombinationAndExplainsInfeasibleCells) {
    // Each MCU at its characterised clocks (14 each); the default grid adds fill-ins.
    json j = runJson({"sweep", "resnet8", "--dtype", "fp32", "--dtype", "int8", "--prune", "0",
                      "--prune", "0.5", "--max-latency-ms", "1000", "--clocks", "characterised",
                      "--json"});
    EXPECT_EQ(j["variants"].size(), 4u);
    EXPECT_EQ(j["summary"].size(), 12u); // 4 variants x 3 MCUs
    EXPECT_EQ(j["points"].size(), 4u * 42u);
    bool someFeasible = false, someInfeasible = false;
    for (const auto& s : j["summary"]) {
        if (s["feasible"].get<bool>()) {
            someFeasible = true;
            EXPECT_FALSE(s["feasible_freqs_mhz"].empty());
            EXPECT_TRUE(s["failing"].empty());
        } else {
            someInfeasible = true;
            ASSERT_FALSE(s["failing"].empty());
            EXPECT_EQ(s["failing"][0]["constraint"], "latency");
            EXPECT_GT(s["failing"][0]["excess_pct"].get<double>(), 0.0);
        }
        EXPECT_FALSE(s["min_energy_freq_mhz"].is_null());
    }
    EXPECT_TRUE(someFeasible);
    EXPECT_TRUE(someInfeasible);
    // Every infeasible point names a broken constraint.
    for (const auto& p : j["points"])
        EXPECT_EQ(p["feasible"].get<bool>(), p["violations"].empty());
}

TEST(CostCli, SweepReadsAProjectsVariantsMcusAndConstraints) {
    const std::string project =
        std::string(ZIPCNN_SOURCE_DIR) + "/resources/examples/lenet5.zipcnn.json";
    json j = runJson({"sweep", project, "--json"});
    EXPECT_GE(j["variants"].size(), 2u);
    EXPECT_FALSE(j["summary"].empty());
    CliRun mixed = run({"sweep", project, "--prune", "0.5"});
    EXPECT_EQ(mixed.status, 2);
}

TEST(CostCli, SweepMemoryReservesMakeCellsInfeasible) {
    // 320 KiB of SRAM minus a 310 KiB reserve cannot hold resnet8's 192 KiB of activations.
    json j =
        runJson({"sweep", "resnet8", "--mcu", "STM32L496ZG", "--ram-reserve-kib", "310", "--json"});
    ASSERT_EQ(j["summary"].size(), 1u);
    EXPECT_FALSE(j["summary"][0]["feasible"].get<bool>());
    EXPECT_EQ(j["summary"][0]["failing"][0]["constraint"], "ram");
}

TEST(CostCli, CalibrateWritesADeterministicLutThatLoads) {
    const auto dir = scratch("calibrate");
    ASSERT_EQ(
        run({"calibrate", kManifest, "--mcu", "STM32L496ZG", "--out-dir", dir.string()}).status, 0);
    const auto file = dir / "STM32L496ZG.json";
    const std::string first = readAll(file);
    auto loaded = zipcnn::loadLutFile(file.string());
    ASSERT_TRUE(loaded.profile);
    ASSERT_TRUE(loaded.profile->calibration);
    EXPECT_GT(loaded.profile->calibration->params.c0, 0.0);
    // Same input, same bytes.
    ASSERT_EQ(
        run({"calibrate", kManifest, "--mcu", "STM32L496ZG", "--out-dir", dir.string()}).status, 0);
    EXPECT_EQ(readAll(file), first);
    // The shipped LUT was produced by this very command.
    EXPECT_EQ(first, readAll(std::string(ZIPCNN_SOURCE_DIR) + "/luts/STM32L496ZG.json"));
}

TEST(CostCli, CalibrateNamesTheBadRowOfAMeasurementFile) {
    const auto dir = scratch("badcsv");
    std::ofstream(dir / "m.csv") << "mcu,config,freq_mhz,metric,measured\n"
                                 << "STM32L496ZG,fp32,80,latency_ms,120\n"
                                 << "STM32L496ZG,fp32,80,current_ma,-3\n";
    std::ofstream(dir / "set.json")
        << R"({"format": "zipcnn-measurements", "version": 1, "sets": [{"name": "x", "csv": "m.csv",
              "configs": {"fp32": {"model": "lenet5-relu"}}}]})";
    CliRun r = run({"calibrate", (dir / "set.json").string(), "--out-dir", dir.string()});
    EXPECT_EQ(r.status, 1);
    EXPECT_NE(r.err.find("m.csv:3"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("measured"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "STM32L496ZG.json"));

    CliRun missing = run({"calibrate", (dir / "none.json").string()});
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("none.json"), std::string::npos);
}

TEST(CostCli, ValidateReportsOurErrorBesideTheThesisAndMeetsTheTargets) {
    json j = runJson({"validate", "--json"});
    ASSERT_EQ(j["reports"].size(), 1u);
    const json* overall = nullptr;
    for (const auto& r : j["reports"][0]["rows"])
        if (r["mcu"] == "all" && r["set"] == "all")
            overall = &r;
    ASSERT_TRUE(overall);
    EXPECT_EQ((*overall)["points"], 364);
    EXPECT_LE((*overall)["latency_pct"].get<double>(), 5.0);
    EXPECT_LE((*overall)["energy_pct"].get<double>(), 6.6);
    EXPECT_GT((*overall)["thesis"]["latency_pct"].get<double>(),
              (*overall)["latency_pct"].get<double>());

    json cv = runJson({"validate", "--cv", "--json"});
    ASSERT_EQ(cv["reports"].size(), 3u);
    EXPECT_EQ(cv["reports"][1]["mode"], "leave-one-network-out");
    EXPECT_EQ(cv["reports"][2]["mode"], "leave-one-configuration-out");
}

TEST(CostCli, BenchTimesThe504PointSweep) {
    json j = runJson({"bench", "--repeats", "3", "--json"});
    EXPECT_EQ(j["sweep_points"], 504);
    EXPECT_GT(j["sweep_median_ms"].get<double>(), 0.0);
}

TEST(CostCli, SweepWritesCsvJsonAndHdf5Files) {
    namespace fs = std::filesystem;
    const fs::path dir =
        fs::temp_directory_path() / ("zipcnn-sweep-out-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* name : {"s.csv", "s.json", "s.h5"}) {
        const std::string path = (dir / name).string();
        CliRun r = run({"sweep", "lenet5", "--dtype", "int8", "-o", path});
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_TRUE(r.out.empty());
        EXPECT_GT(fs::file_size(path), 100u) << path;
    }
    std::ifstream csv(dir / "s.csv");
    std::string header;
    std::getline(csv, header);
    EXPECT_EQ(header, "variant,mcu,runtime,freq_mhz,latency_ms,current_ma,power_w,energy_j,"
                      "interpolated,feasible,violations,dtype,prune,flash_bytes,ram_bytes");
    std::ifstream h5(dir / "s.h5", std::ios::binary);
    char magic[8] = {};
    h5.read(magic, 8);
    EXPECT_EQ(std::string(magic + 1, 3), "HDF");
    // A name the exporter does not know, and a folder that does not exist, are refused.
    CliRun bad = run({"sweep", "lenet5", "-o", (dir / "s.xls").string()});
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find(".csv, .json or .h5"), std::string::npos);
    CliRun missing = run({"sweep", "lenet5", "-o", (dir / "no" / "s.h5").string()});
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.err.find("no/s.h5"), std::string::npos) << missing.err;
    fs::remove_all(dir);
}
