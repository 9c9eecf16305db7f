// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/DataType.h"

#include <map>
#include <string>
#include <vector>

namespace zipcnn {

/// The physically meaningful parameters of the cost model of one MCU (docs/cost-model.md 1.4).
/// The defaults are the uncalibrated model: every primitive at its op-recipe cost.
struct CostParams {
    double sConv = 1.0; ///< fraction of the op-loop cycles one conv MAC really costs
    double oConv = 0.0; ///< cycles per conv application (pointer setup, bias, store)
    double sFc = 1.0;   ///< same as sConv for the dense dot product
    double bFc = 0.0;   ///< Flash stall cycles per dense weight per cycle of w(f)
    double oSig = 0.0;  ///< cycles per sigmoid element beyond its recipe
    double bSig = 0.0;  ///< Flash stall cycles per sigmoid element per cycle of w(f)
    double c0 = 0.0;    ///< cycles per inference (fixed overhead)
    /// Cycles per conv MAC of a layer whose activations (inputs + output) do not fit the MCU's
    /// tightly-coupled data RAM: the extra latency of the system SRAM (docs/cost-model.md 1.6).
    double mTcm = 0.0;
    double q8 = 1.0;        ///< INT8 MAC cost relative to its op recipe
    double kappaConv = 1.0; ///< current of conv work relative to its time-weighted op currents
    double kappaFc = 1.0;
    double kappaEl = 1.0; ///< element-wise, sigmoid and fixed overhead
    double i0Ma =
        0.0; ///< static current the op characterisation did not see (board, regulator), mA
    double referenceFreqMhz = 16.0;        ///< zero-wait-state clock of the stall indicator w(f)
    DType int8MacCyclesFrom = DType::INT8; ///< op table giving INT8 MAC cycles (F746: fp32)
    bool operator==(const CostParams&) const = default;
};

/// The fit error of one measured configuration, mean |est - meas| / meas in percent.
struct FitResidual {
    std::string set;    ///< measurement set ("lenet5")
    std::string config; ///< configuration ("fp32_prune50")
    int points = 0;
    double latencyPct = 0.0;
    double currentPct = 0.0;
    double energyPct = 0.0;
    bool operator==(const FitResidual&) const = default;
};

/// A calibration stored with an MCU's look-up table.
struct McuCalibration {
    CostParams params;
    std::string source;                 ///< the measurements it was fitted on
    std::vector<FitResidual> residuals; ///< per configuration, then "all"
    std::vector<std::string> notes;     ///< parameters without data, fixed to their fallback
    bool operator==(const McuCalibration&) const = default;
};

} // namespace zipcnn
