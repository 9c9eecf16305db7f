// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/MemoryPlanner.h"

#include "analysis/ExecutionSteps.h"
#include "analysis/FirstFit.h"
#include "base/CheckedMath.h"

#include <algorithm>
#include <map>
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
    const ExecutionSteps execution = executionSteps(net, analysis, r.diagnostics);
    if (execution.empty())
        return r;
    const std::vector<std::size_t>& steps = execution.order;
    const std::vector<int>& stepOf = execution.stepOf;
    const int lastStep = execution.lastStep();

    const std::int64_t bpv = bytesPerValue(format);
    std::vector<std::size_t> bufferOf(layers.size(), 0);
    for (auto i : steps) {
        const Layer& l = layers[i];
        const int step = stepOf[i];
        std::optional<std::size_t> shared;
        if (worksInPlace(l.type) && l.inputs.size() == 1) {
            auto p = net.indexOf(l.inputs.front());
            if (p && stepOf[*p] >= 0) {
                const auto& readers = execution.consumers[*p];
                const bool othersDone =
                    std::all_of(readers.begin(), readers.end(),
                                [&](std::size_t c) { return stepOf[c] <= step; });
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
        // Past the last reader; to the end for an output (lastReadStep gives the last step).
        t.lastUse = std::max(t.lastUse, execution.lastReadStep(i));
        bufferOf[i] = *shared;
    }

    placeLargestFirst(r.tensors);

    std::string overflowAt; // first step whose buffers add up past 64 bits
    for (int s = 0; s <= lastStep; ++s) {
        PlannerStep p;
        p.name = layers[steps[s]].name;
        const ArenaUse use = arenaUseAt(r.tensors, s);
        p.liveBytes = use.liveBytes;
        p.arenaHighWater = use.highWater;
        if (use.overflowed())
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
