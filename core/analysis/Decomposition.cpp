// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Decomposition.h"

#include "base/CheckedMath.h"
#include "model/LayerCatalog.h"

namespace zipcnn {

std::string activationPrimitive(ActivationKind act, std::int64_t vectorLength) {
    if (act == ActivationKind::Linear)
        return {};
    if (act == ActivationKind::Softmax)
        return "softmax_" + std::to_string(vectorLength);
    return std::string(activationName(act));
}

std::string primitiveKind(const std::string& id) {
    static const char* const prefixed[] = {"conv2d_rgb_", "conv2d_",  "dwconv2d_", "tconv2d_",
                                           "avgpool_",    "maxpool_", "fc_",       "softmax_"};
    for (const char* p : prefixed) {
        const std::string prefix(p);
        if (id.rfind(prefix, 0) == 0)
            return prefix.substr(0, prefix.size() - 1);
    }
    return id;
}

namespace {

std::string kernelId(const std::string& base, Size2 k) {
    return std::string(base) + "_" + k.toString();
}

/// True when `name` is the network input, seen through pure padding layers.
bool readsNetworkInput(const Network& net, const std::string& name) {
    const Layer* l = net.find(name);
    while (l && l->type == LayerType::ZeroPadding2D && l->inputs.size() == 1)
        l = net.find(l->inputs.front());
    return l && l->type == LayerType::Input;
}

class LayerDecomposer {
public:
    LayerDecomposer(const Network& net, const Layer& layer, const LayerInfo& info,
                    Decomposition& out)
        : net_(net), layer_(layer), info_(info), out_(out) {
        entry_.layer = layer.name;
    }

    void run() {
        const auto& a = layer_.attrs;
        const Shape& out = info_.outputShape;
        const Shape in = info_.inputShapes.empty() ? Shape{} : info_.inputShapes.front();
        const std::int64_t positions = out.rank() == 3 ? out.dims[0] * out.dims[1] : 0;
        // The kind's primitive rule (model/LayerCatalog.h) says which of these applies.
        const LayerKind& kind = layerKind(layer_.type);
        const std::string primitive(kind.primitive);
        switch (kind.primitiveRule) {
        case LayerPrimitiveRule::None:
            break; // no computation, nothing moved
        case LayerPrimitiveRule::Convolution: {
            const std::int64_t cinPerGroup = in.channels() / a.groups;
            const bool rgb = in.channels() == 3 && a.groups == 1 &&
                             readsNetworkInput(net_, layer_.inputs.front());
            addCount(kernelId(rgb ? primitive + "_rgb" : primitive, a.kernel),
                     checkedProduct(out.channels(), cinPerGroup, positions));
            fused(a.activation, out);
            break;
        }
        case LayerPrimitiveRule::DepthwiseConvolution:
            addCount(kernelId(primitive, a.kernel), checkedProduct(out.channels(), positions));
            fused(a.activation, out);
            break;
        case LayerPrimitiveRule::SeparableConvolution: {
            const std::int64_t depth = in.channels() * a.depthMultiplier;
            addCount(kernelId(primitive, a.kernel), checkedProduct(depth, positions));
            addCount("conv2d_1x1", checkedProduct(out.channels(), depth, positions));
            fused(a.activation, out);
            break;
        }
        case LayerPrimitiveRule::TransposedConvolution: {
            // One K x K multiply-accumulate loop per input position, input channel and filter
            // (the scatter form of the layer): the thesis's convolution loop, not measured on a
            // transposed convolution (docs/decomposition.md).
            const std::int64_t inPositions = in.rank() == 3 ? in.dims[0] * in.dims[1] : 0;
            addCount(kernelId(primitive, a.kernel),
                     checkedProduct(out.channels(), in.channels(), inPositions));
            fused(a.activation, out);
            break;
        }
        case LayerPrimitiveRule::FullyConnected: {
            const std::int64_t width = a.inputUnits ? a.inputUnits : in.channels();
            addCount(primitive + "_" + std::to_string(width) + "x" + std::to_string(a.units),
                     in.elements() / in.channels());
            fused(a.activation, out);
            break;
        }
        case LayerPrimitiveRule::Window:
            addCount(kernelId(primitive, a.kernel), out.elements());
            break;
        case LayerPrimitiveRule::PerOutput:
            addCount(primitive, out.elements());
            break;
        case LayerPrimitiveRule::PerExtraInput:
            addCount(primitive, checkedMul(out.elements(),
                                           static_cast<std::int64_t>(layer_.inputs.size()) - 1));
            break;
        case LayerPrimitiveRule::ActivationOnly:
            fused(a.activation, out);
            break;
        case LayerPrimitiveRule::UpSampling:
            addCount(primitive + "_" + std::string(interpolationName(a.interpolation)),
                     out.elements());
            break;
        case LayerPrimitiveRule::CostedAsZero:
            out_.diagnostics.push_back(makeInfo(
                "costed-as-zero",
                "unsupported layer" +
                    (a.sourceClass.empty() ? std::string() : " of class '" + a.sourceClass + "'") +
                    ": no primitives, costed as zero",
                layer_.name));
            break;
        }
        out_.layers.push_back(std::move(entry_));
    }

private:
    void fused(ActivationKind act, const Shape& out) {
        if (act == ActivationKind::Linear || out.empty())
            return;
        const std::int64_t n = out.channels();
        if (act == ActivationKind::Softmax)
            addCount(activationPrimitive(act, n), out.elements() / n);
        else
            addCount(activationPrimitive(act, n), out.elements());
    }

    void addCount(const std::string& id, std::optional<std::int64_t> count) {
        if (!count) {
            out_.diagnostics.push_back(
                makeError("size-overflow",
                          "count of primitive '" + id + "' does not fit in 64 bits", layer_.name));
            return;
        }
        entry_.primitives.push_back({id, *count});
        if (*count == 0)
            return;
        auto& total = out_.totals[id];
        auto sum = checkedAdd(total, *count);
        if (!sum) {
            out_.diagnostics.push_back(
                makeError("size-overflow",
                          "total of primitive '" + id + "' does not fit in 64 bits", layer_.name));
            return;
        }
        total = *sum;
    }

    const Network& net_;
    const Layer& layer_;
    const LayerInfo& info_;
    Decomposition& out_;
    LayerPrimitives entry_;
};

} // namespace

Decomposition decompose(const Network& net, const Analysis& analysis) {
    Decomposition result;
    for (auto i : analysis.order) {
        const Layer& layer = net.layers()[i];
        if (!shapeKnownOrWarn(net, analysis, i, "not decomposed", result.diagnostics))
            continue;
        LayerDecomposer(net, layer, analysis.layers[i], result).run();
    }
    return result;
}

Decomposition decompose(const Network& net) {
    Analysis analysis = analyze(net);
    Decomposition d = decompose(net, analysis);
    d.diagnostics.insert(d.diagnostics.begin(), analysis.diagnostics.begin(),
                         analysis.diagnostics.end());
    return d;
}

} // namespace zipcnn
