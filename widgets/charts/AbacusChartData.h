// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Exploration.h"
#include "explore/ExplorationFocus.h"

#include <QString>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace zipcnn::gui {

/// The quantity an abacus chart plots against the clock. BatteryLife exists only with a device
/// model (docs/device.md): hours, the longer the better.
enum class AbacusMetric { Latency, Energy, Power, BatteryLife };

/// Every metric, in the order of the chart tabs.
inline constexpr AbacusMetric kAbacusMetrics[] = {AbacusMetric::Latency, AbacusMetric::Energy,
                                                  AbacusMetric::Power, AbacusMetric::BatteryLife};

// The focus (drawn on top and thicker) and its rule live in the core, with the exploration.
using zipcnn::defaultFocus;
using zipcnn::ExplorationFocus;

struct AbacusPoint {
    double freqMhz = 0.0;
    double value = 0.0;        ///< in the chart's unit
    bool interpolated = false; ///< not a characterised clock of this MCU
    bool feasible = false;
};

/// One curve: a visible variant on one candidate MCU.
struct AbacusCurve {
    std::size_t variant = 0;
    std::size_t mcu = 0;
    QString label;                   ///< "STM32L496ZG · INT8 prune 70 %"
    QString target;                  ///< "STM32L496ZG", "STM32F746ZG · x-cube-ai-9"
    QString variantName;             ///< "INT8 prune 70 %"
    std::vector<AbacusPoint> points; ///< increasing clocks, estimable ones only
    std::vector<std::pair<double, double>> feasibleRanges; ///< [low, high] clock runs, MHz
    /// The cell's best clock: least energy per inference, or on the battery-life chart the
    /// longest life (with the device's sleep and loads these differ).
    std::optional<AbacusPoint> minEnergy;
    bool focused = false;
};

/// What one abacus chart draws, built from an exploration without any drawing code so that
/// tests can check it: curves, the constraint line and the axis ranges (log-log).
struct AbacusChartData {
    AbacusMetric metric = AbacusMetric::Latency;
    QString title;     ///< "Latency per inference"
    QString unit;      ///< "ms", "mJ", "mW"
    QString axisLabel; ///< "Latency (ms)"
    std::vector<AbacusCurve> curves;
    std::optional<double> limit; ///< the constraint, in `unit`
    double xMin = 1.0, xMax = 100.0, yMin = 1.0, yMax = 100.0;

    bool empty() const { return curves.empty(); }
};

/// The value of `metric` at `point`, in the chart's unit (ms, mJ, mW, h); 0 when it has none
/// (no energy, or no device estimate for the battery life).
double abacusValue(AbacusMetric metric, const SweepPoint& point);
/// "ms", "mJ", "mW" or "h".
QString abacusUnit(AbacusMetric metric);
/// "Latency", "Energy", "Power" or "Battery life".
QString abacusName(AbacusMetric metric);

/// Builds the chart of `metric` for every visible variant on every candidate MCU.
AbacusChartData buildAbacusData(const Exploration& exploration, AbacusMetric metric,
                                const std::optional<ExplorationFocus>& focus = std::nullopt);

/// The runs of consecutive feasible points of `points`, as [first clock, last clock].
std::vector<std::pair<double, double>> feasibleRanges(const std::vector<AbacusPoint>& points);

} // namespace zipcnn::gui
