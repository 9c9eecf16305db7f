// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>

namespace zipcnn {

/// 64-bit products and sums that say when they overflow instead of wrapping.
inline std::optional<std::int64_t> checkedMul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r))
        return std::nullopt;
    return r;
}

inline std::optional<std::int64_t> checkedAdd(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        return std::nullopt;
    return r;
}

/// a + b for sizes (both >= 0), INT64_MAX when the sum does not fit: for running totals that
/// must stay ordered (offsets, peaks) and whose overflow is reported once by the caller.
inline std::int64_t saturatingAdd(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r))
        return b < 0 ? INT64_MIN : INT64_MAX;
    return r;
}

/// Product of several factors, nullopt on overflow.
template <typename... T> std::optional<std::int64_t> checkedProduct(std::int64_t first, T... rest) {
    std::optional<std::int64_t> acc = first;
    ((acc = acc ? checkedMul(*acc, static_cast<std::int64_t>(rest)) : std::nullopt), ...);
    return acc;
}

} // namespace zipcnn
