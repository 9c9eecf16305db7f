// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/OpLookup.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace zipcnn {

namespace {

std::string mhz(double f) {
    std::ostringstream s;
    s << f << " MHz";
    return s.str();
}

OpAtClock pointAt(const OpPoint& p, double freqMhz) {
    // latency_ms x f_MHz x 1e3 = cycles
    return {p.latencyMs * freqMhz * 1e3, p.currentMa};
}

} // namespace

OpLookup lookupOps(const McuProfile& mcu, DType format, double freqMhz) {
    OpLookup out;
    if (!std::isfinite(freqMhz) || freqMhz <= 0.0) {
        out.why = "the clock must be a positive frequency";
        return out;
    }
    if (freqMhz < mcu.freqMinMhz || freqMhz > mcu.freqMaxMhz) {
        out.why = mhz(freqMhz) + " is outside the " + mcu.name + "'s clock range (" +
                  mhz(mcu.freqMinMhz) + " to " + mhz(mcu.freqMaxMhz) + ")";
        return out;
    }
    auto table = mcu.ops.find(format);
    if (table == mcu.ops.end()) {
        out.why = mcu.name + " has no " + std::string(dtypeName(format)) + " look-up table";
        return out;
    }
    const auto& f = mcu.freqsMhz;
    if (f.empty() || freqMhz < f.front() || freqMhz > f.back()) {
        out.why = mhz(freqMhz) + " is outside the characterised clocks of the " + mcu.name + " (" +
                  mhz(f.empty() ? 0 : f.front()) + " to " + mhz(f.empty() ? 0 : f.back()) +
                  "): no measurement to rely on";
        return out;
    }
    auto hi = std::lower_bound(f.begin(), f.end(), freqMhz);
    const std::size_t j = static_cast<std::size_t>(hi - f.begin());
    const bool exact = std::abs(f[j] - freqMhz) <= 1e-9 * f[j];
    for (auto op : allOps()) {
        const auto& points = table->second[static_cast<std::size_t>(op)];
        OpAtClock& dst = out.ops[static_cast<std::size_t>(op)];
        if (exact) {
            dst = pointAt(points[j], f[j]);
            continue;
        }
        const OpAtClock a = pointAt(points[j - 1], f[j - 1]);
        const OpAtClock b = pointAt(points[j], f[j]);
        const double t = (freqMhz - f[j - 1]) / (f[j] - f[j - 1]);
        dst.cycles = a.cycles + t * (b.cycles - a.cycles);
        dst.currentMa = a.currentMa + t * (b.currentMa - a.currentMa);
    }
    out.ok = true;
    out.interpolated = !exact;
    return out;
}

} // namespace zipcnn
