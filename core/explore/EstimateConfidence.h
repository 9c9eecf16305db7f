// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/CostTarget.h"
#include "cost/Sweep.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// How far an unmeasured kernel's cost is trusted: its share of the cycles counts this much
/// (as a fraction of itself) in the expected error (docs/runtimes.md, "expected error").
inline constexpr double kUnvalidatedUncertainty = 0.5;

/// How much one estimate (this network, on this target, at this clock) can be trusted: the
/// target's basis and cross-validated error, widened by the share of the cycles spent in
/// layers or primitives that no measurement validated, and whether the clock lies between the
/// clocks a measured table characterised.
struct EstimateConfidence {
    TargetConfidence target;                ///< the target's own (basis, error, how)
    std::optional<double> expectedErrorPct; ///< for this network: target error + widening
    double unvalidatedSharePct = 0.0;       ///< % of the cycles no measurement validated
    std::vector<std::string> unvalidated;   ///< those layers (runtime) or primitives (LUT)
    bool interpolatedClock = false;         ///< a LUT clock between characterised ones
    double freqMhz = 0.0;

    /// "measured, expected latency error ±3.2 %" or "benchmark-calibrated, expected latency
    /// error ±27.5 % (23.5 % + 4.0 % for unvalidated layers)".
    std::string summary() const;
    /// Several lines: what the basis is, how the error was measured, the unvalidated part and
    /// the clock, for tooltips and the report.
    std::string details() const;
};

/// "measured", "benchmark-calibrated", "datasheet-derived".
const char* basisLongName(McuBasis basis);

/// The confidence of `variant` on `target` at `freqMhz`.
EstimateConfidence estimateConfidence(const CostVariant& variant, const CostTarget& target,
                                      double freqMhz);

} // namespace zipcnn
