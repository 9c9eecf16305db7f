// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/DevicePanel.h"

#include "WidgetTestSupport.h"
#include "document/ProjectDocument.h"
#include "panels/ConstraintSlider.h"
#include "panels/ConstraintsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

struct Panels {
    ProjectDocument doc;
    DevicePanel device{&doc};
    ConstraintsPanel constraints{&doc};
    Panels() { doc.reset(exampleProject("lenet5", "lenet5")); }
};

TEST(DevicePanel, SwitchingOnStartsFromTheFirstBatteryAndEachEditIsOneUndoStep) {
    Panels p;
    QUndoStack* stack = p.doc.undoStack();
    EXPECT_FALSE(p.doc.project().device.has_value());
    EXPECT_FALSE(p.constraints.batteryLife()->isEnabled())
        << "no battery-life limit without a device";

    p.device.enabledBox()->setChecked(true);
    ASSERT_TRUE(p.doc.project().device.has_value());
    EXPECT_EQ(p.doc.project().device->supply.battery, batteryPresets().front().battery);
    EXPECT_EQ(stack->count(), 1);
    EXPECT_TRUE(p.constraints.batteryLife()->isEnabled());

    p.device.periodBox()->setValue(10.0);
    EXPECT_DOUBLE_EQ(p.doc.project().device->periodS, 10.0);
    EXPECT_EQ(stack->count(), 2);

    // A preset fills in its figures.
    const BatteryPreset* aa = findBatteryPreset("2xaa");
    ASSERT_NE(aa, nullptr);
    QComboBox* battery = p.device.batteryBox();
    battery->setCurrentIndex(battery->findData(QStringLiteral("2xaa")));
    EXPECT_EQ(p.doc.project().device->supply.battery, aa->battery);
    EXPECT_DOUBLE_EQ(p.doc.project().device->periodS, 10.0);

    // A load, added then edited in the table.
    auto* add = p.device.findChild<QPushButton*>(QStringLiteral("addLoad"));
    ASSERT_NE(add, nullptr);
    add->click();
    ASSERT_EQ(p.doc.project().device->loads.size(), 1u);
    QTableWidget* loads = p.device.loadsTable();
    ASSERT_EQ(loads->rowCount(), 1);
    loads->item(0, 0)->setText(QStringLiteral("radio"));
    EXPECT_EQ(p.doc.project().device->loads[0].name, "radio");

    // Undo walks back, and the fields follow.
    stack->undo(); // the load's name
    stack->undo(); // the load
    EXPECT_TRUE(p.doc.project().device->loads.empty());
    EXPECT_EQ(loads->rowCount(), 0);
    stack->undo(); // the battery
    stack->undo(); // the period
    EXPECT_DOUBLE_EQ(p.doc.project().device->periodS, 1.0);
    EXPECT_DOUBLE_EQ(p.device.periodBox()->value(), 1.0);
    stack->undo(); // switched on
    EXPECT_FALSE(p.doc.project().device.has_value());
    EXPECT_FALSE(p.device.enabledBox()->isChecked());
}

TEST(DevicePanel, TheBatteryLimitIsSetInMonthsAndStoredInHours) {
    Panels p;
    p.device.enabledBox()->setChecked(true);
    ConstraintSlider* life = p.constraints.batteryLife();
    life->checkBox()->setChecked(true);
    life->spinBox()->setValue(12.0);
    ASSERT_TRUE(p.doc.project().constraints.minBatteryLifeH.has_value());
    EXPECT_NEAR(*p.doc.project().constraints.minBatteryLifeH, 8766.0, 1e-6);
}

} // namespace
} // namespace zipcnn::gui::test
