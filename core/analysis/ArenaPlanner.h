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

/// How the runtime places the lowered graph's tensors in its activation arena.
enum class ArenaPlannerKind {
    /// Largest buffer first, each at the lowest offset free for its whole lifetime (TensorFlow
    /// Lite Micro's GreedyMemoryPlanner). A layer's output never shares bytes with its inputs.
    GreedyBySize,
    /// The same, but a layer that reads and writes pixel by pixel (element-wise ops, 1x1
    /// stride-1 convolutions, dense layers) may write its output over an input it is the last
    /// reader of: the pair needs max(input, output) bytes. X-CUBE-AI reuses buffers this way.
    GreedyBySizeOverlap,
};

const char* arenaPlannerKindName(ArenaPlannerKind k);

/// The graph lowering of an optimising runtime (docs/memory-model.md, "RAM, figure 3").
struct ArenaOptions {
    bool foldBatchNorm = true;      ///< a BatchNormalization after a conv/dense is folded into it
    bool fuseActivation = true;     ///< ReLU/ReLU6/linear after a layer that can fuse them
    bool fusePadding = true;        ///< ZeroPadding2D read implicitly by the convs/pools after it
    bool inPlaceElementwise = true; ///< Add, Multiply and standalone activations write into an
                                    ///< input that nothing reads later
    int alignmentBytes = 16;        ///< every buffer's size is rounded up to this (>= 1)
    ArenaPlannerKind planner = ArenaPlannerKind::GreedyBySize;
    bool allocateInputs = true;  ///< the network inputs live in the arena
    bool allocateOutputs = true; ///< the network outputs live in the arena
};

/// One buffer of the lowered graph.
struct ArenaBuffer {
    std::vector<std::string> layers; ///< the producer, then the layers that reuse the buffer
    std::int64_t bytes = 0;          ///< aligned size
    std::int64_t offset = 0;
    int firstUse = 0; ///< step that writes it (network inputs: 0)
    int lastUse = 0;  ///< last step that reads it (network outputs: the last step)
};

/// One executed layer of the lowered graph.
struct ArenaStep {
    std::string layer;
    std::vector<std::string> fused; ///< layers folded or fused into it (no step of their own)
    std::int64_t liveBytes = 0;     ///< bytes of the buffers alive while it runs
    std::int64_t highWater = 0;     ///< highest arena byte in use while it runs
};

struct ArenaPlan {
    std::int64_t arenaBytes = 0; ///< the arena size: the largest high-water mark
    std::string peakLayer;       ///< the first step whose live bytes are the largest
    std::int64_t peakLiveBytes = 0;
    std::vector<ArenaStep> steps; ///< in execution order
    std::vector<ArenaBuffer> buffers;
    Diagnostics diagnostics; ///< layers left out (unknown shape), sizes past 64 bits
};

/// The activation arena of a runtime that lowers `net` as `options` says, then places every
/// remaining tensor by lifetime. Scratch buffers of the kernels are not included.
ArenaPlan planArena(const Network& net, const Analysis& analysis, DType format,
                    const ArenaOptions& options = {});

} // namespace zipcnn
