// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/CostParams.h"
#include "cost/CostPlan.h"
#include "cost/McuProfile.h"
#include "cost/OpLookup.h"
#include "model/DataType.h"

#include <string>
#include <vector>

namespace zipcnn {

/// The op tables an estimate at one clock needs (docs/cost-model.md 1.2).
struct ClockOps {
    bool ok = false;
    bool interpolated = false;
    std::string why; ///< why there is no estimate, when !ok
    OpLookup fp32;   ///< FP32 ops at the clock (softmax, fixed overhead, FP32 networks)
    OpLookup native; ///< ops of the network's format at the clock
    OpLookup mac;    ///< ops giving the MAC cycles (native, or FP32 where the profile says so)
    double stallCycles = 0.0; ///< w(f): Flash wait-state stall indicator, from the exp op
    /// Activation values a layer may hold in the tightly-coupled data RAM (0: the MCU has none).
    std::int64_t tcmValues = 0;
};

ClockOps clockOps(const McuProfile& mcu, DType format, double freqMhz, const CostParams& params);

/// Sums that the cost is linear in, for a set of primitive applications at one clock. Each
/// `...R` is recipe cycles, each `...I` the same weighted by the current of the ops (mA x cycles).
struct CostFeatures {
    double convR = 0, convRI = 0, convN = 0, convNI = 0;
    double convM = 0, convMI = 0; ///< MACs of conv layers whose activations exceed the TCM
    double fcR = 0, fcRI = 0, fcW = 0, fcWI = 0;
    double sigR = 0, sigRI = 0, sigN = 0, sigNI = 0, sigW = 0, sigWI = 0;
    double elR = 0, elRI = 0;
    CostFeatures& operator+=(const CostFeatures& o);
};

CostFeatures itemFeatures(const CostItem& item, const ClockOps& ops);

/// Cycles and charge (cycles x mA, current factors applied) of some work.
struct CostTotals {
    double cycles = 0.0;
    double charge = 0.0;
    CostTotals& operator+=(const CostTotals& o) {
        cycles += o.cycles;
        charge += o.charge;
        return *this;
    }
};

/// Per family, for the current fit: charge of conv, fc and the rest, with every kappa at 1.
struct FamilyCharge {
    double conv = 0, fc = 0, el = 0;
};

CostTotals evaluate(const CostFeatures& f, const CostParams& p, DType format);
FamilyCharge familyCharge(const CostFeatures& f, const CostParams& p, DType format,
                          const ClockOps& ops);
/// The fixed per-inference overhead C0 (cycles and charge).
CostTotals overheadTotals(const CostParams& p, const ClockOps& ops);

/// One estimate at one clock.
struct CostPoint {
    double freqMhz = 0.0;
    bool ok = false;
    std::string why; ///< why there is no estimate, when !ok
    bool interpolated = false;
    double cycles = 0.0;
    double latencyMs = 0.0;
    double currentMa = 0.0;
    double powerW = 0.0;
    double energyJ = 0.0;
    bool hasEnergy = true; ///< false: latency only (no current model for the MCU)
};

/// The share of one layer or primitive (or the fixed overhead) in an estimate.
struct CostShare {
    std::string name;
    double cycles = 0.0;
    double latencyMs = 0.0;
    double energyJ = 0.0;
};

struct CostBreakdown {
    CostPoint point;
    std::vector<CostShare> byLayer;     ///< topological order, then "(per-inference overhead)"
    std::vector<CostShare> byPrimitive; ///< by first use, then "(per-inference overhead)"
};

/// The parameters an estimate on `mcu` uses: its calibration, or the uncalibrated defaults.
const CostParams& costParamsOf(const McuProfile& mcu);

/// Latency, current, power and energy of one inference (docs/cost-model.md 1.2-1.3).
CostPoint estimatePoint(const CostPlan& plan, const McuProfile& mcu, DType format, double freqMhz);
/// The same with explicit parameters (calibration, cross-validation).
CostPoint estimatePoint(const CostPlan& plan, const McuProfile& mcu, const CostParams& params,
                        DType format, double freqMhz);
/// The same with the share of every layer and primitive (their sums equal the totals).
CostBreakdown estimateBreakdown(const CostPlan& plan, const McuProfile& mcu, DType format,
                                double freqMhz);

/// The label of the fixed overhead in breakdowns.
inline constexpr const char* kOverheadName = "(per-inference overhead)";

} // namespace zipcnn
