// SPDX-License-Identifier: GPL-3.0-or-later
// Targets: (MCU, runtime) pairs resolved against the shipped catalogues, swept and broken down.
#include "explore/Targets.h"

#include "core/TestSupport.h"
#include "cost/RuntimeCostModel.h"
#include "cost/Sweep.h"
#include "explore/Exploration.h"
#include "model/ModelZoo.h"

#include <gtest/gtest.h>

namespace zipcnn {
namespace {

const Catalogs& catalogs() {
    return testsupport::sourceCatalogs();
}

TEST(Targets, ThesisTargetsUseTheMeasuredLutsAndRuntimeTargetsTheCatalogue) {
    std::string why;
    const auto thesis = resolveTarget({"STM32F746ZG", "thesis-c"}, catalogs(), &why);
    ASSERT_TRUE(thesis) << why;
    EXPECT_TRUE(thesis->usesLut());
    EXPECT_EQ(thesis->name, "STM32F746ZG");
    EXPECT_EQ(thesis->confidence.basis, McuBasis::Measured);
    EXPECT_EQ(thesis->freqsMhz, thesis->lut->freqsMhz);

    // An alias of the runtime (the newest X-CUBE-AI) and of the MCU (the same die).
    const auto st = resolveTarget({"stm32f746ng", "x-cube-ai"}, catalogs(), &why);
    ASSERT_TRUE(st) << why;
    EXPECT_FALSE(st->usesLut());
    EXPECT_EQ(st->mcu, "STM32F746ZG");
    EXPECT_EQ(st->runtimeId(), "x-cube-ai-9");
    EXPECT_EQ(st->name, "STM32F746ZG · x-cube-ai-9");
    EXPECT_EQ(st->spec.runtime, "x-cube-ai"); // as the project wrote it
    // Not a calibration board of x-cube-ai-9 on the M7: datasheet basis, widened error.
    EXPECT_EQ(st->confidence.basis, McuBasis::Datasheet);
    ASSERT_TRUE(st->confidence.expectedErrorPct);
    EXPECT_NE(st->confidence.how.find("x1.5"), std::string::npos) << st->confidence.how;
    // Its clocks: each flash wait-state band's top and the maximum.
    EXPECT_EQ(st->freqsMhz.back(), 216.0);
    EXPECT_GT(st->freqsMhz.size(), 3u);

    const auto bench = resolveTarget({"STM32L4R5ZI", "x-cube-ai-9"}, catalogs(), &why);
    ASSERT_TRUE(bench) << why;
    EXPECT_EQ(bench->confidence.basis, McuBasis::Benchmark);
    EXPECT_EQ(bench->confidence.expectedErrorPct, 23.5); // its leave-one-model-out median
}

TEST(Targets, WhatCannotResolveSaysWhy) {
    std::string why;
    EXPECT_FALSE(resolveTarget({"STM32L4R5ZI", "thesis-c"}, catalogs(), &why));
    EXPECT_EQ(why, "STM32L4R5ZI under thesis-c: thesis-c has measured look-up tables for "
                   "STM32F446ZE, STM32F746ZG, STM32L496ZG only");
    EXPECT_FALSE(resolveTarget({"STM32F746ZG", "foo"}, catalogs(), &why));
    EXPECT_NE(why.find("unknown runtime (valid: bosch-hale"), std::string::npos) << why;
    EXPECT_FALSE(resolveTarget({"ESP32", "tflm-cmsis-nn"}, catalogs(), &why));
    EXPECT_NE(why.find("unknown MCU"), std::string::npos) << why;
    EXPECT_FALSE(resolveTarget({"STM32G0B1RE", "plumerai"}, catalogs(), &why));
    EXPECT_EQ(why, "STM32G0B1RE under plumerai: plumerai has no cost data for cortex-m0plus "
                   "(STM32G0B1RE); it has data for cortex-m4, cortex-m7");
    const ResolvedTargets r =
        resolveTargets({{"STM32L496ZG", "thesis-c"}, {"X", "thesis-c"}}, catalogs());
    EXPECT_EQ(r.targets.size(), 1u);
    ASSERT_EQ(r.missing.size(), 1u);
    EXPECT_EQ(r.missing[0].rfind("X under thesis-c: ", 0), 0u) << r.missing[0];
}

TEST(Targets, TheCatalogueOffersEveryPairWithDataAndADefaultRuntimePerMcu) {
    const auto all = availableTargets(catalogs());
    ASSERT_GT(all.size(), 40u);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_TRUE(all[i].usesLut()) << all[i].name;
    for (const CostTarget& t : all) {
        EXPECT_FALSE(t.freqsMhz.empty()) << t.name;
        if (!t.usesLut()) {
            EXPECT_TRUE(t.costs) << t.name;
            EXPECT_TRUE(t.confidence.expectedErrorPct) << t.name;
        }
    }
    for (const McuFacts& m : catalogs().facts.mcus) {
        const RuntimeProfile* r = defaultRuntime(catalogs().runtimes, m);
        if (!r)
            continue;
        EXPECT_TRUE(r->costsFor(m.coreFamily)) << m.name;
        if (m.name.rfind("STM32", 0) == 0 && r->costsFor(m.coreFamily) &&
            catalogs().runtimes.find("x-cube-ai")->costsFor(m.coreFamily)) {
            EXPECT_EQ(r->id, "x-cube-ai-9") << m.name;
        }
    }
    const McuFacts* nrf = catalogs().facts.find("nRF5340");
    ASSERT_TRUE(nrf);
    const RuntimeProfile* r = defaultRuntime(catalogs().runtimes, *nrf);
    ASSERT_TRUE(r);
    EXPECT_NE(r->id.rfind("x-cube-ai", 0), 0u) << "ST's engine is for STM32 parts";
}

TEST(Targets, ARuntimeSweepIsTheRuntimeModelAndItsSharesAddUp) {
    const auto target = resolveTarget({"STM32L4R5ZI", "x-cube-ai-9"}, catalogs());
    ASSERT_TRUE(target);
    const CostVariant v =
        prepareVariant(*zooModel("resnet8"), "int8", DType::INT8, 0.0, false, {target->runtime});
    ASSERT_TRUE(v.usable());
    const RuntimeVariant* rv = v.runtime("x-cube-ai-9");
    ASSERT_TRUE(rv);
    ASSERT_TRUE(rv->unavailable.empty()) << rv->unavailable;
    // The sweep's point is the runtime model's point, flash stalls counted once.
    const CostPoint p = estimateOnTarget(v, *target, 120.0);
    const RuntimePoint direct =
        estimateRuntimePoint(rv->features, *target->costs, *target->facts, 120.0);
    ASSERT_TRUE(p.ok) << p.why;
    EXPECT_DOUBLE_EQ(p.latencyMs, direct.latencyMs);
    EXPECT_DOUBLE_EQ(p.cycles, direct.cycles);
    // MLPerf Tiny: ResNet-8 on the L4R5 under X-CUBE-AI 9 at 120 MHz took 165 ms; within the
    // in-sample error of the calibration.
    EXPECT_NEAR(p.latencyMs, 165.0, 0.15 * 165.0);
    // RAM: the runtime's activation arena, not the thesis rule.
    EXPECT_EQ(variantRamBytes(v, *target), rv->ram.bytes);
    EXPECT_EQ(rv->ram.basis, "activation arena");

    const CostBreakdown b = breakdownOnTarget(v, *target, 120.0);
    ASSERT_GT(b.byLayer.size(), 5u);
    double cycles = 0.0, latency = 0.0;
    for (const CostShare& s : b.byLayer) {
        cycles += s.cycles;
        latency += s.latencyMs;
    }
    EXPECT_NEAR(cycles, b.point.cycles, 1e-6 * b.point.cycles);
    EXPECT_NEAR(latency, b.point.latencyMs, 1e-9 * b.point.latencyMs + 1e-12);
    // A folded layer (BatchNorm, ReLU) has no share of its own.
    for (const CostShare& s : b.byLayer)
        EXPECT_EQ(s.name.find('/'), std::string::npos) << s.name;

    // FP32 is not run, and the cell says why.
    const CostVariant f =
        prepareVariant(*zooModel("resnet8"), "fp32", DType::FP32, 0.0, false, {target->runtime});
    const SweepResult s = runSweep({f}, {*target}, Constraints{});
    ASSERT_EQ(s.cells.size(), 1u);
    EXPECT_TRUE(s.cells[0].points.empty());
    EXPECT_EQ(s.cells[0].note, "x-cube-ai-9 has cost data for int8 only, not fp32");
}

TEST(Targets, AnMcuWithoutCurrentModelGivesLatencyOnlyAndDoesNotPretendToMeetEnergy) {
    const auto target = resolveTarget({"R7FA8D1", "tflm-cmsis-nn"}, catalogs());
    ASSERT_TRUE(target);
    EXPECT_FALSE(target->hasEnergy());
    const CostVariant v =
        prepareVariant(*zooModel("resnet8"), "int8", DType::INT8, 0.0, false, {target->runtime});
    Constraints c;
    c.maxEnergyMj = 1e-9; // impossible, but cannot be judged
    const SweepResult s = runSweep({v}, {*target}, c);
    ASSERT_EQ(s.cells.size(), 1u);
    const SweepCell& cell = s.cells[0];
    ASSERT_FALSE(cell.points.empty());
    for (const SweepPoint& p : cell.points) {
        EXPECT_FALSE(p.cost.hasEnergy);
        EXPECT_TRUE(p.violations.empty());
    }
    EXPECT_FALSE(cell.minEnergyFreqMhz);
    EXPECT_NE(cell.note.find("no current model for R7FA8D1"), std::string::npos) << cell.note;
}

} // namespace
} // namespace zipcnn
