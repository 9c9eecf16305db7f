// SPDX-License-Identifier: GPL-3.0-or-later
// The exploration as the core owns it: the clock grids, the focus rule, the feasible-range text
// and the per-layer heat, which the window, its exports, the report and the CLI all call.
#include "core/TestSupport.h"
#include "cost/McuFacts.h"
#include "explore/Exploration.h"
#include "explore/ExplorationFocus.h"
#include "explore/Feasibility.h"
#include "explore/LayerHeat.h"
#include "import/OpenInput.h"
#include "io/McuCatalog.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

namespace zipcnn {
namespace {

const Catalogs& catalog() {
    return testsupport::sourceCatalogs();
}

SweepPoint point(double f, bool feasible) {
    SweepPoint p;
    p.cost.ok = true;
    p.cost.freqMhz = f;
    p.feasible = feasible;
    return p;
}

TEST(ClockGrid, NamesRoundTripAndOthersAreRefused) {
    for (ClockGrid g : {ClockGrid::Explore, ClockGrid::Characterised})
        EXPECT_EQ(clockGridFromName(clockGridName(g)), g);
    EXPECT_FALSE(clockGridFromName("all"));
    EXPECT_FALSE(clockGridFromName(""));
}

TEST(ClockGrid, ExploreAddsFillInsCharacterisedKeepsEachMcusOwnClocks) {
    const Project p = testsupport::lenet5ThesisExample();
    const auto explore = computeExploration(p, "", catalog(), ClockGrid::Explore);
    const auto measured = computeExploration(p, "", catalog(), ClockGrid::Characterised);
    ASSERT_EQ(explore->targetCount(), 3u);
    EXPECT_EQ(explore->grid, ClockGrid::Explore);
    EXPECT_EQ(measured->grid, ClockGrid::Characterised);
    EXPECT_EQ(explore->freqsMhz, explorationFreqs(explore->targets));
    EXPECT_EQ(measured->freqsMhz, characterisedFreqs(measured->targets));
    // Every characterised clock is on the exploration grid, with fill-ins between.
    for (double f : measured->freqsMhz)
        EXPECT_NE(std::find(explore->freqsMhz.begin(), explore->freqsMhz.end(), f),
                  explore->freqsMhz.end())
            << f;
    EXPECT_GT(explore->freqsMhz.size(), measured->freqsMhz.size());
    // Characterised: each cell has exactly its MCU's characterised clocks, none interpolated.
    std::size_t expected = 0;
    for (const SweepCell& c : measured->sweep.cells) {
        const McuProfile& mcu = *measured->targets[c.mcu].lut;
        if (!measured->variant(c.variant).usable())
            continue;
        ASSERT_EQ(c.points.size(), mcu.freqsMhz.size()) << mcu.name;
        for (const SweepPoint& pt : c.points)
            EXPECT_FALSE(pt.cost.interpolated);
        expected += mcu.freqsMhz.size();
    }
    EXPECT_EQ(measured->pointCount(), expected);
    EXPECT_GT(explore->pointCount(), measured->pointCount());
}

TEST(ExplorationExport, IsTheSweepOfTheExploration) {
    const auto e = computeExploration(testsupport::lenet5Example(), "", catalog());
    const SweepExport x = explorationExport(*e, "p.json");
    EXPECT_EQ(x.source, "p.json");
    EXPECT_EQ(x.variants, e->variants.get());
    EXPECT_EQ(x.targets, &e->targets);
    EXPECT_EQ(x.result, &e->sweep);
    EXPECT_EQ(x.constraints, e->constraints);
    const std::string text = sweepJsonText(x);
    EXPECT_EQ(text.back(), '\n');
    EXPECT_EQ(nlohmann::json::parse(text)["points"].size(), e->pointCount());
}

TEST(FeasibleRanges, RunsOfFeasibleClocksAsText) {
    SweepCell cell;
    for (auto [f, ok] : std::vector<std::pair<double, bool>>{
             {8, false}, {16, true}, {24.5, true}, {48, true}, {64, false}, {80, true}})
        cell.points.push_back(point(f, ok));
    const auto ranges = feasibleClockRanges(cell);
    ASSERT_EQ(ranges.size(), 2u);
    EXPECT_EQ(ranges[0], (std::pair<double, double>{16, 48}));
    EXPECT_EQ(ranges[1], (std::pair<double, double>{80, 80}));
    EXPECT_EQ(feasibleRangesText(cell), "16 - 48 MHz, 80 MHz");
    EXPECT_EQ(feasibleRangesText(SweepCell{}), "");
    EXPECT_EQ(formatQuantity(0.000123), "0.000123");
    EXPECT_EQ(formatQuantity(16.5), "16.5");
    EXPECT_EQ(formatQuantity(0.4246), "0.425");
    EXPECT_EQ(formatQuantity(1234.4), "1,234");
    EXPECT_EQ(formatQuantity(-1234567.0), "-1,234,567");
    EXPECT_EQ(formatQuantity(0.0), "0");
    EXPECT_EQ(formatQuantity(NAN), "-");
}

TEST(DefaultFocus, TheLeastEnergyFeasibleVisibleCell) {
    const auto e = computeExploration(testsupport::lenet5Example(), "", catalog());
    const auto focus = defaultFocus(*e);
    ASSERT_TRUE(focus);
    const SweepCell& chosen = e->cell(focus->variant, focus->mcu);
    ASSERT_TRUE(chosen.feasible());
    EXPECT_EQ(focus->freqMhz, chosen.minEnergyFreqMhz);
    for (const SweepCell& c : e->sweep.cells) {
        if (c.feasible() && e->specs[c.variant].visible) {
            EXPECT_LE(chosen.minEnergyJ, c.minEnergyJ);
        }
    }
    // Nothing feasible: the first cell at its least-energy clock; nothing at all: none.
    Project tight = testsupport::lenet5Example();
    tight.constraints.maxLatencyMs = 1e-9;
    const auto none = computeExploration(tight, "", catalog());
    const auto first = defaultFocus(*none);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->variant, 0u);
    EXPECT_EQ(first->mcu, 0u);
    EXPECT_EQ(first->freqMhz, none->cell(0, 0).minEnergyFreqMhz);
    EXPECT_FALSE(defaultFocus(Exploration{}));
    // Nothing feasible and the first cell not run (an INT8-only runtime, an FP32 variant): the
    // first visible cell that has an estimate.
    tight.targets = {{"STM32L4R5ZI", "x-cube-ai-9"}, {"STM32L496ZG", "thesis-c"}};
    const auto notRun = computeExploration(tight, "", catalog());
    ASSERT_EQ(notRun->targetCount(), 2u);
    ASSERT_TRUE(notRun->cell(0, 0).points.empty());
    const auto some = defaultFocus(*notRun);
    ASSERT_TRUE(some);
    EXPECT_FALSE(notRun->cell(some->variant, some->mcu).points.empty());
    EXPECT_TRUE(notRun->specs[some->variant].visible);
}

TEST(SavedFocus, RoundTripsByNameAndSurvivesReorderedTargets) {
    Project p = testsupport::lenet5Example();
    const auto e = computeExploration(p, "", catalog());
    ASSERT_GE(e->variantCount(), 2u);
    ASSERT_GE(e->targetCount(), 2u);
    const ExplorationFocus picked{1, 1, e->targets[1].freqMaxMhz};
    const SavedFocus saved = toSavedFocus(*e, picked);
    EXPECT_EQ(saved.variant, p.variants[1].name);
    EXPECT_EQ(saved.target, p.targets[1]);
    EXPECT_EQ(resolveSavedFocus(*e, saved), picked);

    // The targets and variants reversed: the same cell, at its new indices.
    std::reverse(p.targets.begin(), p.targets.end());
    std::reverse(p.variants.begin(), p.variants.end());
    const auto reversed = computeExploration(p, "", catalog());
    const auto again = resolveSavedFocus(*reversed, saved);
    ASSERT_TRUE(again);
    EXPECT_EQ(reversed->specs[again->variant].name, saved.variant);
    EXPECT_EQ(reversed->targets[again->mcu].spec, saved.target);
    EXPECT_EQ(again->freqMhz, saved.freqMhz);

    // MCU names match whatever their case; a clock out of range falls back to the least-energy
    // clock; a variant that is gone resolves to nothing.
    SavedFocus lower = saved;
    lower.target.mcu = lowerAscii(lower.target.mcu);
    lower.freqMhz = 1e6;
    const auto l = resolveSavedFocus(*reversed, lower);
    ASSERT_TRUE(l);
    EXPECT_EQ(l->freqMhz, reversed->cell(l->variant, l->mcu).minEnergyFreqMhz);
    SavedFocus gone = saved;
    gone.variant = "no such variant";
    EXPECT_FALSE(resolveSavedFocus(*reversed, gone));
    EXPECT_FALSE(resolveSavedFocus(Exploration{}, saved));
}

TEST(LayerHeat, SharesOfTheFocusedCellAddUpToOne) {
    const Project p = testsupport::lenet5ThesisExample();
    const auto e = computeExploration(p, "", catalog());
    const auto focus = defaultFocus(*e);
    ASSERT_TRUE(focus && focus->freqMhz);
    const CostVariant& v = e->variant(focus->variant);
    const CostBreakdown b =
        estimateBreakdown(v.plan, *e->targets[focus->mcu].lut, v.dtype, *focus->freqMhz);
    ASSERT_TRUE(b.point.ok);
    for (HeatMetric m : {HeatMetric::Latency, HeatMetric::Energy, HeatMetric::Ram}) {
        const std::vector<double> heat = layerHeat(p.network, v, b.byLayer, m);
        ASSERT_EQ(heat.size(), p.network.size());
        double sum = 0.0;
        for (double h : heat)
            if (std::isfinite(h)) {
                EXPECT_GE(h, 0.0);
                sum += h;
            }
        if (m == HeatMetric::Ram) {
            EXPECT_GT(sum, 0.99); // the rule's peak layer alone is 1
            continue;
        }
        // The layers' shares and the per-inference overhead (no layer of the graph) make 1.
        double total = 0.0, outside = 0.0;
        for (const CostShare& c : b.byLayer) {
            const double x = m == HeatMetric::Latency ? c.latencyMs : c.energyJ;
            total += x;
            if (!p.network.find(c.name))
                outside += x;
        }
        EXPECT_GT(sum, 0.5);
        EXPECT_NEAR(sum + outside / total, 1.0, 1e-9);
    }
    EXPECT_TRUE(layerHeat(p.network, v, b.byLayer, HeatMetric::None).empty());
    EXPECT_TRUE(layerHeat(p.network, v, {}, HeatMetric::Latency).empty());
}

} // namespace
} // namespace zipcnn
