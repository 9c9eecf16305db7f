// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/MemoryPlanner.h"

#include "analysis/FirstFit.h"
#include "base/CheckedMath.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

namespace zipcnn {

namespace {

/// Layers whose output may overwrite their input: element by element, or a pure view.
bool worksInPlace(LayerType t) {
    return isElementwise(t) || t == LayerType::Flatten || t == LayerType::Reshape;
}

} // namespace

PlannerResult planMemory(const Network& net, const Analysis& analysis, DType format) {
    PlannerResult r;
    const auto& layers = net.layers();

    // Execution steps: the analysed layers whose shape is known, in topological order.
    std::vector<std::size_t> steps;
    std::vector<int> stepOf(layers.size(), -1);
    for (auto i : analysis.order) {
        if (!analysis.layers[i].shapeKnown) {
            r.diagnostics.push_back(makeWarning(
                "not-costed", "not planned: its shape could not be inferred", layers[i].name));
            continue;
        }
        stepOf[i] = static_cast<int>(steps.size());
        steps.push_back(i);
    }
    if (steps.empty())
        return r;
    const int lastStep = static_cast<int>(steps.size()) - 1;

    // Consumers of each layer, as execution steps.
    std::vector<std::vector<int>> consumerSteps(layers.size());
    for (auto i : steps)
        for (const auto& in : layers[i].inputs)
            if (auto p = net.indexOf(in); p && stepOf[*p] >= 0)
                consumerSteps[*p].push_back(stepOf[i]);

    const std::int64_t bpv = bytesPerValue(format);
    std::vector<std::size_t> bufferOf(layers.size(), 0);
    for (auto i : steps) {
        const Layer& l = layers[i];
        const int step = stepOf[i];
        std::optional<std::size_t> shared;
        if (worksInPlace(l.type) && l.inputs.size() == 1) {
            auto p = net.indexOf(l.inputs.front());
            if (p && stepOf[*p] >= 0) {
                const auto& readers = consumerSteps[*p];
                const bool othersDone =
                    std::all_of(readers.begin(), readers.end(), [&](int s) { return s <= step; });
                if (othersDone)
                    shared = bufferOf[*p];
            }
        }
        auto bytes = checkedMul(analysis.layers[i].outputShape.elements(), bpv);
        if (!bytes) {
            r.diagnostics.push_back(
                makeError("size-overflow", "buffer size does not fit in 64 bits", l.name));
            bytes = 0;
        }
        if (!shared) {
            TensorAllocation t;
            t.name = l.name;
            t.firstUse = t.lastUse = step;
            shared = r.tensors.size();
            r.tensors.push_back(std::move(t));
        }
        TensorAllocation& t = r.tensors[*shared];
        t.bytes = std::max(t.bytes, *bytes);
        t.layers.push_back(l.name);
        const auto& readers = consumerSteps[i];
        t.lastUse = readers.empty()
                        ? lastStep
                        : std::max(t.lastUse, *std::max_element(readers.begin(), readers.end()));
        bufferOf[i] = *shared;
    }

    // Largest first; ties by first use, then by production order, so the plan is deterministic.
    std::vector<std::size_t> byPriority(r.tensors.size());
    std::iota(byPriority.begin(), byPriority.end(), 0);
    std::stable_sort(byPriority.begin(), byPriority.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = r.tensors[a];
        const auto& y = r.tensors[b];
        if (x.bytes != y.bytes)
            return x.bytes > y.bytes;
        return x.firstUse < y.firstUse;
    });
    std::vector<const TensorAllocation*> placed;
    for (auto k : byPriority) {
        r.tensors[k].offset = firstFitOffset(r.tensors[k], placed);
        placed.push_back(&r.tensors[k]);
    }

    std::string overflowAt; // first step whose buffers add up past 64 bits
    for (int s = 0; s <= lastStep; ++s) {
        PlannerStep p;
        p.name = layers[steps[s]].name;
        for (const auto& t : r.tensors) {
            if (t.firstUse > s || t.lastUse < s)
                continue;
            p.liveBytes = saturatingAdd(p.liveBytes, t.bytes);
            p.arenaHighWater = std::max(p.arenaHighWater, saturatingAdd(t.offset, t.bytes));
        }
        if (p.liveBytes == INT64_MAX || p.arenaHighWater == INT64_MAX)
            overflowAt = overflowAt.empty() ? p.name : overflowAt;
        r.peakBytes = std::max(r.peakBytes, p.arenaHighWater);
        r.profile.push_back(std::move(p));
    }
    if (!overflowAt.empty())
        r.diagnostics.push_back(
            makeError("size-overflow", "the activation arena does not fit in 64 bits", overflowAt));
    return r;
}

} // namespace zipcnn
