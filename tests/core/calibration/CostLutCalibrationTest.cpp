// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/TestSupport.h"
#include "core/calibration/FittedParams.h"
#include "io/LutFile.h"

#include <cmath>
#include <fstream>
#include <gtest/gtest.h>

using namespace zipcnn;
using nlohmann::json;
using zipcnn::testsupport::dump;

namespace {

json shipped(const std::string& mcu) {
    std::ifstream in(std::string(ZIPCNN_SOURCE_LUT_DIR) + "/" + mcu + ".json");
    return json::parse(in);
}

/// The file is refused, nothing throws, and an error names the file, the field path and cause.
void expectRejected(const json& j, const std::string& fragment) {
    LutLoadResult r;
    ASSERT_NO_THROW(r = lutFromJson(j, "cal-lut.json"));
    EXPECT_FALSE(r.profile);
    bool found = false;
    for (const auto& d : r.diagnostics)
        found = found || (d.severity == Severity::Error &&
                          d.toString().find("cal-lut.json: " + fragment) != std::string::npos);
    EXPECT_TRUE(found) << "wanted: " << fragment << "\ngot:\n" << dump(r.diagnostics);
}

/// Relative agreement to 7 significant digits (the precision the file stores).
void expectSevenDigits(double got, double want, const char* what) {
    if (want == 0.0)
        EXPECT_EQ(got, 0.0) << what;
    else
        EXPECT_NEAR(got, want, 5.000001e-7 * std::abs(want)) << what;
}

McuCalibration oddCalibration() {
    McuCalibration cal;
    CostParams& p = cal.params;
    p.sConv = 0.666357412345;
    p.oConv = 123.456789012;
    p.sFc = 0.43926931415;
    p.bFc = 0.0040980912345;
    p.oSig = 744.786712345;
    p.bSig = 0.0;
    p.c0 = 299779.123456;
    p.q8 = 1.11733012345;
    p.kappaConv = 1.0329723456;
    p.kappaFc = 1.0878931234;
    p.kappaEl = 1.1711612345;
    p.i0Ma = 2.10203512345;
    p.referenceFreqMhz = 24.0;
    p.int8MacCyclesFrom = DType::FP32;
    cal.source = "synthetic test calibration";
    cal.notes = {"b_sig fixed at 0: no sigmoid", "second note"};
    cal.residuals = {{"lenet5", "fp32", 14, 1.23456, 2.34567, 3.45678},
                     {"", "all", 14, 1.23456, 2.34567, 3.45678}};
    return cal;
}

} // namespace

TEST(CostLutCalibration, ShippedProfilesCarryACalibration) {
    for (const char* name : {"STM32L496ZG", "STM32F446ZE", "STM32F746ZG"}) {
        LutLoadResult r = lutFromJson(shipped(name), name);
        ASSERT_TRUE(r.profile) << dump(r.diagnostics);
        ASSERT_TRUE(r.profile->calibration) << name;
        const McuCalibration& c = *r.profile->calibration;
        EXPECT_DOUBLE_EQ(c.params.referenceFreqMhz, 16.0) << name;
        EXPECT_FALSE(c.source.empty()) << name;
        ASSERT_FALSE(c.residuals.empty()) << name;
        EXPECT_EQ(c.residuals.back().config, "all") << name;
        EXPECT_GT(c.params.sConv, 0.0) << name;
    }
    // docs/cost-model.md 1.2: the F746 takes INT8 MAC cycles from its FP32 table.
    EXPECT_EQ(
        lutFromJson(shipped("STM32F746ZG"), "f7").profile->calibration->params.int8MacCyclesFrom,
        DType::FP32);
    EXPECT_EQ(
        lutFromJson(shipped("STM32L496ZG"), "l4").profile->calibration->params.int8MacCyclesFrom,
        DType::INT8);
}

TEST(CostLutCalibration, RoundTripKeepsTheCalibrationToSevenDigits) {
    LutLoadResult base = lutFromJson(shipped("STM32L496ZG"), "l4");
    ASSERT_TRUE(base.profile) << dump(base.diagnostics);
    McuProfile p = *base.profile;
    const McuCalibration cal = oddCalibration();
    p.calibration = cal;
    const json j = lutToJson(p);
    LutLoadResult back = lutFromJson(j, "l4");
    ASSERT_TRUE(back.profile) << dump(back.diagnostics);
    EXPECT_TRUE(back.diagnostics.empty()) << dump(back.diagnostics);
    ASSERT_TRUE(back.profile->calibration);
    const McuCalibration& got = *back.profile->calibration;
    const CostParams& a = got.params;
    const CostParams& b = cal.params;
    for (const auto& p : testsupport::kFittedParams)
        expectSevenDigits(a.*(p.member), b.*(p.member), p.name);
    EXPECT_DOUBLE_EQ(a.referenceFreqMhz, 24.0);
    EXPECT_EQ(a.int8MacCyclesFrom, DType::FP32);
    EXPECT_EQ(got.source, cal.source);
    EXPECT_EQ(got.notes, cal.notes);
    ASSERT_EQ(got.residuals.size(), 2u);
    EXPECT_EQ(got.residuals[0].set, "lenet5");
    EXPECT_EQ(got.residuals[0].config, "fp32");
    EXPECT_EQ(got.residuals[0].points, 14);
    EXPECT_NEAR(got.residuals[0].latencyPct, 1.23, 1e-12); // stored to 2 decimals
    EXPECT_NEAR(got.residuals[0].currentPct, 2.35, 1e-12);
    EXPECT_NEAR(got.residuals[0].energyPct, 3.46, 1e-12);
    EXPECT_EQ(got.residuals[1].config, "all");
    // Everything else is unchanged, and a second trip is exact.
    McuProfile noCal = *back.profile, orig = p;
    noCal.calibration.reset(), orig.calibration.reset();
    EXPECT_EQ(noCal, orig);
    EXPECT_EQ(lutToJson(*back.profile), j);
}

TEST(CostLutCalibration, AProfileWithoutCalibrationHasNone) {
    json j = shipped("STM32F446ZE");
    j.erase("calibration");
    LutLoadResult r = lutFromJson(j, "f4");
    ASSERT_TRUE(r.profile) << dump(r.diagnostics);
    EXPECT_FALSE(r.profile->calibration);
    EXPECT_FALSE(lutToJson(*r.profile).contains("calibration"));
}

TEST(CostLutCalibration, DefaultsOfOptionalCalibrationFields) {
    json j = shipped("STM32L496ZG");
    json& c = j["calibration"];
    c.erase("reference_freq_mhz");
    c.erase("int8_mac_cycles_from");
    c.erase("source");
    c.erase("notes");
    c.erase("residuals");
    LutLoadResult r = lutFromJson(j, "l4");
    ASSERT_TRUE(r.profile) << dump(r.diagnostics);
    ASSERT_TRUE(r.profile->calibration);
    EXPECT_DOUBLE_EQ(r.profile->calibration->params.referenceFreqMhz, 16.0);
    EXPECT_EQ(r.profile->calibration->params.int8MacCyclesFrom, DType::INT8);
    EXPECT_TRUE(r.profile->calibration->residuals.empty());
}

TEST(CostLutCalibration, MissingParameterIsRejected) {
    for (const char* key : {"s_conv", "o_conv_cycles", "s_fc", "b_fc", "o_sig_cycles", "b_sig",
                            "c0_cycles", "q8", "kappa_conv", "kappa_fc", "kappa_el"}) {
        json j = shipped("STM32L496ZG");
        j["calibration"]["parameters"].erase(key);
        expectRejected(j, std::string("calibration.parameters.") + key + ": missing");
    }
    json j = shipped("STM32L496ZG");
    j["calibration"].erase("parameters");
    expectRejected(j, "calibration.parameters: missing");
    json k = shipped("STM32L496ZG");
    k["calibration"]["parameters"] = json::array({1, 2});
    expectRejected(k, "calibration.parameters: expected an object");
}

TEST(CostLutCalibration, StaticCurrentIsOptionalButMustBeNonNegative) {
    json j = shipped("STM32L496ZG");
    j["calibration"]["parameters"].erase("i0_ma");
    LutLoadResult r = lutFromJson(j, "l4");
    ASSERT_TRUE(r.profile) << dump(r.diagnostics);
    EXPECT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    EXPECT_EQ(r.profile->calibration->params.i0Ma, 0.0);
    json k = shipped("STM32F446ZE");
    EXPECT_GT(lutFromJson(k, "f4").profile->calibration->params.i0Ma, 0.0);
    k["calibration"]["parameters"]["i0_ma"] = -2.1;
    expectRejected(k, "calibration.parameters.i0_ma: must be a number >= 0, got -2.1");
    json n = shipped("STM32F446ZE");
    n["calibration"]["parameters"]["i0_ma"] = "2 mA";
    expectRejected(n, "calibration.parameters.i0_ma: must be a number >= 0");
}

TEST(CostLutCalibration, NegativeOrNonNumericParameterIsRejected) {
    json j = shipped("STM32F746ZG");
    j["calibration"]["parameters"]["s_conv"] = -0.5;
    expectRejected(j, "calibration.parameters.s_conv: must be a number >= 0, got -0.5");
    json k = shipped("STM32F746ZG");
    k["calibration"]["parameters"]["kappa_fc"] = "high";
    expectRejected(k, "calibration.parameters.kappa_fc: must be a number >= 0, got \"high\"");
    json n = shipped("STM32F746ZG");
    n["calibration"]["parameters"]["q8"] = nullptr;
    expectRejected(n, "calibration.parameters.q8: must be a number >= 0, got null");
    json b = shipped("STM32F746ZG");
    b["calibration"]["parameters"]["c0_cycles"] = true;
    expectRejected(b, "calibration.parameters.c0_cycles: must be a number >= 0");
}

TEST(CostLutCalibration, ReferenceClockMustBeCharacterised) {
    json j = shipped("STM32L496ZG");
    j["calibration"]["reference_freq_mhz"] = 17;
    expectRejected(j,
                   "calibration.reference_freq_mhz: must be one of the characterised frequencies");
    json k = shipped("STM32L496ZG");
    k["calibration"]["reference_freq_mhz"] = -16;
    expectRejected(k, "calibration.reference_freq_mhz");
    json s = shipped("STM32L496ZG");
    s["calibration"]["reference_freq_mhz"] = "16";
    expectRejected(s, "calibration.reference_freq_mhz");
    // Another characterised clock is fine.
    json ok = shipped("STM32L496ZG");
    ok["calibration"]["reference_freq_mhz"] = 24;
    LutLoadResult r = lutFromJson(ok, "l4");
    ASSERT_TRUE(r.profile) << dump(r.diagnostics);
    EXPECT_DOUBLE_EQ(r.profile->calibration->params.referenceFreqMhz, 24.0);
}

TEST(CostLutCalibration, UnknownInt8CycleSourceIsRejected) {
    json j = shipped("STM32F446ZE");
    j["calibration"]["int8_mac_cycles_from"] = "fp16";
    expectRejected(
        j, "calibration.int8_mac_cycles_from: unknown format 'fp16' (expected fp32 or int8)");
    json k = shipped("STM32F446ZE");
    k["calibration"]["int8_mac_cycles_from"] = 8;
    expectRejected(k, "calibration.int8_mac_cycles_from");
}

TEST(CostLutCalibration, MalformedBlockOrResidualsAreRejected) {
    json j = shipped("STM32F446ZE");
    j["calibration"] = "calibrated";
    expectRejected(j, "calibration: expected an object");
    json k = shipped("STM32F446ZE");
    k["calibration"]["residuals"] = json::object();
    expectRejected(k, "calibration.residuals: expected an array");
    json m = shipped("STM32F446ZE");
    m["calibration"]["residuals"][0] = 3;
    expectRejected(m, "calibration.residuals[0]: expected an object");
    json n = shipped("STM32F446ZE");
    n["calibration"]["notes"] = json::array({"fine", 4});
    expectRejected(n, "calibration.notes[1]: expected a string");
}

TEST(CostLutCalibration, UnknownCalibrationKeysOnlyWarn) {
    json j = shipped("STM32L496ZG");
    j["calibration"]["comment"] = "hand edited";
    j["calibration"]["parameters"]["s_el"] = 1.0;
    LutLoadResult r = lutFromJson(j, "cal-lut.json");
    ASSERT_TRUE(r.profile) << dump(r.diagnostics);
    EXPECT_FALSE(hasErrors(r.diagnostics));
    std::string all = dump(r.diagnostics);
    EXPECT_NE(all.find("calibration.comment: unknown member"), std::string::npos) << all;
    EXPECT_NE(all.find("calibration.parameters.s_el: unknown member"), std::string::npos) << all;
}

// LutFileTest covers a short op array, a negative latency and an unknown op; these are the
// neighbouring cases it does not cover.
TEST(CostLutCalibration, OpTableGapsAreRejectedNamingTheField) {
    json j = shipped("STM32L496ZG");
    j["ops"]["fp32"]["add"].erase("current_ma");
    expectRejected(j, "ops.fp32.add.current_ma: missing");
    json k = shipped("STM32L496ZG");
    k["ops"]["int8"]["mul"]["current_ma"][2] = 0;
    expectRejected(k, "ops.int8.mul.current_ma[2]: must be a positive number, got 0");
    json m = shipped("STM32L496ZG");
    m["ops"]["fp32"]["sub"]["latency_ms"][13] = nullptr;
    expectRejected(m, "ops.fp32.sub.latency_ms[13]: expected a number");
    json n = shipped("STM32L496ZG");
    n["ops"].erase("fp32");
    expectRejected(n, "ops: the fp32 table is missing");
    json o = shipped("STM32L496ZG");
    o["ops"]["fp32"]["div"]["latency_ms"] = 0.5;
    expectRejected(o, "ops.fp32.div.latency_ms: expected an array of numbers");
}
