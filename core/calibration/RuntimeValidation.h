// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calibration/BenchmarkData.h"
#include "calibration/RuntimeFit.h"
#include "cost/RuntimeProfile.h"
#include "io/McuFactsFile.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// In-sample residual of one point.
struct PointResidual {
    FitPoint point;
    double predictedMs = 0.0;
    double errorPct = 0.0; ///< (predicted - measured) / measured, signed
};

/// One (runtime, core family): its fitted costs (with the measured errors in `calibration`) and
/// the in-sample residuals.
struct RuntimeGroupReport {
    std::string runtimeId;
    KernelCosts costs;
    std::vector<PointResidual> residuals;
    /// Absolute errors (%) of each protocol, for pooling over families.
    std::vector<double> inSample, leaveOneModelOut, leaveOneBoardOut, energy;
};

struct RuntimeCalibrationResult {
    RuntimeProfile profile; ///< the input with `costs` refitted
    std::vector<RuntimeGroupReport> groups;
    BenchmarkSelection selection;
    Diagnostics diagnostics;
};

/// Median and mean of absolute relative errors (percent); nullopt when empty.
std::optional<ErrorSummary> summarize(const std::vector<double>& absErrorsPct);

/// The benchmark points of a runtime with their lowered-network sums and wait states.
std::vector<FitPoint> fitPoints(const BenchmarkSelection& selection, const RuntimeProfile& runtime,
                                const McuFactsCatalog& mcus, Diagnostics& diagnostics);

/// Fits every core family of a kernel-class runtime on the benchmark data and measures, per
/// family: the in-sample error, leave-one-model-out (each network predicted by a fit on the
/// others), leave-one-board-out (each board predicted by a fit on the family's other boards;
/// empty with a note when there is one board) and, where the data has energy, the in-sample
/// energy error (V of the run x the MCU's current model x predicted latency). Every cross-
/// validated prediction comes from a refit that never saw the point.
RuntimeCalibrationResult calibrateRuntime(const RuntimeProfile& runtime, const BenchmarkData& data,
                                          const McuFactsCatalog& mcus);

} // namespace zipcnn
