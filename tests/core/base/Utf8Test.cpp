// SPDX-License-Identifier: GPL-3.0-or-later
// Names from binary model files must be UTF-8 before they reach a JSON file or output.
#include "base/Utf8.h"

#include <gtest/gtest.h>

namespace zipcnn {
namespace {

TEST(Utf8, ValidTextIsKept) {
    EXPECT_TRUE(isUtf8("conv_1/Relu6"));
    EXPECT_TRUE(isUtf8("\xC3\xA9t\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80")); // été € 😀
    EXPECT_EQ(escapeInvalidUtf8("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
}

TEST(Utf8, InvalidBytesAreEscapedOneByOne) {
    EXPECT_FALSE(isUtf8("\xAD"));
    EXPECT_FALSE(isUtf8("\xC0\xAF"));     // overlong '/'
    EXPECT_FALSE(isUtf8("\xED\xA0\x80")); // a surrogate
    EXPECT_FALSE(isUtf8("ab\xE2\x82"));   // truncated
    EXPECT_EQ(escapeInvalidUtf8("\xAD"), "\\xAD");
    EXPECT_EQ(escapeInvalidUtf8("conv\xFF_1"), "conv\\xFF_1");
    EXPECT_EQ(escapeInvalidUtf8("ab\xE2\x82"), "ab\\xE2\\x82");
    EXPECT_TRUE(isUtf8(escapeInvalidUtf8("\xC0\xAF\xED\xA0\x80\xF5")));
}

} // namespace
} // namespace zipcnn
