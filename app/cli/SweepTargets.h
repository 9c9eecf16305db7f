// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArgs.h"
#include "explore/Targets.h"

#include <iosfwd>
#include <optional>
#include <vector>

namespace zipcnn::cli {

/// The catalogues of the running program (its LUTs, MCU catalogue and runtime profiles).
Catalogs loadCliCatalogs();

/// The targets `sweep` costs: `--mcu` x `--runtime` when either is given (a runtime alone: every
/// catalogue MCU it has cost data for; an MCU alone: under thesis-c), else the project's
/// targets, else thesis-c on every measured MCU. nullopt (after one line on `err` naming what
/// is wrong and the valid choices) on an unknown runtime or MCU or an unsupported pair.
std::optional<ResolvedTargets> selectSweepTargets(const CliArgs& args, const Catalogs& catalogs,
                                                  const std::vector<TargetSpec>* projectTargets,
                                                  std::ostream& err);

/// Whether a deployment runtime (a kernel-class profile) is asked on the command line: a
/// MODEL's default format is then INT8, the only one those profiles are calibrated on (and
/// one thesis-c runs too).
bool runtimeProfileAsked(const CliArgs& args, const Catalogs& catalogs);

} // namespace zipcnn::cli
