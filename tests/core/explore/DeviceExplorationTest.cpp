// SPDX-License-Identifier: GPL-3.0-or-later
// The device model inside the exploration: battery life at every point, the longest-life clock
// beside the least-energy clock, the period and battery-life constraints in the feasibility
// answer, nothing changed without a device model, and its cost against the sweep's.
#include "core/TestSupport.h"
#include "explore/Exploration.h"
#include "explore/Feasibility.h"
#include "import/OpenInput.h"

#include <chrono>
#include <cstdio>
#include <gtest/gtest.h>

namespace zipcnn {
namespace {

const Catalogs& catalog() {
    return testsupport::sourceCatalogs();
}

/// A CR2032 with one inference every `periodS`. The LeNet5 example's slowest points (its
/// FP32 variants at the boards' lowest clocks) take minutes: the tests that want a battery life
/// at every point take an hour.
DeviceModel coinCell(double periodS) {
    DeviceModel d;
    d.periodS = periodS;
    d.supply.battery = findBatteryPreset("cr2032")->battery;
    return d;
}

TEST(DeviceExploration, WithoutADeviceModelNothingChanges) {
    Project p = testsupport::lenet5ThesisExample();
    p.constraints.minBatteryLifeH = 1e9; // ignored without a device model
    const auto e = computeExploration(p, "", catalog());
    for (const SweepCell& c : e->sweep.cells) {
        EXPECT_FALSE(c.longestLifeFreqMhz);
        for (const SweepPoint& pt : c.points) {
            EXPECT_FALSE(pt.device);
            for (const Violation& v : pt.violations)
                EXPECT_NE(v.constraint, "battery");
        }
    }
    p.constraints.minBatteryLifeH.reset();
    const auto plain = computeExploration(p, "", catalog());
    ASSERT_EQ(plain->sweep.cells.size(), e->sweep.cells.size());
    for (std::size_t i = 0; i < e->sweep.cells.size(); ++i) {
        EXPECT_EQ(plain->sweep.cells[i].feasibleFreqsMhz, e->sweep.cells[i].feasibleFreqsMhz);
        EXPECT_EQ(plain->sweep.cells[i].minEnergyFreqMhz, e->sweep.cells[i].minEnergyFreqMhz);
    }
}

TEST(DeviceExploration, EveryPointGetsItsBatteryLifeFromItsOwnCurrentAndLatency) {
    Project p = testsupport::lenet5ThesisExample();
    p.device = coinCell(3600.0);
    p.device->sleepUa = 2.0;
    const auto e = computeExploration(p, "", catalog());
    ASSERT_TRUE(e->device);
    std::size_t checked = 0;
    for (const SweepCell& c : e->sweep.cells)
        for (const SweepPoint& pt : c.points) {
            if (!pt.cost.ok)
                continue;
            ASSERT_TRUE(pt.device);
            ASSERT_TRUE(pt.device->ok) << pt.device->why;
            const double t = pt.cost.latencyMs / 1e3;
            const double avg = (pt.cost.currentMa * t + 0.002 * (3600.0 - t)) / 3600.0;
            EXPECT_NEAR(pt.device->avgCurrentMa, avg, 1e-12);
            const double sd = 225.0 * 0.01 / 8766.0;
            EXPECT_NEAR(pt.device->batteryLifeH, 225.0 * 0.8 / (avg + sd), 1e-6);
            ++checked;
        }
    EXPECT_GT(checked, 20u);
}

TEST(DeviceExploration, CatalogueSleepCurrentOrANoteSayingItIsMissing) {
    Project p = testsupport::lenet5ThesisExample();
    p.device = coinCell(3600.0);
    const auto e = computeExploration(p, "", catalog());
    const auto l4 = e->targetIndex("STM32L496ZG");
    const auto f7 = e->targetIndex("STM32F746ZG");
    ASSERT_TRUE(l4 && f7);
    const SweepCell& withFigure = e->cell(0, *l4);
    ASSERT_FALSE(withFigure.points.empty());
    ASSERT_TRUE(withFigure.points.front().device);
    EXPECT_TRUE(withFigure.points.front().device->ok);
    EXPECT_DOUBLE_EQ(withFigure.points.front().device->sleepUa, 2.57); // Stop 2, the catalogue
    EXPECT_NE(withFigure.points.front().device->sleepSource.find("Stop 2"), std::string::npos);
    EXPECT_TRUE(withFigure.longestLifeFreqMhz);
    const SweepCell& without = e->cell(0, *f7);
    EXPECT_FALSE(without.longestLifeFreqMhz);
    EXPECT_NE(without.note.find("no low-power current for STM32F746ZG"), std::string::npos)
        << without.note;
}

TEST(DeviceExploration, LongestLifeClockIsTheLeastEnergyClockWithoutSleepOrOverhead) {
    // With no sleep current, wake-up or other load, the average current is I x t / T = E / (V T):
    // the longest life is where the energy per inference is least.
    Project p = testsupport::lenet5ThesisExample();
    p.device = coinCell(3600.0);
    p.device->sleepUa = 0.0;
    p.device->supply.battery.selfDischargePctPerYear = 0.0;
    const auto e = computeExploration(p, "", catalog());
    std::size_t cells = 0;
    for (const SweepCell& c : e->sweep.cells) {
        if (!c.minEnergyFreqMhz)
            continue;
        ASSERT_TRUE(c.longestLifeFreqMhz);
        EXPECT_EQ(*c.longestLifeFreqMhz, *c.minEnergyFreqMhz);
        ++cells;
    }
    EXPECT_GT(cells, 5u);
}

TEST(DeviceExploration, BatteryLifeConstraintJoinsTheFeasibilityAnswer) {
    Project p = testsupport::lenet5ThesisExample();
    p.constraints = Constraints{}; // the battery life alone
    p.device = coinCell(3600.0);
    p.device->sleepUa = 2.0;
    const auto free = computeExploration(p, "", catalog());
    const SweepCell& ref = free->cell(0, 0);
    ASSERT_TRUE(ref.longestLifeFreqMhz);
    // Asking for twice the best life fails every clock; the answer says by how much.
    p.constraints.minBatteryLifeH = 2.0 * ref.longestLifeH;
    const auto e = computeExploration(p, "", catalog());
    const SweepCell& c = e->cell(0, 0);
    EXPECT_FALSE(c.feasible());
    ASSERT_EQ(c.failing.size(), 1u);
    const Violation& v = c.failing.front();
    EXPECT_EQ(v.constraint, "battery");
    EXPECT_TRUE(v.atLeast);
    EXPECT_DOUBLE_EQ(v.value, ref.longestLifeH); // the best clock's life: the least bad
    EXPECT_NEAR(v.excessPct(), 50.0, 1e-9);
    const std::string text = violationText(v);
    EXPECT_EQ(text.rfind("battery " + batteryLifeText(v.value) + ", need ", 0), 0u) << text;
    // Asking for less than the best life keeps that clock feasible.
    p.constraints.minBatteryLifeH = 0.99 * ref.longestLifeH;
    const auto ok = computeExploration(p, "", catalog());
    EXPECT_TRUE(ok->cell(0, 0).feasible());
}

TEST(DeviceExploration, PeriodShorterThanTheInferenceIsAClearNo) {
    Project p = testsupport::lenet5ThesisExample();
    p.device = coinCell(1e-4); // 0.1 ms: shorter than any LeNet5 inference on these boards
    p.device->sleepUa = 2.0;
    const auto e = computeExploration(p, "", catalog());
    const SweepCell& c = e->cell(0, 0);
    EXPECT_FALSE(c.feasible());
    const Violation* period = nullptr;
    for (const Violation& v : c.failing)
        if (v.constraint == "period")
            period = &v;
    ASSERT_NE(period, nullptr);
    const std::string text = violationText(*period);
    EXPECT_EQ(text.rfind("the inference takes ", 0), 0u) << text;
    EXPECT_NE(text.find(", the period is 100 us"), std::string::npos) << text;
    for (const SweepPoint& pt : c.points)
        EXPECT_FALSE(pt.feasible);
}

TEST(Feasibility, BatteryLifeText) {
    EXPECT_EQ(batteryLifeText(30.0), "30 h");
    EXPECT_EQ(batteryLifeText(300.0), "12.5 days");
    EXPECT_EQ(batteryLifeText(kHoursPerMonth * 7.2), "7.2 months");
    EXPECT_EQ(batteryLifeText(kHoursPerYear * 3.1), "3.1 years");
    EXPECT_EQ(violationText({"battery", kHoursPerMonth * 7.2, kHoursPerMonth * 12, true}),
              "battery 7.2 months, need 12");
    EXPECT_EQ(violationText({"period", 1200.0, 1000.0}),
              "the inference takes 1.2 s, the period is 1 s");
}

TEST(DeviceExploration, BatteryLifeCostsLessThanTheSweepItself) {
    // A slider move re-sweeps the prepared variants; the device model must not double it.
    Project p = testsupport::lenet5ThesisExample();
    const auto e = computeExploration(p, "", catalog());
    DeviceModel d = coinCell(10.0);
    d.sleepUa = 2.0;
    d.loads.push_back({"sensor", LoadWhen::PerInference, 1, std::nullopt, 1.0, 10.0});
    using Clock = std::chrono::steady_clock;
    auto time = [&](const DeviceModel* device) {
        constexpr int kRepeats = 50;
        const auto t0 = Clock::now();
        std::size_t n = 0;
        for (int i = 0; i < kRepeats; ++i)
            n += sweepExploration(*e->variants, e->targets, e->constraints, nullptr,
                                  ClockGrid::Explore, device)
                     .cells.size();
        EXPECT_GT(n, 0u);
        return std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / kRepeats;
    };
    time(nullptr); // warm-up
    const double plain = time(nullptr);
    const double withDevice = time(&d);
    std::printf("[ bench    ] sweep of %zu points: %.1f us, with the device model %.1f us "
                "(+%.1f us)\n",
                e->pointCount(), plain, withDevice, withDevice - plain);
    EXPECT_LT(withDevice - plain, plain + 50.0);
}

} // namespace
} // namespace zipcnn
