// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Hand-made sweep points and cost axis, shared by the engine's and the charts' tests of the
// accuracy-cost front (no catalogue needed, so the widget tests include it too).
#include "cost/Sweep.h"
#include "explore/AccuracyCost.h"

#include <functional>
#include <string>

namespace zipcnn::testsupport {

/// A costed point at `f` MHz with its latency (ms) and energy (mJ).
inline SweepPoint costPoint(double f, double latencyMs, double energyMj, bool feasible = true) {
    SweepPoint p;
    p.cost.ok = true;
    p.cost.freqMhz = f;
    p.cost.latencyMs = latencyMs;
    p.cost.energyJ = energyMj * 1e-3;
    p.feasible = feasible;
    return p;
}

/// A higher-is-better axis made outside the Pareto code: inferences per joule (1 / energy),
/// standing for a battery life; `format` writes its values.
inline CostAxis inferencesPerJouleAxis(std::function<std::string(double)> format) {
    CostAxis life;
    life.id = "life";
    life.name = "Inferences per joule";
    life.unit = "1/J";
    life.higherIsBetter = true;
    life.value = [](const CostPoint& p, const CostTarget&) {
        return AxisValue{1.0 / p.energyJ, {}};
    };
    life.format = std::move(format);
    return life;
}

} // namespace zipcnn::testsupport
