#pragma once

#include "Decomposition.h"
#include "Diagnostic.h"
#include "Network.h"
#include "NetworkAnalysis.h"
#include "PrimitiveRecipe.h"

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
};

/// A network made ready for costing at any (MCU, clock, format): done once per variant, so that
/// a sweep over clocks only evaluates a handful of sums.
struct CostPlan {
    std::vector<CostItem> items; ///< per (layer, primitive), in topological order
    std::vector<CostItem>
        byPrimitive;               ///< the same summed per primitive (and recipe), first use first
    bool hasSigmoidFamily = false; ///< sigmoid/tanh/swish: no INT8 measurement exists
    Diagnostics diagnostics; ///< primitives without a recipe (errors), not validated (warnings)
};

CostPlan makeCostPlan(const Network& net, const Analysis& analysis,
                      const Decomposition& decomposition);

} // namespace zipcnn
