// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/NetworkAnalysis.h"

#include "base/CheckedMath.h"
#include "model/LayerCatalog.h"

#include <algorithm>
#include <map>
#include <queue>
#include <set>

namespace zipcnn {

namespace {

/// Collects the diagnostics of one layer and says whether its shape could be inferred.
class LayerContext {
public:
    LayerContext(const Layer& layer, Diagnostics& out) : layer_(layer), out_(out) {}

    bool fail(const std::string& code, const std::string& message) {
        out_.push_back(makeError(code, message, layer_.name));
        failed_ = true;
        return false;
    }
    bool failed() const { return failed_; }
    const Layer& layer() const { return layer_; }

private:
    const Layer& layer_;
    Diagnostics& out_;
    bool failed_ = false;
};

bool requirePositive(LayerContext& ctx, std::int64_t v, const char* what) {
    if (v <= 0)
        return ctx.fail("non-positive-size",
                        std::string(what) + " must be positive, got " + std::to_string(v));
    return true;
}

bool requirePositive(LayerContext& ctx, Size2 s, const char* what) {
    if (s.h <= 0 || s.w <= 0)
        return ctx.fail("non-positive-size",
                        std::string(what) + " must be positive, got " + s.toString());
    return true;
}

/// Padding and cropping amounts: none may be negative.
bool requireNonNegative(LayerContext& ctx, const Pad4& p, const char* what) {
    if (p.top < 0 || p.bottom < 0 || p.left < 0 || p.right < 0)
        return ctx.fail("non-positive-size", std::string(what) + " must not be negative");
    return true;
}

bool requireImage(LayerContext& ctx, const Shape& in) {
    if (in.rank() != 3)
        return ctx.fail("rank-mismatch",
                        "expects an image input (height x width x channels), got " +
                            (in.empty() ? std::string("a scalar") : in.toString()));
    return true;
}

/// Output length of a sliding window along one axis; nullopt (with a diagnostic) when the
/// window does not fit.
std::optional<std::int64_t> windowOut(LayerContext& ctx, std::int64_t in, int k, int stride,
                                      int dilation, Padding padding, int padBefore, int padAfter,
                                      const char* axis) {
    const std::int64_t effective = static_cast<std::int64_t>(dilation) * (k - 1) + 1;
    if (padding == Padding::Same) // ceil(in / stride), without the overflow of in + stride - 1
        return in / stride + (in % stride != 0 ? 1 : 0);
    const auto padded = checkedAdd(
        in, padding == Padding::Explicit ? static_cast<std::int64_t>(padBefore) + padAfter : 0);
    if (!padded) {
        ctx.fail("size-overflow",
                 std::string("the padded input ") + axis + " does not fit in 64 bits");
        return std::nullopt;
    }
    if (effective > *padded) {
        ctx.fail("kernel-larger-than-input",
                 "kernel " + std::to_string(effective) + " is larger than the input " + axis + " " +
                     std::to_string(*padded) +
                     (padding == Padding::Valid ? " (padding 'valid')" : ""));
        return std::nullopt;
    }
    return (*padded - effective) / stride + 1;
}

std::optional<Shape> spatialOut(LayerContext& ctx, const Shape& in, std::int64_t channels,
                                bool dilated) {
    const auto& a = ctx.layer().attrs;
    const Size2 dil = dilated ? a.dilation : Size2{1, 1};
    auto h = windowOut(ctx, in.dims[0], a.kernel.h, a.strides.h, dil.h, a.padding, a.pads.top,
                       a.pads.bottom, "height");
    auto w = windowOut(ctx, in.dims[1], a.kernel.w, a.strides.w, dil.w, a.padding, a.pads.left,
                       a.pads.right, "width");
    if (!h || !w)
        return std::nullopt;
    return Shape{*h, *w, channels};
}

/// Numpy-style broadcast of element-wise operands (Keras Add/Multiply).
std::optional<Shape> broadcast(LayerContext& ctx, const std::vector<Shape>& ins) {
    Shape out = ins.front();
    for (std::size_t i = 1; i < ins.size(); ++i) {
        const Shape& s = ins[i];
        if (s.rank() != out.rank()) {
            ctx.fail("shape-mismatch", "inputs have different shapes: " + out.toString() + " and " +
                                           s.toString() + " ('" + ctx.layer().inputs[i] + "')");
            return std::nullopt;
        }
        for (std::size_t d = 0; d < s.rank(); ++d) {
            if (s.dims[d] == out.dims[d] || s.dims[d] == 1)
                continue;
            if (out.dims[d] == 1) {
                out.dims[d] = s.dims[d];
                continue;
            }
            ctx.fail("shape-mismatch", "inputs have different shapes: " + ins.front().toString() +
                                           " ('" + ctx.layer().inputs[0] + "') and " +
                                           s.toString() + " ('" + ctx.layer().inputs[i] + "')");
            return std::nullopt;
        }
    }
    return out;
}

void overflow(LayerContext& ctx, const char* what) {
    ctx.fail("size-overflow", std::string(what) + " does not fit in 64 bits");
}

/// The counts of a layer with weights (convs, Dense): `params` weights plus, with a bias, one
/// per output channel, and `macs`; a size-overflow error when either did not fit in 64 bits.
void setWeightCounts(LayerContext& ctx, LayerInfo& info, std::optional<std::int64_t> params,
                     std::optional<std::int64_t> macs, std::int64_t outputChannels) {
    if (params && ctx.layer().attrs.useBias)
        params = checkedAdd(*params, outputChannels);
    if (!params || !macs)
        return overflow(ctx, "parameter or MAC count");
    info.params = *params;
    info.macs = *macs;
}

/// Input channels x depth multiplier of a depthwise stage; nullopt (with a diagnostic) when the
/// product does not fit in 64 bits.
std::optional<std::int64_t> depthwiseChannels(LayerContext& ctx, std::int64_t cin) {
    auto depth = checkedMul(cin, ctx.layer().attrs.depthMultiplier);
    if (!depth)
        overflow(ctx, "input channels x depth multiplier");
    return depth;
}

/// Infers shape, parameters and MACs of one layer whose input shapes are known.
void inferLayer(LayerContext& ctx, LayerInfo& info) {
    const Layer& l = ctx.layer();
    const auto& a = l.attrs;
    const auto& ins = info.inputShapes;
    const Shape in = ins.empty() ? Shape{} : ins.front();

    // The kind's shape rule (model/LayerCatalog.h) says which of these applies.
    switch (layerKind(l.type).shapeRule) {
    case LayerShapeRule::Input: {
        if (a.inputShape.empty()) {
            ctx.fail("missing-shape", "input shape is not set");
            return;
        }
        for (auto d : a.inputShape.dims)
            if (!requirePositive(ctx, d, "input dimension"))
                return;
        info.outputShape = a.inputShape;
        break;
    }
    case LayerShapeRule::Convolution: {
        if (!requireImage(ctx, in) || !requirePositive(ctx, a.kernel, "kernel size") ||
            !requirePositive(ctx, a.strides, "strides") ||
            !requirePositive(ctx, a.dilation, "dilation rate"))
            return;
        const std::int64_t cin = in.channels();
        std::int64_t cout = 0;
        if (l.type == LayerType::Conv2D) {
            if (!requirePositive(ctx, a.filters, "filters") ||
                !requirePositive(ctx, a.groups, "groups"))
                return;
            if (cin % a.groups != 0 || a.filters % a.groups != 0) {
                ctx.fail("bad-groups", "groups " + std::to_string(a.groups) +
                                           " must divide the input channels (" +
                                           std::to_string(cin) + ") and the filters (" +
                                           std::to_string(a.filters) + ")");
                return;
            }
            cout = a.filters;
        } else {
            if (!requirePositive(ctx, a.depthMultiplier, "depth multiplier"))
                return;
            auto depth = depthwiseChannels(ctx, cin);
            if (!depth)
                return;
            if (l.type == LayerType::SeparableConv2D) {
                if (!requirePositive(ctx, a.filters, "filters"))
                    return;
                cout = a.filters;
            } else {
                cout = *depth;
            }
        }
        auto out = spatialOut(ctx, in, cout, true);
        if (!out)
            return;
        info.outputShape = *out;
        const std::int64_t k = static_cast<std::int64_t>(a.kernel.h) * a.kernel.w;
        const auto positionsChecked = checkedMul(out->dims[0], out->dims[1]);
        if (!positionsChecked)
            return overflow(ctx, "output size");
        const std::int64_t positions = *positionsChecked;
        std::optional<std::int64_t> params, macs;
        if (l.type == LayerType::Conv2D) {
            params = checkedProduct(k, cin / a.groups, cout);
            macs = checkedProduct(positions, cout, k, cin / a.groups);
        } else {
            const std::int64_t depth = cin * a.depthMultiplier; // checked above
            params = checkedProduct(k, depth);
            macs = checkedProduct(positions, depth, k);
            if (l.type == LayerType::SeparableConv2D) {
                auto pw = checkedProduct(depth, cout);
                auto pwMacs = checkedProduct(positions, depth, cout);
                params = params && pw ? checkedAdd(*params, *pw) : std::nullopt;
                macs = macs && pwMacs ? checkedAdd(*macs, *pwMacs) : std::nullopt;
            }
        }
        setWeightCounts(ctx, info, params, macs, cout);
        break;
    }
    case LayerShapeRule::TransposedConvolution: {
        // Keras Conv2DTranspose, channels-last: 'valid' gives (in - 1) x stride + kernel along
        // each axis, 'same' in x stride; each input value is scattered over a kernel window of
        // every filter, hence in positions x Cin x kernel x filters MACs.
        if (!requireImage(ctx, in) || !requirePositive(ctx, a.kernel, "kernel size") ||
            !requirePositive(ctx, a.strides, "strides") ||
            !requirePositive(ctx, a.filters, "filters"))
            return;
        if (a.padding == Padding::Explicit) {
            ctx.fail("bad-padding", "a transposed convolution takes padding 'valid' or 'same', "
                                    "not explicit pads");
            return;
        }
        const auto axisOut = [&](std::int64_t n, int k, int s) -> std::optional<std::int64_t> {
            if (a.padding == Padding::Same)
                return checkedMul(n, s);
            const auto scaled = checkedMul(n - 1, s);
            return scaled ? checkedAdd(*scaled, k) : std::nullopt;
        };
        const auto h = axisOut(in.dims[0], a.kernel.h, a.strides.h);
        const auto w = axisOut(in.dims[1], a.kernel.w, a.strides.w);
        if (!h || !w)
            return overflow(ctx, "output size");
        info.outputShape = Shape{*h, *w, a.filters};
        const std::int64_t k = static_cast<std::int64_t>(a.kernel.h) * a.kernel.w;
        const std::int64_t cin = in.channels();
        const auto positions = checkedMul(in.dims[0], in.dims[1]);
        if (!positions)
            return overflow(ctx, "input size");
        setWeightCounts(ctx, info, checkedProduct(k, cin, a.filters),
                        checkedProduct(*positions, cin, k, a.filters), a.filters);
        break;
    }
    case LayerShapeRule::Dense: {
        if (in.empty()) {
            ctx.fail("rank-mismatch", "expects a vector input");
            return;
        }
        if (!requirePositive(ctx, a.units, "units"))
            return;
        std::int64_t width = in.channels();
        if (a.inputUnits != 0) {
            if (a.inputUnits < width) {
                ctx.fail("shape-mismatch", "declared input width " + std::to_string(a.inputUnits) +
                                               " is smaller than the input " + in.toString());
                return;
            }
            width = a.inputUnits;
        }
        Shape out = in;
        out.dims.back() = a.units;
        info.outputShape = out;
        const std::int64_t vectors = in.elements() / in.channels();
        setWeightCounts(ctx, info, checkedProduct(width, a.units),
                        checkedProduct(vectors, width, a.units), a.units);
        break;
    }
    case LayerShapeRule::Pool: {
        if (!requireImage(ctx, in) || !requirePositive(ctx, a.kernel, "pool size") ||
            !requirePositive(ctx, a.strides, "strides"))
            return;
        auto out = spatialOut(ctx, in, in.channels(), false);
        if (!out)
            return;
        info.outputShape = *out;
        break;
    }
    case LayerShapeRule::GlobalPool:
        if (!requireImage(ctx, in))
            return;
        info.outputShape = Shape{in.channels()};
        break;
    case LayerShapeRule::BatchNorm: {
        info.outputShape = in;
        auto params = checkedMul(in.channels(), 2 + (a.center ? 1 : 0) + (a.scale ? 1 : 0));
        if (!params)
            return overflow(ctx, "parameter count");
        info.params = *params;
        break;
    }
    case LayerShapeRule::SameShape:
        info.outputShape = in;
        break;
    case LayerShapeRule::Broadcast: {
        auto out = broadcast(ctx, ins);
        if (!out)
            return;
        info.outputShape = *out;
        break;
    }
    case LayerShapeRule::Concatenate: {
        const int rank = static_cast<int>(in.rank());
        const int axis = a.axis < 0 ? rank + a.axis : a.axis;
        if (axis < 0 || axis >= rank) {
            ctx.fail("bad-axis", "axis " + std::to_string(a.axis) + " is outside the input rank " +
                                     std::to_string(rank));
            return;
        }
        Shape out = in;
        for (std::size_t i = 1; i < ins.size(); ++i) {
            const Shape& s = ins[i];
            bool same = s.rank() == in.rank();
            for (int d = 0; same && d < rank; ++d)
                same = d == axis || s.dims[d] == in.dims[d];
            if (!same) {
                ctx.fail("shape-mismatch", "cannot concatenate " + in.toString() + " ('" +
                                               l.inputs[0] + "') and " + s.toString() + " ('" +
                                               l.inputs[i] + "') along axis " +
                                               std::to_string(a.axis));
                return;
            }
            auto sum = checkedAdd(out.dims[axis], s.dims[axis]);
            if (!sum)
                return overflow(ctx, "concatenated size");
            out.dims[axis] = *sum;
        }
        info.outputShape = out;
        break;
    }
    case LayerShapeRule::Flatten:
        info.outputShape = Shape{in.elements()};
        break;
    case LayerShapeRule::Reshape: {
        std::vector<std::int64_t> dims = a.targetShape;
        if (dims.empty()) {
            ctx.fail("missing-shape", "target shape is not set");
            return;
        }
        std::int64_t known = 1;
        int unknown = -1;
        for (std::size_t i = 0; i < dims.size(); ++i) {
            if (dims[i] == -1 && unknown < 0) {
                unknown = static_cast<int>(i);
                continue;
            }
            if (!requirePositive(ctx, dims[i], "target dimension"))
                return;
            auto k = checkedMul(known, dims[i]);
            if (!k)
                return overflow(ctx, "target shape");
            known = *k;
        }
        if (unknown >= 0) {
            if (in.elements() % known != 0) {
                ctx.fail("shape-mismatch", "cannot reshape " + in.toString() + " to " +
                                               Shape(a.targetShape).toString());
                return;
            }
            dims[unknown] = in.elements() / known;
        } else if (known != in.elements()) {
            ctx.fail("shape-mismatch", "cannot reshape " + in.toString() + " (" +
                                           std::to_string(in.elements()) + " values) to " +
                                           Shape(dims).toString());
            return;
        }
        info.outputShape = Shape(dims);
        break;
    }
    case LayerShapeRule::ZeroPadding:
        if (!requireImage(ctx, in) || !requireNonNegative(ctx, a.pads, "padding"))
            return;
        {
            auto h = checkedAdd(in.dims[0], static_cast<std::int64_t>(a.pads.top) + a.pads.bottom);
            auto w = checkedAdd(in.dims[1], static_cast<std::int64_t>(a.pads.left) + a.pads.right);
            if (!h || !w)
                return overflow(ctx, "padded size");
            info.outputShape = Shape{*h, *w, in.dims[2]};
        }
        break;
    case LayerShapeRule::Cropping:
        if (!requireImage(ctx, in) || !requireNonNegative(ctx, a.pads, "cropping"))
            return;
        {
            const std::int64_t h =
                in.dims[0] - (static_cast<std::int64_t>(a.pads.top) + a.pads.bottom);
            const std::int64_t w =
                in.dims[1] - (static_cast<std::int64_t>(a.pads.left) + a.pads.right);
            if (h <= 0 || w <= 0) {
                ctx.fail("non-positive-size", "cropping " + std::to_string(a.pads.top) + "+" +
                                                  std::to_string(a.pads.bottom) + " rows and " +
                                                  std::to_string(a.pads.left) + "+" +
                                                  std::to_string(a.pads.right) +
                                                  " columns leaves nothing of " + in.toString());
                return;
            }
            info.outputShape = Shape{h, w, in.dims[2]};
        }
        break;
    case LayerShapeRule::UpSampling:
        if (!requireImage(ctx, in) || !requirePositive(ctx, a.upsample, "upsampling size"))
            return;
        {
            auto h = checkedMul(in.dims[0], a.upsample.h);
            auto w = checkedMul(in.dims[1], a.upsample.w);
            if (!h || !w)
                return overflow(ctx, "upsampled size");
            info.outputShape = Shape{*h, *w, in.dims[2]};
        }
        break;
    case LayerShapeRule::Placeholder:
        // A placeholder: no parameters, no MACs; the stated shape, or the input's.
        for (auto d : a.outputShape.dims)
            if (!requirePositive(ctx, d, "output dimension"))
                return;
        if (a.outputShape.empty() && in.empty()) {
            ctx.fail("missing-shape", "output shape is not set and there is no input to pass on");
            return;
        }
        info.outputShape = a.outputShape.empty() ? in : a.outputShape;
        break;
    }
    if (!ctx.failed()) {
        auto elems = std::optional<std::int64_t>(1);
        for (auto d : info.outputShape.dims)
            elems = elems ? checkedMul(*elems, d) : std::nullopt;
        if (!elems)
            return overflow(ctx, "output size");
        info.shapeKnown = true;
    }
}

/// Checks the number of inputs of a layer against its kind (part of its shape rule).
bool checkArity(LayerContext& ctx) {
    const Layer& l = ctx.layer();
    const std::size_t n = l.inputs.size();
    switch (layerKind(l.type).shapeRule) {
    case LayerShapeRule::Input:
        if (n != 0)
            return ctx.fail("bad-arity", "an Input layer takes no inputs");
        return true;
    case LayerShapeRule::Placeholder:
        if (n == 0 && l.attrs.outputShape.empty())
            return ctx.fail("dangling-input", "has no input connected and no output shape");
        return true;
    case LayerShapeRule::Broadcast:
    case LayerShapeRule::Concatenate:
        if (n < 2)
            return ctx.fail("bad-arity", std::string(layerTypeName(l.type)) +
                                             " needs at least two inputs, got " +
                                             std::to_string(n));
        return true;
    default:
        if (n == 0)
            return ctx.fail("dangling-input", "has no input connected");
        if (n != 1)
            return ctx.fail("bad-arity", std::string(layerTypeName(l.type)) +
                                             " takes exactly one input, got " + std::to_string(n));
        return true;
    }
}

} // namespace

Analysis analyze(const Network& net) {
    Analysis result;
    const auto& layers = net.layers();
    result.layers.resize(layers.size());

    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].name.empty())
            result.diagnostics.push_back(
                makeError("empty-name", "layer #" + std::to_string(i + 1) + " has no name"));
        else if (!index.emplace(layers[i].name, i).second)
            result.diagnostics.push_back(makeError(
                "duplicate-name", "the name is used by more than one layer", layers[i].name));
    }
    if (layers.empty())
        result.diagnostics.push_back(makeError("empty-network", "the network has no layers"));

    // Edges and Kahn's topological sort.
    std::vector<std::vector<std::size_t>> preds(layers.size()), succs(layers.size());
    std::vector<bool> dangling(layers.size(), false);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        for (const auto& in : layers[i].inputs) {
            auto it = index.find(in);
            if (it == index.end()) {
                result.diagnostics.push_back(
                    makeError("dangling-input", "input '" + in + "' is not a layer of the network",
                              layers[i].name));
                dangling[i] = true;
                continue;
            }
            preds[i].push_back(it->second);
            succs[it->second].push_back(i);
        }
    }
    std::vector<std::size_t> indegree(layers.size());
    std::queue<std::size_t> ready;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        indegree[i] = preds[i].size();
        if (indegree[i] == 0)
            ready.push(i);
    }
    while (!ready.empty()) {
        auto i = ready.front();
        ready.pop();
        result.order.push_back(i);
        for (auto s : succs[i])
            if (--indegree[s] == 0)
                ready.push(s);
    }
    if (result.order.size() != layers.size()) {
        std::string names;
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (indegree[i] > 0)
                names += (names.empty() ? "'" : ", '") + layers[i].name + "'";
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (indegree[i] > 0) {
                result.diagnostics.push_back(
                    makeError("cycle", "the graph has a cycle through " + names, layers[i].name));
                break;
            }
    }

    for (auto i : result.order) {
        const Layer& l = layers[i];
        LayerInfo& info = result.layers[i];
        LayerContext ctx(l, result.diagnostics);
        if (dangling[i] || !checkArity(ctx))
            continue;
        bool inputsKnown = true;
        for (auto p : preds[i]) {
            inputsKnown = inputsKnown && result.layers[p].shapeKnown;
            info.inputShapes.push_back(result.layers[p].outputShape);
        }
        if (!inputsKnown)
            continue; // the error is reported upstream
        inferLayer(ctx, info);
        if (info.shapeKnown) {
            auto p = checkedAdd(result.params, info.params);
            auto m = checkedAdd(result.macs, info.macs);
            if (!p || !m) {
                ctx.fail("size-overflow", "network parameter or MAC total does not fit in 64 bits");
                info.shapeKnown = false;
                continue;
            }
            result.params = *p;
            result.macs = *m;
        }
    }
    return result;
}

bool shapeKnownOrWarn(const Network& net, const Analysis& analysis, std::size_t i,
                      const char* skipped, Diagnostics& out) {
    if (i < analysis.layers.size() && analysis.layers[i].shapeKnown)
        return true;
    out.push_back(makeWarning("not-costed",
                              std::string(skipped) + ": its shape could not be inferred",
                              net.layers()[i].name));
    return false;
}

} // namespace zipcnn
