// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A hand-made sweep point, shared by the engine's and the charts' tests of the accuracy-cost
// front (no catalogue needed, so the widget tests include it too).
#include "cost/Sweep.h"

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

} // namespace zipcnn::testsupport
