// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace zipcnn {

/// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
/// Names end up in JSON files and output, which must be UTF-8.
bool isUtf8(std::string_view s);

/// `s` with every byte that is not part of a well-formed UTF-8 sequence written as "\xHH":
/// a name read from a binary model file stays recognisable and can be saved.
std::string escapeInvalidUtf8(std::string_view s);

} // namespace zipcnn
