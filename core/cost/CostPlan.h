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
    /// Values of its layer's input and output tensors: the activations the layer works on.
    std::int64_t activationValues = 0;
    std::size_t layerSlot = 0;     ///< index in CostPlan::layers
    std::size_t primitiveSlot = 0; ///< index in CostPlan::byPrimitive
};

/// A network made ready for costing at any (MCU, clock, format): done once per variant, so that
/// a sweep over clocks only evaluates a handful of sums.
struct CostPlan {
    std::vector<CostItem> items; ///< per (layer, primitive), in topological order
    /// The same summed per primitive (and recipe, and layer activation size), first use first.
    std::vector<CostItem> byPrimitive;
    std::vector<std::string> layers; ///< layers with work, in topological order
    bool hasSigmoidFamily = false;   ///< sigmoid/tanh/swish: no INT8 measurement exists
    Diagnostics diagnostics; ///< primitives without a recipe (errors), not validated (warnings)
};

CostPlan makeCostPlan(const Network& net, const Analysis& analysis,
                      const Decomposition& decomposition);

} // namespace zipcnn
