// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Formatting.h"

#include "WidgetTestSupport.h"

#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

TEST(Formatting, GroupsThousands) {
    EXPECT_EQ(formatCount(0), QStringLiteral("0"));
    EXPECT_EQ(formatCount(999), QStringLiteral("999"));
    EXPECT_EQ(formatCount(61706), QStringLiteral("61,706"));
    EXPECT_EQ(formatCount(-1234567), QStringLiteral("-1,234,567"));
}

TEST(Formatting, RoundsKibToTenths) {
    EXPECT_EQ(formatKib(0), QStringLiteral("0.0 KiB"));
    EXPECT_EQ(formatKib(23520), QStringLiteral("23.0 KiB"));
    EXPECT_EQ(formatKib(1024 * 1455 + 205), QStringLiteral("1,455.2 KiB"));
    EXPECT_EQ(formatKib(1023 * 1024 + 1000), QStringLiteral("1,024.0 KiB"));
}

TEST(Formatting, ListsPrimitives) {
    LayerPrimitives p{"conv1", {{"conv2d_5x5", 4704}, {"sigmoid", 4704}}};
    EXPECT_EQ(formatPrimitives(p), QStringLiteral("conv2d_5x5 x 4704, sigmoid x 4704"));
    EXPECT_EQ(formatPrimitives(LayerPrimitives{}), QString());
}

} // namespace
} // namespace zipcnn::gui::test
