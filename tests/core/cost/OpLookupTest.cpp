// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/OpLookup.h"

#include "io/McuCatalog.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace zipcnn;

namespace {

const McuProfile& mcu(const std::string& name) {
    static const McuCatalog catalog = loadMcuCatalog({ZIPCNN_SOURCE_LUT_DIR});
    const McuProfile* p = catalog.find(name);
    EXPECT_NE(p, nullptr) << name;
    return *p;
}

} // namespace

TEST(OpLookup, CharacterisedClocksAreExact) {
    const McuProfile& l4 = mcu("STM32L496ZG");
    for (std::size_t i = 0; i < l4.freqsMhz.size(); ++i) {
        OpLookup r = lookupOps(l4, DType::FP32, l4.freqsMhz[i]);
        ASSERT_TRUE(r.ok) << r.why;
        EXPECT_FALSE(r.interpolated);
        const OpPoint& div = l4.ops.at(DType::FP32)[static_cast<std::size_t>(Op::Div)][i];
        EXPECT_DOUBLE_EQ(r.at(Op::Div).cycles, div.latencyMs * l4.freqsMhz[i] * 1e3);
        EXPECT_DOUBLE_EQ(r.at(Op::Div).currentMa, div.currentMa);
    }
    // Table A.1: an FP32 add takes 0.2396 ms at 0.1 MHz = 23.96 cycles.
    EXPECT_NEAR(lookupOps(l4, DType::FP32, 0.1).at(Op::Add).cycles, 23.96, 1e-9);
}

TEST(OpLookup, BetweenClocksCyclesAndCurrentAreLinearInFAndFlagged) {
    const McuProfile& f4 = mcu("STM32F446ZE");
    OpLookup lo = lookupOps(f4, DType::INT8, 100);
    OpLookup hi = lookupOps(f4, DType::INT8, 116);
    OpLookup mid = lookupOps(f4, DType::INT8, 104);
    ASSERT_TRUE(lo.ok && hi.ok && mid.ok);
    EXPECT_TRUE(mid.interpolated);
    for (auto op : allOps()) {
        EXPECT_NEAR(mid.at(op).cycles,
                    lo.at(op).cycles + 0.25 * (hi.at(op).cycles - lo.at(op).cycles), 1e-9);
        EXPECT_NEAR(mid.at(op).currentMa,
                    lo.at(op).currentMa + 0.25 * (hi.at(op).currentMa - lo.at(op).currentMa),
                    1e-12);
    }
}

TEST(OpLookup, OutsideTheRangeThereIsNoValueAndTheReasonIsGiven) {
    const McuProfile& f4 = mcu("STM32F446ZE");
    OpLookup low = lookupOps(f4, DType::FP32, 8);
    EXPECT_FALSE(low.ok);
    EXPECT_EQ(low.why, "8 MHz is outside the STM32F446ZE's clock range (16 MHz to 180 MHz)");
    OpLookup high = lookupOps(mcu("STM32L496ZG"), DType::FP32, 120);
    EXPECT_FALSE(high.ok);
    EXPECT_NE(high.why.find("outside the STM32L496ZG's clock range"), std::string::npos);
    EXPECT_FALSE(lookupOps(f4, DType::FP32, -1).ok);
    EXPECT_FALSE(lookupOps(f4, DType::FP32, std::nan("")).ok);
}

TEST(OpLookup, MissingFormatOrUncharacterisedSpanIsSaid) {
    McuProfile p = mcu("STM32F746ZG");
    p.ops.erase(DType::INT8);
    OpLookup r = lookupOps(p, DType::INT8, 100);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.why, "STM32F746ZG has no int8 look-up table");
    p.freqMinMhz = 0.1; // range wider than the characterised clocks
    OpLookup below = lookupOps(p, DType::FP32, 0.15);
    EXPECT_FALSE(below.ok);
    EXPECT_NE(below.why.find("outside the characterised clocks"), std::string::npos);
}
