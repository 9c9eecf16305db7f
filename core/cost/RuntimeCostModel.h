// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/Lowering.h"
#include "cost/McuFacts.h"
#include "cost/RuntimeProfile.h"

#include <optional>
#include <string>

namespace zipcnn {

/// One estimate of a runtime on an MCU at one clock (docs/runtimes.md).
struct RuntimePoint {
    double freqMhz = 0.0;
    bool ok = false;
    std::string why; ///< why there is no estimate, when !ok
    double cycles = 0.0;
    double stallCycles = 0.0; ///< flash wait states paid by weights read once
    int waitStates = 0;
    bool waitStatesKnown = false;
    double latencyMs = 0.0;
    std::optional<double> currentMa; ///< none: the MCU has no current model
    double voltageV = 0.0;
    double powerW = 0.0;
    double energyJ = 0.0;
};

/// Cycles the runtime's kernels spend on the lowered graph, memory effects excluded.
double coreCycles(const RuntimeFeatures& f, const KernelCosts& c);

/// Flash stall cycles of weights read once (dense layers) at `waitStates` wait states.
double flashStallCycles(const RuntimeFeatures& f, const KernelCosts& c, int waitStates);

/// Cycles of one lowered layer at `waitStates` flash wait states: its kernel cycles without the
/// per-inference overhead, plus the flash stalls of weights it reads once.
double loweredLayerCycles(const LoweredLayer& layer, const KernelCosts& c, int waitStates);

/// Latency, and current, power and energy when the MCU has a current model, at `freqMhz` and the
/// supply `voltageV` (<= 0: the MCU's nominal voltage). No estimate outside the MCU's clock range.
RuntimePoint estimateRuntimePoint(const RuntimeFeatures& f, const KernelCosts& c,
                                  const McuFacts& mcu, double freqMhz, double voltageV = 0.0);

} // namespace zipcnn
