// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Exploration.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// The value of one estimate on a cost axis, or why there is none.
struct AxisValue {
    std::optional<double> value; ///< in the axis's unit
    std::string why;             ///< when `value` is absent: "no energy figure (latency only)"
};

/// One cost axis of the accuracy-against-cost chart. A value, not an enum, so a new axis
/// (battery life from a device model) is one more `CostAxis` built where its model lives,
/// without touching the Pareto code: `higherIsBetter` turns the front around.
struct CostAxis {
    std::string id;              ///< "energy", "latency"
    std::string name;            ///< "Energy per inference"
    std::string unit;            ///< the unit of `value` ("mJ", "ms")
    bool higherIsBetter = false; ///< false for a cost; true for battery life
    /// The value of `point` (an estimate of a variant on `target`).
    std::function<AxisValue(const CostPoint& point, const CostTarget& target)> value;
    /// A value of this axis as people read it ("1.2 mJ", "85 ms", "3.4 days").
    std::function<std::string(double value)> format;
};

/// Energy of one inference, in mJ (smaller is better).
CostAxis energyAxis();
/// Latency of one inference, in ms (smaller is better).
CostAxis latencyAxis();
/// The built-in axes, in the order the chart offers them: energy, latency.
std::vector<CostAxis> builtinCostAxes();
/// Battery life of the whole device `device` (docs/device.md) at the point, in hours (larger is
/// better); no value where the point has no energy, the target no sleep figure, or the period
/// is shorter than the inference.
CostAxis batteryLifeAxis(const DeviceModel& device);
/// `builtinCostAxes()`, and battery life when `exploration` models the device.
std::vector<CostAxis> costAxesFor(const Exploration& exploration);

/// The clock each variant's cost is read at on the chosen target.
enum class AccuracyClock {
    /// Each variant at its own least-energy clock among the clocks that meet every constraint
    /// (among all clocks when none does): `SweepCell::minEnergyFreqMhz`, the clock the abacus
    /// charts star. On a target without energy figures, the least-latency clock the same way.
    LeastEnergy,
    /// Every variant at the same clock, the focused one.
    Focused,
};

/// "least-energy clock" or "focused clock".
const char* accuracyClockName(AccuracyClock clock);

/// Where a variant stands on the chart.
enum class ParetoStatus {
    Front, ///< no other variant is at least as accurate and at least as cheap, and better in one
    Dominated,  ///< another variant is at least as accurate and at least as cheap, better in one
    NoAccuracy, ///< costed, but the user entered no accuracy: not placed
    NotRun,     ///< no cost on the axis on this target (see `why`)
};

/// One visible variant on the chosen target.
struct AccuracyCostPoint {
    std::size_t variant = 0; ///< index in the exploration
    std::string name;        ///< the variant's name
    std::optional<double> accuracyPct;
    std::optional<double> cost;    ///< on the axis, in its unit; absent when not run
    std::optional<double> freqMhz; ///< the clock the cost is read at
    bool meetsConstraints = false; ///< at that clock: latency, energy, power, memory
    ParetoStatus status = ParetoStatus::NotRun;
    /// Dominated: the variants of the front (exploration indexes) that dominate it, the best
    /// cost first.
    std::vector<std::size_t> dominatedBy;
    std::string why; ///< NotRun: why there is no cost
};

/// The accuracy against one cost of the visible variants on one target, and its Pareto front
/// (maximise accuracy; minimise the cost, or maximise it on a higher-is-better axis).
struct AccuracyCost {
    std::size_t target = 0;
    std::string targetName;
    CostAxis axis;
    AccuracyClock clock = AccuracyClock::LeastEnergy;
    std::optional<double> focusedFreqMhz;  ///< the clock of `AccuracyClock::Focused`
    std::vector<AccuracyCostPoint> points; ///< every visible variant, in the exploration's order
    /// Indexes into `points`: the front from the best cost to the worst (the most accurate
    /// last), the dominated ones, those without an accuracy (run or not) and those not run.
    std::vector<std::size_t> front;
    std::vector<std::size_t> dominated;
    std::vector<std::size_t> withoutAccuracy;
    std::vector<std::size_t> notRun;

    /// The point of exploration variant `variant`, or nullptr when it is hidden.
    const AccuracyCostPoint* find(std::size_t variant) const;
    /// The names of the front variants that dominate `p`, cheapest first: "INT8, FP32 pruned 70 %".
    std::string dominatorNames(const AccuracyCostPoint& p) const;
    /// Whether any visible variant has an accuracy.
    bool anyAccuracy() const;
};

/// One (accuracy, cost) pair for `paretoSplit`.
struct ParetoEntry {
    double accuracy = 0.0;
    double cost = 0.0;
};

/// The Pareto split of `entries`, by index.
struct ParetoSplit {
    std::vector<std::size_t> front; ///< from the best cost to the worst; ties by index
    /// For each entry: the indexes of the front entries that dominate it, in the front's order
    /// (empty on the front).
    std::vector<std::vector<std::size_t>> dominatedBy;
};

/// Splits `entries` into the Pareto front and the dominated ones. `a` dominates `b` when it is
/// at least as accurate and at least as good on cost, and strictly better on one of the two:
/// two entries with equal accuracy and equal cost do not dominate each other (both on the
/// front), an equal cost with less accuracy is dominated, as is an equal accuracy at a worse
/// cost. Values compare exactly: two variants costed alike give identical numbers.
ParetoSplit paretoSplit(const std::vector<ParetoEntry>& entries, bool higherCostIsBetter);

/// The accuracy against `axis` of every visible variant of `exploration` on target `target`, at
/// the clock `clock` says (`focusedFreqMhz` for `AccuracyClock::Focused`). A variant is not run
/// when it could not be prepared, when the target's runtime cannot run it, when it has no
/// estimate at that clock, when it does not fit the target's Flash or RAM there, or when the
/// estimate has no value on the axis.
AccuracyCost accuracyCost(const Exploration& exploration, std::size_t target, const CostAxis& axis,
                          AccuracyClock clock = AccuracyClock::LeastEnergy,
                          std::optional<double> focusedFreqMhz = std::nullopt);

} // namespace zipcnn
