// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/McuProfile.h"
#include "model/DataType.h"

#include <array>
#include <string>

namespace zipcnn {

/// One operation at one clock: cycles (latency x f, frequency independent where the core is)
/// and supply current.
struct OpAtClock {
    double cycles = 0.0;
    double currentMa = 0.0;
};

/// The op table of an MCU at any clock of its range (estimation-model.md section 3).
struct OpLookup {
    bool ok = false;
    bool interpolated = false; ///< true between two characterised clocks
    std::string why;           ///< why there is no value, when !ok
    std::array<OpAtClock, kOpCount> ops{};

    const OpAtClock& at(Op op) const { return ops[static_cast<std::size_t>(op)]; }
};

/// Characterised clocks give the measured values exactly. Between two of them, cycles and
/// current are interpolated linearly in f and the result is flagged. Outside the MCU's clock
/// range, or outside the characterised span, or without a table for the format, there is no
/// value and `why` says so.
OpLookup lookupOps(const McuProfile& mcu, DType format, double freqMhz);

} // namespace zipcnn
