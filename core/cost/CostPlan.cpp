// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/CostPlan.h"

#include "base/CheckedMath.h"

#include <map>
#include <set>

namespace zipcnn {

namespace {

/// Input values one output of a global pooling layer reads (H x W of its input).
std::int64_t reduceLengthOf(const Network& net, const Analysis& analysis,
                            const std::string& layer) {
    auto i = net.indexOf(layer);
    if (!i || *i >= analysis.layers.size())
        return 0;
    const auto& in = analysis.layers[*i].inputShapes;
    if (in.empty() || in.front().rank() != 3)
        return 0;
    return in.front().dims[0] * in.front().dims[1];
}

/// Values of the layer's input tensors plus its output (0 when the shape is unknown): what
/// must be in RAM while it runs.
std::int64_t activationValuesOf(const Network& net, const Analysis& analysis,
                                const std::string& layer) {
    auto i = net.indexOf(layer);
    if (!i || *i >= analysis.layers.size() || !analysis.layers[*i].shapeKnown)
        return 0;
    const auto& info = analysis.layers[*i];
    std::int64_t n = info.outputShape.elements();
    for (const auto& s : info.inputShapes)
        n = saturatingAdd(n, s.elements());
    return n;
}

} // namespace

CostPlan makeCostPlan(const Network& net, const Analysis& analysis,
                      const Decomposition& decomposition) {
    CostPlan plan;
    std::map<std::string, std::size_t> merged; // primitive id + recipe key -> byPrimitive index
    std::map<std::string, std::size_t> summed; // the same + activation size -> sums index
    std::set<std::string> unvalidated;
    for (const auto& lp : decomposition.layers) {
        const std::int64_t values = activationValuesOf(net, analysis, lp.layer);
        for (const auto& pc : lp.primitives) {
            if (pc.count == 0)
                continue;
            const bool global = pc.id == "global_avgpool" || pc.id == "global_maxpool";
            const std::int64_t reduce = global ? reduceLengthOf(net, analysis, lp.layer) : 0;
            auto recipe = recipeFor(pc.id, reduce);
            if (!recipe) {
                plan.diagnostics.push_back(makeError(
                    "no-recipe", "primitive '" + pc.id + "' has no cost recipe", lp.layer));
                continue;
            }
            if (!recipe->validated)
                unvalidated.insert(pc.id);
            if (recipe->family == CostFamily::Sigmoid)
                plan.hasSigmoidFamily = true;
            const double n = static_cast<double>(pc.count);
            const std::string key = pc.id + "#" + std::to_string(reduce);
            auto [it, fresh] = merged.emplace(key, plan.byPrimitive.size());
            if (fresh)
                plan.byPrimitive.push_back({{}, pc.id, 0.0, *recipe, 0, 0, it->second});
            plan.byPrimitive[it->second].count += n;
            // Layers of different activation sizes stay apart in the sums: whether they fit an
            // MCU's tightly-coupled RAM is decided per MCU at estimate time.
            const std::string sizeKey = key + "#" + std::to_string(values);
            auto [s, freshSum] = summed.emplace(sizeKey, plan.sums.size());
            if (freshSum)
                plan.sums.push_back({{}, pc.id, 0.0, *recipe, values, 0, it->second});
            plan.sums[s->second].count += n;
            if (plan.layers.empty() || plan.layers.back() != lp.layer)
                plan.layers.push_back(lp.layer);
            plan.items.push_back(
                {lp.layer, pc.id, n, *recipe, values, plan.layers.size() - 1, it->second});
        }
    }
    for (const auto& id : unvalidated)
        plan.diagnostics.push_back(makeWarning(
            "not-validated", "primitive '" + id +
                                 "' is costed from an op recipe that no measurement has "
                                 "validated (docs/cost-model.md)"));
    return plan;
}

} // namespace zipcnn
