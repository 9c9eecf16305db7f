// SPDX-License-Identifier: GPL-3.0-or-later
// The report's "Device and battery" tables: empty without a device model, filled with one, and
// their figures those of the sweep.
#include "report/DeviceSections.h"

#include "WidgetTestSupport.h"
#include "explore/Exploration.h"
#include "explore/Targets.h"
#include "report/ReportWriter.h"

#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

ReportInput prepared(const Project& p, const Catalogs& catalogs) {
    return makeReportInput(p, {}, computeExploration(p, "", catalogs), std::nullopt, "");
}

TEST(DeviceSections, EmptyWithoutADeviceModel) {
    const Catalogs catalogs = loadCatalogs("");
    const ReportInput in = prepared(exampleProject("lenet5", "LeNet5"), catalogs);
    EXPECT_TRUE(reportsections::deviceAssumptions(in).rows.empty());
    EXPECT_TRUE(reportsections::batteryCells(in).rows.empty());
    EXPECT_TRUE(reportsections::energySplit(in).rows.empty());
}

TEST(DeviceSections, ACoinCellEveryTenSecondsGivesLivesAndASplitThatAddsUp) {
    const Catalogs catalogs = loadCatalogs("");
    Project p = exampleProject("lenet5", "LeNet5");
    DeviceModel d;
    d.periodS = 10.0;
    d.supply.battery = findBatteryPreset("cr2032")->battery;
    d.loads.push_back({"radio", LoadWhen::EveryK, 6, 0.5, 0.0, 0.0});
    p.device = d;
    p.targets = {{"STM32L496ZG", "thesis-c"}}; // its datasheet gives the sleep current
    const ReportInput in = prepared(p, catalogs);
    ASSERT_TRUE(in.exploration->device.has_value());

    const ReportTable assumptions = reportsections::deviceAssumptions(in);
    ASSERT_GE(assumptions.rows.size(), 5u);
    EXPECT_EQ(assumptions.rows[0][1], QStringLiteral("10.0 s"));
    bool radio = false;
    for (const QStringList& row : assumptions.rows)
        radio |= row[0] == QStringLiteral("Load: radio") &&
                 row[1].contains(QStringLiteral("every 6 inferences"));
    EXPECT_TRUE(radio);

    const ReportTable cells = reportsections::batteryCells(in);
    ASSERT_FALSE(cells.rows.empty());
    for (const QStringList& row : cells.rows)
        EXPECT_FALSE(row[2].isEmpty());

    const ReportTable split = reportsections::energySplit(in);
    ASSERT_GE(split.rows.size(), 5u) << "inference, wake, sleep, radio, total";
    EXPECT_EQ(split.rows.front()[0], QStringLiteral("inference"));
    EXPECT_EQ(split.rows.back()[0], QStringLiteral("Total"));
    // The shares add up to 100 % (each printed to 0.1 % or 1 %).
    double sum = 0.0;
    for (std::size_t i = 0; i + 1 < split.rows.size(); ++i)
        sum += split.rows[i][2].chopped(2).toDouble();
    EXPECT_NEAR(sum, 100.0, 2.0);
    EXPECT_TRUE(split.caption.contains(QStringLiteral("battery life")));
}

TEST(DeviceSections, TheReportGainsItsDeviceSectionOnlyWithADeviceModel) {
    const Catalogs catalogs = loadCatalogs("");
    Project p = exampleProject("lenet5", "LeNet5");
    p.targets = {{"STM32L496ZG", "thesis-c"}};
    int plainPages = 0, devicePages = 0;
    const QByteArray plain = renderReport(prepared(p, catalogs), {}, &plainPages);
    DeviceModel d;
    d.periodS = 10.0;
    d.supply.battery = findBatteryPreset("cr2032")->battery;
    p.device = d;
    const QByteArray withDevice = renderReport(prepared(p, catalogs), {}, &devicePages);
    ASSERT_FALSE(plain.isEmpty());
    ASSERT_FALSE(withDevice.isEmpty());
    // The assumptions, the battery chart and the two tables take a page or more that the
    // one sentence of a project without a device does not.
    EXPECT_GT(devicePages, plainPages);
}

} // namespace
} // namespace zipcnn::gui::test
