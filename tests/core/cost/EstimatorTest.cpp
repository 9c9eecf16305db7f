// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/Estimator.h"

#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/MemoryPlanner.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"
#include "core/TestSupport.h"
#include "cost/CostPlan.h"
#include "io/McuCatalog.h"
#include "model/NetworkBuilder.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace zipcnn;
using zipcnn::testsupport::dump;
using zipcnn::testsupport::zoo;

namespace {

const McuCatalog& catalog() {
    static const McuCatalog c = loadMcuCatalog({ZIPCNN_SOURCE_LUT_DIR});
    EXPECT_EQ(c.mcus.size(), 3u) << "the shipped profiles are missing";
    return c;
}

const McuProfile& mcu(const std::string& name) {
    const McuProfile* p = catalog().find(name);
    EXPECT_NE(p, nullptr) << name;
    return *p;
}

CostPlan planOf(const Network& net) {
    const Analysis a = analyze(net);
    EXPECT_TRUE(a.ok()) << net.name() << "\n" << dump(a.diagnostics);
    return makeCostPlan(net, a, decompose(net, a));
}

/// The same profile with its calibration removed: every primitive at its op-recipe cost.
McuProfile uncalibrated(const std::string& name) {
    McuProfile p = mcu(name);
    p.calibration.reset();
    return p;
}

void expectRel(double got, double want, double rel, const std::string& what) {
    EXPECT_NEAR(got, want, rel * std::abs(want)) << what;
}

/// input(64) -> dense 10 relu -> dense 3 softmax.
Network tinyDense() {
    NetworkBuilder b("tiny");
    b.input(Shape{64});
    b.dense(10, ActivationKind::Relu);
    b.dense(3, ActivationKind::Softmax);
    return b.take();
}

} // namespace

TEST(Estimator, CharacterisedClockIsExactAndUnitsAreConsistent) {
    const McuProfile& l4 = mcu("STM32L496ZG");
    ASSERT_TRUE(l4.calibration);
    const CostPlan plan = planOf(zoo("lenet5"));
    EXPECT_FALSE(hasErrors(plan.diagnostics)) << dump(plan.diagnostics);
    for (DType dt : {DType::FP32, DType::INT8})
        for (double f : l4.freqsMhz) {
            const CostPoint p = estimatePoint(plan, l4, dt, f);
            ASSERT_TRUE(p.ok) << f << ": " << p.why;
            EXPECT_FALSE(p.interpolated) << f;
            EXPECT_TRUE(p.why.empty());
            EXPECT_DOUBLE_EQ(p.freqMhz, f);
            EXPECT_GT(p.cycles, 0.0);
            EXPECT_GT(p.currentMa, 0.0);
            expectRel(p.latencyMs, p.cycles / (f * 1e3), 1e-12, "latency");
            expectRel(p.powerW, l4.supplyV * p.currentMa / 1000.0, 1e-12, "power");
            expectRel(p.energyJ, p.powerW * p.latencyMs / 1000.0, 1e-12, "energy");
            // The two-argument form uses the profile's own calibration.
            const CostPoint q = estimatePoint(plan, l4, l4.calibration->params, dt, f);
            EXPECT_EQ(q.cycles, p.cycles);
            EXPECT_EQ(q.energyJ, p.energyJ);
        }
}

TEST(Estimator, BetweenCharacterisedClocksTheEstimateIsInterpolated) {
    const McuProfile& l4 = mcu("STM32L496ZG");
    const CostPlan plan = planOf(zoo("lenet5"));
    // 16-24 MHz has no Flash stall, 48-64 MHz has stalls at both ends: cycles are linear in f
    // on each interval, so the interpolated point lies between its neighbours.
    for (auto [lo, mid, hi] :
         {std::tuple{16.0, 20.0, 24.0}, std::tuple{48.0, 56.0, 64.0}, std::tuple{0.1, 0.15, 0.2}})
        for (DType dt : {DType::FP32, DType::INT8}) {
            const CostPoint a = estimatePoint(plan, l4, dt, lo);
            const CostPoint m = estimatePoint(plan, l4, dt, mid);
            const CostPoint b = estimatePoint(plan, l4, dt, hi);
            ASSERT_TRUE(a.ok && m.ok && b.ok) << m.why;
            EXPECT_TRUE(m.interpolated) << mid;
            EXPECT_FALSE(a.interpolated || b.interpolated);
            EXPECT_GE(m.cycles, std::min(a.cycles, b.cycles) * (1 - 1e-12)) << mid;
            EXPECT_LE(m.cycles, std::max(a.cycles, b.cycles) * (1 + 1e-12)) << mid;
            EXPECT_GT(m.latencyMs, b.latencyMs) << mid; // a higher clock is faster here
            EXPECT_LT(m.latencyMs, a.latencyMs) << mid;
        }
}

TEST(Estimator, OutsideTheRangeThereIsNoEstimateAndTheReasonIsGiven) {
    const CostPlan plan = planOf(zoo("lenet5"));
    const McuProfile& l4 = mcu("STM32L496ZG");
    const CostPoint high = estimatePoint(plan, l4, DType::FP32, 120.0);
    EXPECT_FALSE(high.ok);
    EXPECT_NE(high.why.find("120 MHz"), std::string::npos) << high.why;
    EXPECT_EQ(high.cycles, 0.0);
    const CostPoint low = estimatePoint(plan, mcu("STM32F446ZE"), DType::INT8, 8.0);
    EXPECT_FALSE(low.ok);
    EXPECT_NE(low.why.find("8 MHz"), std::string::npos) << low.why;
    const CostPoint neg = estimatePoint(plan, l4, DType::FP32, -1.0);
    EXPECT_FALSE(neg.ok);
    EXPECT_FALSE(neg.why.empty());
    const CostBreakdown b = estimateBreakdown(plan, l4, DType::FP32, 120.0);
    EXPECT_FALSE(b.point.ok);
    EXPECT_NE(b.point.why.find("120 MHz"), std::string::npos) << b.point.why;
    EXPECT_TRUE(b.byLayer.empty());
    EXPECT_TRUE(b.byPrimitive.empty());
    // No INT8 table: the reason names it.
    McuProfile noInt8 = mcu("STM32F746ZG");
    noInt8.ops.erase(DType::INT8);
    const CostPoint none = estimatePoint(plan, noInt8, DType::INT8, 100.0);
    EXPECT_FALSE(none.ok);
    EXPECT_NE(none.why.find("int8"), std::string::npos) << none.why;
}

TEST(Estimator, BreakdownSharesSumToTheTotals) {
    for (const char* model : {"lenet5", "resnet8", "mobilenet-v1-0.25"}) {
        const CostPlan plan = planOf(zoo(model));
        for (const McuProfile& m : catalog().mcus)
            for (DType dt : {DType::FP32, DType::INT8})
                for (double f : {m.freqsMhz.front(), m.freqsMhz[6], m.freqsMhz.back(),
                                 0.5 * (m.freqsMhz[9] + m.freqsMhz[10])}) {
                    const std::string what = std::string(model) + " " + m.name + " " +
                                             std::string(dtypeName(dt)) + " " + std::to_string(f);
                    const CostBreakdown b = estimateBreakdown(plan, m, dt, f);
                    ASSERT_TRUE(b.point.ok) << what << ": " << b.point.why;
                    const CostPoint p = estimatePoint(plan, m, dt, f);
                    expectRel(b.point.cycles, p.cycles, 1e-12, what);
                    expectRel(b.point.energyJ, p.energyJ, 1e-12, what);
                    expectRel(b.point.currentMa, p.currentMa, 1e-12, what);
                    EXPECT_EQ(b.point.interpolated, p.interpolated) << what;
                    for (const auto* shares : {&b.byLayer, &b.byPrimitive}) {
                        double cycles = 0, ms = 0, energy = 0;
                        for (const auto& s : *shares) {
                            EXPECT_GE(s.cycles, 0.0) << what << " " << s.name;
                            cycles += s.cycles, ms += s.latencyMs, energy += s.energyJ;
                        }
                        expectRel(cycles, p.cycles, 1e-9, what + " cycles");
                        expectRel(ms, p.latencyMs, 1e-9, what + " latency");
                        expectRel(energy, p.energyJ, 1e-9, what + " energy");
                    }
                    const bool overhead = costParamsOf(m).c0 > 0.0;
                    ASSERT_FALSE(b.byLayer.empty());
                    EXPECT_EQ(b.byLayer.back().name == kOverheadName, overhead) << what;
                    EXPECT_EQ(b.byPrimitive.back().name == kOverheadName, overhead) << what;
                }
    }
}

TEST(Estimator, BreakdownFollowsTheNetworkOrder) {
    const Network net = zoo("lenet5");
    const CostPlan plan = planOf(net);
    const CostBreakdown b = estimateBreakdown(plan, mcu("STM32L496ZG"), DType::FP32, 16);
    ASSERT_FALSE(plan.items.empty());
    std::vector<std::string> layers;
    for (const auto& item : plan.items)
        if (layers.empty() || layers.back() != item.layer)
            layers.push_back(item.layer);
    layers.push_back(kOverheadName);
    std::vector<std::string> got;
    for (const auto& s : b.byLayer)
        got.push_back(s.name);
    EXPECT_EQ(got, layers);
    std::vector<std::string> prims;
    for (const auto& item : plan.byPrimitive)
        prims.push_back(item.primitive);
    prims.push_back(kOverheadName);
    got.clear();
    for (const auto& s : b.byPrimitive)
        got.push_back(s.name);
    EXPECT_EQ(got, prims);
}

TEST(Estimator, UncalibratedTinyNetworkCostsItsRecipesByHand) {
    const Network net = tinyDense();
    const CostPlan plan = planOf(net);
    EXPECT_TRUE(plan.diagnostics.empty()) << dump(plan.diagnostics);
    ASSERT_EQ(plan.byPrimitive.size(), 4u);
    EXPECT_EQ(plan.byPrimitive[0].primitive, "fc_64x10");
    EXPECT_EQ(plan.byPrimitive[1].primitive, "relu");
    EXPECT_EQ(plan.byPrimitive[1].count, 10.0);
    EXPECT_EQ(plan.byPrimitive[2].primitive, "fc_10x3");
    EXPECT_EQ(plan.byPrimitive[3].primitive, "softmax_3");
    for (const char* name : {"STM32L496ZG", "STM32F746ZG"}) {
        const McuProfile m = uncalibrated(name);
        EXPECT_EQ(costParamsOf(m), CostParams{});
        for (DType dt : {DType::FP32, DType::INT8})
            for (double f : {16.0, m.freqsMhz.back()}) {
                const OpLookup fp = lookupOps(m, DType::FP32, f);
                const OpLookup nat = lookupOps(m, dt, f);
                ASSERT_TRUE(fp.ok && nat.ok);
                double cycles = 0, charge = 0;
                auto add = [&](const OpLookup& t, Op op, double n) {
                    cycles += n * t.at(op).cycles;
                    charge += n * t.at(op).cycles * t.at(op).currentMa;
                };
                // fc_64x10: 640 mul + 650 add; relu: 10 sub; fc_10x3: 30 mul + 33 add (all in
                // the network's format, INT8 MAC cycles from the INT8 table by default);
                // softmax_3: 6 exp + 3 add + 3 div, always FP32.
                add(nat, Op::Mul, 640), add(nat, Op::Add, 650);
                add(nat, Op::Sub, 10);
                add(nat, Op::Mul, 30), add(nat, Op::Add, 33);
                add(fp, Op::Exp, 6), add(fp, Op::Add, 3), add(fp, Op::Div, 3);
                const std::string what =
                    std::string(name) + " " + std::string(dtypeName(dt)) + " " + std::to_string(f);
                const CostPoint p = estimatePoint(plan, m, dt, f);
                ASSERT_TRUE(p.ok) << p.why;
                expectRel(p.cycles, cycles, 1e-12, what);
                expectRel(p.currentMa, charge / cycles, 1e-12, what);
                expectRel(p.energyJ, m.supplyV * (charge / cycles) * 1e-3 * cycles / (f * 1e6),
                          1e-12, what);
                // No fixed overhead without a calibration.
                const CostBreakdown b = estimateBreakdown(plan, m, dt, f);
                ASSERT_EQ(b.byLayer.size(), 2u);
                EXPECT_NE(b.byLayer.back().name, kOverheadName);
            }
    }
}

TEST(Estimator, CalibratedTinyNetworkFollowsTheFormula) {
    // docs/cost-model.md 1.2-1.3 by hand, with a Flash stall (80 MHz on the L496) and C0.
    const Network net = tinyDense();
    const CostPlan plan = planOf(net);
    McuProfile m = uncalibrated("STM32L496ZG");
    CostParams c;
    c.sFc = 0.45, c.bFc = 0.004, c.c0 = 3e5, c.q8 = 1.1;
    c.kappaConv = 1.03, c.kappaFc = 1.09, c.kappaEl = 1.17, c.i0Ma = 0.8;
    const double f = 80.0;
    const OpLookup fp = lookupOps(m, DType::FP32, f);
    const OpLookup ref = lookupOps(m, DType::FP32, 16.0);
    // w(f): exp cycles beyond the core slowdown of add, mul and div.
    double rho = 0;
    for (Op op : {Op::Add, Op::Mul, Op::Div})
        rho += fp.at(op).cycles / ref.at(op).cycles / 3;
    const double w = std::max(0.0, fp.at(Op::Exp).cycles - ref.at(Op::Exp).cycles * rho);
    EXPECT_NEAR(w, 946, 5); // docs/cost-model.md 1.2: 946 at 80 MHz on the L496
    EXPECT_DOUBLE_EQ(clockOps(m, DType::FP32, f, c).stallCycles, w);
    EXPECT_EQ(clockOps(m, DType::FP32, 16.0, c).stallCycles, 0.0);
    for (DType dt : {DType::FP32, DType::INT8}) {
        const OpLookup nat = lookupOps(m, dt, f);
        const double q = dt == DType::INT8 ? c.q8 : 1.0;
        auto fc = [&](double weights, double outs, double& cyc, double& chg) {
            const double rm = weights * nat.at(Op::Mul).cycles,
                         ra = (weights + outs) * nat.at(Op::Add).cycles;
            const double r = rm + ra;
            const double ri = rm * nat.at(Op::Mul).currentMa + ra * nat.at(Op::Add).currentMa;
            const double stall = c.bFc * w * weights;
            cyc += c.sFc * q * r + stall;
            chg += c.kappaFc * (c.sFc * q * ri + stall * ri / r);
        };
        double cycles = 0, charge = 0;
        fc(640, 10, cycles, charge);
        fc(30, 3, cycles, charge);
        // relu and softmax: element-wise at face value, kappa_el.
        const double relu = 10 * nat.at(Op::Sub).cycles;
        cycles += relu, charge += c.kappaEl * relu * nat.at(Op::Sub).currentMa;
        for (auto [op, n] : {std::pair{Op::Exp, 6.0}, {Op::Add, 3.0}, {Op::Div, 3.0}}) {
            cycles += n * fp.at(op).cycles;
            charge += c.kappaEl * n * fp.at(op).cycles * fp.at(op).currentMa;
        }
        // C0 at the mean FP32 add/mul current.
        cycles += c.c0;
        charge += c.kappaEl * c.c0 * 0.5 * (fp.at(Op::Add).currentMa + fp.at(Op::Mul).currentMa);
        // The static current flows during every cycle.
        charge += c.i0Ma * cycles;
        m.calibration = McuCalibration{c, "hand", {}, {}};
        const CostPoint p = estimatePoint(plan, m, dt, f);
        ASSERT_TRUE(p.ok) << p.why;
        expectRel(p.cycles, cycles, 1e-12, std::string(dtypeName(dt)));
        expectRel(p.currentMa, charge / cycles, 1e-12, std::string(dtypeName(dt)));
        const CostBreakdown b = estimateBreakdown(plan, m, dt, f);
        ASSERT_FALSE(b.byLayer.empty());
        EXPECT_EQ(b.byLayer.back().name, kOverheadName);
        expectRel(b.byLayer.back().cycles, c.c0, 1e-12, "overhead");
    }
}

TEST(Estimator, Int8MacCyclesFollowTheProfileSwitch) {
    const CostPlan plan = planOf(zoo("lenet5-relu"));
    McuProfile m = uncalibrated("STM32F746ZG");
    CostParams fromInt8, fromFp32;
    fromFp32.int8MacCyclesFrom = DType::FP32;
    const double f = 100.0;
    const CostPoint a = estimatePoint(plan, m, fromInt8, DType::INT8, f);
    const CostPoint b = estimatePoint(plan, m, fromFp32, DType::INT8, f);
    const CostPoint fp = estimatePoint(plan, m, fromFp32, DType::FP32, f);
    ASSERT_TRUE(a.ok && b.ok && fp.ok);
    EXPECT_NE(a.cycles, b.cycles);
    // With FP32 MAC cycles, only the element-wise work differs from the FP32 estimate.
    EXPECT_LT(std::abs(b.cycles - fp.cycles), std::abs(a.cycles - fp.cycles));
}

TEST(Estimator, UnvalidatedPrimitivesAreFlaggedInThePlan) {
    NetworkBuilder b("pooled");
    b.input(Shape{28, 28, 1});
    b.conv(4, {3, 3}, {1, 1}, Padding::Valid, ActivationKind::Relu);
    b.maxPool({2, 2});
    b.flatten();
    b.dense(10, ActivationKind::Softmax);
    const CostPlan plan = planOf(b.take());
    EXPECT_FALSE(hasErrors(plan.diagnostics)) << dump(plan.diagnostics);
    int warnings = 0;
    for (const auto& d : plan.diagnostics)
        if (d.code == "not-validated") {
            ++warnings;
            EXPECT_EQ(d.severity, Severity::Warning);
            EXPECT_NE(d.message.find("maxpool_2x2"), std::string::npos) << d.message;
        }
    EXPECT_EQ(warnings, 1) << dump(plan.diagnostics);
    bool flagged = false;
    for (const auto& item : plan.byPrimitive)
        if (item.primitive == "maxpool_2x2")
            flagged = !item.recipe.validated;
    EXPECT_TRUE(flagged);
    EXPECT_TRUE(estimatePoint(plan, mcu("STM32L496ZG"), DType::FP32, 16).ok);
    // The thesis networks use only validated primitives.
    for (const char* model : {"lenet5", "lenet5-relu", "resnet8"})
        EXPECT_TRUE(planOf(zoo(model)).diagnostics.empty()) << model << "\n"
                                                            << dump(planOf(zoo(model)).diagnostics);
    // A depthwise network: dwconv2d and global pooling are costed but not validated.
    const CostPlan mobile = planOf(zoo("mobilenet-v1-0.25"));
    EXPECT_FALSE(hasErrors(mobile.diagnostics));
    std::string all = dump(mobile.diagnostics);
    EXPECT_NE(all.find("dwconv2d_3x3"), std::string::npos) << all;
}

TEST(Estimator, SigmoidFamilyIsMarkedInThePlan) {
    EXPECT_TRUE(planOf(zoo("lenet5")).hasSigmoidFamily);
    EXPECT_FALSE(planOf(zoo("lenet5-relu")).hasSigmoidFamily);
}

TEST(Estimator, PruningNeverIncreasesLatencyOrEnergy) {
    const std::vector<double> rates = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    for (const char* model :
         {"lenet5-relu", "resnet8", "resnet26", "mobilenet-v1-0.25", "ds-cnn-s"}) {
        const Network net = zoo(model);
        std::vector<CostPlan> plans;
        for (double r : rates) {
            PruneResult pr = prune(net, {r, {}, false});
            ASSERT_FALSE(hasErrors(pr.diagnostics)) << model << " " << r << "\n"
                                                    << dump(pr.diagnostics);
            plans.push_back(planOf(pr.network));
            ASSERT_FALSE(hasErrors(plans.back().diagnostics)) << dump(plans.back().diagnostics);
        }
        for (const McuProfile& m : catalog().mcus)
            for (DType dt : {DType::FP32, DType::INT8})
                for (double f : m.freqsMhz) {
                    CostPoint prev;
                    for (std::size_t i = 0; i < rates.size(); ++i) {
                        const CostPoint p = estimatePoint(plans[i], m, dt, f);
                        ASSERT_TRUE(p.ok) << p.why;
                        if (i > 0) {
                            const std::string what = std::string(model) + " " + m.name + " " +
                                                     std::string(dtypeName(dt)) + " " +
                                                     std::to_string(f) + " MHz, rate " +
                                                     std::to_string(rates[i]);
                            EXPECT_LE(p.latencyMs, prev.latencyMs * (1 + 1e-12)) << what;
                            EXPECT_LE(p.energyJ, prev.energyJ * (1 + 1e-12)) << what;
                        }
                        prev = p;
                    }
                }
        // Pruning 90 % really removes work.
        const CostPoint full = estimatePoint(plans.front(), mcu("STM32L496ZG"), DType::FP32, 80);
        const CostPoint pruned = estimatePoint(plans.back(), mcu("STM32L496ZG"), DType::FP32, 80);
        EXPECT_LT(pruned.latencyMs, full.latencyMs) << model;
    }
}

TEST(Estimator, Int8MemoryNeverExceedsFp32) {
    for (const char* model :
         {"lenet5", "lenet5-relu", "resnet8", "resnet26", "mobilenet-v1-0.25", "ds-cnn-s"}) {
        const Network base = zoo(model);
        for (double r : {0.0, 0.5, 0.9}) {
            const Network net = prune(base, {r, {}, false}).network;
            const Analysis a = analyze(net);
            ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
            const Decomposition d = decompose(net, a);
            const std::string what = std::string(model) + " rate " + std::to_string(r);
            const FlashEstimate f32 =
                estimateFlash(net, a, d, DType::FP32, defaultCodeSizeParams(DType::FP32));
            const FlashEstimate i8 =
                estimateFlash(net, a, d, DType::INT8, defaultCodeSizeParams(DType::INT8));
            EXPECT_FALSE(hasErrors(f32.diagnostics)) << what << dump(f32.diagnostics);
            EXPECT_GT(i8.flashBytes, 0) << what;
            EXPECT_LE(i8.flashBytes, f32.flashBytes) << what;
            EXPECT_LE(i8.weightsBytes, f32.weightsBytes) << what;
            EXPECT_LE(i8.codeBytes, f32.codeBytes) << what;
            const RamRuleEstimate r32 = ramByThesisRule(net, a, DType::FP32);
            const RamRuleEstimate r8 = ramByThesisRule(net, a, DType::INT8);
            EXPECT_GT(r8.peakBytes, 0) << what;
            EXPECT_LE(r8.peakBytes, r32.peakBytes) << what;
            const PlannerResult p32 = planMemory(net, a, DType::FP32);
            const PlannerResult p8 = planMemory(net, a, DType::INT8);
            EXPECT_GT(p8.peakBytes, 0) << what;
            EXPECT_LE(p8.peakBytes, p32.peakBytes) << what;
        }
    }
}

TEST(Estimator, AThousandLayerNetworkIsCosted) {
    NetworkBuilder b("deep");
    b.input(Shape{8, 8, 4});
    for (int i = 0; i < 1000; ++i)
        b.conv(4, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu);
    b.flatten();
    b.dense(10, ActivationKind::Softmax);
    const Network net = b.take();
    const CostPlan plan = planOf(net);
    EXPECT_TRUE(plan.diagnostics.empty()) << dump(plan.diagnostics);
    EXPECT_GE(plan.items.size(), 1000u);
    EXPECT_EQ(plan.byPrimitive.size(), 4u); // conv2d_3x3, relu, fc_256x10, softmax_10
    const CostPlan one = [] {
        NetworkBuilder s("one");
        s.input(Shape{8, 8, 4});
        s.conv(4, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu);
        return planOf(s.take());
    }();
    for (const McuProfile& m : catalog().mcus) {
        const CostBreakdown bd = estimateBreakdown(plan, m, DType::INT8, m.freqsMhz.back());
        ASSERT_TRUE(bd.point.ok) << bd.point.why;
        EXPECT_GE(bd.byLayer.size(), 1000u);
        EXPECT_TRUE(std::isfinite(bd.point.energyJ));
        // A thousand times the work of one conv layer, plus a little.
        const CostPoint single = estimatePoint(one, m, DType::INT8, m.freqsMhz.back());
        const double perLayer = single.cycles - costParamsOf(m).c0;
        EXPECT_GT(bd.point.cycles - costParamsOf(m).c0, 999.0 * perLayer) << m.name;
    }
}
