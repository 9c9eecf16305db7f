// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/TfliteOpMapper.h"

#include "base/CheckedMath.h"
#include "model/LayerCatalog.h"

#include <algorithm>
#include <cstring>
#include <set>

namespace zipcnn {

namespace {

using namespace tflite;

/// Engine shapes carry no batch dimension: TFLite's first dimension is dropped from tensors of
/// rank 2 and more (a rank-1 tensor has none to drop).
Shape withoutBatch(const std::vector<std::int32_t>& shape) {
    Shape s;
    for (std::size_t i = shape.size() >= 2 ? 1 : 0; i < shape.size(); ++i)
        s.dims.push_back(shape[i]);
    return s;
}

std::int64_t elements(const std::vector<std::int32_t>& shape) {
    std::int64_t n = 1;
    for (std::int32_t d : shape)
        n = d > 0 && n > (INT64_MAX / d) ? INT64_MAX : n * d;
    return n;
}

int activationBits(std::int8_t type) {
    switch (type) {
    case kInt8:
    case kUInt8:
        return 8;
    case kInt16:
        return 16;
    default:
        return 32;
    }
}

class Mapper {
public:
    Mapper(const TfliteModel& m, bool keep) : m_(m), s_(m.subgraphs.front()), keep_(keep) {}

    TfliteMapping run() {
        out_.network.setName(s_.name);
        for (std::int32_t t : s_.inputs)
            input(t);
        for (std::size_t i = 0; i < s_.operators.size(); ++i) {
            index_ = i;
            op_ = &s_.operators[i];
            const TfliteOperatorCode& code = m_.operatorCodes[op_->opcodeIndex];
            opName_ = code.code == kCustom ? "CUSTOM '" + code.customCode + "'" : opName(code.code);
            ++out_.operators[code.code == kCustom ? "CUSTOM" : opName(code.code)];
            if (op_->outputs.empty()) {
                error("has no output tensor");
                continue;
            }
            mapOperator(code);
        }
        return std::move(out_);
    }

private:
    // --- tensors -------------------------------------------------------------------------

    const TfliteTensor& tensor(std::int32_t t) const { return s_.tensors[static_cast<size_t>(t)]; }

    /// The stored tensor `t` stands for: itself, or the constant a dropped DEQUANTIZE read.
    std::int32_t resolved(std::int32_t t) const {
        auto it = constAlias_.find(t);
        return it == constAlias_.end() ? t : it->second;
    }
    bool constant(std::int32_t t) const { return t >= 0 && m_.isConstant(s_, resolved(t)); }

    /// The operator's input `k` (-1 when it has none or left it out).
    std::int32_t in(std::size_t k) const { return k < op_->inputs.size() ? op_->inputs[k] : -1; }
    std::int32_t outTensor() const { return op_->outputs.front(); }

    /// Counts a constant input once, as a weight or as another constant.
    void account(std::int32_t t, bool weight) {
        if (!constant(t))
            return;
        t = resolved(t);
        if (!accounted_.insert(t).second)
            return;
        const std::int64_t n = elements(tensor(t).shape);
        if (weight) {
            out_.weightElements = saturatingAdd(out_.weightElements, n);
            ++out_.weightTensors;
        } else {
            out_.otherConstants = saturatingAdd(out_.otherConstants, n);
        }
    }

    /// The layer producing tensor `t`; an error (and empty) when nothing does.
    std::string producer(std::int32_t t) {
        // -1 is TFLite's "no tensor" (an optional input left out, or an operator with fewer
        // inputs than its kind needs).
        if (t < 0 || static_cast<std::size_t>(t) >= s_.tensors.size()) {
            error("has no input tensor where one is needed");
            return {};
        }
        auto it = producers_.find(t);
        if (it != producers_.end())
            return it->second;
        error("reads tensor " + std::to_string(t) + " '" + tensor(t).name +
              "', which no operator computes and the file does not store");
        return {};
    }

    /// The constant int32/int64 values of tensor `t`; nullopt when it is not such a constant.
    std::optional<std::vector<std::int64_t>> constantInts(std::int32_t t) const {
        if (!constant(t))
            return std::nullopt;
        const TfliteTensor& x = tensor(resolved(t));
        const std::string_view data = m_.bufferData(x.buffer);
        std::vector<std::int64_t> v;
        if (x.type == kInt32) {
            for (std::size_t i = 0; i + 4 <= data.size(); i += 4) {
                std::int32_t e;
                std::memcpy(&e, data.data() + i, 4);
                v.push_back(e);
            }
        } else if (x.type == kInt64) {
            for (std::size_t i = 0; i + 8 <= data.size(); i += 8) {
                std::int64_t e;
                std::memcpy(&e, data.data() + i, 8);
                v.push_back(e);
            }
        } else {
            return std::nullopt;
        }
        return v;
    }

    // --- diagnostics and names --------------------------------------------------------------

    std::string place() const {
        return "operator " + std::to_string(index_) + " (" + opName_ + ")";
    }

    void error(const std::string& cause) {
        out_.diagnostics.push_back(makeError("tflite-bad-operator", place() + " " + cause));
    }

    /// A layer name from the operator's output tensor: converters write "a/b/c;a/b/d" lists,
    /// the first entry is enough.
    std::string layerName(const std::string& suffix = {}) const {
        std::string n = tensor(outTensor()).name;
        n = n.substr(0, n.find(';'));
        if (n.empty())
            n = opName(m_.operatorCodes[op_->opcodeIndex].code) + "_" + std::to_string(index_);
        return out_.network.uniqueName(suffix.empty() ? n : n + "/" + suffix);
    }

    // --- layers -----------------------------------------------------------------------------

    LayerQuantization quantOf(std::int32_t output, std::int32_t weights) const {
        LayerQuantization q;
        q.activationBits = activationBits(tensor(output).type);
        if (weights >= 0) {
            const TfliteTensor& w = tensor(resolved(weights));
            if (w.type == kInt8 || w.type == kUInt8) {
                q.weightBits = 8;
                q.scales = static_cast<int>(w.quantization.scales);
                q.scheme = q.scales > 1 ? QuantScheme::PerChannel : QuantScheme::PerTensor;
            }
        }
        return q;
    }

    /// Appends `l`, fed by `inputs`, standing for tensor `output`; returns its name.
    std::string add(Layer l, std::vector<std::string> inputs, std::int32_t output,
                    std::int32_t weights = -1) {
        l.inputs = std::move(inputs);
        const bool quantised = tensor(output).quantization.present() ||
                               (weights >= 0 && tensor(resolved(weights)).quantization.present());
        if (quantised)
            l.quantization = quantOf(output, weights);
        for (const AttributeRangeProblem& p : attributeRangeProblems(l))
            error("attribute '" + std::string(p.key) + "': " + p.message);
        const std::string name = l.name;
        out_.layerTensors.emplace_back(name, output);
        out_.network.add(std::move(l));
        producers_[output] = name;
        return name;
    }

    /// Appends a layer that stands for no tensor of the file (a flatten, a pre-activation).
    std::string addInner(Layer l, std::vector<std::string> inputs) {
        l.inputs = std::move(inputs);
        for (const AttributeRangeProblem& p : attributeRangeProblems(l))
            error("attribute '" + std::string(p.key) + "': " + p.message);
        return out_.network.add(std::move(l));
    }

    Layer make(LayerType type, const std::string& suffix = {}) const {
        Layer l;
        l.type = type;
        l.name = layerName(suffix);
        return l;
    }

    void input(std::int32_t t) {
        Layer l;
        l.type = LayerType::Input;
        l.name = out_.network.uniqueName(tensor(t).name.empty() ? "input" : tensor(t).name);
        l.attrs.inputShape = withoutBatch(tensor(t).shape);
        if (tensor(t).quantization.present()) {
            LayerQuantization q;
            q.activationBits = activationBits(tensor(t).type);
            l.quantization = q;
        }
        out_.layerTensors.emplace_back(l.name, t);
        producers_[t] = l.name;
        out_.network.add(std::move(l));
    }

    /// Maps a fused activation onto `l` (kinds that carry one) or appends an Activation layer
    /// after `from`; returns the name of the last layer.
    std::optional<ActivationKind> fused(std::int8_t act) {
        switch (act) {
        case kActNone:
            return ActivationKind::Linear;
        case kActRelu:
            return ActivationKind::Relu;
        case kActRelu6:
            return ActivationKind::Relu6;
        case kActTanh:
            return ActivationKind::Tanh;
        default:
            return std::nullopt;
        }
    }

    bool fusedKnown(std::int8_t act) {
        if (fused(act))
            return true;
        unsupported("fused activation " +
                    std::string(act == kActReluN1To1 ? "RELU_N1_TO_1"
                                : act == kActSignBit ? "SIGN_BIT"
                                                     : std::to_string(act)) +
                    " has no engine equivalent");
        return false;
    }

    /// For kinds without a fused activation: the layer, then an Activation layer when needed.
    void addWithActivation(Layer l, std::vector<std::string> inputs, std::int8_t act) {
        const ActivationKind a = *fused(act);
        if (a == ActivationKind::Linear) {
            add(std::move(l), std::move(inputs), outTensor());
            return;
        }
        // The main layer stands for the pre-activation value, which has no tensor of its own:
        // the activation's output is the operator's.
        const std::string first = addInner(std::move(l), std::move(inputs));
        Layer f = make(LayerType::Activation, std::string(activationName(a)));
        f.attrs.activation = a;
        add(std::move(f), {first}, outTensor());
    }

    Padding padding(std::int8_t p) {
        if (p == kValid)
            return Padding::Valid;
        if (p != kSame)
            error("has padding " + std::to_string(p) + " (expected SAME 0 or VALID 1)");
        return Padding::Same;
    }

    bool expectOptions(std::uint8_t type, const char* name) {
        if (op_->optionsType == type)
            return true;
        error("carries builtin options of type " + std::to_string(op_->optionsType) +
              ", expected " + name + " (" + std::to_string(type) + ")");
        return false;
    }

    /// Rank and channels of the data input, checked.
    std::optional<std::vector<std::int32_t>> dataShape(std::size_t rank) {
        const std::int32_t x = in(0);
        if (x < 0) {
            error("has no data input");
            return std::nullopt;
        }
        const auto& s = tensor(x).shape;
        if (rank && s.size() != rank) {
            error("expects a rank-" + std::to_string(rank) + " input, tensor '" + tensor(x).name +
                  "' has rank " + std::to_string(s.size()));
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::vector<std::int32_t>> weightShape(std::size_t k, std::size_t rank) {
        const std::int32_t w = in(k);
        if (w < 0) {
            error("has no weight input");
            return std::nullopt;
        }
        const auto& s = tensor(resolved(w)).shape;
        if (s.size() != rank) {
            error("expects rank-" + std::to_string(rank) + " weights, tensor '" + tensor(w).name +
                  "' has rank " + std::to_string(s.size()));
            return std::nullopt;
        }
        return s;
    }

    void conv() {
        if (!expectOptions(kConv2DOptions, "Conv2DOptions"))
            return;
        auto x = dataShape(4);
        auto w = weightShape(1, 4); // OHWI
        if (!x || !w)
            return;
        const TfliteOptions& o = op_->options;
        if (!fusedKnown(o.activation))
            return;
        Layer l = make(LayerType::Conv2D);
        l.attrs.filters = (*w)[0];
        l.attrs.kernel = {(*w)[1], (*w)[2]};
        l.attrs.strides = {o.strideH, o.strideW};
        l.attrs.dilation = {o.dilationH, o.dilationW};
        l.attrs.padding = padding(o.padding);
        l.attrs.activation = *fused(o.activation);
        const std::int32_t cin = (*x)[3];
        if ((*w)[3] <= 0 || cin % (*w)[3] != 0) {
            error("weights have " + std::to_string((*w)[3]) + " input channels, the input has " +
                  std::to_string(cin));
            return;
        }
        l.attrs.groups = cin / (*w)[3];
        weightsAndBias(l);
    }

    void depthwise() {
        if (!expectOptions(kDepthwiseConv2DOptions, "DepthwiseConv2DOptions"))
            return;
        auto x = dataShape(4);
        auto w = weightShape(1, 4); // 1 H W (C*M)
        if (!x || !w)
            return;
        const TfliteOptions& o = op_->options;
        if (!fusedKnown(o.activation))
            return;
        const std::int32_t cin = (*x)[3];
        if (cin <= 0 || (*w)[3] % cin != 0 || (*w)[0] != 1) {
            error("weights of shape " + withoutBatch(*w).toString() + " do not fit " +
                  std::to_string(cin) + " input channels (expected 1xHxWx(C*M))");
            return;
        }
        Layer l = make(LayerType::DepthwiseConv2D);
        l.attrs.kernel = {(*w)[1], (*w)[2]};
        l.attrs.strides = {o.strideH, o.strideW};
        l.attrs.dilation = {o.dilationH, o.dilationW};
        l.attrs.padding = padding(o.padding);
        l.attrs.activation = *fused(o.activation);
        // The weights' last axis is C*M; newer converters may leave depth_multiplier unset.
        l.attrs.depthMultiplier = (*w)[3] / cin;
        if (o.depthMultiplier > 0 && o.depthMultiplier != l.attrs.depthMultiplier)
            out_.diagnostics.push_back(makeInfo(
                "tflite-depth-multiplier",
                place() + " states depth_multiplier " + std::to_string(o.depthMultiplier) +
                    ", its weights give " + std::to_string(l.attrs.depthMultiplier) + " (used)",
                l.name));
        weightsAndBias(l);
    }

    /// TRANSPOSE_CONV: inputs output_shape (an int32 constant), weights (OHWI), data and an
    /// optional bias. The stated output must be what Keras's rule gives for the padding: any
    /// other size is an output padding, which the engine's Conv2DTranspose does not have.
    void transposeConv() {
        if (!expectOptions(kTransposeConvOptions, "TransposeConvOptions"))
            return;
        auto w = weightShape(1, 4); // filters, kh, kw, input channels
        const std::int32_t x = in(2);
        if (!w || x < 0 || tensor(x).shape.size() != 4) {
            if (w)
                error("expects a rank-4 data input as its third input");
            return;
        }
        const TfliteOptions& o = op_->options;
        if (!fusedKnown(o.activation))
            return;
        const std::vector<std::int32_t>& xs = tensor(x).shape;
        if ((*w)[3] != xs[3]) {
            error("weights have " + std::to_string((*w)[3]) + " input channels, the input has " +
                  std::to_string(xs[3]));
            return;
        }
        Layer l = make(LayerType::Conv2DTranspose);
        auto& a = l.attrs;
        a.filters = (*w)[0];
        a.kernel = {(*w)[1], (*w)[2]};
        a.strides = {o.strideH, o.strideW};
        a.padding = padding(o.padding);
        a.activation = *fused(o.activation);
        a.useBias = in(3) >= 0;
        const auto stated = constantInts(in(0));
        if (!stated || stated->size() != 4) {
            error("needs its output shape (input 0) as a constant int32 tensor of 4 values");
            return;
        }
        const auto side = [&](std::int64_t n, int k, int s) {
            return a.padding == Padding::Same ? n * s : (n - 1) * s + k;
        };
        const Shape rule{side(xs[1], a.kernel.h, a.strides.h), side(xs[2], a.kernel.w, a.strides.w),
                         a.filters};
        const Shape given{(*stated)[1], (*stated)[2], (*stated)[3]};
        if (given != rule)
            return unsupported("output shape " + given.toString() + " where padding " +
                               std::string(paddingName(a.padding)) + " gives " + rule.toString() +
                               " (an output padding the engine's Conv2DTranspose does not have)");
        account(in(0), false);
        account(in(1), true);
        account(in(3), true);
        const std::string from = producer(x);
        if (!from.empty())
            add(std::move(l), {from}, outTensor(), in(1));
    }

    /// Inputs 1 (weights) and 2 (bias, optional) of a conv or fully connected operator.
    void weightsAndBias(Layer& l) {
        l.attrs.useBias = in(2) >= 0;
        account(in(1), true);
        account(in(2), true);
        const std::string from = producer(in(0));
        if (from.empty())
            return;
        add(std::move(l), {from}, outTensor(), in(1));
    }

    void fullyConnected() {
        if (!expectOptions(kFullyConnectedOptions, "FullyConnectedOptions"))
            return;
        auto x = dataShape(0);
        auto w = weightShape(1, 2); // [units, inputs]
        if (!x || !w)
            return;
        if (!fusedKnown(op_->options.activation))
            return;
        std::string from = producer(in(0));
        if (from.empty())
            return;
        const Shape xs = withoutBatch(*x);
        const std::int32_t width = (*w)[1];
        if (xs.empty() || (xs.channels() != width && xs.elements() != width)) {
            error("weights take " + std::to_string(width) + " inputs, the input is " +
                  Shape(std::vector<std::int64_t>(x->begin(), x->end())).toString());
            return;
        }
        if (xs.rank() > 1 && xs.channels() != width) {
            // TFLite flattens the input to [batch, inputs]: so does the engine, explicitly.
            from = addInner(make(LayerType::Flatten, "flatten"), {from});
        }
        Layer l = make(LayerType::Dense);
        l.attrs.units = (*w)[0];
        l.attrs.activation = *fused(op_->options.activation);
        l.attrs.useBias = in(2) >= 0;
        account(in(1), true);
        account(in(2), true);
        add(std::move(l), {from}, outTensor(), in(1));
    }

    void pool(LayerType type) {
        if (!expectOptions(kPool2DOptions, "Pool2DOptions") || !dataShape(4) ||
            !fusedKnown(op_->options.activation))
            return;
        const TfliteOptions& o = op_->options;
        Layer l = make(type);
        l.attrs.kernel = {o.filterH, o.filterW};
        l.attrs.strides = {o.strideH, o.strideW};
        l.attrs.padding = padding(o.padding);
        const std::string from = producer(in(0));
        if (!from.empty())
            addWithActivation(std::move(l), {from}, o.activation);
    }

    void mean() {
        auto x = dataShape(0);
        if (!x)
            return;
        auto axes = constantInts(in(1));
        std::set<std::int64_t> set;
        for (std::int64_t a : axes.value_or(std::vector<std::int64_t>{}))
            set.insert(a < 0 ? a + static_cast<std::int64_t>(x->size()) : a);
        if (x->size() != 4 || set != std::set<std::int64_t>{1, 2}) {
            unsupported("MEAN over other axes than height and width");
            return;
        }
        account(in(1), false);
        const std::string from = producer(in(0));
        if (from.empty())
            return;
        const bool keepDims = op_->optionsType == kReducerOptions && op_->options.keepDims;
        Layer g = make(LayerType::GlobalAveragePooling2D, keepDims ? "mean" : "");
        if (!keepDims) {
            add(std::move(g), {from}, outTensor());
            return;
        }
        const std::string pooled = addInner(std::move(g), {from});
        Layer r = make(LayerType::Reshape);
        r.attrs.targetShape = {1, 1, -1};
        add(std::move(r), {pooled}, outTensor());
    }

    void elementwise(LayerType type) {
        std::vector<std::string> inputs;
        bool storedOperand = false;
        for (std::size_t k = 0; k < op_->inputs.size(); ++k) {
            if (in(k) < 0)
                continue;
            if (constant(in(k))) {
                // A stored operand (an unfolded batch normalisation's scale or offset) is a
                // constant of the graph, not a layer.
                account(in(k), false);
                storedOperand = true;
                continue;
            }
            const std::string p = producer(in(k));
            if (p.empty())
                return;
            inputs.push_back(p);
        }
        const std::int8_t act = op_->options.activation;
        if (!fusedKnown(act))
            return;
        if (inputs.empty()) {
            unsupported(opName_ + " of stored operands only");
            return;
        }
        if (storedOperand && inputs.size() == 1) {
            // The engine's element-wise kinds take computed inputs only: the operation is
            // costed as one of the same shape on two computed inputs (the same buffer twice),
            // which is the work it does; its stored operand counts as a non-weight constant.
            inputs.push_back(inputs.front());
            out_.diagnostics.push_back(
                makeInfo("tflite-stored-operand",
                         place() + " has a stored operand: costed as an element-wise " + opName_ +
                             " of its computed input with a tensor of the same shape",
                         layerName()));
        }
        addWithActivation(make(type), std::move(inputs), act);
    }

    void concatenation() {
        if (!expectOptions(kConcatenationOptions, "ConcatenationOptions"))
            return;
        auto x = dataShape(0);
        if (!x || !fusedKnown(op_->options.activation))
            return;
        std::int32_t axis = op_->options.axis;
        if (axis < 0)
            axis += static_cast<std::int32_t>(x->size());
        if (axis <= 0 || axis >= static_cast<std::int32_t>(x->size())) {
            unsupported("concatenation along axis " + std::to_string(op_->options.axis) +
                        " (the batch axis or out of range)");
            return;
        }
        std::vector<std::string> inputs;
        for (std::int32_t t : op_->inputs) {
            if (t < 0)
                continue;
            const std::string p = producer(t);
            if (p.empty())
                return;
            inputs.push_back(p);
        }
        Layer l = make(LayerType::Concatenate);
        l.attrs.axis = axis - 1; // without the batch axis
        if (inputs.size() == 1) {
            l.type = LayerType::Reshape; // one input: a copy
            l.attrs.targetShape = withoutBatch(tensor(outTensor()).shape).dims;
        }
        addWithActivation(std::move(l), std::move(inputs), op_->options.activation);
    }

    void pad() {
        auto x = dataShape(4);
        if (!x)
            return;
        auto p = constantInts(in(1));
        if (!p || p->size() != 8 || (*p)[0] || (*p)[1] || (*p)[6] || (*p)[7]) {
            unsupported(opName_ + " other than a constant padding of height and width");
            return;
        }
        for (std::int64_t v : *p)
            if (v < 0 || v > kMaxAttrInt) {
                error("has a padding of " + std::to_string(v));
                return;
            }
        account(in(1), false);
        account(in(2), false); // PADV2: the padding value
        Layer l = make(LayerType::ZeroPadding2D);
        l.attrs.pads = {static_cast<int>((*p)[2]), static_cast<int>((*p)[3]),
                        static_cast<int>((*p)[4]), static_cast<int>((*p)[5])};
        const std::string from = producer(in(0));
        if (!from.empty())
            add(std::move(l), {from}, outTensor());
    }

    void reshape() {
        for (std::size_t k = 1; k < op_->inputs.size(); ++k)
            account(in(k), false); // the shape operand
        Layer l = make(LayerType::Reshape);
        const auto& shape = tensor(outTensor()).shape;
        if (!shape.empty()) {
            l.attrs.targetShape = withoutBatch(shape).dims;
        } else if (!op_->options.newShape.empty()) {
            l.attrs.targetShape = withoutBatch(op_->options.newShape).dims;
        } else {
            error("gives no output shape");
            return;
        }
        if (l.attrs.targetShape.empty())
            l.attrs.targetShape = {1};
        const std::string from = producer(in(0));
        if (!from.empty())
            add(std::move(l), {from}, outTensor());
    }

    void activation(ActivationKind a) {
        if (a == ActivationKind::Softmax && op_->optionsType == kSoftmaxOptions &&
            op_->options.beta != 1.0f)
            out_.diagnostics.push_back(makeInfo("tflite-softmax-beta",
                                                place() + " has beta " +
                                                    std::to_string(op_->options.beta) +
                                                    " (costed like a softmax with beta 1)",
                                                layerName()));
        Layer l = make(LayerType::Activation);
        l.attrs.activation = a;
        if (a == ActivationKind::LeakyRelu)
            l.attrs.alpha = op_->optionsType == kLeakyReluOptions ? op_->options.alpha : 0.0;
        const std::string from = producer(in(0));
        if (!from.empty())
            add(std::move(l), {from}, outTensor());
    }

    /// RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR by whole factors: the engine's UpSampling2D.
    /// The output size (the second input) is read from the output tensor's shape.
    void resize(Interpolation interpolation) {
        const std::string from = producer(in(0));
        if (from.empty())
            return;
        if (in(1) >= 0 && constant(in(1)))
            account(in(1), false); // the size: a non-weight constant
        const std::vector<std::int32_t>& a = tensor(in(0)).shape;
        const std::vector<std::int32_t>& b = tensor(outTensor()).shape;
        if (a.size() != 4 || b.size() != 4 || a[1] <= 0 || a[2] <= 0 || b[1] % a[1] != 0 ||
            b[2] % a[2] != 0 || b[1] < a[1] || b[2] < a[2] || a[3] != b[3]) {
            unsupported("resize from " + withoutBatch(a).toString() + " to " +
                        withoutBatch(b).toString() +
                        " (the engine up-samples by whole factors only)");
            return;
        }
        Layer l = make(LayerType::UpSampling2D);
        l.attrs.upsample = {b[1] / a[1], b[2] / a[2]};
        l.attrs.interpolation = interpolation;
        add(std::move(l), {from}, outTensor());
    }

    /// QUANTIZE / DEQUANTIZE change the number format only: they are left out of the graph
    /// (the engine costs a network in one format) and their output is their input.
    void conversion() {
        ++out_.droppedConversions;
        const std::int32_t x = in(0);
        if (x < 0) {
            error("has no input");
            return;
        }
        if (constant(x)) {
            constAlias_[outTensor()] = resolved(x); // e.g. float16 weights made float32
            return;
        }
        const std::string from = producer(x);
        if (!from.empty())
            producers_[outTensor()] = from;
    }

    void unsupported(const std::string& reason) {
        const TfliteOperatorCode& code = m_.operatorCodes[op_->opcodeIndex];
        const std::string cls =
            code.code == kCustom ? "CUSTOM '" + code.customCode + "'" : opName(code.code);
        UnsupportedLayer u;
        u.name = layerName();
        u.className = cls;
        u.reason = reason;
        std::vector<std::string> inputs;
        for (std::int32_t t : op_->inputs) {
            if (t < 0)
                continue;
            if (constant(t)) {
                if (accounted_.insert(resolved(t)).second)
                    u.storedParams =
                        saturatingAdd(u.storedParams, elements(tensor(resolved(t)).shape));
            } else if (auto it = producers_.find(t); it != producers_.end()) {
                inputs.push_back(it->second);
            }
        }
        out_.unsupportedElements = saturatingAdd(out_.unsupportedElements, u.storedParams);
        out_.unsupportedOperators[cls].push_back(index_);
        out_.unsupported.push_back(u);
        if (!keep_) {
            // The import stops after the mapping, which goes on to list every such operator:
            // what reads this one's outputs must not fail on them.
            for (std::int32_t t : op_->outputs)
                producers_[t] = u.name;
            return;
        }
        Layer l;
        l.type = LayerType::Unsupported;
        l.name = u.name;
        l.attrs.sourceClass = cls;
        l.attrs.outputShape = withoutBatch(tensor(outTensor()).shape);
        if (l.attrs.outputShape.empty() && inputs.empty())
            l.attrs.outputShape = Shape{1};
        const std::string name = add(std::move(l), std::move(inputs), outTensor());
        for (std::int32_t t : op_->outputs)
            producers_[t] = name;
    }

    void mapOperator(const TfliteOperatorCode& code) {
        // The layer catalogue (model/LayerCatalog.h) lists the operators the engine reads.
        if (code.code != kCustom && !importerReads(ImporterFormat::TfLite, opName(code.code)))
            return unsupported("no engine equivalent");
        switch (code.code) {
        case kConv2D:
            return conv();
        case kDepthwiseConv2D:
            return depthwise();
        case kTransposeConv:
            return transposeConv();
        case kFullyConnected:
            return fullyConnected();
        case kAveragePool2D:
            return pool(LayerType::AveragePooling2D);
        case kMaxPool2D:
            return pool(LayerType::MaxPooling2D);
        case kMean:
            return mean();
        case kAdd:
            return elementwise(LayerType::Add);
        case kMul:
            return elementwise(LayerType::Multiply);
        case kSub:
            // The engine has no subtraction kind: the same load-op-store per element as an add.
            out_.diagnostics.push_back(makeInfo(
                "tflite-sub-as-add", place() + " is costed as an element-wise add (the same work)",
                layerName()));
            return elementwise(LayerType::Add);
        case kResizeNearestNeighbor:
            return resize(Interpolation::Nearest);
        case kResizeBilinear:
            return resize(Interpolation::Bilinear);
        case kLeakyRelu:
            return activation(ActivationKind::LeakyRelu);
        case kConcatenation:
            return concatenation();
        case kPad:
        case kPadV2:
            return pad();
        case kReshape:
        case kSqueeze:
        case kExpandDims:
            return reshape();
        case kSoftmax:
            return activation(ActivationKind::Softmax);
        case kLogistic:
            return activation(ActivationKind::Sigmoid);
        case kTanh:
            return activation(ActivationKind::Tanh);
        case kRelu:
            return activation(ActivationKind::Relu);
        case kRelu6:
            return activation(ActivationKind::Relu6);
        case kHardSwish:
            return activation(ActivationKind::HardSwish);
        case kQuantize:
        case kDequantize:
            return conversion();
        case kCustom:
            return unsupported("custom operator '" + code.customCode +
                               "' (its computation is not in the file)");
        default:
            return unsupported("no engine equivalent");
        }
    }

    const TfliteModel& m_;
    const TfliteSubgraph& s_;
    const bool keep_;
    TfliteMapping out_;
    std::map<std::int32_t, std::string> producers_;   ///< tensor -> layer computing it
    std::map<std::int32_t, std::int32_t> constAlias_; ///< dequantized constant -> stored one
    std::set<std::int32_t> accounted_;                ///< constants already counted
    std::size_t index_ = 0;
    const TfliteOperator* op_ = nullptr;
    std::string opName_;
};

} // namespace

TfliteMapping mapTfliteModel(const TfliteModel& model, bool keepUnsupported) {
    if (model.subgraphs.empty()) {
        TfliteMapping m;
        m.diagnostics.push_back(makeError("tflite-no-subgraph", "the model has no subgraph"));
        return m;
    }
    return Mapper(model, keepUnsupported).run();
}

} // namespace zipcnn
