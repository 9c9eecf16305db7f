// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "calibration/CalibrationData.h"
#include "cost/CostParams.h"
#include "cost/McuProfile.h"

#include <functional>
#include <optional>

namespace zipcnn {

struct CalibrationResult {
    std::optional<McuCalibration> calibration; ///< empty when the data cannot calibrate
    Diagnostics diagnostics;
};

/// Which measured configurations a calibration may use (all when empty).
using CaseFilter = std::function<bool(const CalibrationCase&)>;

/// Fits the cost parameters of `mcu` on its measured points (docs/cost-model.md section 2):
/// FP32 latency parameters, then q8 (and which op table gives INT8 MAC cycles), then the current
/// factors, each a non-negative fit of the mean absolute relative error. Parameters without data
/// keep their fallback and a note says so.
CalibrationResult calibrateMcu(const McuProfile& mcu, const CalibrationData& data,
                               const CaseFilter& use = {});

/// Relative errors of one estimate against one measured point, in percent (signed).
struct PointError {
    double latencyPct = 0.0;
    double currentPct = 0.0;
    double energyPct = 0.0; ///< against supply x measured current x measured latency
    bool ok = false;
};

PointError pointError(const CalibrationCase& c, const MeasuredPoint& m, const McuProfile& mcu,
                      const CostParams& params);

} // namespace zipcnn
