// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/Lowering.h"

#include "base/EnumNames.h"

#include <set>

namespace zipcnn {

namespace {
constexpr auto kKernelClassNames = std::to_array<EnumName<KernelClass>>({
    {KernelClass::Conv, "conv"},
    {KernelClass::Pointwise, "pointwise"},
    {KernelClass::Depthwise, "depthwise"},
    {KernelClass::Fc, "fc"},
    {KernelClass::Pool, "pool"},
    {KernelClass::Eltwise, "eltwise"},
    {KernelClass::Activation, "activation"},
    {KernelClass::Softmax, "softmax"},
});
} // namespace

const char* kernelClassName(KernelClass k) {
    return nameOf(kKernelClassNames, k, "conv");
}

RuntimeFeatures LoweredGraph::features() const {
    RuntimeFeatures f;
    for (const auto& l : layers) {
        const auto k = static_cast<std::size_t>(l.kind);
        f.macs[k] += static_cast<double>(l.macs);
        f.elements[k] += static_cast<double>(l.elements);
        f.outputs += static_cast<double>(l.outputs);
        f.layers += 1.0;
        f.fcWeightBytes += static_cast<double>(l.weightBytes);
    }
    return f;
}

LoweredGraph lowerNetwork(const Network& net, const Analysis& analysis, const LoweringFlags& flags,
                          const std::map<std::string, std::string>& unsupported,
                          const std::string& runtimeId) {
    LoweredGraph g;
    const auto& layers = net.layers();
    // Layers whose output is produced by a MAC kernel that can absorb what follows (a folded
    // BatchNorm passes that on, so that Conv -> BN -> ReLU becomes one kernel).
    std::set<std::string> fusableProducers;
    auto producerOf = [&](const Layer& l) -> const Layer* {
        return l.inputs.size() == 1 ? net.find(l.inputs.front()) : nullptr;
    };
    for (std::size_t idx : analysis.order) {
        if (idx >= layers.size() || idx >= analysis.layers.size())
            continue;
        const Layer& l = layers[idx];
        const LayerInfo& info = analysis.layers[idx];
        const std::string typeName(layerTypeName(l.type));
        if (l.type == LayerType::Unsupported) {
            g.diagnostics.push_back(
                makeError("runtime-unsupported-layer",
                          "layer '" + l.name + "' (" + l.attrs.sourceClass +
                              ") is a placeholder the cost model cannot run under runtime '" +
                              runtimeId + "'",
                          l.name));
            continue;
        }
        if (auto u = unsupported.find(typeName); u != unsupported.end()) {
            g.diagnostics.push_back(makeError("runtime-unsupported-layer",
                                              "runtime '" + runtimeId + "' cannot run layer '" +
                                                  l.name + "' (" + typeName + "): " + u->second,
                                              l.name));
            continue;
        }
        const std::int64_t out = info.outputShape.elements();
        const std::int64_t in = info.inputShapes.empty() ? 0 : info.inputShapes.front().elements();
        auto addActivation = [&](ActivationKind a, const std::string& name, bool fusedAllowed) {
            if (a == ActivationKind::Linear)
                return;
            if (a == ActivationKind::Softmax) {
                g.layers.push_back({name + "/softmax", KernelClass::Softmax, 0, out, 0, 0});
                return;
            }
            if (fusedAllowed && flags.fuseActivation) {
                g.folded.push_back(name + "/activation");
                return;
            }
            g.layers.push_back(
                {name + "/activation", KernelClass::Activation, 0, out, 0, 0, false});
        };
        switch (l.type) {
        case LayerType::Input:
        case LayerType::Flatten:
        case LayerType::Reshape:
        case LayerType::Dropout:
            break;
        case LayerType::Conv2D: {
            const std::int64_t cin =
                info.inputShapes.empty() ? 0 : info.inputShapes.front().channels();
            KernelClass k = KernelClass::Conv;
            if (l.attrs.groups > 1 && l.attrs.groups == cin && l.attrs.filters == cin)
                k = KernelClass::Depthwise;
            else if (l.attrs.kernel.h == 1 && l.attrs.kernel.w == 1)
                k = KernelClass::Pointwise;
            const bool plain = (l.attrs.groups == 1 || k == KernelClass::Depthwise) &&
                               l.attrs.dilation == Size2{1, 1};
            g.layers.push_back({l.name, k, info.macs, out, out, 0, plain});
            fusableProducers.insert(l.name);
            addActivation(l.attrs.activation, l.name, true);
            break;
        }
        case LayerType::DepthwiseConv2D:
            g.layers.push_back({l.name, KernelClass::Depthwise, info.macs, out, out, 0});
            fusableProducers.insert(l.name);
            addActivation(l.attrs.activation, l.name, true);
            break;
        case LayerType::SeparableConv2D: {
            // depthwise part: one KxK window per input channel x multiplier and output position
            const std::int64_t cin =
                info.inputShapes.empty() ? 0 : info.inputShapes.front().channels();
            const std::int64_t positions =
                info.outputShape.channels() > 0 ? out / info.outputShape.channels() : 0;
            const std::int64_t dwMacs =
                positions * cin * l.attrs.depthMultiplier * l.attrs.kernel.h * l.attrs.kernel.w;
            const std::int64_t dwOut = positions * cin * l.attrs.depthMultiplier;
            g.layers.push_back({l.name + "/dw", KernelClass::Depthwise, dwMacs, dwOut, dwOut, 0});
            g.layers.push_back(
                {l.name + "/pw", KernelClass::Pointwise, info.macs - dwMacs, out, out, 0});
            fusableProducers.insert(l.name);
            addActivation(l.attrs.activation, l.name, true);
            break;
        }
        case LayerType::Conv2DTranspose:
            // A convolution kernel's multiply-accumulates (scattered instead of gathered); no
            // benchmark network has one, so its cost widens the expected error.
            g.layers.push_back({l.name, KernelClass::Conv, info.macs, out, out, 0, false});
            fusableProducers.insert(l.name);
            addActivation(l.attrs.activation, l.name, true);
            break;
        case LayerType::Dense:
            g.layers.push_back({l.name, KernelClass::Fc, info.macs, out, out, info.macs});
            fusableProducers.insert(l.name);
            addActivation(l.attrs.activation, l.name, true);
            break;
        case LayerType::BatchNormalization: {
            const Layer* p = producerOf(l);
            if (flags.foldBatchNorm && p && hasFusedActivation(p->type) &&
                fusableProducers.count(p->name)) {
                g.folded.push_back(l.name);
                fusableProducers.insert(l.name);
            } else {
                g.layers.push_back({l.name, KernelClass::Eltwise, 0, out, 0, 0, false});
            }
            break;
        }
        case LayerType::Activation: {
            const Layer* p = producerOf(l);
            const bool fusable =
                p && (fusableProducers.count(p->name) || p->type == LayerType::Add);
            addActivation(l.attrs.activation, l.name, fusable);
            if (l.attrs.activation == ActivationKind::Linear)
                g.folded.push_back(l.name);
            break;
        }
        case LayerType::Add:
        case LayerType::Multiply:
        case LayerType::Concatenate:
        case LayerType::UpSampling2D:
            g.layers.push_back(
                {l.name, KernelClass::Eltwise, 0, out, 0, 0, l.type == LayerType::Add});
            break;
        case LayerType::Cropping2D:
            // A copy of the kept window, never folded into the next layer.
            g.layers.push_back({l.name, KernelClass::Eltwise, 0, out, 0, 0, false});
            break;
        case LayerType::ZeroPadding2D:
            if (flags.fusePadding)
                g.folded.push_back(l.name);
            else
                g.layers.push_back({l.name, KernelClass::Eltwise, 0, out, 0, 0, false});
            break;
        case LayerType::AveragePooling2D:
        case LayerType::MaxPooling2D:
        case LayerType::GlobalAveragePooling2D:
        case LayerType::GlobalMaxPooling2D:
            g.layers.push_back({l.name, KernelClass::Pool, 0, in, 0, 0,
                                l.type == LayerType::AveragePooling2D ||
                                    l.type == LayerType::GlobalAveragePooling2D});
            break;
        case LayerType::Unsupported:
            break;
        }
    }
    return g;
}

std::optional<ArenaOptions> arenaOptionsFor(const RuntimeProfile& runtime) {
    const LoweringFlags& f = runtime.lowering;
    if (f.planner != "arena" && f.planner != "arena-overlap")
        return std::nullopt;
    ArenaOptions o;
    o.foldBatchNorm = f.foldBatchNorm;
    o.fuseActivation = f.fuseActivation;
    o.fusePadding = f.fusePadding;
    o.inPlaceElementwise = f.inPlaceElementwise;
    const bool st = f.planner == "arena-overlap";
    o.planner = st ? ArenaPlannerKind::GreedyBySizeOverlap : ArenaPlannerKind::GreedyBySize;
    o.allocateInputs = !st;
    o.allocateOutputs = !st;
    return o;
}

RuntimeRam runtimeRam(const Network& net, const Analysis& analysis, DType format,
                      const RuntimeProfile& runtime, std::int64_t thesisRuleBytes) {
    if (const auto options = arenaOptionsFor(runtime)) {
        const ArenaPlan plan = planArena(net, analysis, format, *options);
        if (!hasErrors(plan.diagnostics))
            return {plan.arenaBytes, "activation arena", plan.peakLayer};
    }
    return {thesisRuleBytes, "thesis rule", {}};
}

} // namespace zipcnn
