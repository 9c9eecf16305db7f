// SPDX-License-Identifier: GPL-3.0-or-later
// The ONNX nodes that become engine layers (convolutions, dense, pooling, element-wise,
// concatenation, activations, batch norm, padding, reshapes): methods of OnnxConverter.
#include "base/CheckedMath.h"
#include "import/OnnxConverter.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zipcnn::onnxconv {

namespace {
/// "[0, 0, 1, 1]": an attribute's values as ONNX lists them (pads, strides).
std::string listText(const Dims& d) {
    std::string s = "[";
    for (std::size_t i = 0; i < d.size(); ++i)
        s += (i ? ", " : "") + std::to_string(d[i]);
    return s + "]";
}
} // namespace

bool OnnxConverter::windowAttrs(const Dims& x, const Dims& kernel, Layer& l, Dims& outHw,
                                bool pool) {
    auto& a = l.attrs;
    const Dims strides = intsAttr("strides").value_or(Dims{1, 1});
    const Dims dil = intsAttr("dilations").value_or(Dims{1, 1});
    if (pool && dil != Dims{1, 1} && dil.size() == 2) {
        refuse("pooling with dilations " + dimsText(dil) + " (the engine's windows are dense)");
        return false;
    }
    const Dims pads = intsAttr("pads").value_or(Dims{0, 0, 0, 0});
    if (kernel.size() != 2 || strides.size() != 2 || dil.size() != 2 || pads.size() != 4)
        return bad("expected 2-D kernel_shape, strides, dilations and 4 pads");
    for (auto v : kernel)
        if (v <= 0 || v > std::numeric_limits<int>::max())
            return bad("kernel size " + std::to_string(v) + " out of range");
    for (auto v : strides)
        if (v <= 0 || v > std::numeric_limits<int>::max())
            return bad("stride " + std::to_string(v) + " out of range");
    for (auto v : dil)
        if (v <= 0 || v > std::numeric_limits<int>::max())
            return bad("dilation " + std::to_string(v) + " out of range");
    for (auto v : pads)
        if (v < 0 || v > std::numeric_limits<int>::max())
            return bad("pad " + std::to_string(v) + " out of range");
    a.kernel = {static_cast<int>(kernel[0]), static_cast<int>(kernel[1])};
    a.strides = {static_cast<int>(strides[0]), static_cast<int>(strides[1])};
    if (!pool)
        a.dilation = {static_cast<int>(dil[0]), static_cast<int>(dil[1])};
    const std::string autoPad = stringAttr("auto_pad", "NOTSET");
    Dims pb = {pads[0], pads[1]}, pe = {pads[2], pads[3]};
    outHw.assign(2, 0);
    for (int i = 0; i < 2; ++i) {
        const std::int64_t span = (kernel[i] - 1) * (pool ? 1 : dil[i]) + 1;
        const std::int64_t n = x[2 + i];
        if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")
            outHw[i] = (n + strides[i] - 1) / strides[i];
        else if (autoPad == "VALID")
            outHw[i] = (n - span) / strides[i] + 1;
        else if (autoPad == "NOTSET") {
            const std::int64_t full = n + pb[i] + pe[i] - span;
            outHw[i] = full < 0 ? 0 : full / strides[i] + 1;
            if (pool && intAttr("ceil_mode", 0) != 0 && full >= 0) {
                // ceil_mode: the engine floors, so the last partial window is made whole by
                // padding the end (same outputs, same windows).
                const std::int64_t ceil = (full + strides[i] - 1) / strides[i] + 1;
                if (ceil > outHw[i]) {
                    pe[i] += (ceil - 1) * strides[i] + span - (n + pb[i] + pe[i]);
                    outHw[i] = ceil;
                }
            }
        } else
            return bad("auto_pad '" + autoPad + "' is not an ONNX value");
        if (outHw[i] <= 0)
            return bad("window " + dimsText(kernel) + " does not fit the input " + dimsText(x));
    }
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER")
        a.padding = Padding::Same;
    else if (autoPad == "VALID" || (pb[0] == 0 && pb[1] == 0 && pe[0] == 0 && pe[1] == 0))
        a.padding = Padding::Valid;
    else {
        a.padding = Padding::Explicit;
        a.pads = {static_cast<int>(pb[0]), static_cast<int>(pe[0]), static_cast<int>(pb[1]),
                  static_cast<int>(pe[1])};
    }
    return true;
}

bool OnnxConverter::conv(const std::string& xName, const std::string& wName,
                         const std::string& bName) {
    const Activation* x = activation(xName);
    if (!x)
        return false;
    const OnnxConstant* w = constant(wName);
    if (!w)
        return refuse("weights '" + wName + "' are computed, not stored");
    if (x->shape.size() != 4)
        return refuse(std::to_string(x->shape.size() == 3 ? 1 : x->shape.size() - 2) +
                      "-D convolution (the engine has 2-D ones)");
    if (w->dims.size() != 4)
        return bad("weights '" + wName + "' are " + dimsText(w->dims) +
                   ", not M x C/group x kH x kW");
    const std::int64_t group = intAttr("group", 1);
    const std::int64_t cin = x->shape[1], m = w->dims[0];
    if (group <= 0 || cin % group != 0 || m % group != 0 || w->dims[1] * group != cin)
        return bad("group " + std::to_string(group) + " does not fit " + std::to_string(cin) +
                   " input channels and weights " + dimsText(w->dims));
    const Dims kernel = intsAttr("kernel_shape").value_or(Dims{w->dims[2], w->dims[3]});
    Layer l;
    if (group == 1) {
        l.type = LayerType::Conv2D;
        l.attrs.filters = static_cast<int>(m);
    } else if (group == cin) {
        l.type = LayerType::DepthwiseConv2D;
        l.attrs.depthMultiplier = static_cast<int>(m / cin);
    } else {
        l.type = LayerType::Conv2D; // grouped: the engine's Conv2D has groups
        l.attrs.filters = static_cast<int>(m);
        l.attrs.groups = static_cast<int>(group);
    }
    if (m > std::numeric_limits<int>::max())
        return bad("too many output channels");
    Dims hw;
    if (!windowAttrs(x->shape, kernel, l, hw, false))
        return false;
    return addConvolution(std::move(l), x->layer, wName, bName, m, hw);
}

bool OnnxConverter::addConvolution(Layer l, const std::string& in, const std::string& wName,
                                   const std::string& bName, std::int64_t m, const Dims& hw) {
    useAsWeight(wName);
    l.attrs.useBias = !bName.empty();
    if (!bName.empty()) {
        const OnnxConstant* b = constant(bName);
        if (!b)
            return refuse("bias '" + bName + "' is computed, not stored");
        if (b->elements != m)
            return bad("bias '" + bName + "' has " + std::to_string(b->elements) + " values for " +
                       std::to_string(m) + " output channels");
        useAsWeight(bName);
    }
    const bool biasless = !l.attrs.useBias;
    const std::string name = addLayer(std::move(l), {in}, {1, m, hw[0], hw[1]});
    if (const OnnxConstant* w = constant(wName); w && w->quantScales > 0) // QDQ weights
        recordWeights(*net_.find(name), *w, w->quantScales);
    if (biasless && node_->output_size() > 0)
        biasless_[node_->output(0)] = name;
    return true;
}

// ConvTranspose becomes the engine's Conv2DTranspose, whose padding is Keras's: 'valid'
// (out = (in - 1) x stride + kernel) or 'same' (out = in x stride, the kernel - stride rows of
// padding split as TensorFlow splits them, the smaller half first). Pads, an output_shape or an
// auto_pad that give anything else, an output_padding, dilations or groups are refused by name.
bool OnnxConverter::convTranspose(const std::string& xName, const std::string& wName,
                                  const std::string& bName) {
    const Activation* x = activation(xName);
    if (!x)
        return false;
    const OnnxConstant* w = constant(wName);
    if (!w)
        return refuse("weights '" + wName + "' are computed, not stored");
    if (x->shape.size() != 4)
        return refuse(std::to_string(x->shape.size() == 3 ? 1 : x->shape.size() - 2) +
                      "-D transposed convolution (the engine has 2-D ones)");
    if (const std::int64_t group = intAttr("group", 1); group != 1)
        return refuse("group " + std::to_string(group) +
                      " (the engine's Conv2DTranspose is not grouped)");
    if (w->dims.size() != 4 || w->dims[0] != x->shape[1])
        return bad("weights '" + wName + "' are " + dimsText(w->dims) +
                   ", not C x M x kH x kW for " + std::to_string(x->shape[1]) + " input channels");
    const std::int64_t m = w->dims[1];
    const Dims kernel = intsAttr("kernel_shape").value_or(Dims{w->dims[2], w->dims[3]});
    const Dims strides = intsAttr("strides").value_or(Dims{1, 1});
    const Dims dil = intsAttr("dilations").value_or(Dims{1, 1});
    const Dims outPad = intsAttr("output_padding").value_or(Dims{0, 0});
    const Dims pads = intsAttr("pads").value_or(Dims{0, 0, 0, 0});
    if (kernel != Dims{w->dims[2], w->dims[3]} || strides.size() != 2 || pads.size() != 4)
        return bad("expected kernel_shape " + listText({w->dims[2], w->dims[3]}) +
                   " (the weights'), 2 strides and 4 pads");
    for (auto v : Dims{m, kernel[0], kernel[1], strides[0], strides[1]})
        if (v <= 0 || v > std::numeric_limits<int>::max())
            return bad("size " + std::to_string(v) + " out of range in weights " +
                       dimsText(w->dims) + ", strides " + listText(strides));
    if (dil != Dims{1, 1})
        return refuse("dilations " + listText(dil) + " (the engine's Conv2DTranspose is dense)");
    if (outPad != Dims{0, 0})
        return refuse("output_padding " + listText(outPad) +
                      " (the engine's Conv2DTranspose has none)");
    const Dims valid = {(x->shape[2] - 1) * strides[0] + kernel[0],
                        (x->shape[3] - 1) * strides[1] + kernel[1]};
    const Dims same = {x->shape[2] * strides[0], x->shape[3] * strides[1]};
    Padding padding = Padding::Valid;
    const std::string autoPad = stringAttr("auto_pad", "NOTSET");
    if (auto shape = intsAttr("output_shape")) {
        const Dims hw = shape->size() >= 2 ? Dims(shape->end() - 2, shape->end()) : *shape;
        if (hw != valid && hw != same)
            return refuse("output_shape " + listText(*shape) + " (padding 'valid' gives " +
                          listText(valid) + ", 'same' " + listText(same) + ")");
        padding = hw == valid ? Padding::Valid : Padding::Same;
    } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        padding = Padding::Same;
    } else if (autoPad == "NOTSET") {
        const auto keras = [&](int i) { // TensorFlow's 'same' split along axis i
            const std::int64_t total = std::max<std::int64_t>(kernel[i] - strides[i], 0);
            return Dims{total / 2, total - total / 2};
        };
        if (pads != Dims{0, 0, 0, 0}) {
            const Dims h = keras(0), v = keras(1);
            if (pads != Dims{h[0], v[0], h[1], v[1]} || kernel[0] < strides[0] ||
                kernel[1] < strides[1])
                return refuse("pads " + listText(pads) +
                              " (neither 'valid' [0, 0, 0, 0] nor the 'same' padding " +
                              listText({h[0], v[0], h[1], v[1]}) + ")");
            padding = Padding::Same;
        }
    } else if (autoPad != "VALID") {
        return bad("auto_pad '" + autoPad + "' is not an ONNX value");
    }
    Layer l;
    l.type = LayerType::Conv2DTranspose;
    l.attrs.filters = static_cast<int>(m);
    l.attrs.kernel = {static_cast<int>(kernel[0]), static_cast<int>(kernel[1])};
    l.attrs.strides = {static_cast<int>(strides[0]), static_cast<int>(strides[1])};
    l.attrs.padding = padding;
    return addConvolution(std::move(l), x->layer, wName, bName, m,
                          padding == Padding::Same ? same : valid);
}

bool OnnxConverter::dense(const std::string& aName, const std::string& bName,
                          const std::string& cName, bool transB) {
    const Activation* a = activation(aName);
    if (!a)
        return false;
    const OnnxConstant* b = constant(bName);
    if (!b)
        return refuse("a product of two computed tensors (the engine's dense layer has stored "
                      "weights)");
    if (a->shape.size() != 2)
        return refuse("a product on a rank-" + std::to_string(a->shape.size()) +
                      " tensor (the engine's dense layer reads a vector)");
    if (b->dims.size() != 2)
        return bad("weights '" + bName + "' are " + dimsText(b->dims) + ", not a matrix");
    const std::int64_t k = transB ? b->dims[1] : b->dims[0];
    const std::int64_t units = transB ? b->dims[0] : b->dims[1];
    if (k != a->shape[1])
        return bad("weights '" + bName + "' are " + dimsText(b->dims) + " for an input of " +
                   std::to_string(a->shape[1]) + " values");
    if (units <= 0 || units > std::numeric_limits<int>::max())
        return bad("weights '" + bName + "' give " + std::to_string(units) + " outputs");
    Layer l;
    l.type = LayerType::Dense;
    l.attrs.units = static_cast<int>(units);
    l.attrs.useBias = !cName.empty();
    useAsWeight(bName);
    if (!cName.empty()) {
        const OnnxConstant* c = constant(cName);
        if (!c)
            return refuse("bias '" + cName + "' is computed, not stored");
        if (c->elements != units && c->elements != 1)
            return bad("bias '" + cName + "' has " + std::to_string(c->elements) + " values for " +
                       std::to_string(units) + " outputs");
        useAsWeight(cName);
    }
    const std::string in = a->layer;
    const bool biasless = !l.attrs.useBias;
    const std::string name = addLayer(std::move(l), {in}, {1, units});
    if (b->quantScales > 0)
        recordWeights(*net_.find(name), *b, b->quantScales);
    if (biasless && node_->output_size() > 0)
        biasless_[node_->output(0)] = name;
    return true;
}

bool OnnxConverter::pool(LayerType type, const std::string& xName) {
    const Activation* x = activation(xName);
    if (!x)
        return false;
    if (x->shape.size() != 4)
        return refuse("pooling over a rank-" + std::to_string(x->shape.size()) + " tensor");
    auto kernel = intsAttr("kernel_shape");
    if (!kernel)
        return bad("has no kernel_shape");
    Layer l;
    l.type = type;
    Dims hw;
    if (!windowAttrs(x->shape, *kernel, l, hw, true))
        return false;
    const std::string in = x->layer;
    addLayer(std::move(l), {in}, {1, x->shape[1], hw[0], hw[1]});
    return true;
}

bool OnnxConverter::globalPool(LayerType type, const std::string& xName) {
    const Activation* x = activation(xName);
    if (!x)
        return false;
    if (x->shape.size() != 4)
        return refuse("global pooling over a rank-" + std::to_string(x->shape.size()) + " tensor");
    const std::int64_t c = x->shape[1];
    Layer l;
    l.type = type;
    const std::string in = x->layer;
    const std::string pooled = addLayer(std::move(l), {in}, {1, c});
    // ONNX keeps the pooled tensor 4-D (N x C x 1 x 1): so does the engine, by a free reshape.
    Layer keep;
    keep.type = LayerType::Reshape;
    keep.attrs.targetShape = {1, 1, c};
    const std::string base = pooled + "/keepdims";
    keep.name = base;
    keep.inputs = {pooled};
    const std::string name = net_.add(std::move(keep));
    if (node_->output_size() > 0)
        acts_[node_->output(0)] = {name, {1, c, 1, 1}};
    return true;
}

bool OnnxConverter::binary(LayerType type, const std::vector<std::string>& inputs) {
    std::vector<std::string> computed, stored;
    for (const auto& i : inputs)
        (constant(i) ? stored : computed).push_back(i);
    if (computed.empty()) {
        // Both stored: the result is a constant too (folded by the exporter's runtime).
        OnnxConstant c = *constant(inputs[0]);
        for (const auto& i : inputs)
            if (constant(i)->elements > c.elements)
                c = *constant(i);
        c.values.reset();
        if (node_->output_size() > 0)
            consts_[node_->output(0)] = c;
        return true;
    }
    if (!stored.empty()) {
        // A stored operand: the bias of the conv or dense layer before (exporters that do not
        // fuse it), else an affine op the engine has no layer for.
        const std::string& x = computed.front();
        auto producer = biasless_.find(x);
        const OnnxConstant* c = constant(stored.front());
        if (type == LayerType::Add && computed.size() == 1 && stored.size() == 1 &&
            producer != biasless_.end() && readers_[x] == 1) {
            Layer* l = net_.find(producer->second);
            std::int64_t channels =
                !l ? -1 : (l->type == LayerType::Dense ? l->attrs.units : l->attrs.filters);
            if (l && l->type == LayerType::DepthwiseConv2D)
                channels = -1; // its output channels are not in `filters`: left unfolded
            if (l && c->elements == channels) {
                l->attrs.useBias = true;
                useAsWeight(stored.front());
                biasless_.erase(producer);
                alias(x);
                return true;
            }
        }
        return refuse(std::string(type == LayerType::Add ? "addition" : "multiplication") +
                      " by a stored tensor that is not the bias of the layer before");
    }
    std::vector<std::string> layers;
    Dims shape;
    for (const auto& i : computed) {
        const Activation* a = activation(i);
        if (!a)
            return false;
        layers.push_back(a->layer);
        auto b = shape.empty() ? std::optional<Dims>(a->shape) : broadcast(shape, a->shape);
        if (!b)
            return bad("shapes " + dimsText(shape) + " and " + dimsText(a->shape) +
                       " do not broadcast");
        shape = *b;
    }
    if (layers.size() == 1) {
        alias(computed.front());
        return true;
    }
    Layer l;
    l.type = type;
    addLayer(std::move(l), layers, shape);
    return true;
}

bool OnnxConverter::concat(const std::vector<std::string>& inputs) {
    std::vector<std::string> layers;
    Dims shape;
    const std::int64_t axis = intAttr("axis", 1);
    for (const auto& i : inputs) {
        const Activation* a = activation(i);
        if (!a)
            return false;
        layers.push_back(a->layer);
        if (shape.empty()) {
            shape = a->shape;
            continue;
        }
        const auto r = static_cast<std::int64_t>(shape.size());
        const std::int64_t ax = axis < 0 ? axis + r : axis;
        if (a->shape.size() != shape.size() || ax < 0 || ax >= r)
            return bad("inputs of different ranks, or axis " + std::to_string(axis) +
                       " out of them");
        shape[static_cast<std::size_t>(ax)] += a->shape[static_cast<std::size_t>(ax)];
    }
    auto engine = engineAxis(axis, shape.size());
    if (!engine)
        return refuse("concatenation along the batch axis");
    if (layers.size() == 1) {
        alias(inputs.front());
        return true;
    }
    Layer l;
    l.type = LayerType::Concatenate;
    l.attrs.axis = *engine == static_cast<int>(engineDims(shape).size()) - 1 ? -1 : *engine;
    addLayer(std::move(l), layers, shape);
    return true;
}

bool OnnxConverter::activationOp(ActivationKind kind, const std::string& xName, double alpha) {
    const Activation* x = activation(xName);
    if (!x)
        return false;
    Layer l;
    l.type = LayerType::Activation;
    l.attrs.activation = kind;
    if (kind == ActivationKind::LeakyRelu)
        l.attrs.alpha = alpha;
    const std::string in = x->layer;
    const Dims shape = x->shape;
    addLayer(std::move(l), {in}, shape);
    return true;
}

bool OnnxConverter::clip() {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    if (opset_ < 11) {
        lo = floatAttr("min", lo);
        hi = floatAttr("max", hi);
    } else {
        for (int k : {1, 2}) {
            if (in(k).empty())
                continue;
            const OnnxConstant* c = constant(in(k));
            if (!c || !c->values || c->values->size() != 1)
                return refuse("clip bound '" + in(k) + "' is not a stored scalar");
            (k == 1 ? lo : hi) = c->values->front();
        }
    }
    if (lo == 0.0 && hi == 6.0)
        return activationOp(ActivationKind::Relu6, in(0));
    if (lo == 0.0 && std::isinf(hi))
        return activationOp(ActivationKind::Relu, in(0));
    return refuse("Clip(" + std::to_string(lo) + ", " + std::to_string(hi) +
                  ") is neither ReLU nor ReLU6");
}

bool OnnxConverter::softmax(const std::string& xName) {
    const Activation* x = activation(xName);
    if (!x)
        return false;
    const std::int64_t axis = intAttr("axis", opset_ < 13 ? 1 : -1);
    const auto engine = engineAxis(axis, x->shape.size());
    const auto last = static_cast<int>(engineDims(x->shape).size()) - 1;
    // Before opset 13 the axis splits the tensor in two and the softmax runs over the second
    // part: on N x F (and N x C x 1 x 1) that is the engine's last axis too.
    const bool flatTail = opset_ < 13 && axis == 1 && product(x->shape, 2) == 1;
    if (!flatTail && (!engine || *engine != last))
        return refuse("softmax over axis " + std::to_string(axis) + " of " + dimsText(x->shape) +
                      " (the engine's runs over the channels)");
    return activationOp(ActivationKind::Softmax, xName);
}

bool OnnxConverter::batchNorm() {
    const Activation* x = activation(in(0));
    if (!x)
        return false;
    for (int k = 1; k <= 4; ++k)
        if (!constant(in(k)))
            return refuse("parameter '" + in(k) + "' is computed, not stored");
    const std::int64_t channels = x->shape.size() >= 2 ? x->shape[1] : 0;
    for (int k = 1; k <= 4; ++k) {
        if (constant(in(k))->elements != channels)
            return bad("parameter '" + in(k) + "' has " +
                       std::to_string(constant(in(k))->elements) + " values for " +
                       std::to_string(channels) + " channels");
        useAsWeight(in(k));
    }
    Layer l;
    l.type = LayerType::BatchNormalization;
    l.attrs.epsilon = floatAttr("epsilon", 1e-5);
    const std::string input = x->layer;
    const Dims shape = x->shape;
    addLayer(std::move(l), {input}, shape);
    return true;
}

bool OnnxConverter::pad() {
    const Activation* x = activation(in(0));
    if (!x)
        return false;
    const std::string mode = stringAttr("mode", "constant");
    if (mode != "constant")
        return refuse("padding mode '" + mode + "' (the engine pads with zeros)");
    std::optional<Dims> pads = intsAttr(opset_ < 11 ? "paddings" : "pads");
    if (opset_ < 11 && !pads)
        pads = intsAttr("pads");
    if (opset_ >= 11) {
        const OnnxConstant* c = constant(in(1));
        if (!c || !c->integers())
            return refuse("pads '" + in(1) + "' are not stored");
        pads = c->integers();
        if (!in(2).empty()) {
            const OnnxConstant* v = constant(in(2));
            if (!v || !v->values || v->values->size() != 1 || v->values->front() != 0.0)
                return refuse("padding with a value other than zero");
        }
    } else if (floatAttr("value", 0.0) != 0.0)
        return refuse("padding with a value other than zero");
    if (!pads || pads->size() != 2 * x->shape.size())
        return bad("pads do not match the input's rank");
    const std::size_t r = x->shape.size();
    for (auto p : *pads)
        if (p < 0 || p > std::numeric_limits<int>::max())
            return refuse("negative or huge pads (cropping)");
    if (r != 4 || (*pads)[0] || (*pads)[1] || (*pads)[r] || (*pads)[r + 1])
        return refuse("padding other than the height and width of an image");
    Layer l;
    l.type = LayerType::ZeroPadding2D;
    l.attrs.pads = {static_cast<int>((*pads)[2]), static_cast<int>((*pads)[6]),
                    static_cast<int>((*pads)[3]), static_cast<int>((*pads)[7])};
    Dims shape = x->shape;
    shape[2] += (*pads)[2] + (*pads)[6];
    shape[3] += (*pads)[3] + (*pads)[7];
    const std::string input = x->layer;
    addLayer(std::move(l), {input}, shape);
    return true;
}

bool OnnxConverter::reshape(const Dims& target, const std::string& xName) {
    const OnnxConstant* c = constant(xName);
    const Activation* x = c ? nullptr : activation(xName);
    if (!c && !x)
        return false;
    const Dims inShape = c ? c->dims : x->shape;
    const std::int64_t total = c ? c->elements : product(inShape);
    Dims out = target;
    int unknown = -1;
    std::int64_t known = 1;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == 0 && intAttr("allowzero", 0) == 0) {
            if (i >= inShape.size())
                return bad("target " + dimsText(target) + " copies a dimension " +
                           dimsText(inShape) + " does not have");
            out[i] = inShape[i];
        }
        if (out[i] == -1 && unknown < 0) {
            unknown = static_cast<int>(i);
            continue;
        }
        if (out[i] <= 0)
            return bad("target shape " + dimsText(target) + " has a size " +
                       std::to_string(out[i]));
        const auto next = checkedMul(known, out[i]);
        if (!next)
            return bad("target shape " + dimsText(target) + " overflows 64 bits");
        known = *next;
    }
    if (unknown >= 0 && known > 0 && total % known == 0)
        out[static_cast<std::size_t>(unknown)] = total / known;
    if (product(out) != total)
        return bad("cannot reshape " + dimsText(inShape) + " to " + dimsText(target));
    if (c) {
        OnnxConstant folded = *c;
        folded.dims = out;
        if (node_->output_size() > 0)
            consts_[node_->output(0)] = folded;
        return true;
    }
    if (!out.empty() && inShape.size() >= 2 && out[0] != inShape[0])
        return refuse("reshape across the batch dimension (" + dimsText(inShape) + " to " +
                      dimsText(out) + ")");
    if (out == inShape) {
        alias(xName);
        return true;
    }
    Layer l;
    const std::string input = x->layer;
    if (out.size() == 2 && inShape.size() > 2) {
        l.type = LayerType::Flatten;
    } else if (out.size() < 2) {
        return refuse("reshape to " + dimsText(out) + " drops the batch dimension");
    } else {
        l.type = LayerType::Reshape;
        const Dims e = engineDims(out);
        l.attrs.targetShape.assign(e.begin(), e.end());
    }
    addLayer(std::move(l), {input}, out);
    return true;
}

int OnnxConverter::readers(const std::string& name) const {
    int n = 0;
    for (const auto& node : g_.node())
        for (const auto& i : node.input())
            n += i == name ? 1 : 0;
    return n;
}

bool OnnxConverter::transpose() {
    const Activation* x = activation(in(0));
    if (!x)
        return constant(in(0)) ? refuse("transpose of a stored constant") : false;
    const Dims inShape = x->shape;
    const std::size_t rank = inShape.size();
    Dims perm(rank);
    if (const std::optional<Dims> p = intsAttr("perm")) {
        perm = *p;
    } else {
        for (std::size_t i = 0; i < rank; ++i) // no perm: the axes reversed
            perm[i] = static_cast<std::int64_t>(rank - 1 - i);
    }
    Dims sorted = perm;
    std::sort(sorted.begin(), sorted.end());
    bool order = sorted.size() == rank;
    for (std::size_t i = 0; order && i < rank; ++i)
        order = sorted[i] == static_cast<std::int64_t>(i);
    if (!order)
        return bad("perm " + dimsText(perm) + " is not an order of the " + std::to_string(rank) +
                   " axes of " + dimsText(inShape));
    if (rank >= 2 && perm[0] != 0)
        return refuse("transpose moves the batch dimension (perm " + dimsText(perm) + ")");
    Dims out(rank);
    for (std::size_t i = 0; i < rank; ++i)
        out[i] = inShape[static_cast<std::size_t>(perm[i])];
    if (out == inShape) {
        alias(in(0));
        return true;
    }
    // A channels-last graph input turned to NCHW (how tf2onnx exports Keras and TFLite models):
    // the engine is channels-last already, so the input takes the image's own [H, W, C] and the
    // transpose disappears.
    const Layer* inputLayer = net_.find(x->layer);
    if (rank == 4 && perm == Dims{0, 3, 1, 2} && inputLayer &&
        inputLayer->type == LayerType::Input && readers(in(0)) == 1) {
        net_.find(x->layer)->attrs.inputShape = Shape(engineDims(out));
        if (node_->output_size() > 0)
            acts_[node_->output(0)] = {x->layer, out};
        return true;
    }
    // Elsewhere a transpose is data movement, costed free like a reshape (Keras's Permute).
    Layer l;
    l.type = LayerType::Reshape;
    const Dims e = engineDims(out);
    l.attrs.targetShape.assign(e.begin(), e.end());
    const std::string input = x->layer;
    addLayer(std::move(l), {input}, out);
    return true;
}

bool OnnxConverter::flatten() {
    const Activation* x = activation(in(0));
    if (!x)
        return false;
    std::int64_t axis = intAttr("axis", 1);
    const auto r = static_cast<std::int64_t>(x->shape.size());
    if (axis < 0)
        axis += r;
    if (axis != 1)
        return refuse("flatten at axis " + std::to_string(axis) + " (the engine keeps the batch)");
    if (x->shape.empty())
        return refuse("flatten of a scalar");
    return reshape({x->shape[0], product(x->shape, 1)}, in(0));
}

bool OnnxConverter::reduceMean() {
    const Activation* x = activation(in(0));
    if (!x)
        return false;
    std::optional<Dims> axes = intsAttr("axes");
    if (!axes && !in(1).empty())
        if (const OnnxConstant* c = constant(in(1)))
            axes = c->integers();
    if (!axes)
        return refuse("mean over all axes");
    Dims a = *axes;
    for (auto& v : a)
        if (v < 0)
            v += static_cast<std::int64_t>(x->shape.size());
    std::sort(a.begin(), a.end());
    if (x->shape.size() != 4 || a != Dims{2, 3})
        return refuse("mean over axes other than height and width");
    if (intAttr("keepdims", 1) != 0)
        return globalPool(LayerType::GlobalAveragePooling2D, in(0));
    Layer l;
    l.type = LayerType::GlobalAveragePooling2D;
    const std::string input = x->layer;
    const std::int64_t c = x->shape[1];
    addLayer(std::move(l), {input}, {1, c});
    return true;
}

} // namespace zipcnn::onnxconv
