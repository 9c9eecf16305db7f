// SPDX-License-Identifier: GPL-3.0-or-later
// The memory term of the thesis runtime's cost model: conv layers whose activations do not fit
// the MCU's tightly-coupled data RAM pay m_tcm cycles per MAC (docs/cost-model.md, "Activations
// outside the DTCM").
#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "calibration/Calibration.h"
#include "calibration/CalibrationData.h"
#include "core/TestSupport.h"
#include "cost/CostPlan.h"
#include "cost/Estimator.h"
#include "io/LutFile.h"
#include "io/McuCatalog.h"

#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace zipcnn;
using nlohmann::json;
using zipcnn::testsupport::dump;
using zipcnn::testsupport::zoo;

namespace {

const McuCatalog& catalog() {
    static const McuCatalog c = loadMcuCatalog({ZIPCNN_SOURCE_LUT_DIR});
    return c;
}

const McuProfile& f746() {
    const McuProfile* p = catalog().find("STM32F746ZG");
    EXPECT_NE(p, nullptr);
    return *p;
}

CostPlan planOf(const Network& net) {
    const Analysis a = analyze(net);
    EXPECT_TRUE(a.ok()) << dump(a.diagnostics);
    return makeCostPlan(net, a, decompose(net, a));
}

/// Cycles at 16 MHz with the F746's calibration but m_tcm = 10, with and without its DTCM.
std::pair<double, double> cyclesWithAndWithoutDtcm(const Network& net, DType format) {
    CostParams params = costParamsOf(f746());
    params.mTcm = 10.0;
    McuProfile noTcm = f746();
    noTcm.dtcmKib = 0;
    const CostPlan plan = planOf(net);
    const CostPoint with = estimatePoint(plan, f746(), params, format, 16.0);
    const CostPoint without = estimatePoint(plan, noTcm, params, format, 16.0);
    EXPECT_TRUE(with.ok && without.ok);
    return {with.cycles, without.cycles};
}

} // namespace

TEST(TcmSpill, TheF746ProfileHasItsDtcmAndTheM4sHaveNone) {
    EXPECT_EQ(f746().dtcmKib, 64);
    EXPECT_EQ(f746().dcacheKib, 4);
    EXPECT_NE(f746().provenance.count("mcu.dtcm_kib"), 0u);
    EXPECT_EQ(catalog().find("STM32L496ZG")->dtcmKib, 0);
    EXPECT_EQ(catalog().find("STM32F446ZE")->dtcmKib, 0);
}

TEST(TcmSpill, ResNet8Fp32LayersOverTheDtcmPayPerMac) {
    // FP32, inputs + output: stem 12 + 64 KiB, stack 1 convs 64 + 64, stack 2 first conv and
    // shortcut 64 + 32 exceed 64 KiB; stack 2's second conv (32 + 32) and stack 3 fit.
    // MACs over the DTCM: 442,368 + 2 x 2,359,296 + 1,179,648 + 131,072 = 6,471,680.
    const auto [with, without] = cyclesWithAndWithoutDtcm(zoo("resnet8"), DType::FP32);
    EXPECT_NEAR(with - without, 10.0 * 6471680, 1e-6 * with);
    // INT8: every layer fits (at most 16 + 16 KiB), LeNet5 FP32 too (at most 22.4 KiB).
    const auto [i8with, i8without] = cyclesWithAndWithoutDtcm(zoo("resnet8"), DType::INT8);
    EXPECT_DOUBLE_EQ(i8with, i8without);
    const auto [lwith, lwithout] = cyclesWithAndWithoutDtcm(zoo("lenet5-relu"), DType::FP32);
    EXPECT_DOUBLE_EQ(lwith, lwithout);
}

TEST(TcmSpill, ThePlanKeepsLayersOfDifferentActivationSizesApart) {
    const CostPlan plan = planOf(zoo("resnet8"));
    double count = 0.0;
    int entries = 0;
    for (const auto& item : plan.sums)
        if (item.primitive == "conv2d_3x3") {
            count += item.count;
            ++entries;
            EXPECT_GT(item.activationValues, 0);
        }
    EXPECT_DOUBLE_EQ(count, 1310720.0); // thesis Table 5.2
    // Values in + out: stack 1 32,768 (twice); stack 2 24,576 and 16,384; stack 3 12,288 and
    // 8,192.
    EXPECT_EQ(entries, 5);
    // The breakdown's rows stay one per primitive.
    int rows = 0;
    for (const auto& item : plan.byPrimitive)
        rows += item.primitive == "conv2d_3x3";
    EXPECT_EQ(rows, 1);
    // Per layer: the stack-1 convs work on 16x32x32 in and out.
    for (const auto& item : plan.items) {
        if (item.layer == "stack1_block1_conv2") {
            EXPECT_EQ(item.activationValues, 2 * 16 * 32 * 32);
        }
    }
}

TEST(TcmSpill, LutFieldsAreOptionalAndChecked) {
    std::ifstream in(std::string(ZIPCNN_SOURCE_LUT_DIR) + "/STM32F746ZG.json");
    json j = json::parse(in);
    EXPECT_EQ(j["mcu"]["dtcm_kib"], 64);
    EXPECT_GT(j["calibration"]["parameters"]["m_tcm_cycles"].get<double>(), 0.0);
    // A file written before these fields existed still loads, with no DTCM and m_tcm = 0.
    json old = j;
    old["mcu"].erase("dtcm_kib");
    old["mcu"].erase("dcache_kib");
    old["calibration"]["parameters"].erase("m_tcm_cycles");
    LutLoadResult r = lutFromJson(old, "old.json");
    ASSERT_TRUE(r.profile) << dump(r.diagnostics);
    EXPECT_EQ(r.profile->dtcmKib, 0);
    EXPECT_EQ(r.profile->calibration->params.mTcm, 0.0);
    // A negative size or parameter is refused, naming the field.
    json bad = j;
    bad["mcu"]["dtcm_kib"] = -1;
    LutLoadResult b = lutFromJson(bad, "bad.json");
    EXPECT_NE(dump(b.diagnostics).find("mcu.dtcm_kib"), std::string::npos) << dump(b.diagnostics);
    json badParam = j;
    badParam["calibration"]["parameters"]["m_tcm_cycles"] = -3;
    LutLoadResult c = lutFromJson(badParam, "bad.json");
    EXPECT_NE(
        dump(c.diagnostics).find("calibration.parameters.m_tcm_cycles: must be a number >= 0"),
        std::string::npos)
        << dump(c.diagnostics);
}

TEST(TcmSpill, WithoutALayerOverTheDtcmTheCalibrationFixesMTcmAtZero) {
    const CalibrationData data =
        loadCalibrationData(std::string(ZIPCNN_SOURCE_MEASUREMENT_DIR) + "/thesis.json");
    auto lenetOnly = [](const CalibrationCase& c) { return c.set == "lenet5"; };
    const CalibrationResult r = calibrateMcu(f746(), data, lenetOnly);
    ASSERT_TRUE(r.calibration) << dump(r.diagnostics);
    EXPECT_EQ(r.calibration->params.mTcm, 0.0);
    bool noted = false;
    for (const auto& n : r.calibration->notes)
        noted = noted || n == "m_tcm fixed at 0: no layer whose activations exceed the DTCM in "
                              "the FP32 measurements";
    EXPECT_TRUE(noted);
    // With ResNet8 the term has data; on an MCU without DTCM it does not exist (no note).
    const CalibrationResult all = calibrateMcu(f746(), data);
    ASSERT_TRUE(all.calibration);
    EXPECT_GT(all.calibration->params.mTcm, 0.0);
    const CalibrationResult l4 = calibrateMcu(*catalog().find("STM32L496ZG"), data);
    ASSERT_TRUE(l4.calibration);
    EXPECT_EQ(l4.calibration->params.mTcm, 0.0);
    for (const auto& n : l4.calibration->notes)
        EXPECT_EQ(n.find("m_tcm"), std::string::npos) << n;
}
