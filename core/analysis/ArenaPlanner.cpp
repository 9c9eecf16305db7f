// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/ArenaPlanner.h"

#include "analysis/ExecutionSteps.h"
#include "analysis/FirstFit.h"
#include "base/CheckedMath.h"
#include "base/EnumNames.h"

#include <algorithm>
#include <optional>

namespace zipcnn {

namespace {

constexpr auto kArenaPlannerKindNames = std::to_array<EnumName<ArenaPlannerKind>>({
    {ArenaPlannerKind::GreedyBySize, "greedy-by-size"},
    {ArenaPlannerKind::GreedyBySizeOverlap, "greedy-by-size-overlap"},
});

} // namespace

const char* arenaPlannerKindName(ArenaPlannerKind k) {
    return nameOf(kArenaPlannerKindNames, k);
}

namespace {

/// Layers a TFLite-style runtime gives a fused activation slot.
bool canFuseActivation(LayerType t) {
    return hasFusedActivation(t) || t == LayerType::Add || t == LayerType::AveragePooling2D ||
           t == LayerType::MaxPooling2D;
}

/// The activations such a slot holds (TFLite: NONE, RELU, RELU6; the rest runs as a kernel).
bool fusableActivation(ActivationKind a) {
    return a == ActivationKind::Linear || a == ActivationKind::Relu || a == ActivationKind::Relu6;
}

/// Layers that can read a zero border implicitly instead of from a padded copy.
bool readsPaddingImplicitly(LayerType t) {
    return t == LayerType::Conv2D || t == LayerType::DepthwiseConv2D ||
           t == LayerType::SeparableConv2D || t == LayerType::AveragePooling2D ||
           t == LayerType::MaxPooling2D;
}

/// The bytes by which a layer's output, written over the input it is the last reader of, must
/// stay behind the row being read (docs/memory-model.md, "RAM, figure 3"); nullopt when the
/// layer cannot write over its input. A 1x1 stride-1 convolution reads input pixel p before it
/// writes output pixel p: no margin. A depthwise convolution works channel by channel on a
/// window of rows: a margin of its kernel's height in input rows. A full KxK convolution reads
/// every input channel of its window and is given its own buffer.
std::optional<std::int64_t> overlapMargin(const Layer& l, const LayerInfo& info, std::int64_t bpv) {
    const auto& a = l.attrs;
    if (a.dilation != Size2{1, 1} || a.padding == Padding::Explicit || info.inputShapes.empty())
        return std::nullopt;
    if (l.type == LayerType::Conv2D && a.kernel == Size2{1, 1} && a.strides == Size2{1, 1} &&
        a.groups == 1)
        return 0;
    const Shape& in = info.inputShapes.front();
    if (l.type == LayerType::DepthwiseConv2D && in.rank() == 3) {
        auto row = checkedProduct(in.dims[1], in.dims[2], bpv, a.kernel.h);
        if (row)
            return *row;
    }
    return std::nullopt;
}

struct Buffer {
    std::vector<std::size_t> layers; ///< producer first
    std::int64_t bytes = 0;
    int firstUse = 0;
    int lastUse = 0;
    bool inArena = true;
};

std::int64_t alignUp(std::int64_t v, std::int64_t a) {
    if (a <= 1)
        return v;
    const std::int64_t r = v % a;
    return r == 0 ? v : saturatingAdd(v, a - r);
}

} // namespace

ArenaPlan planArena(const Network& net, const Analysis& analysis, DType format,
                    const ArenaOptions& options) {
    ArenaPlan plan;
    const auto& layers = net.layers();
    const std::int64_t align = std::max(1, options.alignmentBytes);

    // Positions in execution order of the layers whose shape is known.
    const ExecutionSteps steps = executionSteps(net, analysis, plan.diagnostics);
    if (steps.empty())
        return plan;
    const std::vector<std::size_t>& order = steps.order;
    const std::vector<int>& stepOf = steps.stepOf;
    const auto& consumers = steps.consumers;
    auto inputOf = [&](std::size_t i, std::size_t k = 0) -> std::optional<std::size_t> {
        if (k >= layers[i].inputs.size())
            return std::nullopt;
        auto p = net.indexOf(layers[i].inputs[k]);
        if (!p || stepOf[*p] < 0)
            return std::nullopt;
        return *p;
    };

    const std::int64_t bpv = bytesPerValue(format);
    std::vector<Buffer> buffers;
    std::vector<std::size_t> bufferOf(layers.size(), 0);
    // The executing layer each layer's work is done by (itself unless folded or fused).
    std::vector<std::size_t> host(layers.size());
    std::vector<bool> hostHasActivation(layers.size(), false);
    std::vector<std::vector<std::string>> fusedInto(layers.size());
    std::vector<bool> paddingFused(layers.size(), false);
    std::string overflowAt;

    auto join = [&](std::size_t i, std::size_t b) {
        Buffer& buf = buffers[b];
        buf.layers.push_back(i);
        buf.lastUse = std::max(buf.lastUse, steps.lastReadStep(i));
        bufferOf[i] = b;
    };
    auto fresh = [&](std::size_t i) {
        Buffer buf;
        buf.firstUse = buf.lastUse = stepOf[i];
        buffers.push_back(buf);
        join(i, buffers.size() - 1);
    };
    // Whether layer i may write into the buffer of its input p: nothing reads that buffer after i.
    auto freeAfter = [&](std::size_t i, std::size_t p) {
        const Buffer& b = buffers[bufferOf[p]];
        return b.inArena && b.lastUse <= stepOf[i];
    };

    for (auto i : order) {
        const Layer& l = layers[i];
        host[i] = i;
        auto elements = analysis.layers[i].outputShape.elements();
        auto bytes = checkedMul(elements, bpv);
        if (!bytes) {
            overflowAt = overflowAt.empty() ? l.name : overflowAt;
            bytes = 0;
        }
        const auto p = inputOf(i);
        bool aliased = false;
        bool executes = l.type != LayerType::Input;
        switch (l.type) {
        case LayerType::Flatten:
        case LayerType::Reshape:
        case LayerType::Dropout:
            // Views: the values stay where they are.
            if (p) {
                join(i, bufferOf[*p]);
                host[i] = host[*p];
                aliased = true;
                executes = false;
            }
            break;
        case LayerType::BatchNormalization:
            if (options.foldBatchNorm && p && host[*p] == *p &&
                hasFusedActivation(layers[*p].type) && consumers[*p].size() == 1 &&
                !hostHasActivation[*p] && layers[*p].attrs.activation == ActivationKind::Linear) {
                join(i, bufferOf[*p]);
                host[i] = *p;
                aliased = true;
                executes = false;
            }
            break;
        case LayerType::Activation:
            if (options.fuseActivation && p && fusableActivation(l.attrs.activation) &&
                consumers[*p].size() == 1 && canFuseActivation(layers[host[*p]].type) &&
                !hostHasActivation[host[*p]] &&
                layers[host[*p]].attrs.activation == ActivationKind::Linear &&
                bufferOf[*p] == bufferOf[host[*p]]) {
                join(i, bufferOf[*p]);
                host[i] = host[*p];
                hostHasActivation[host[*p]] = true;
                aliased = true;
                executes = false;
            }
            break;
        case LayerType::ZeroPadding2D:
            if (options.fusePadding && p && !consumers[i].empty() &&
                std::all_of(consumers[i].begin(), consumers[i].end(), [&](std::size_t c) {
                    return readsPaddingImplicitly(layers[c].type);
                })) {
                // The consumers read the unpadded input: it lives until they have run.
                join(i, bufferOf[*p]);
                paddingFused[i] = true;
                aliased = true;
                executes = false;
            }
            break;
        default:
            break;
        }
        if (!aliased && executes && options.inPlaceElementwise) {
            const bool elementwise =
                isElementwise(l.type) || l.type == LayerType::Add || l.type == LayerType::Multiply;
            if (elementwise)
                for (std::size_t k = 0; k < l.inputs.size() && !aliased; ++k) {
                    auto q = inputOf(i, k);
                    if (!q || !freeAfter(i, *q))
                        continue;
                    auto qBytes = checkedMul(analysis.layers[*q].outputShape.elements(), bpv);
                    if (qBytes && *qBytes == *bytes) {
                        join(i, bufferOf[*q]);
                        aliased = true;
                    }
                }
        }
        std::int64_t overlapBytes = 0; // footprint of an output written over its input
        if (!aliased && executes && options.planner == ArenaPlannerKind::GreedyBySizeOverlap && p &&
            freeAfter(i, *p)) {
            const auto margin = overlapMargin(l, analysis.layers[i], bpv);
            auto inBytes = checkedMul(analysis.layers[*p].outputShape.elements(), bpv);
            if (margin && inBytes) {
                join(i, bufferOf[*p]);
                aliased = true;
                overlapBytes = saturatingAdd(std::max(*inBytes, *bytes), *margin);
            }
        }
        if (!aliased)
            fresh(i);
        Buffer& b = buffers[bufferOf[i]];
        // A fused padding writes nothing: its consumers read the unpadded buffer.
        if (!paddingFused[i])
            b.bytes = std::max(b.bytes, alignUp(std::max(*bytes, overlapBytes), align));
        if (l.type == LayerType::Input && !options.allocateInputs)
            b.inArena = false;
        if (consumers[i].empty() && !options.allocateOutputs)
            b.inArena = false;
        if (executes) {
            ArenaStep s;
            s.layer = l.name;
            plan.steps.push_back(std::move(s));
        } else if (host[i] != i) {
            fusedInto[host[i]].push_back(l.name);
        }
    }
    // A fused padding is done by the layers that read it.
    for (auto i : order)
        if (paddingFused[i])
            for (auto c : consumers[i])
                fusedInto[c].push_back(layers[i].name);

    for (const auto& b : buffers) {
        if (!b.inArena)
            continue;
        ArenaBuffer out;
        for (auto i : b.layers)
            out.layers.push_back(layers[i].name);
        out.bytes = b.bytes;
        out.firstUse = b.firstUse;
        out.lastUse = b.lastUse;
        plan.buffers.push_back(std::move(out));
    }

    placeLargestFirst(plan.buffers);

    for (auto& s : plan.steps) {
        const auto i = *net.indexOf(s.layer);
        s.fused = fusedInto[i];
        const ArenaUse use = arenaUseAt(plan.buffers, stepOf[i]);
        s.liveBytes = use.liveBytes;
        s.highWater = use.highWater;
        if (use.overflowed())
            overflowAt = overflowAt.empty() ? s.layer : overflowAt;
        plan.arenaBytes = std::max(plan.arenaBytes, s.highWater);
        if (s.liveBytes > plan.peakLiveBytes || plan.peakLayer.empty()) {
            plan.peakLiveBytes = s.liveBytes;
            plan.peakLayer = s.layer;
        }
    }
    // A network that only passes its input through still holds that buffer.
    for (const auto& b : plan.buffers)
        plan.arenaBytes = std::max(plan.arenaBytes, saturatingAdd(b.offset, b.bytes));
    if (!overflowAt.empty())
        plan.diagnostics.push_back(
            makeError("size-overflow", "the activation arena does not fit in 64 bits", overflowAt));
    return plan;
}

} // namespace zipcnn
