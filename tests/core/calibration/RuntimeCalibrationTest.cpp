// SPDX-License-Identifier: GPL-3.0-or-later
// Calibration of the runtime profiles on the MLPerf Tiny data (data/benchmarks) and the
// protocols that measure it (docs/runtimes.md).
#include "calibration/BenchmarkData.h"
#include "calibration/RuntimeValidation.h"
#include "io/McuFactsFile.h"
#include "io/RuntimeProfileFile.h"

#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

using namespace zipcnn;

namespace {

const std::string kData = ZIPCNN_SOURCE_DATA_DIR;

struct Shipped {
    BenchmarkData bench = loadBenchmarkCsv(kData + "/benchmarks/mlperf_tiny.csv");
    McuFactsCatalog mcus = loadMcuFactsCatalog({kData + "/mcus"});
    RuntimeCatalog runtimes = loadRuntimeCatalog({kData + "/runtimes"});
};

const Shipped& shipped() {
    static const Shipped s;
    return s;
}

struct Calibrated {
    const RuntimeProfile* runtime;
    RuntimeCalibrationResult result;
};

/// Every benchmark-calibrated runtime (not the thesis-LUT one) with what `calibrateRuntime`
/// makes of the shipped data.
const std::vector<Calibrated>& calibratedRuntimes() {
    static const std::vector<Calibrated> all = [] {
        const auto& s = shipped();
        std::vector<Calibrated> v;
        for (const auto& r : s.runtimes.runtimes)
            if (!r.isThesisLut())
                v.push_back({&r, calibrateRuntime(r, s.bench, s.mcus)});
        return v;
    }();
    return all;
}

} // namespace

TEST(BenchmarkData, ReadsEveryRowOfTheShippedFile) {
    const auto& b = shipped().bench;
    EXPECT_FALSE(hasErrors(b.diagnostics));
    EXPECT_EQ(b.rows.size(), 165u);
}

TEST(BenchmarkData, BadRowsAreNamedByLineAndColumn) {
    const std::string header =
        "source_path,round,submitter,system_name,mcu,core,clock_mhz,runtime,benchmark,precision,"
        "latency_ms,energy_uj,notes,board\n";
    BenchmarkData d = parseBenchmarkCsv(
        header + "p,v1,s,x,STM32L4R5,cortex-m4,120,r,ic,int8,-3,,,b\n", "bench.csv");
    const Diagnostic* e = firstError(d.diagnostics);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->toString(),
              "bench.csv:2: column latency_ms: expected a positive number, got '-3'");
    d = parseBenchmarkCsv("mcu,core\n", "h.csv");
    ASSERT_NE(firstError(d.diagnostics), nullptr);
    EXPECT_NE(firstError(d.diagnostics)->message.find("column 'source_path' is missing"),
              std::string::npos);
}

TEST(BenchmarkData, SelectionKeepsCpuOnlyInt8RowsOfTheRuntime) {
    const auto& s = shipped();
    const RuntimeProfile* xca = s.runtimes.find("x-cube-ai-9");
    ASSERT_NE(xca, nullptr);
    const BenchmarkSelection sel = selectBenchmarkPoints(s.bench, *xca, s.mcus);
    std::set<std::string> boards;
    for (const auto& p : sel.points)
        boards.insert(p.board);
    // L4R5 (9.0 and 10.2 on two boards), H7A3 (9.0), U385 (10.2); the U3C5 DSP-coprocessor rows
    // are another engine ("STEDGE-AI Internal version") and the L4R5-P energy run uses an
    // external SMPS.
    EXPECT_EQ(boards, (std::set<std::string>{"NUCLEO-H7A3ZI-Q", "NUCLEO-L4R5ZI", "NUCLEO-L4R5ZI-P",
                                             "NUCLEO-U385RG-Q"}));
    EXPECT_EQ(sel.points.size(), 16u);
    const RuntimeProfile* tvm = s.runtimes.find("microtvm");
    const BenchmarkSelection t = selectBenchmarkPoints(s.bench, *tvm, s.mcus);
    int reruns = 0;
    for (const auto& x : t.excluded)
        reruns += x.reason.find("re-run of another submission") != std::string::npos;
    EXPECT_EQ(reruns, 10);          // Krai's and cTuning's reproductions of OctoML's submission
    EXPECT_EQ(t.points.size(), 8u); // OctoML: nRF5340 and L4R5, four networks each
}

TEST(RuntimeFit, AParameterWithoutDataIsTiedNotGuessed) {
    const auto& s = shipped();
    const RuntimeProfile* xca = s.runtimes.find("x-cube-ai-9");
    Diagnostics d;
    auto pts = fitPoints(selectBenchmarkPoints(s.bench, *xca, s.mcus), *xca, s.mcus, d);
    std::vector<FitPoint> noAd;
    for (const auto& p : pts)
        if (p.point.coreFamily == "cortex-m7" && p.point.zooModel != "ad01")
            noAd.push_back(p);
    std::vector<std::string> notes;
    const KernelCosts k = fitKernelCosts(noAd, "cortex-m7", &notes);
    EXPECT_EQ(k.fcCyclesPerMac, k.convCyclesPerMac);
    ASSERT_FALSE(notes.empty());
    EXPECT_NE(notes.front().find("no dense-layer network"), std::string::npos);
}

// The shipped profiles are exactly what `zipcnn-cli calibrate --runtimes` writes.
TEST(RuntimeCalibration, ShippedProfilesAreTheCalibrationOutput) {
    for (const auto& [rt, res] : calibratedRuntimes()) {
        const RuntimeProfile& r = *rt;
        std::ifstream in(r.file);
        std::stringstream text;
        text << in.rdbuf();
        EXPECT_EQ(runtimeToJson(res.profile).dump(2) + "\n", text.str()) << r.file;
    }
}

// Issue 14's targets on the data it names: median absolute latency error <= 10 % in-sample for
// every benchmark-calibrated (runtime, core family), and energy <= 20 % in-sample.
TEST(RuntimeCalibration, InSampleTargetsAreMet) {
    for (const auto& [rt, res] : calibratedRuntimes()) {
        const RuntimeProfile& r = *rt;
        for (const auto& g : res.groups) {
            const auto& c = *g.costs.calibration;
            ASSERT_TRUE(c.inSample.has_value());
            EXPECT_LE(*c.inSample->medianPct, 10.0) << r.id << " " << g.costs.coreFamily;
            if (c.energyInSample) {
                EXPECT_LE(*c.energyInSample->medianPct, 20.0) << r.id << " " << g.costs.coreFamily;
            }
        }
    }
}

TEST(RuntimeCalibration, ProtocolsThatCannotRunSaySo) {
    const auto& s = shipped();
    const RuntimeCalibrationResult res =
        calibrateRuntime(*s.runtimes.find("bosch-hale"), s.bench, s.mcus);
    ASSERT_FALSE(res.groups.empty());
    for (const auto& g : res.groups) {
        const auto& c = *g.costs.calibration;
        EXPECT_EQ(c.boards.size(), 1u);
        EXPECT_FALSE(c.leaveOneBoardOut.has_value());
        bool said = false;
        for (const auto& n : c.notes)
            said = said ||
                   n.find("leave-one-board-out cannot run: one board only") != std::string::npos;
        EXPECT_TRUE(said) << g.costs.coreFamily;
        EXPECT_TRUE(c.leaveOneModelOut.has_value());
    }
    // x-cube-ai-9 on the M4 has two boards: its leave-one-board-out runs.
    const RuntimeCalibrationResult x =
        calibrateRuntime(*s.runtimes.find("x-cube-ai-9"), s.bench, s.mcus);
    bool m4 = false;
    for (const auto& g : x.groups)
        if (g.costs.coreFamily == "cortex-m4") {
            m4 = true;
            EXPECT_TRUE(g.costs.calibration->leaveOneBoardOut.has_value());
        }
    EXPECT_TRUE(m4);
}
