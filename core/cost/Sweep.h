// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "cost/CostPlan.h"
#include "cost/Estimator.h"
#include "cost/McuProfile.h"
#include "model/DataType.h"
#include "model/Network.h"
#include "model/Project.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// A network variant made ready for costing: pruned, analysed, planned, with its memory.
struct CostVariant {
    std::string name;
    DType dtype = DType::FP32;
    double prune = 0.0;
    CostPlan plan;
    std::int64_t flashBytes = 0;         ///< weights + code (MemoryModel)
    std::int64_t ramBytes = 0;           ///< activations by the thesis rule (estimation-model.md 4)
    std::vector<RamRuleLayer> ramLayers; ///< the rule's per-layer profile (its maximum is ramBytes)
    std::string ramPeakLayer;            ///< the layer that sets ramBytes
    Diagnostics diagnostics;             ///< errors make the variant unusable
    bool usable() const { return !hasErrors(diagnostics); }
};

/// Prunes `base` at `prune` (filters, keeping Dense inputs when asked), analyses, decomposes and
/// plans it, and estimates its Flash and RAM in `dtype`.
CostVariant prepareVariant(const Network& base, std::string name, DType dtype, double prune,
                           bool keepDenseInputs = false);

/// The same for a network already pruned, analysed and decomposed: nothing is recomputed.
/// `prune` is only recorded. `analysis` must be free of errors.
CostVariant costVariant(const Network& net, const Analysis& analysis,
                        const Decomposition& decomposition, std::string name, DType dtype,
                        double prune);

/// A constraint that one point breaks, and by how much.
struct Violation {
    std::string constraint; ///< "latency", "energy", "power", "flash", "ram"
    double value = 0.0;     ///< in the unit of the constraint (ms, mJ, mW, KiB)
    double limit = 0.0;
    double excessPct() const { return limit > 0 ? 100.0 * (value - limit) / limit : 0.0; }
};

struct SweepPoint {
    CostPoint cost;
    bool feasible = false;
    std::vector<Violation> violations;
};

/// Every clock of one (variant, MCU), and its summary (estimation-model.md section 6).
struct SweepCell {
    std::size_t variant = 0;
    std::size_t mcu = 0;
    std::vector<SweepPoint> points;
    std::vector<double> feasibleFreqsMhz;
    /// The clock of least energy among the feasible points (among all when none is feasible).
    std::optional<double> minEnergyFreqMhz;
    double minEnergyJ = 0.0;
    /// For a cell with no feasible clock: each failing constraint at the clock where it fails
    /// least (so "latency +35 %" means it is 35 % over even at its best clock).
    std::vector<Violation> failing;
    bool feasible() const { return !feasibleFreqsMhz.empty(); }
};

struct SweepResult {
    std::vector<SweepCell> cells; ///< variant-major, then MCU
};

/// Checks one point against the constraints, memory included.
SweepPoint checkPoint(const CostPoint& cost, const CostVariant& v, const McuProfile& mcu,
                      const Constraints& c);

/// Estimates every variant on every MCU at its characterised clocks (or at `freqsMhz` when
/// given: clocks outside an MCU's range are skipped for it) and checks the constraints.
SweepResult runSweep(const std::vector<CostVariant>& variants,
                     const std::vector<const McuProfile*>& mcus, const Constraints& constraints,
                     const std::vector<double>& freqsMhz = {});

} // namespace zipcnn
