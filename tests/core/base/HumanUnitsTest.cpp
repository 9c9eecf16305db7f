// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers as people read them: the unit that keeps the value between 1 and 1000, three
// significant digits, no exponent.
#include "base/HumanUnits.h"

#include <gtest/gtest.h>
#include <limits>

namespace zipcnn {
namespace {

TEST(HumanUnits, SignificantDigits) {
    EXPECT_EQ(significant(0.0123456), "0.0123");
    EXPECT_EQ(significant(12.345), "12.3");
    EXPECT_EQ(significant(999.6), "1,000");
    EXPECT_EQ(significant(9.996), "10.0");
    EXPECT_EQ(significant(1234.6), "1,235");
    EXPECT_EQ(significant(-12345678.0), "-12,345,678");
    EXPECT_EQ(significant(0.0), "0");
    EXPECT_EQ(significant(std::numeric_limits<double>::quiet_NaN()), "n/a");
}

TEST(HumanUnits, DurationsFromNanosecondsToDays) {
    EXPECT_EQ(humanDuration(0.00085), "850 ns");
    EXPECT_EQ(humanDuration(0.0123), "12.3 us");
    EXPECT_EQ(humanDuration(120.0), "120 ms");
    EXPECT_EQ(humanDuration(999.99), "1.00 s"); // what rounds to 1000 moves up a unit
    EXPECT_EQ(humanDuration(45'200.0), "45.2 s");
    EXPECT_EQ(humanDuration(168'000.0), "2.8 min");
    EXPECT_EQ(humanDuration(9.963e6), "2.8 h"); // the CLI printed 9.963e+06 ms
    EXPECT_EQ(humanDuration(3.0 * 86'400'000.0), "3.00 days");
}

TEST(HumanUnits, EnergyPowerAndBytes) {
    EXPECT_EQ(humanEnergy(3.1e-3), "3.10 mJ");
    EXPECT_EQ(humanEnergy(100.0), "100 J"); // the axis said 100000 mJ
    EXPECT_EQ(humanEnergy(4.2e-7), "420 nJ");
    EXPECT_EQ(humanPower(0.0312), "31.2 mW");
    EXPECT_EQ(humanPower(2.5e-4), "250 uW");
    EXPECT_EQ(humanCurrent(0.00257), "2.57 uA");
    EXPECT_EQ(humanCurrent(12.4), "12.4 mA");
    EXPECT_EQ(humanCurrent(1500.0), "1.50 A");
    EXPECT_EQ(humanBytes(512), "512 B");
    EXPECT_EQ(humanBytes(61'706 * 4), "241 KiB");
    EXPECT_EQ(humanBytes(3 * 1024 * 1024 / 2), "1.50 MiB");
}

TEST(HumanUnits, ExcessHasTheModelsPrecision) {
    EXPECT_EQ(humanExcess(0.0271), "at the limit"); // the cell said "latency +0.0271 %"
    EXPECT_EQ(humanExcess(4.24), "+4.2 %");
    EXPECT_EQ(humanExcess(62.8), "+63 %");
    EXPECT_EQ(humanExcess(12345.0), "+12,345 %");
}

} // namespace
} // namespace zipcnn
