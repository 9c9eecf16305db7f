// SPDX-License-Identifier: GPL-3.0-or-later
// Accuracy against cost: the Pareto split on hand-made cases (dominance, ties, a higher-is-better
// axis) and the per-target points of hand-made explorations (missing accuracy, a variant the
// target does not run, the clock policies), then the bundled LeNet5 example end to end.
#include "explore/AccuracyCost.h"

#include "core/HandMadeCosts.h"
#include "core/TestSupport.h"
#include "import/OpenInput.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace zipcnn {
namespace {

using Ids = std::vector<std::size_t>;
using testsupport::costPoint;

// --- paretoSplit ----------------------------------------------------------------------------

TEST(ParetoSplit, DominatedPointsNameTheirDominatorsOnTheFront) {
    // 0: cheap and poor, 1: dear and good, 2: dearer than 1 and worse (dominated by 1),
    // 3: as cheap as 0 and worse (dominated by 0), 4: cheaper than 1, better than 0.
    const std::vector<ParetoEntry> e = {
        {90.0, 1.0}, {99.0, 10.0}, {95.0, 20.0}, {80.0, 1.0}, {97.0, 5.0}};
    const ParetoSplit s = paretoSplit(e, false);
    EXPECT_EQ(s.front, (Ids{0, 4, 1})); // from the cheapest
    EXPECT_EQ(s.dominatedBy[2], (Ids{4, 1}));
    EXPECT_EQ(s.dominatedBy[3], (Ids{0}));
    EXPECT_TRUE(s.dominatedBy[0].empty());
    EXPECT_TRUE(s.dominatedBy[1].empty());
    EXPECT_TRUE(s.dominatedBy[4].empty());
}

TEST(ParetoSplit, TiesStayOnTheFrontUnlessBeatenOnOneAxis) {
    // 0 and 1 are identical: neither dominates the other. 2 has their cost and less accuracy;
    // 3 their accuracy at a higher cost: both dominated by the two.
    const std::vector<ParetoEntry> e = {{95.0, 2.0}, {95.0, 2.0}, {94.0, 2.0}, {95.0, 3.0}};
    const ParetoSplit s = paretoSplit(e, false);
    EXPECT_EQ(s.front, (Ids{0, 1}));
    EXPECT_EQ(s.dominatedBy[2], (Ids{0, 1}));
    EXPECT_EQ(s.dominatedBy[3], (Ids{0, 1}));
}

TEST(ParetoSplit, HigherIsBetterAxisTurnsTheFrontAround) {
    // Battery life: 0 lasts longer and is as accurate as 1, so 1 is dominated.
    const std::vector<ParetoEntry> e = {{95.0, 300.0}, {95.0, 100.0}, {99.0, 50.0}};
    const ParetoSplit lower = paretoSplit(e, false);
    EXPECT_EQ(lower.front, (Ids{2})); // read as a cost, 2 is both the cheapest and the best
    const ParetoSplit higher = paretoSplit(e, true);
    EXPECT_EQ(higher.front, (Ids{0, 2})); // best (longest) first
    EXPECT_EQ(higher.dominatedBy[1], (Ids{0}));
}

TEST(ParetoSplit, EmptyAndSingle) {
    EXPECT_TRUE(paretoSplit({}, false).front.empty());
    const ParetoSplit one = paretoSplit({{50.0, 1.0}}, false);
    EXPECT_EQ(one.front, (Ids{0}));
}

// --- accuracyCost on a hand-made exploration ------------------------------------------------

/// A cell with points at 10 and 80 MHz; the least-energy clock is the cheaper feasible one.
SweepCell cell(std::size_t v, double energyAt10, double energyAt80, bool feasibleAt80 = true) {
    SweepCell c;
    c.variant = v;
    c.points = {costPoint(10.0, 100.0, energyAt10),
                costPoint(80.0, 15.0, energyAt80, feasibleAt80)};
    for (const SweepPoint& p : c.points)
        if (p.feasible)
            c.feasibleFreqsMhz.push_back(p.cost.freqMhz);
    const SweepPoint* best = nullptr;
    for (const SweepPoint& p : c.points)
        if (p.feasible && (!best || p.cost.energyJ < best->cost.energyJ))
            best = &p;
    c.minEnergyFreqMhz = best->cost.freqMhz;
    c.minEnergyJ = best->cost.energyJ;
    return c;
}

VariantSpec spec(const std::string& name, std::optional<double> accuracy, bool visible = true) {
    VariantSpec s;
    s.name = name;
    s.accuracyPct = accuracy;
    s.visible = visible;
    return s;
}

/// One target; variants: A (acc 99, 2 mJ), B (acc 98, 1 mJ), C (acc 97, 3 mJ: dominated by A
/// and B), D (no accuracy, 0.5 mJ), E (does not run: the runtime refuses its format),
/// F (hidden), G (acc 96, does not fit in RAM).
Exploration handMade() {
    Exploration e;
    e.specs = {spec("A", 99.0), spec("B", 98.0),        spec("C", 97.0), spec("D", std::nullopt),
               spec("E", 99.5), spec("F", 99.9, false), spec("G", 96.0)};
    e.variants = std::make_shared<const std::vector<CostVariant>>(e.specs.size());
    CostTarget t;
    t.name = "MCU-X";
    e.targets = {t};
    e.sweep.cells = {cell(0, 4.0, 2.0), cell(1, 1.0, 1.5), cell(2, 3.0, 3.5), cell(3, 0.5, 0.9)};
    SweepCell refused;
    refused.variant = 4;
    refused.note = "x-cube-ai-9 runs INT8 networks only";
    e.sweep.cells.push_back(refused);
    e.sweep.cells.push_back(cell(5, 0.1, 0.1));
    SweepCell tooBig = cell(6, 0.2, 0.3);
    for (SweepPoint& p : tooBig.points) {
        p.feasible = false;
        p.violations.push_back({"ram", 400.0, 320.0});
    }
    tooBig.feasibleFreqsMhz.clear();
    e.sweep.cells.push_back(tooBig);
    return e;
}

std::vector<std::string> names(const AccuracyCost& a, const Ids& indexes) {
    std::vector<std::string> out;
    for (std::size_t i : indexes)
        out.push_back(a.points[i].name);
    return out;
}

using Names = std::vector<std::string>;

TEST(AccuracyCost, FrontDominatedMissingAndNotRunAtTheLeastEnergyClock) {
    const Exploration e = handMade();
    const AccuracyCost a = accuracyCost(e, 0, energyAxis());
    EXPECT_EQ(a.targetName, "MCU-X");
    ASSERT_EQ(a.points.size(), 6u); // F is hidden
    EXPECT_EQ(a.find(5), nullptr);
    EXPECT_EQ(names(a, a.front), (Names{"B", "A"})); // from the least energy
    EXPECT_EQ(names(a, a.dominated), (Names{"C"}));
    EXPECT_EQ(a.find(2)->dominatedBy, (Ids{1, 0})); // B then A: the front's order
    EXPECT_EQ(names(a, a.withoutAccuracy), (Names{"D"}));
    EXPECT_EQ(names(a, a.notRun), (Names{"E", "G"}));
    // A at its least-energy clock, 80 MHz (2 mJ); B at 10 MHz (1 mJ).
    EXPECT_EQ(a.find(0)->freqMhz, 80.0);
    EXPECT_DOUBLE_EQ(*a.find(0)->cost, 2.0);
    EXPECT_EQ(a.find(1)->freqMhz, 10.0);
    EXPECT_DOUBLE_EQ(*a.find(1)->cost, 1.0);
    // D is costed but not placed.
    EXPECT_EQ(a.find(3)->status, ParetoStatus::NoAccuracy);
    EXPECT_DOUBLE_EQ(*a.find(3)->cost, 0.5);
    // E: the runtime's reason; G: the memory it misses.
    EXPECT_EQ(a.find(4)->status, ParetoStatus::NotRun);
    EXPECT_EQ(a.find(4)->why, "x-cube-ai-9 runs INT8 networks only");
    EXPECT_FALSE(a.find(4)->cost);
    EXPECT_NE(a.find(6)->why.find("RAM +25 %"), std::string::npos) << a.find(6)->why;
    EXPECT_TRUE(a.anyAccuracy());
}

TEST(AccuracyCost, FocusedClockReadsEveryVariantAtThatClock) {
    const Exploration e = handMade();
    const AccuracyCost a = accuracyCost(e, 0, energyAxis(), AccuracyClock::Focused, 80.0);
    // At 80 MHz: A 2 mJ, B 1.5 mJ, C 3.5 mJ.
    EXPECT_DOUBLE_EQ(*a.find(1)->cost, 1.5);
    EXPECT_EQ(names(a, a.front), (Names{"B", "A"}));
    // A clock the sweep has not got: nobody is costed there.
    const AccuracyCost none = accuracyCost(e, 0, energyAxis(), AccuracyClock::Focused, 33.0);
    EXPECT_TRUE(none.front.empty());
    EXPECT_EQ(none.notRun.size(), none.points.size());
    EXPECT_EQ(none.find(0)->why, "no estimate at 33 MHz");
}

TEST(AccuracyCost, LatencyAxisCanReorderTheFront) {
    Exploration e = handMade();
    // On latency at the focused 10 MHz clock every variant takes 100 ms: a tie in cost, so the
    // most accurate alone is on the front and the others are dominated by it.
    const AccuracyCost a = accuracyCost(e, 0, latencyAxis(), AccuracyClock::Focused, 10.0);
    EXPECT_EQ(names(a, a.front), (Names{"A"}));
    EXPECT_EQ(names(a, a.dominated), (Names{"B", "C"}));
    EXPECT_EQ(a.find(1)->dominatedBy, (Ids{0}));
}

TEST(AccuracyCost, NoEnergyFigureIsNotRunOnTheEnergyAxisOnly) {
    Exploration e = handMade();
    for (SweepCell& c : e.sweep.cells) {
        for (SweepPoint& p : c.points)
            p.cost.hasEnergy = false;
        c.minEnergyFreqMhz.reset();
    }
    const AccuracyCost energy = accuracyCost(e, 0, energyAxis());
    EXPECT_TRUE(energy.front.empty());
    EXPECT_NE(energy.find(0)->why.find("no energy figure"), std::string::npos);
    // Latency: the least-latency feasible clock stands in for the least-energy one.
    const AccuracyCost latency = accuracyCost(e, 0, latencyAxis());
    EXPECT_EQ(latency.find(0)->freqMhz, 80.0);
    EXPECT_EQ(names(latency, latency.front), (Names{"A"}));
}

TEST(AccuracyCost, NoAccuracyAnywhereAndOutOfRangeTarget) {
    Exploration e = handMade();
    for (VariantSpec& s : e.specs)
        s.accuracyPct.reset();
    const AccuracyCost a = accuracyCost(e, 0, energyAxis());
    EXPECT_FALSE(a.anyAccuracy());
    EXPECT_TRUE(a.front.empty());
    EXPECT_EQ(a.withoutAccuracy.size(), a.points.size());
    EXPECT_TRUE(accuracyCost(e, 3, energyAxis()).points.empty());
}

TEST(AccuracyCost, UnpreparedVariantSaysWhy) {
    Exploration e = handMade();
    std::vector<CostVariant> variants(e.specs.size());
    variants[0].diagnostics.push_back(makeError("x", "student file missing"));
    e.variants = std::make_shared<const std::vector<CostVariant>>(std::move(variants));
    e.sweep.cells[0].points.clear();
    const AccuracyCost a = accuracyCost(e, 0, energyAxis());
    EXPECT_EQ(a.find(0)->status, ParetoStatus::NotRun);
    EXPECT_EQ(a.find(0)->why, "could not be prepared: student file missing");
    EXPECT_EQ(names(a, a.front), (Names{"B"}));
}

TEST(AccuracyCost, BatteryStyleAxisPlugsIn) {
    // A higher-is-better axis made outside the Pareto code: 1 / energy stands for a battery
    // life, so the front is the same variants, best (longest) first.
    const CostAxis life =
        testsupport::inferencesPerJouleAxis([](double v) { return std::to_string(v); });
    const AccuracyCost a = accuracyCost(handMade(), 0, life);
    EXPECT_EQ(names(a, a.front), (Names{"B", "A"}));
    EXPECT_EQ(names(a, a.dominated), (Names{"C"}));
}

// --- the bundled LeNet5 example ----------------------------------------------------------------

TEST(AccuracyCost, LeNet5ExampleOnItsFirstTarget) {
    const OpenedInput in =
        openInput(std::string(ZIPCNN_SOURCE_LUT_DIR) + "/../resources/examples/lenet5.zipcnn.json");
    ASSERT_TRUE(in.project) << testsupport::dump(in.diagnostics);
    Project p = *in.project;
    for (VariantSpec& v : p.variants)
        v.visible = true;
    // Two accuracies: INT8 more accurate and cheaper than FP32 dominates it.
    for (VariantSpec& v : p.variants)
        v.accuracyPct.reset();
    p.variants[0].accuracyPct = 97.86;
    p.variants[1].accuracyPct = 98.2;
    const auto e = computeExploration(p, "", testsupport::sourceCatalogs());
    const AccuracyCost a = accuracyCost(*e, 0, energyAxis());
    ASSERT_EQ(a.points.size(), p.variants.size());
    EXPECT_EQ(names(a, a.front), (Names{"INT8"}));
    EXPECT_EQ(names(a, a.dominated), (Names{"FP32"}));
    EXPECT_EQ(a.find(0)->dominatedBy, (Ids{1}));
    EXPECT_EQ(a.withoutAccuracy.size(), p.variants.size() - 2);
    EXPECT_TRUE(a.notRun.empty());
    // The costs are those of the cells' least-energy clocks.
    EXPECT_EQ(a.find(1)->freqMhz, e->cell(1, 0).minEnergyFreqMhz);
    EXPECT_DOUBLE_EQ(*a.find(1)->cost, e->cell(1, 0).minEnergyJ * 1e3);
}

} // namespace
} // namespace zipcnn
