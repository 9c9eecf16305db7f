// SPDX-License-Identifier: GPL-3.0-or-later
// Battery life as a cost axis of the accuracy chart: present only with a device model, and the
// same figure as the sweep's own device estimate at that point.
#include "core/TestSupport.h"
#include "explore/AccuracyCost.h"
#include "explore/Exploration.h"
#include "import/OpenInput.h"

#include <gtest/gtest.h>

namespace zipcnn {
namespace {

Project lenet5OnTheL496() {
    Project p = testsupport::lenet5Example();
    p.targets = {{"STM32L496ZG", "thesis-c"}}; // its datasheet gives the sleep current
    return p;
}

TEST(BatteryAxis, OnlyWithADeviceModelAndEqualToTheSweepsEstimate) {
    Project p = lenet5OnTheL496();
    const auto plain = computeExploration(p, "", testsupport::sourceCatalogs());
    EXPECT_EQ(costAxesFor(*plain).size(), builtinCostAxes().size());

    DeviceModel d;
    d.periodS = 10.0;
    d.supply.battery = findBatteryPreset("cr2032")->battery;
    p.device = d;
    const auto e = computeExploration(p, "", testsupport::sourceCatalogs());
    const std::vector<CostAxis> axes = costAxesFor(*e);
    ASSERT_EQ(axes.size(), builtinCostAxes().size() + 1);
    const CostAxis& life = axes.back();
    EXPECT_EQ(life.id, "battery");
    EXPECT_TRUE(life.higherIsBetter);
    int compared = 0;
    for (const SweepPoint& point : e->cell(0, 0).points) {
        if (!point.device)
            continue;
        const AxisValue v = life.value(point.cost, e->targets[0]);
        EXPECT_EQ(v.value.has_value(), point.device->ok) << point.cost.freqMhz << " MHz";
        if (v.value && point.device->ok) {
            EXPECT_NEAR(*v.value, point.device->batteryLifeH, 1e-9 * point.device->batteryLifeH);
            ++compared;
        }
    }
    EXPECT_GT(compared, 5);
}

} // namespace
} // namespace zipcnn
