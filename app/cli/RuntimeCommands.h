// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArgs.h"
#include "io/McuFactsFile.h"
#include "io/RuntimeProfileFile.h"

#include <iosfwd>
#include <nlohmann/json.hpp>

namespace zipcnn::cli {

/// Returned by runEstimateRuntime when the estimate is the thesis-c LUT estimate of `estimate`.
inline constexpr int kUseThesisEstimate = -1;

/// `runtimes`: the runtime profiles with their measured errors.
int runRuntimes(const CliArgs& args, std::ostream& out, std::ostream& err);
/// `estimate` under a runtime (`--runtime ID`, or an MCU without a measured LUT).
int runEstimateRuntime(const CliArgs& args, std::ostream& out, std::ostream& err);
/// `calibrate --runtimes`: refits the runtime profiles on the benchmark data.
int runCalibrateRuntimes(const CliArgs& args, std::ostream& out, std::ostream& err);
/// The runtime part of `validate`: tables on `out`, or the JSON value when `json` is set.
int printRuntimeValidation(const CliArgs& args, std::ostream& out, std::ostream& err,
                           nlohmann::json* json);

/// The MCU catalogue with the user's own MCUs and calibrated current lines.
McuFactsCatalog loadMcuFacts();
/// The shipped MCU catalogue only (what a user MCU must not shadow).
McuFactsCatalog loadShippedMcuFacts();
/// The catalogue name of an MCU name or alias ("STM32F746NG" -> "STM32F746ZG"); `name` when the
/// catalogue does not know it.
std::string canonicalMcuName(const std::string& name);
/// The runtime profiles with the user's calibrations of (MCU, runtime) pairs.
RuntimeCatalog loadRuntimes();
/// The `thesis-c` estimate's extra keys (runtime, basis, expected error).
void addThesisRuntimeKeys(nlohmann::json& estimate);

} // namespace zipcnn::cli
