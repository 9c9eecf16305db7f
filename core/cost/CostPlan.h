// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "cost/PrimitiveRecipe.h"
#include "model/Network.h"

#include <cstdint>
#include <string>
#include <vector>

namespace zipcnn {

/// Applications of one primitive, with its recipe.
struct CostItem {
    std::string layer;     ///< empty in CostPlan::byPrimitive
    std::string primitive; ///< primitive id
    double count = 0.0;    ///< applications per inference
    PrimitiveRecipe recipe;
    /// Values of its layer's input and output tensors: the activations the layer works on
    /// (0 in CostPlan::byPrimitive, which sums layers of every size).
    std::int64_t activationValues = 0;
    std::size_t layerSlot = 0;     ///< index in CostPlan::layers
    std::size_t primitiveSlot = 0; ///< index in CostPlan::byPrimitive
};

/// A network made ready for costing at any (MCU, clock, format): done once per variant, so that
/// a sweep over clocks only evaluates a handful of sums.
struct CostPlan {
    std::vector<CostItem> items; ///< per (layer, primitive), in topological order
    /// The same summed per primitive (and recipe), first use first: the breakdown's rows.
    std::vector<CostItem> byPrimitive;
    /// The same summed per primitive, recipe and layer activation size: what an estimate adds
    /// up (whether a layer fits an MCU's tightly-coupled RAM is decided per MCU).
    std::vector<CostItem> sums;
    std::vector<std::string> layers; ///< layers with work, in topological order
    bool hasSigmoidFamily = false;   ///< sigmoid/tanh/swish: no INT8 measurement exists
    Diagnostics diagnostics; ///< primitives without a recipe (errors), not validated (warnings)
};

CostPlan makeCostPlan(const Network& net, const Analysis& analysis,
                      const Decomposition& decomposition);

} // namespace zipcnn
