// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "calibration/MeasurementCsv.h"
#include "calibration/RuntimeFit.h"
#include "io/McuFactsFile.h"
#include "io/RuntimeProfileFile.h"
#include "io/UserProfileFile.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// One measured point of the user's data as fitted: its network, clock and measurements, the
/// in-sample prediction, and the prediction of the fit that left its network out.
struct UserResidual {
    std::string network;
    std::string file;
    int line = 0;
    double freqMhz = 0.0;
    double measuredMs = 0.0;
    double predictedMs = 0.0;
    double errorPct = 0.0;                 ///< signed, (predicted - measured) / measured
    std::optional<double> lonoPredictedMs; ///< leave-one-network-out (two networks or more)
    std::optional<double> lonoErrorPct;
    std::optional<double> measuredMa, predictedMa; ///< when the data has the current
    std::optional<double> currentErrorPct;
};

/// What `calibrateUserProfile` made of the user's measurements (docs/measurement-format.md,
/// "Your own measurements").
struct UserCalibrationResult {
    std::optional<UserProfile> profile; ///< none when the data cannot be fitted (`diagnostics`)
    std::vector<UserResidual> residuals;
    std::optional<ErrorSummary> inSample;
    std::optional<ErrorSummary> leaveOneNetworkOut; ///< none with one network (`notes` says)
    std::optional<ErrorSummary> currentInSample;
    std::vector<std::string> networks;
    /// What the data could not determine and what was done about it, each naming the parameter.
    std::vector<std::string> notes;
    Diagnostics diagnostics; ///< errors refuse the fit; each names the file, row and column
};

/// Fits the kernel costs of `runtimeId` for the MCU `mcuName` on the latencies measured in
/// `tables` (and the MCU's current line on their currents, powers or energies), with the
/// project's robust fit (fitKernelCosts). `mcuName` / `runtimeId` may be empty when the data
/// names a single one. A row's `config` is the network: a zoo name or a model file relative to
/// its CSV. Rows of another MCU or runtime are left out with a warning. A parameter the data
/// cannot determine is tied or fixed with a note naming it; a fit with no convolution in the
/// data, or a current that does not rise with the clock, is refused naming the parameter.
UserCalibrationResult calibrateUserProfile(const std::vector<MeasurementTable>& tables,
                                           const McuFactsCatalog& mcus,
                                           const RuntimeCatalog& runtimes,
                                           const std::string& mcuName,
                                           const std::string& runtimeId);

} // namespace zipcnn
