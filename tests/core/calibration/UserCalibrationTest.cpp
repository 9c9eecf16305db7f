// SPDX-License-Identifier: GPL-3.0-or-later
// Calibrating a runtime on the user's own measurements (core/calibration/UserCalibration):
// synthetic measurements made from known parameters, with noise, give the parameters back.
#include "calibration/UserCalibration.h"

#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "cost/CostTarget.h"
#include "cost/Lowering.h"
#include "cost/RuntimeCostModel.h"
#include "io/UserProfileFile.h"

#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <unistd.h>

using namespace zipcnn;
using zipcnn::testsupport::dump;
using zipcnn::testsupport::mentions;
using zipcnn::testsupport::sourceCatalogs;

namespace fs = std::filesystem;

namespace {

constexpr const char* kMcu = "STM32L4R5ZI"; // cortex-m4, a wait-state table up to 120 MHz
constexpr const char* kRuntime = "x-cube-ai-9";

/// The parameters the synthetic board "runs" with.
KernelCosts truth() {
    KernelCosts k;
    k.coreFamily = "cortex-m4";
    k.convCyclesPerMac = k.pointwiseCyclesPerMac = k.depthwiseCyclesPerMac = 2.10;
    k.fcCyclesPerMac = 2.70;
    k.outputCyclesPerElement = k.poolCyclesPerElement = k.eltwiseCyclesPerElement =
        k.activationCyclesPerElement = k.softmaxCyclesPerElement = 6.0;
    k.flashLineBytes = 16.0;
    return k;
}
constexpr double kStaticMa = 3.0, kUaPerMhz = 160.0;

RuntimeFeatures featuresOf(const std::string& zoo) {
    const Network n = testsupport::zoo(zoo);
    const RuntimeProfile* rt = sourceCatalogs().runtimes.find(kRuntime);
    return lowerNetwork(n, analyze(n), rt->lowering, rt->unsupportedLayers, rt->id).features();
}

/// A measurement CSV of `nets` at `clocks` under the truth, each value times (1 + u), u uniform in
/// [-noise, noise] (fixed seed: the test is deterministic).
std::string syntheticCsv(const std::vector<std::string>& nets, const std::vector<double>& clocks,
                         double noise, bool withCurrent) {
    const McuFacts* mcu = sourceCatalogs().facts.find(kMcu);
    std::mt19937 gen(20261206);
    std::uniform_real_distribution<double> u(-noise, noise);
    std::ostringstream s;
    s << "# synthetic: conv 2.1, fc 2.7 cycles/MAC, 6 cycles/element, 3 mA + 160 uA/MHz\n";
    s << "mcu,runtime,config,freq_mhz,metric,measured,voltage_v\n";
    for (const auto& n : nets) {
        const RuntimeFeatures f = featuresOf(n);
        for (double c : clocks) {
            const int ws = mcu->waitStatesAt(c).value_or(0);
            const double cycles = coreCycles(f, truth()) + flashStallCycles(f, truth(), ws);
            const double ms = cycles / (c * 1000.0) * (1.0 + u(gen));
            s << kMcu << "," << kRuntime << "," << n << "," << c << ",latency_ms," << ms
              << ",3.3\n";
            if (withCurrent)
                s << kMcu << "," << kRuntime << "," << n << "," << c << ",current_ma,"
                  << (kStaticMa + kUaPerMhz * c / 1000.0) * (1.0 + u(gen)) << ",3.3\n";
        }
    }
    return s.str();
}

UserCalibrationResult calibrate(const std::string& csv, const std::string& mcu = kMcu,
                                const std::string& runtime = kRuntime) {
    const MeasurementTable t = parseMeasurementCsv(csv, "/tmp/user.csv");
    return calibrateUserProfile({t}, sourceCatalogs().facts, sourceCatalogs().runtimes, mcu,
                                runtime);
}

double relErr(double got, double want) {
    return std::abs(got / want - 1.0);
}

} // namespace

TEST(UserCalibration, RecoversKnownParametersWithinTheNoise) {
    const std::vector<std::string> nets{"resnet8", "ds-cnn-s", "mobilenet-v1-0.25", "ad01"};
    const std::vector<double> clocks{24, 48, 80, 120};
    const double noise = 0.02;
    const auto res = calibrate(syntheticCsv(nets, clocks, noise, true));
    ASSERT_TRUE(res.profile) << dump(res.diagnostics);
    const KernelCosts& k = res.profile->costs;
    EXPECT_EQ(k.mcu, kMcu);
    // Every latency is within +-2 %, so each parameter must come back within about that.
    EXPECT_LT(relErr(k.convCyclesPerMac, 2.10), 0.03) << k.convCyclesPerMac;
    EXPECT_LT(relErr(k.fcCyclesPerMac, 2.70), 0.03) << k.fcCyclesPerMac;
    // The per-element cost is a small share of every network's cycles: looser.
    EXPECT_LT(relErr(k.outputCyclesPerElement, 6.0), 0.25) << k.outputCyclesPerElement;
    ASSERT_TRUE(res.profile->current);
    EXPECT_LT(relErr(res.profile->current->uaPerMhz, kUaPerMhz), 0.05)
        << res.profile->current->uaPerMhz;
    EXPECT_NEAR(res.profile->current->staticMa, kStaticMa, 0.5);
    EXPECT_EQ(res.profile->current->basis, McuBasis::UserCalibrated);
    // Residuals: one per point, all within the noise; leave one network out runs.
    ASSERT_EQ(res.residuals.size(), nets.size() * clocks.size());
    for (const auto& r : res.residuals) {
        EXPECT_LT(std::abs(r.errorPct), 100 * noise + 1.0) << r.network << " " << r.freqMhz;
        EXPECT_TRUE(r.lonoErrorPct.has_value());
        EXPECT_TRUE(r.currentErrorPct.has_value());
    }
    ASSERT_TRUE(res.inSample && res.leaveOneNetworkOut);
    EXPECT_LT(res.inSample->meanPct, 100 * noise);
    EXPECT_EQ(res.leaveOneNetworkOut->points, 16);
    EXPECT_NE(res.profile->source.find("calibrated by the user on 16 points, mean error "),
              std::string::npos)
        << res.profile->source;
    std::cout << "recovered: conv " << k.convCyclesPerMac << " fc " << k.fcCyclesPerMac
              << " element " << k.outputCyclesPerElement << " current "
              << res.profile->current->staticMa << " mA + " << res.profile->current->uaPerMhz
              << " uA/MHz; in-sample mean " << res.inSample->meanPct << " %, LONO median "
              << res.leaveOneNetworkOut->medianPct.value_or(-1) << " / mean "
              << res.leaveOneNetworkOut->meanPct << " %\n";
}

TEST(UserCalibration, TheProfileRoundTripsAndIsUsedForThatPairOnly) {
    const auto res = calibrate(syntheticCsv({"resnet8", "ds-cnn-s"}, {48, 120}, 0.01, true));
    ASSERT_TRUE(res.profile) << dump(res.diagnostics);
    std::string tmpl = (fs::temp_directory_path() / "zipcnn-profile-XXXXXX").string();
    const fs::path dir = ::mkdtemp(tmpl.data());
    std::string file, error;
    ASSERT_TRUE(saveUserProfile(*res.profile, dir.string(), &file, &error)) << error;
    auto back = loadUserProfileFile(file);
    ASSERT_TRUE(back.profile) << dump(back.diagnostics);
    EXPECT_EQ(back.profile->mcu, kMcu);
    EXPECT_NEAR(back.profile->costs.convCyclesPerMac, res.profile->costs.convCyclesPerMac, 1e-3);
    // Applied to the catalogues: the pair gets the user's costs and basis, the family keeps its.
    Catalogs c = sourceCatalogs();
    addUserProfiles(&c.runtimes, &c.facts, dir.string());
    const RuntimeProfile* rt = c.runtimes.find(kRuntime);
    const McuFacts* mcu = c.facts.find(kMcu);
    const KernelCosts* mine = rt->costsFor("cortex-m4", kMcu);
    const KernelCosts* family = rt->costsFor("cortex-m4");
    ASSERT_TRUE(mine && family);
    EXPECT_EQ(mine->mcu, kMcu);
    EXPECT_TRUE(family->mcu.empty());
    EXPECT_EQ(rt->costsFor("cortex-m4", "STM32F411RE"), family);
    EXPECT_EQ(rt->coreFamilies(), sourceCatalogs().runtimes.find(kRuntime)->coreFamilies());
    auto t = runtimeTarget(*mcu, *rt);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->costs, mine);
    EXPECT_EQ(t->confidence.basis, McuBasis::UserCalibrated);
    ASSERT_TRUE(t->confidence.expectedErrorPct);
    EXPECT_NEAR(*t->confidence.expectedErrorPct, *res.leaveOneNetworkOut->medianPct, 0.06);
    ASSERT_TRUE(mcu->current);
    EXPECT_EQ(mcu->current->basis, McuBasis::UserCalibrated);
    // The shipped profile as written never carries the user's entry.
    const auto j = runtimeToJson(*rt);
    EXPECT_EQ(j["core_families"].size(), rt->coreFamilies().size());
    fs::remove_all(dir);
}

TEST(UserCalibration, OneNetworkFitsButSaysWhatItCannotDetermine) {
    const auto res = calibrate(syntheticCsv({"resnet8"}, {120}, 0.0, true));
    ASSERT_TRUE(res.profile) << dump(res.diagnostics);
    EXPECT_FALSE(res.leaveOneNetworkOut);
    auto noted = [&](const std::string& what) {
        for (const auto& n : res.notes)
            if (n.find(what) != std::string::npos)
                return true;
        return false;
    };
    EXPECT_TRUE(noted("cycles_per_mac.fc tied to conv"));
    EXPECT_TRUE(noted("cycles_per_element fixed at 0"));
    EXPECT_TRUE(noted("leave-one-network-out cannot run"));
    EXPECT_TRUE(noted("current_model.static_ma fixed at 0: currents at one clock only"));
    // The expected error cannot come from one network: the family's figure is the floor.
    const RuntimeProfile* rt = sourceCatalogs().runtimes.find(kRuntime);
    const TargetConfidence c =
        runtimeConfidence(*rt, res.profile->costs, *sourceCatalogs().facts.find(kMcu));
    ASSERT_TRUE(c.expectedErrorPct);
    EXPECT_GE(*c.expectedErrorPct,
              *errorHeadline(rt->costsFor("cortex-m4")->calibration->leaveOneModelOut) - 0.05);
}

TEST(UserCalibration, RefusesWhatTheDataCannotDetermineNamingTheParameter) {
    const auto dense = calibrate(syntheticCsv({"ad01"}, {48, 120}, 0.0, false));
    EXPECT_FALSE(dense.profile);
    EXPECT_TRUE(mentions(dense.diagnostics, "cycles_per_mac.conv cannot be determined"))
        << dump(dense.diagnostics);
    const std::string flat = "mcu,runtime,config,freq_mhz,metric,measured\n"
                             "STM32L4R5ZI,x-cube-ai-9,resnet8,48,latency_ms,300\n"
                             "STM32L4R5ZI,x-cube-ai-9,resnet8,48,current_ma,20\n"
                             "STM32L4R5ZI,x-cube-ai-9,resnet8,120,latency_ms,120\n"
                             "STM32L4R5ZI,x-cube-ai-9,resnet8,120,current_ma,19\n";
    const auto r = calibrate(flat);
    ASSERT_TRUE(r.profile) << dump(r.diagnostics);
    EXPECT_FALSE(r.profile->current);
    bool noted = false;
    for (const auto& n : r.notes)
        noted = noted || n.find("current_model.ua_per_mhz not fitted") != std::string::npos;
    EXPECT_TRUE(noted);
    const auto thesis = calibrate(flat, kMcu, "thesis-c");
    EXPECT_TRUE(mentions(thesis.diagnostics, "look-up tables")) << dump(thesis.diagnostics);
    const auto unknown = calibrate(flat, "NOSUCHMCU");
    EXPECT_TRUE(mentions(unknown.diagnostics, "unknown MCU 'NOSUCHMCU'"));
    const auto noRuntime = calibrate(
        "mcu,config,freq_mhz,metric,measured\nSTM32L4R5ZI,resnet8,48,latency_ms,300\n", kMcu, "");
    EXPECT_TRUE(mentions(noRuntime.diagnostics, "--runtime")) << dump(noRuntime.diagnostics);
}

TEST(UserCalibration, MalformedRowsAreNamedByRowAndColumn) {
    const std::string head = "mcu,runtime,config,freq_mhz,metric,measured,voltage_v\n";
    auto err = [&](const std::string& rows) { return calibrate(head + rows).diagnostics; };
    auto d = err("STM32L4R5ZI,x-cube-ai-9,resnet8,48,latency_ms,300,3.3\n"
                 "STM32L4R5ZI,x-cube-ai-9,resnet8,120,latency_ms,120,33\n");
    EXPECT_TRUE(mentions(d, "/tmp/user.csv:3: field 'voltage_v'")) << dump(d);
    d = err("STM32L4R5ZI,x-cube-ai-9,no-such-net,48,latency_ms,300,3.3\n");
    EXPECT_TRUE(mentions(d, "/tmp/user.csv:2: field 'config': 'no-such-net' is not a network"))
        << dump(d);
    d = err("STM32L4R5ZI,x-cube-ai-9,resnet8,fast,latency_ms,300,3.3\n");
    EXPECT_TRUE(mentions(d, "/tmp/user.csv:2: field 'freq_mhz'")) << dump(d);
    d = err("STM32L4R5ZI,x-cube-ai-9,resnet8,48,latency_ms,300,3.3\n"
            "STM32L4R5ZI,x-cube-ai-9,resnet8,48,current_ma,20,3.0\n");
    EXPECT_TRUE(mentions(d, "/tmp/user.csv:3: field 'voltage_v': 3.0 V differs")) << dump(d);
}
