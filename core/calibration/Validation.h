// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "calibration/CalibrationData.h"
#include "io/McuCatalog.h"

#include <string>
#include <vector>

namespace zipcnn {

/// Mean absolute relative errors (percent) of our estimates and of the thesis's own estimates
/// (the "estimated" column of the measurement files) over a set of measured points.
struct ErrorStats {
    int points = 0;
    double latencyPct = 0.0;
    double currentPct = 0.0; ///< = power error (P = V x I in both)
    double energyPct = 0.0;  ///< against supply x measured current x measured latency
    int referencePoints = 0;
    double referenceLatencyPct = 0.0;
    double referenceCurrentPct = 0.0;
    double referenceEnergyPct = 0.0;
};

/// One line of a validation: an MCU x configuration, or a total ("all").
struct ValidationRow {
    std::string mcu;    ///< "all" for the total over MCUs
    std::string set;    ///< "all" in totals
    std::string config; ///< "all" in totals
    ErrorStats stats;
    std::string note; ///< why a left-out calibration could not be made
};

enum class ValidationMode {
    InSample,        ///< the calibration stored in each LUT, on every measured point
    LeaveNetworkOut, ///< recalibrated without each measurement set (network) in turn
    LeaveConfigOut,  ///< recalibrated without each configuration in turn
};

const char* validationModeName(ValidationMode m);

struct ValidationReport {
    ValidationMode mode = ValidationMode::InSample;
    std::vector<ValidationRow> rows; ///< per MCU x configuration, per MCU, per set, overall
    Diagnostics diagnostics;
    const ValidationRow* find(const std::string& mcu, const std::string& set,
                              const std::string& config) const;
};

ValidationReport validate(const McuCatalog& catalog, const CalibrationData& data,
                          ValidationMode mode);

} // namespace zipcnn
