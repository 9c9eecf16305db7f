// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/McuFacts.h"

#include "base/EnumNames.h"

#include <algorithm>
#include <cctype>

namespace zipcnn {

namespace {
constexpr auto kMcuBasisNames = std::to_array<EnumName<McuBasis>>({
    {McuBasis::Measured, "measured"},
    {McuBasis::Benchmark, "benchmark"},
    {McuBasis::Datasheet, "datasheet"},
    {McuBasis::UserDatasheet, "datasheet (user)"},
    {McuBasis::UserCalibrated, "calibrated (user)"},
});
} // namespace

const char* mcuBasisName(McuBasis b) {
    return nameOf(kMcuBasisNames, b, "datasheet");
}

std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<int> McuFacts::waitStatesAt(double freqMhz) const {
    for (const auto& s : waitStates)
        if (freqMhz <= s.maxMhz + 1e-9)
            return s.waitStates;
    return std::nullopt;
}

bool McuFacts::matches(const std::string& query) const {
    const std::string q = lowerAscii(query);
    if (lowerAscii(name) == q)
        return true;
    return std::any_of(aliases.begin(), aliases.end(),
                       [&](const std::string& a) { return lowerAscii(a) == q; });
}

} // namespace zipcnn
