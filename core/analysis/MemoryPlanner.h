// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "model/DataType.h"
#include "model/Network.h"

#include <cstdint>
#include <string>
#include <vector>

namespace zipcnn {

/// One buffer of the activation arena.
struct TensorAllocation {
    std::string name; ///< the layer that produces the buffer
    std::int64_t bytes = 0;
    std::int64_t offset = 0; ///< byte offset in the arena
    int firstUse = 0;        ///< execution step that writes it (index in `PlannerResult::profile`)
    int lastUse = 0;         ///< last execution step that reads it (the last step for outputs)
    /// Every layer whose output lives in this buffer: the producer, then the layers that work
    /// in place on it (activations, batch-norm, dropout, flatten, reshape).
    std::vector<std::string> layers;
};

/// The arena while one layer runs.
struct PlannerStep {
    std::string name;
    std::int64_t liveBytes = 0;      ///< sum of the buffers alive during this step
    std::int64_t arenaHighWater = 0; ///< highest arena byte in use during this step
};

/// Result of the tensor-lifetime planner.
struct PlannerResult {
    std::int64_t peakBytes = 0;            ///< arena size: the largest `arenaHighWater`
    std::vector<PlannerStep> profile;      ///< one step per layer, in execution order
    std::vector<TensorAllocation> tensors; ///< in the order their producers run
    Diagnostics diagnostics;               ///< layers left out because their shape is unknown
};

/// Plans the activation arena of `net` in `format` (estimation-model.md section 4). Layers run
/// in `analysis.order`; a buffer lives from its producer to its last consumer, network inputs
/// and outputs included (outputs until the end). Activation, BatchNormalization, Dropout,
/// Flatten and Reshape reuse their input's buffer when no other consumer of it is still to run.
/// Offsets are assigned greedily, largest buffer first, at the lowest offset that does not
/// overlap a buffer alive at the same time (the TFLite Micro greedy planner's rule, which is not
/// always optimal). No alignment padding is added.
PlannerResult planMemory(const Network& net, const Analysis& analysis, DType format);

} // namespace zipcnn
