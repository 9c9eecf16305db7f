// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "cost/CostPlan.h"
#include "cost/CostTarget.h"
#include "cost/DeviceEstimate.h"
#include "cost/Estimator.h"
#include "cost/Lowering.h"
#include "cost/McuProfile.h"
#include "model/DataType.h"
#include "model/Network.h"
#include "model/Project.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// A variant as one runtime runs it (docs/runtimes.md): its lowered graph's features and the
/// runtime's activation RAM, or why the runtime cannot run it.
struct RuntimeVariant {
    std::string runtime;              ///< the runtime's id
    std::string unavailable;          ///< why it cannot run (a format, a layer); empty when it can
    RuntimeFeatures features;         ///< what the kernel-class cost is linear in
    std::vector<LoweredLayer> layers; ///< the lowered graph, for per-layer shares
    RuntimeRam ram;                   ///< activation arena (or the thesis rule)
};

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
    std::vector<RuntimeVariant> runtimes; ///< one per kernel-class runtime it was lowered for
    bool usable() const { return !hasErrors(diagnostics); }
    /// The variant under runtime `id`; nullptr when it was not lowered for it.
    const RuntimeVariant* runtime(const std::string& id) const;
};

/// Prunes `base` at `prune` (filters, keeping Dense inputs when asked), analyses, decomposes and
/// plans it, and estimates its Flash and RAM in `dtype`; then lowers it for each kernel-class
/// runtime of `runtimes` (thesis-c needs nothing more).
CostVariant prepareVariant(const Network& base, std::string name, DType dtype, double prune,
                           bool keepDenseInputs = false,
                           const std::vector<const RuntimeProfile*>& runtimes = {});

/// `v` (costed from `net` and its `analysis`) as `runtime` runs it.
RuntimeVariant lowerVariant(const CostVariant& v, const Network& net, const Analysis& analysis,
                            const RuntimeProfile& runtime);

/// The same for a network already pruned, analysed and decomposed: nothing is recomputed.
/// `prune` is only recorded. `analysis` must be free of errors.
CostVariant costVariant(const Network& net, const Analysis& analysis,
                        const Decomposition& decomposition, std::string name, DType dtype,
                        double prune);

/// A constraint that one point breaks, and by how much.
struct Violation {
    /// "latency", "energy", "power", "flash", "ram"; with a device model also "period" (the
    /// inference and wake-up, ms, longer than the period) and "battery" (life, h, below the
    /// minimum: an `atLeast` limit)
    std::string constraint;
    double value = 0.0; ///< in the unit of the constraint (ms, mJ, mW, KiB, h)
    double limit = 0.0;
    bool atLeast = false; ///< the limit is a minimum (battery life), not a maximum
    /// How far past the limit, in percent of it: above a maximum, or short of a minimum.
    double excessPct() const {
        if (!(limit > 0))
            return 0.0;
        return 100.0 * (atLeast ? limit - value : value - limit) / limit;
    }
};

struct SweepPoint {
    CostPoint cost; ///< under a runtime without a current model: latency only (`hasEnergy` false)
    bool feasible = false;
    std::vector<Violation> violations;
    /// The whole device at this point (docs/device.md); set when the sweep had a device model
    /// and the point an estimate with energy (`ok` false says why there is no battery life).
    std::optional<DeviceEstimate> device;
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
    /// With a device model: the clock of longest battery life, by the same rule (among the
    /// feasible points, among all when none is feasible), and that life.
    std::optional<double> longestLifeFreqMhz;
    double longestLifeH = 0.0;
    /// For a cell with no feasible clock: each failing constraint at the clock where it fails
    /// least (so "latency +35 %" means it is 35 % over even at its best clock).
    std::vector<Violation> failing;
    /// Why the cell has no estimate although the variant is usable (a runtime that does not run
    /// its format or one of its layers), or what its estimates leave out; empty otherwise.
    std::string note;
    bool feasible() const { return !feasibleFreqsMhz.empty(); }
    /// The costed point at exactly `freqMhz` (a clock of the sweep), or null.
    const SweepPoint* costedPointAt(double freqMhz) const;
};

struct SweepResult {
    std::vector<SweepCell> cells; ///< variant-major, then MCU
};

/// Checks one point against the constraints, memory included: `flashBytes` and `ramBytes` of
/// the variant against the target's Flash and SRAM. Energy and power constraints are not
/// checked on a point without energy.
SweepPoint checkPoint(const CostPoint& cost, std::int64_t flashBytes, std::int64_t ramBytes,
                      const CostTarget& target, const Constraints& c);

/// The RAM variant `v` needs on `target`: the thesis rule under thesis-c, the runtime's
/// activation planner otherwise.
std::int64_t variantRamBytes(const CostVariant& v, const CostTarget& target);

/// One estimate of `v` on `target` at `freqMhz` (its LUTs, or its runtime's kernel classes),
/// without the constraints.
CostPoint estimateOnTarget(const CostVariant& v, const CostTarget& target, double freqMhz);

/// The estimate of `v` on `target` at `freqMhz` with its per-layer shares: the LUTs' primitives
/// under thesis-c, the lowered layers costed by kernel class under a runtime (a layer folded
/// into another counts in it; `byPrimitive` then holds the kernel classes).
CostBreakdown breakdownOnTarget(const CostVariant& v, const CostTarget& target, double freqMhz);

/// Adds the device at `p` (the MCU at the rail of `supplyV`, asleep at `sleep`) and checks the
/// duty cycle ("period") and `c.minBatteryLifeH` ("battery") on it. A point without energy
/// gets no device estimate and no device constraint.
void checkDevice(SweepPoint& p, const DeviceModel& device, const SleepFigure& sleep, double supplyV,
                 const Constraints& c);

/// The supply voltage the target's currents are given at (its LUT's, or its datasheet's).
double targetSupplyV(const CostTarget& target);

/// Estimates every variant on every target at its own clocks (or at `freqsMhz` when given:
/// clocks outside a target's range are skipped for it) and checks the constraints; with a
/// `device` model, also the whole device at every point (`SweepPoint::device`) and the
/// device constraints.
SweepResult runSweep(const std::vector<CostVariant>& variants,
                     const std::vector<CostTarget>& targets, const Constraints& constraints,
                     const std::vector<double>& freqsMhz = {}, const DeviceModel* device = nullptr);

} // namespace zipcnn
