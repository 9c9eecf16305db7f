// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calibration/BenchmarkData.h"
#include "cost/Lowering.h"
#include "cost/RuntimeProfile.h"

#include <string>
#include <vector>

namespace zipcnn {

/// A benchmark point with what the cost model needs: the lowered network's sums and the wait
/// states of its MCU at its clock.
struct FitPoint {
    BenchmarkPoint point;
    RuntimeFeatures features;
    int waitStates = 0;
    double measuredCycles() const { return point.latencyMs * point.clockMhz * 1000.0; }
};

/// Fits the few free parameters of one (runtime, core family) on `points` (docs/runtimes.md,
/// "fit"): cycles per MAC of the MAC kernels, cycles per MAC of dense layers, cycles per output
/// element; robust (mean absolute relative error, non-negative). A parameter the points cannot
/// identify is tied to another and `notes` says so.
KernelCosts fitKernelCosts(const std::vector<FitPoint>& points, const std::string& coreFamily,
                           std::vector<std::string>* notes = nullptr);

/// Cycles the cost model predicts for a point.
double predictCycles(const KernelCosts& costs, const FitPoint& p);

} // namespace zipcnn
