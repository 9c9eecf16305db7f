// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "calibration/MeasurementCsv.h"
#include "cost/CostPlan.h"
#include "model/DataType.h"

#include <string>
#include <vector>

namespace zipcnn {

/// The measurement-set format ("zipcnn-measurements", docs/measurement-format.md).
inline constexpr int kMeasurementFormatVersion = 1;

/// One measured configuration: the network it ran and its numeric format.
struct CalibrationCase {
    std::string set;    ///< measurement set, e.g. "lenet5"
    std::string config; ///< configuration within the set, e.g. "fp32_prune50"
    std::string model;  ///< the MODEL it names (zoo name or network file)
    double prune = 0.0;
    bool keepDenseInputs = false;
    DType dtype = DType::FP32;
    CostPlan plan;
};

/// One measured (configuration, MCU, clock).
struct CalibrationPoint {
    std::size_t caseIndex = 0;
    MeasuredPoint measured;
};

/// Everything a calibration or a validation reads: the cases and their measured points.
struct CalibrationData {
    std::string file;   ///< the manifest
    std::string source; ///< where the measurements come from
    std::vector<CalibrationCase> cases;
    std::vector<CalibrationPoint> points; ///< only points with latency and current
    Diagnostics diagnostics;
};

/// Reads a manifest (JSON), its measurement CSVs (paths relative to the manifest) and the
/// networks its configurations name (zoo names or network files relative to the manifest).
CalibrationData loadCalibrationData(const std::string& manifestPath);

/// The measurement manifest shipped with the program ("thesis.json"): installed at
/// `<exeDir>/../share/zipcnn/measurements`, else the source tree's `data/measurements`.
/// Empty when neither exists.
std::string shippedMeasurementManifest(const std::string& exeDir);

} // namespace zipcnn
