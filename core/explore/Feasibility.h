// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/Sweep.h"

#include <string>
#include <utility>
#include <vector>

namespace zipcnn {

/// The feasible clocks of `cell` as runs of consecutive swept clocks, [first, last] in MHz: a
/// clock of the grid that fails the constraints (or cannot be estimated) ends a run.
std::vector<std::pair<double, double>> feasibleClockRanges(const SweepCell& cell);

/// A clock or a number as every view writes it: three significant digits, written out in full
/// without trailing zeros ("0.000123", "48", "16.5"); whole numbers from 1,000 on with a comma
/// between thousands; "-" when not finite.
std::string formatQuantity(double value);
/// "48 MHz", or "16 - 80 MHz" for a range of two different clocks.
std::string mhzRangeText(double low, double high);

/// A battery life given in hours as people read it: "30 h", "12.5 days", "7.2 months",
/// "3.1 years" (a month is a twelfth of 365.25 days); "unlimited" when infinite.
std::string batteryLifeText(double hours);

/// One broken constraint as the feasibility answer says it: "latency +35 %",
/// "battery 7.2 months, need 12", and for a duty cycle that cannot be met "the inference takes
/// 1.2 s, the period is 1 s" (the inference with its wake-up).
std::string violationText(const Violation& v);

/// The feasible clocks of `cell` as the feasibility table, the report and the command line show
/// them: "16 - 80 MHz, 90 MHz"; empty when none is feasible.
std::string feasibleRangesText(const SweepCell& cell);

} // namespace zipcnn
