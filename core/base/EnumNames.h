// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One mechanism for the enum <-> name functions (severityName, dtypeFromName, ...): each enum
// keeps a constexpr table of {value, name} and its functions look the table up, so a name is
// written once and the name and the parser of an enum cannot drift apart.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace zipcnn {

template <typename E> struct EnumName {
    E value;
    const char* name;
};

/// A table of names; build one with std::to_array<EnumName<E>>({{E::A, "a"}, ...}).
template <typename E, std::size_t N> using EnumNames = std::array<EnumName<E>, N>;

/// The name of `value`, or `unknown` when the table does not hold it (an out-of-range value):
/// each caller keeps the fallback it always had.
template <typename E, std::size_t N>
constexpr const char* nameOf(const EnumNames<E, N>& table, E value, const char* unknown = "?") {
    for (const auto& entry : table)
        if (entry.value == value)
            return entry.name;
    return unknown;
}

/// The value named exactly `text` (case matters, as it always did for these names), or nullopt.
template <typename E, std::size_t N>
constexpr std::optional<E> fromName(const EnumNames<E, N>& table, std::string_view text) {
    for (const auto& entry : table)
        if (text == entry.name)
            return entry.value;
    return std::nullopt;
}

/// The values of the table, in its order (for the allX() lists of pickers and sweeps).
template <typename E, std::size_t N> std::vector<E> valuesOf(const EnumNames<E, N>& table) {
    std::vector<E> values;
    values.reserve(N);
    for (const auto& entry : table)
        values.push_back(entry.value);
    return values;
}

} // namespace zipcnn
