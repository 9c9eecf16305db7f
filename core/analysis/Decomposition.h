// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "model/Network.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace zipcnn {

/// Number of applications of one primitive.
struct PrimitiveCount {
    std::string id; ///< e.g. "conv2d_5x5", "fc_400x120", "softmax_10"
    std::int64_t count = 0;
    bool operator==(const PrimitiveCount&) const = default;
};

/// The primitives one layer decomposes into (a layer may use several, e.g. conv + fused relu).
struct LayerPrimitives {
    std::string layer;
    std::vector<PrimitiveCount> primitives;
};

/// A network as primitives (estimation-model.md section 1).
struct Decomposition {
    std::map<std::string, std::int64_t> totals; ///< primitive id -> applications (non-zero only)
    std::vector<LayerPrimitives> layers;        ///< in topological order, every analysed layer
    Diagnostics diagnostics;
};

/// Decomposes an analysed network. Layers whose shape is unknown are skipped with a
/// diagnostic; nothing is dropped silently.
Decomposition decompose(const Network& net, const Analysis& analysis);
/// Convenience: analyses, then decomposes (the analysis diagnostics are included).
Decomposition decompose(const Network& net);

/// The primitive id of an activation function over `vectorLength`-long vectors
/// ("relu", "softmax_10"); empty for linear.
std::string activationPrimitive(ActivationKind act, std::int64_t vectorLength);

/// The family of a primitive id: "conv2d", "conv2d_rgb", "dwconv2d", "avgpool", "fc", "relu"...
std::string primitiveKind(const std::string& id);

} // namespace zipcnn
