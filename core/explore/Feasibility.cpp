// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/Feasibility.h"

#include "base/HumanUnits.h"
#include "cost/DeviceEstimate.h"
#include "model/DeviceModel.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace zipcnn {

std::vector<std::pair<double, double>> feasibleClockRanges(const SweepCell& cell) {
    std::vector<std::pair<double, double>> out;
    bool open = false;
    for (const SweepPoint& p : cell.points) {
        if (p.feasible && !open) {
            out.push_back({p.cost.freqMhz, p.cost.freqMhz});
            open = true;
        } else if (p.feasible) {
            out.back().second = p.cost.freqMhz;
        } else {
            open = false;
        }
    }
    return out;
}

std::string formatQuantity(double value) {
    if (!std::isfinite(value))
        return "-";
    const double a = std::fabs(value);
    if (a >= 1000.0) {
        std::string digits = std::to_string(std::llround(a));
        for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
            digits.insert(static_cast<std::size_t>(at), ",");
        return (value < 0 ? "-" : "") + digits;
    }
    if (a == 0.0)
        return "0";
    const int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(a))));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string text = buf;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.')
            text.pop_back();
    }
    return text;
}

std::string mhzRangeText(double low, double high) {
    if (low == high)
        return formatQuantity(low) + " MHz";
    return formatQuantity(low) + " - " + formatQuantity(high) + " MHz";
}

std::string feasibleRangesText(const SweepCell& cell) {
    std::string out;
    for (const auto& [lo, hi] : feasibleClockRanges(cell))
        out += (out.empty() ? "" : ", ") + mhzRangeText(lo, hi);
    return out;
}

std::string batteryLifeText(double hours) {
    if (std::isinf(hours) && hours > 0)
        return "unlimited";
    if (!std::isfinite(hours))
        return "-";
    if (hours < 48.0)
        return withoutTrailingZeros(significant(hours) + " h");
    if (hours < 60.0 * 24.0)
        return withoutTrailingZeros(significant(hours / 24.0) + " days");
    if (hours < 24.0 * kHoursPerMonth)
        return withoutTrailingZeros(significant(hours / kHoursPerMonth) + " months");
    return withoutTrailingZeros(significant(hours / kHoursPerYear) + " years");
}

std::string violationText(const Violation& v) {
    if (v.constraint == "period")
        return periodTooShortText(v.value, v.limit, 0.0);
    if (v.constraint == "battery") {
        const std::string have = batteryLifeText(v.value);
        std::string need = batteryLifeText(v.limit);
        // "7.2 months, need 12" when both are in the same unit.
        const auto unitOf = [](const std::string& t) { return t.substr(t.find(' ') + 1); };
        if (unitOf(have) == unitOf(need))
            need = need.substr(0, need.find(' '));
        return "battery " + have + ", need " + need;
    }
    return v.constraint + " " + humanExcess(v.excessPct());
}

} // namespace zipcnn
