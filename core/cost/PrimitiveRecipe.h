// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/McuProfile.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace zipcnn {

/// How a primitive's cost is modelled (docs/cost-model.md section 1): the family picks the
/// calibrated scale, overhead and current factor that apply to it.
enum class CostFamily {
    Conv,        ///< convolutions: s_conv x recipe + o_conv per application, kappa_conv
    Fc,          ///< dense layers: s_fc x recipe + Flash stall per weight, kappa_fc
    Sigmoid,     ///< table-based activations: recipe + o_sig + Flash stall, kappa_el
    Elementwise, ///< one op per element, costed at face value, kappa_el
};

std::string_view costFamilyName(CostFamily f);

/// Ops of one application of a primitive (thesis Annex A.1).
struct PrimitiveRecipe {
    CostFamily family = CostFamily::Elementwise;
    std::array<double, kOpCount> ops{}; ///< count of each op per application
    double flashWeights = 0.0;          ///< weights read once from Flash per application (fc)
    bool fp32Only = false;              ///< runs in FP32 ops even in an INT8 network (softmax)
    bool validated = false;             ///< the thesis's measurements cover this primitive
    double op(Op o) const { return ops[static_cast<std::size_t>(o)]; }
};

/// The recipe of a primitive id of `decompose()` ("conv2d_5x5", "fc_400x120", "relu"...).
/// `reduceLength` is the number of input values one output of a global pooling reads (H x W);
/// it is ignored by other primitives. nullopt for an id without a recipe.
std::optional<PrimitiveRecipe> recipeFor(const std::string& id, std::int64_t reduceLength = 0);

} // namespace zipcnn
