// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/EnumNames.h"

#include <gtest/gtest.h>

namespace zipcnn {
namespace {

enum class Fruit { Apple, Pear, Plum };

constexpr auto kFruitNames = std::to_array<EnumName<Fruit>>({
    {Fruit::Apple, "apple"},
    {Fruit::Pear, "pear"},
});

TEST(EnumNames, NameOfFindsTheNameAndFallsBackForAValueNotInTheTable) {
    EXPECT_STREQ(nameOf(kFruitNames, Fruit::Pear), "pear");
    EXPECT_STREQ(nameOf(kFruitNames, Fruit::Plum), "?");
    EXPECT_STREQ(nameOf(kFruitNames, Fruit::Plum, "apple"), "apple");
    EXPECT_STREQ(nameOf(kFruitNames, static_cast<Fruit>(42), "none"), "none");
    static_assert(std::string_view(nameOf(kFruitNames, Fruit::Apple)) == "apple");
}

TEST(EnumNames, FromNameMatchesExactly) {
    EXPECT_EQ(fromName(kFruitNames, "pear"), Fruit::Pear);
    EXPECT_EQ(fromName(kFruitNames, "Pear"), std::nullopt);
    EXPECT_EQ(fromName(kFruitNames, "pea"), std::nullopt);
    EXPECT_EQ(fromName(kFruitNames, ""), std::nullopt);
    EXPECT_EQ(fromName(kFruitNames, "plum"), std::nullopt);
    static_assert(fromName(kFruitNames, "apple") == Fruit::Apple);
}

TEST(EnumNames, ValuesOfListsTheTableInItsOrder) {
    EXPECT_EQ(valuesOf(kFruitNames), (std::vector<Fruit>{Fruit::Apple, Fruit::Pear}));
}

} // namespace
} // namespace zipcnn
