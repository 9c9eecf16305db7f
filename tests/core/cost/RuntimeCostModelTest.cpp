// SPDX-License-Identifier: GPL-3.0-or-later
// Graph lowering and the runtime cost model (docs/runtimes.md).
#include "cost/RuntimeCostModel.h"

#include "analysis/NetworkAnalysis.h"
#include "cost/Lowering.h"
#include "model/ModelZoo.h"

#include <gtest/gtest.h>

using namespace zipcnn;

namespace {

LoweringFlags fused() {
    return {true, true, true, true, "arena"};
}

LoweredGraph lowered(const std::string& zoo, const LoweringFlags& flags,
                     const std::map<std::string, std::string>& unsupported = {}) {
    auto net = zooModel(zoo);
    EXPECT_TRUE(net.has_value()) << zoo;
    const Analysis a = analyze(*net);
    EXPECT_TRUE(a.ok()) << zoo;
    return lowerNetwork(*net, a, flags, unsupported, "test");
}

double macKernels(const RuntimeFeatures& f) {
    double s = 0;
    for (auto k :
         {KernelClass::Conv, KernelClass::Pointwise, KernelClass::Depthwise, KernelClass::Fc})
        s += f.macs[static_cast<std::size_t>(k)];
    return s;
}

double macsOf(const RuntimeFeatures& f, KernelClass k) {
    return f.macs[static_cast<std::size_t>(k)];
}

KernelCosts simpleCosts() {
    KernelCosts c;
    c.coreFamily = "cortex-m4";
    c.convCyclesPerMac = 1.5;
    c.pointwiseCyclesPerMac = 1.25;
    c.depthwiseCyclesPerMac = 3.0;
    c.fcCyclesPerMac = 2.0;
    c.poolCyclesPerElement = 1.0;
    c.eltwiseCyclesPerElement = 2.0;
    c.activationCyclesPerElement = 1.0;
    c.softmaxCyclesPerElement = 50.0;
    c.outputCyclesPerElement = 4.0;
    c.layerCycles = 100.0;
    c.inferenceCycles = 1000.0;
    c.flashLineBytes = 16.0;
    return c;
}

McuFacts testMcu() {
    McuFacts m;
    m.name = "TESTMCU";
    m.coreFamily = "cortex-m4";
    m.freqMinMhz = 1;
    m.freqMaxMhz = 120;
    m.waitStates = {{20, 0}, {40, 1}, {120, 5}};
    m.nominalV = 3.3;
    m.current = CurrentModel{McuBasis::Datasheet, 1.0, 100.0, "test"};
    return m;
}

} // namespace

// The MLPerf Tiny benchmark networks of data/benchmarks: conv + depthwise + FC MACs of the
// reference INT8 models, as the CSV's `macs` column (data/benchmarks/README.md).
TEST(Lowering, BenchmarkNetworksHaveThePublishedMacs) {
    EXPECT_EQ(macKernels(lowered("resnet8", fused()).features()), 12501632.0);
    EXPECT_EQ(macKernels(lowered("ds-cnn-s", fused()).features()), 2656768.0);
    EXPECT_EQ(macKernels(lowered("mobilenet-v1-0.25", fused()).features()), 7489664.0);
    EXPECT_EQ(macKernels(lowered("ad01", fused()).features()), 264192.0);
    // and the same without lowering: folding moves no MAC
    EXPECT_EQ(macKernels(lowered("resnet8", LoweringFlags{}).features()), 12501632.0);
}

TEST(Lowering, KernelClassesOfTheBenchmarkNetworks) {
    const RuntimeFeatures ic = lowered("resnet8", fused()).features();
    EXPECT_EQ(macsOf(ic, KernelClass::Pointwise), 262144.0); // the two 1x1 shortcuts
    EXPECT_EQ(macsOf(ic, KernelClass::Fc), 640.0);
    EXPECT_EQ(macsOf(ic, KernelClass::Depthwise), 0.0);
    const RuntimeFeatures kws = lowered("ds-cnn-s", fused()).features();
    EXPECT_EQ(macsOf(kws, KernelClass::Depthwise), 288000.0);
    EXPECT_EQ(macsOf(kws, KernelClass::Conv), 320000.0); // the 10x4 stem
    const RuntimeFeatures ad = lowered("ad01", fused()).features();
    EXPECT_EQ(macsOf(ad, KernelClass::Fc), 264192.0);
    EXPECT_EQ(ad.fcWeightBytes, 264192.0);
}

TEST(Lowering, FoldsBatchNormAndFusesActivations) {
    const LoweredGraph g = lowered("resnet8", fused());
    int bn = 0, act = 0, elt = 0, softmax = 0;
    for (const auto& l : g.layers) {
        act += l.kind == KernelClass::Activation;
        elt += l.kind == KernelClass::Eltwise;
        softmax += l.kind == KernelClass::Softmax;
    }
    for (const auto& f : g.folded)
        bn += f.find("bn") != std::string::npos;
    EXPECT_EQ(bn, 7);      // stem + two per residual block
    EXPECT_EQ(act, 0);     // every ReLU runs inside its conv or add
    EXPECT_EQ(elt, 3);     // the residual adds
    EXPECT_EQ(softmax, 1); // never fused
    // Without lowering, BatchNorm and ReLU are layers of their own.
    const LoweredGraph plain = lowered("resnet8", LoweringFlags{});
    int plainElt = 0, plainAct = 0;
    for (const auto& l : plain.layers) {
        plainElt += l.kind == KernelClass::Eltwise;
        plainAct += l.kind == KernelClass::Activation;
    }
    EXPECT_EQ(plainElt, 3 + 7);
    EXPECT_EQ(plainAct, 7);
}

TEST(Lowering, AnUnsupportedLayerKindIsNamed) {
    const LoweredGraph g = lowered("resnet8", fused(), {{"Add", "no residual connections"}});
    const Diagnostic* e = firstError(g.diagnostics);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->code, "runtime-unsupported-layer");
    EXPECT_NE(e->message.find("runtime 'test' cannot run layer 'stack1_block1_add' (Add): no "
                              "residual connections"),
              std::string::npos)
        << e->message;
}

TEST(RuntimeCostModel, CyclesAreTheSumOfTheKernelClassCosts) {
    const RuntimeFeatures f = lowered("ds-cnn-s", fused()).features();
    const KernelCosts c = simpleCosts();
    double expected = 1000.0;
    expected += 1.5 * 320000 + 1.25 * 2048000 + 3.0 * 288000 + 2.0 * 768;
    expected += 100.0 * f.layers + 4.0 * f.outputs;
    expected += 1.0 * f.elements[static_cast<std::size_t>(KernelClass::Pool)] +
                50.0 * f.elements[static_cast<std::size_t>(KernelClass::Softmax)];
    EXPECT_NEAR(coreCycles(f, c), expected, 1e-6 * expected);
}

TEST(RuntimeCostModel, FlashWaitStatesSlowDenseWeightsAndScaleLatencyWithClock) {
    const RuntimeFeatures f = lowered("ad01", fused()).features();
    const KernelCosts c = simpleCosts();
    const McuFacts m = testMcu();
    const RuntimePoint slow = estimateRuntimePoint(f, c, m, 20);
    const RuntimePoint fast = estimateRuntimePoint(f, c, m, 120);
    ASSERT_TRUE(slow.ok && fast.ok);
    EXPECT_EQ(slow.waitStates, 0);
    EXPECT_EQ(fast.waitStates, 5);
    EXPECT_EQ(slow.stallCycles, 0.0);
    EXPECT_DOUBLE_EQ(fast.stallCycles, 264192.0 * 5 / 16);
    EXPECT_DOUBLE_EQ(fast.cycles, slow.cycles + fast.stallCycles);
    EXPECT_NEAR(fast.latencyMs, fast.cycles / 120e3, 1e-12);
    const RuntimePoint out = estimateRuntimePoint(f, c, m, 200);
    EXPECT_FALSE(out.ok);
    EXPECT_NE(out.why.find("no estimate at 200 MHz"), std::string::npos) << out.why;
}

TEST(RuntimeCostModel, EnergyIsVoltageTimesCurrentTimesLatency) {
    const RuntimeFeatures f = lowered("resnet8", fused()).features();
    const McuFacts m = testMcu();
    const RuntimePoint nominal = estimateRuntimePoint(f, simpleCosts(), m, 80);
    const RuntimePoint low = estimateRuntimePoint(f, simpleCosts(), m, 80, 1.8);
    ASSERT_TRUE(nominal.currentMa.has_value());
    EXPECT_DOUBLE_EQ(*nominal.currentMa, 1.0 + 100.0 * 80 / 1000);
    EXPECT_DOUBLE_EQ(nominal.voltageV, 3.3);
    EXPECT_NEAR(nominal.energyJ, 3.3 * 9e-3 * nominal.latencyMs / 1000, 1e-15);
    EXPECT_NEAR(low.energyJ / nominal.energyJ, 1.8 / 3.3, 1e-12);
    McuFacts noCurrent = m;
    noCurrent.current.reset();
    EXPECT_FALSE(estimateRuntimePoint(f, simpleCosts(), noCurrent, 80).currentMa.has_value());
}
