// SPDX-License-Identifier: GPL-3.0-or-later
// The device's charts: battery life against the clock (an abacus chart), against the period,
// and the energy of one period by block.
#include "WidgetTestSupport.h"
#include "charts/AbacusChartData.h"
#include "charts/DeviceView.h"
#include "explore/Exploration.h"
#include "explore/Targets.h"

#include <gtest/gtest.h>
#include <qcustomplot.h>

namespace zipcnn::gui::test {
namespace {

Project coinCellProject() {
    Project p = exampleProject("lenet5", "LeNet5");
    DeviceModel d;
    d.periodS = 10.0;
    d.supply.battery = findBatteryPreset("cr2032")->battery;
    p.device = d;
    p.constraints.minBatteryLifeH = 24.0 * 365.25; // a year
    // The one thesis board whose datasheet gives a low-power current (Stop 2, 2.57 uA): the
    // others have no sleep figure, so no battery life unless the device model gives one.
    p.targets = {{"STM32L496ZG", "thesis-c"}};
    return p;
}

TEST(DeviceCharts, BatteryLifeAgainstTheClockStarsTheLongestLifeClock) {
    const Catalogs catalogs = loadCatalogs("");
    const auto e = computeExploration(coinCellProject(), "", catalogs);
    const AbacusChartData data = buildAbacusData(*e, AbacusMetric::BatteryLife);
    ASSERT_FALSE(data.curves.empty());
    ASSERT_TRUE(data.limit.has_value());
    EXPECT_DOUBLE_EQ(*data.limit, 24.0 * 365.25);
    EXPECT_TRUE(data.title.contains(QStringLiteral("10.0 s"))) << data.title.toStdString();
    for (const AbacusCurve& c : data.curves) {
        const SweepCell& cell = e->cell(c.variant, c.mcu);
        ASSERT_TRUE(cell.longestLifeFreqMhz.has_value());
        ASSERT_TRUE(c.minEnergy.has_value()) << c.label.toStdString();
        EXPECT_EQ(c.minEnergy->freqMhz, *cell.longestLifeFreqMhz);
        for (const AbacusPoint& p : c.points)
            EXPECT_LE(p.value, c.minEnergy->value * (1 + 1e-12)) << "the star is the longest life";
    }

    // Without a device model: no curve, and a title that says how to get one.
    Project plain = coinCellProject();
    plain.device.reset();
    const AbacusChartData none =
        buildAbacusData(*computeExploration(plain, "", catalogs), AbacusMetric::BatteryLife);
    EXPECT_TRUE(none.curves.empty());
    EXPECT_FALSE(none.limit.has_value());
    EXPECT_TRUE(none.title.contains(QStringLiteral("Device and battery")));
}

TEST(DeviceCharts, TheDeviceViewDrawsLifeAgainstPeriodAndTheSplit) {
    const Catalogs catalogs = loadCatalogs("");
    const auto e = computeExploration(coinCellProject(), "", catalogs);
    const auto focus = defaultFocus(*e);
    ASSERT_TRUE(focus.has_value());
    DeviceView view;
    view.setExploration(e, focus);
    EXPECT_TRUE(view.message().isEmpty()) << view.message().toStdString();
    ASSERT_GE(view.lifePlot()->graphCount(), 2);
    const auto* curve = view.lifePlot()->graph(0);
    ASSERT_GT(curve->dataCount(), 10);
    // Life grows with the period.
    for (int i = 1; i < curve->dataCount(); ++i)
        EXPECT_GE(curve->data()->at(i)->value, curve->data()->at(i - 1)->value);
    // One bar per block that draws energy: the inference and the sleep (no wake-up time).
    EXPECT_EQ(view.splitPlot()->plottableCount(), 2);

    Project plain = coinCellProject();
    plain.device.reset();
    view.setExploration(computeExploration(plain, "", catalogs), focus);
    EXPECT_TRUE(view.message().contains(QStringLiteral("Device and battery")));
}

} // namespace
} // namespace zipcnn::gui::test
