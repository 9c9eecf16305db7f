// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/HumanUnits.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace zipcnn {

namespace {

/// Inserts thousands separators in the integer part of a plain decimal number.
std::string groupThousands(const std::string& s) {
    std::size_t start = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    std::size_t end = start;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9')
        ++end;
    std::string out = s;
    for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(end) - 3;
         i > static_cast<std::ptrdiff_t>(start); i -= 3)
        out.insert(static_cast<std::size_t>(i), ",");
    return out;
}

struct Scale {
    double factor; ///< value in this unit = base value / factor
    const char* unit;
};

/// `value` (in the base unit) in the largest unit of `scales` (ascending) it reaches 1 in.
template <std::size_t N> std::string scaled(double value, const Scale (&scales)[N]) {
    if (!std::isfinite(value))
        return value > 0 ? "inf" : (value < 0 ? "-inf" : "n/a");
    const double a = std::fabs(value);
    std::size_t k = 0;
    for (std::size_t i = 0; i < N; ++i)
        if (a >= scales[i].factor * 0.9995)
            k = i;
    return significant(value / scales[k].factor) + " " + scales[k].unit;
}

} // namespace

std::string significant(double value, int digits) {
    if (!std::isfinite(value))
        return value > 0 ? "inf" : (value < 0 ? "-inf" : "n/a");
    if (value == 0.0)
        return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
    int decimals = digits - 1 - magnitude;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 12)
        decimals = 12;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    // 9.996 rounds to "10.00": drop the digit it gained.
    if (decimals > 0) {
        const int newMagnitude = static_cast<int>(std::floor(std::log10(std::fabs(std::stod(s)))));
        if (newMagnitude > magnitude) {
            std::snprintf(buf, sizeof buf, "%.*f", decimals - 1, value);
            s = buf;
        }
    }
    return groupThousands(s);
}

std::string plainNumber(double value, int digits) {
    std::ostringstream s;
    s.precision(digits);
    s << value;
    return s.str();
}

std::string humanDuration(double ms) {
    if (std::isfinite(ms) && std::fabs(ms) >= 60'000.0) {
        const double minutes = ms / 60'000.0;
        if (std::fabs(minutes) < 60.0)
            return significant(minutes, 2 + (std::fabs(minutes) >= 10)) + " min";
        const double hours = minutes / 60.0;
        if (std::fabs(hours) < 48.0)
            return significant(hours, 2 + (std::fabs(hours) >= 10)) + " h";
        return significant(hours / 24.0) + " days";
    }
    static const Scale s[] = {{1e-6, "ns"}, {1e-3, "us"}, {1.0, "ms"}, {1e3, "s"}};
    return scaled(ms, s);
}

std::string humanEnergy(double joules) {
    static const Scale s[] = {{1e-12, "pJ"}, {1e-9, "nJ"}, {1e-6, "uJ"},
                              {1e-3, "mJ"},  {1.0, "J"},   {1e3, "kJ"}};
    return scaled(joules, s);
}

std::string humanPower(double watts) {
    static const Scale s[] = {{1e-9, "nW"}, {1e-6, "uW"}, {1e-3, "mW"}, {1.0, "W"}};
    return scaled(watts, s);
}

std::string humanCurrent(double ma) {
    static const Scale s[] = {{1e-9, "nA"}, {1e-6, "uA"}, {1e-3, "mA"}, {1.0, "A"}};
    return scaled(ma * 1e-3, s);
}

std::string humanBytes(std::int64_t bytes) {
    const double b = static_cast<double>(bytes);
    if (std::fabs(b) < 1024.0)
        return std::to_string(bytes) + " B";
    static const Scale s[] = {
        {1024.0, "KiB"}, {1024.0 * 1024.0, "MiB"}, {1024.0 * 1024.0 * 1024.0, "GiB"}};
    return scaled(b, s);
}

std::string humanExcess(double pct) {
    if (!std::isfinite(pct))
        return "n/a";
    if (std::fabs(pct) < 0.05)
        return "at the limit";
    const double a = std::fabs(pct);
    char buf[48];
    if (a >= 10.0)
        std::snprintf(buf, sizeof buf, "%+.0f %%", pct);
    else
        std::snprintf(buf, sizeof buf, "%+.1f %%", pct);
    return groupThousands(buf);
}

} // namespace zipcnn
