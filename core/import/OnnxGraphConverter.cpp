// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/OnnxGraphConverter.h"

#include "analysis/NetworkAnalysis.h"
#include "import/OnnxConstant.h"
#include "import/OnnxQuantization.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <onnx/onnx_pb.h>
#include <set>

namespace zipcnn {

namespace {

using Dims = std::vector<std::int64_t>;

/// An activation tensor: the engine layer that computes it and its ONNX shape (batch first,
/// channels second for images; the batch is taken as 1).
struct Activation {
    std::string layer;
    Dims shape;
};

/// A node the engine has no equivalent for.
struct Refusal {
    int index = 0;
    std::string name;
    std::string opType;
    std::string reason;
};

std::string dimsText(const Dims& d) {
    std::string s;
    for (std::size_t i = 0; i < d.size(); ++i)
        s += (i ? "x" : "") + (d[i] < 0 ? std::string("?") : std::to_string(d[i]));
    return s.empty() ? "scalar" : s;
}

/// The engine's channels-last shape (no batch) of an ONNX shape: [N, C, H, W] -> [H, W, C],
/// [N, C, L] -> [L, C], [N, F] -> [F]; a rank-1 tensor has no batch.
Dims engineDims(const Dims& s) {
    if (s.size() <= 1)
        return s;
    if (s.size() == 2)
        return {s[1]};
    Dims out(s.begin() + 2, s.end());
    out.push_back(s[1]);
    return out;
}

/// The engine's axis (without batch, channels last) of an ONNX axis of a rank-`rank` tensor;
/// nullopt for the batch axis.
std::optional<int> engineAxis(std::int64_t axis, std::size_t rank) {
    const auto r = static_cast<std::int64_t>(rank);
    if (axis < 0)
        axis += r;
    if (axis <= 0 || axis >= r)
        return std::nullopt;
    if (rank == 2)
        return 0;
    if (axis == 1)
        return static_cast<int>(r - 2); // channels: last of the engine's rank - 1 axes
    return static_cast<int>(axis - 2);
}

std::int64_t product(const Dims& d, std::size_t from = 0) {
    std::int64_t p = 1;
    for (std::size_t i = from; i < d.size(); ++i)
        p *= d[i];
    return p;
}

class Converter {
public:
    Converter(const onnx::ModelProto& model, const std::string& file, const ImportOptions& options)
        : model_(model), g_(model.graph()), file_(file), options_(options) {}

    ImportResult run();

private:
    // --- messages
    Diagnostic fileDiag(Diagnostic d) const {
        d.file = file_;
        return d;
    }
    static std::string where(const onnx::NodeProto& n, int index) {
        return "node " + std::to_string(index) + " '" + n.name() + "' (" + n.op_type() + ")";
    }
    void error(const std::string& code, const std::string& message, const std::string& layer = {}) {
        result_.diagnostics.push_back(fileDiag(makeError(code, message, layer)));
    }
    bool bad(const std::string& message) {
        error("onnx-bad-node", where(*node_, index_) + ": " + message, node_->name());
        return false;
    }
    /// Records that the current node has no engine equivalent; with keepUnsupported it becomes a
    /// placeholder passing its first activation's shape on (or the one value_info states).
    bool refuse(const std::string& reason);

    // --- tensors
    const std::string& in(int k) const {
        static const std::string none;
        return k < node_->input_size() ? node_->input(k) : none;
    }
    const OnnxConstant* constant(const std::string& name) const {
        auto it = consts_.find(name);
        return it == consts_.end() ? nullptr : &it->second;
    }
    /// The activation `name`; a graph input is made an Input layer when first read.
    const Activation* activation(const std::string& name);
    bool inputLayer(const onnx::ValueInfoProto& vi);
    /// Counts a constant as weights (once, however many nodes read it).
    void useAsWeight(const std::string& name) {
        if (const OnnxConstant* c = constant(name); c && weights_.insert(name).second) {
            weightElements_ += c->elements;
            ++weightTensors_;
        }
    }
    std::string addLayer(Layer l, std::vector<std::string> inputs, const Dims& shape,
                         int output = 0) {
        std::string base = node_->name().empty()
                               ? (node_->output_size() > 0 && !node_->output(0).empty()
                                      ? node_->output(0)
                                      : node_->op_type() + "_" + std::to_string(index_))
                               : node_->name();
        l.name = net_.find(base) ? net_.uniqueName(base) : base;
        l.inputs = std::move(inputs);
        const std::string name = net_.add(std::move(l));
        if (output < node_->output_size())
            acts_[node_->output(output)] = {name, shape};
        return name;
    }
    void alias(const std::string& from) {
        if (node_->output_size() == 0)
            return;
        if (auto a = acts_.find(from); a != acts_.end())
            acts_[node_->output(0)] = a->second;
        else if (auto c = consts_.find(from); c != consts_.end())
            consts_[node_->output(0)] = c->second;
    }

    // --- attributes
    const onnx::AttributeProto* attr(const char* name) const {
        for (const auto& a : node_->attribute())
            if (a.name() == name)
                return &a;
        return nullptr;
    }
    std::int64_t intAttr(const char* name, std::int64_t fallback) const {
        const auto* a = attr(name);
        return a && a->type() == onnx::AttributeProto::INT ? a->i() : fallback;
    }
    double floatAttr(const char* name, double fallback) const {
        const auto* a = attr(name);
        return a && a->type() == onnx::AttributeProto::FLOAT ? a->f() : fallback;
    }
    std::string stringAttr(const char* name, const std::string& fallback) const {
        const auto* a = attr(name);
        return a && a->type() == onnx::AttributeProto::STRING ? a->s() : fallback;
    }
    std::optional<Dims> intsAttr(const char* name) const {
        const auto* a = attr(name);
        if (!a || a->type() != onnx::AttributeProto::INTS)
            return std::nullopt;
        return Dims(a->ints().begin(), a->ints().end());
    }

    // --- operators
    bool convert(const onnx::NodeProto& n, int index);
    bool conv(const std::string& x, const std::string& w, const std::string& b);
    bool windowAttrs(const Dims& x, const Dims& kernel, Layer& l, Dims& outHw, bool pool);
    bool dense(const std::string& a, const std::string& b, const std::string& c, bool transB);
    bool pool(LayerType type, const std::string& x);
    bool globalPool(LayerType type, const std::string& x);
    bool binary(LayerType type, const std::vector<std::string>& inputs);
    bool concat(const std::vector<std::string>& inputs);
    bool activationOp(ActivationKind kind, const std::string& x, double alpha = 0.3);
    bool clip();
    bool softmax(const std::string& x);
    bool batchNorm();
    bool pad();
    bool reshape(const Dims& target, const std::string& x);
    bool flatten();
    bool reduceMean();
    bool quantizeLinear(bool dequantize);
    bool constantNode();

    const onnx::ModelProto& model_;
    const onnx::GraphProto& g_;
    std::string file_;
    const ImportOptions& options_;
    ImportResult result_;
    Network net_;
    std::int64_t opset_ = 1;

    std::map<std::string, Activation> acts_;
    std::map<std::string, OnnxConstant> consts_;
    std::map<std::string, const onnx::ValueInfoProto*> graphInputs_;
    std::map<std::string, Dims> declaredShapes_; ///< value_info and outputs, for placeholders
    std::map<std::string, int> readers_;         ///< how many node inputs read each tensor
    /// Convs and dense layers without a bias: the Add after them may be their bias.
    std::map<std::string, std::string> biasless_;
    std::set<std::string> weights_;
    std::int64_t weightElements_ = 0;
    std::int64_t weightTensors_ = 0;
    std::int64_t storedElements_ = 0;
    std::vector<Refusal> refused_;
    std::set<std::string> poisoned_; ///< outputs of refused nodes (not kept)
    OnnxQuantization quant_;

    const onnx::NodeProto* node_ = nullptr;
    int index_ = 0;
};

bool Converter::refuse(const std::string& reason) {
    refused_.push_back({index_, node_->name(), node_->op_type(), reason});
    if (!options_.keepUnsupported) {
        // Its outputs exist no more: the nodes reading them are skipped, so that the one error
        // lists every refused node, not the first one's consequences.
        for (const auto& o : node_->output())
            poisoned_.insert(o);
        return true;
    }
    std::vector<std::string> inputs;
    Dims shape;
    for (const auto& i : node_->input()) {
        if (i.empty() || constant(i) || (!acts_.count(i) && !graphInputs_.count(i)))
            continue;
        if (const Activation* a = activation(i)) {
            if (inputs.empty())
                shape = a->shape;
            inputs.push_back(a->layer);
        }
    }
    Layer l;
    l.type = LayerType::Unsupported;
    l.attrs.sourceClass = node_->op_type();
    if (node_->output_size() > 0)
        if (auto d = declaredShapes_.find(node_->output(0)); d != declaredShapes_.end()) {
            Dims s = d->second;
            if (!s.empty() && s[0] < 0)
                s[0] = 1;
            if (std::all_of(s.begin(), s.end(), [](auto x) { return x > 0; })) {
                // Stated only when it differs from the input's, which the placeholder passes on.
                if (inputs.empty() || engineDims(s) != engineDims(shape))
                    l.attrs.outputShape = Shape(engineDims(s));
                shape = s;
            }
        }
    if (inputs.empty() && l.attrs.outputShape.empty())
        return bad("kept as a placeholder, but neither an input nor value_info gives its shape");
    const std::string name = addLayer(std::move(l), inputs, shape);
    UnsupportedLayer u;
    u.name = name;
    u.className = node_->op_type();
    u.reason = reason;
    for (const auto& i : node_->input())
        if (const OnnxConstant* c = constant(i); c && weights_.insert(i).second)
            u.storedParams += c->elements;
    result_.report.unsupportedParams += u.storedParams;
    result_.report.unsupported.push_back(u);
    Diagnostic d = makeWarning(
        "onnx-unsupported-node",
        where(*node_, index_) + " (" + reason + ") is kept as a placeholder costed as zero", name);
    result_.diagnostics.push_back(fileDiag(std::move(d)));
    return true;
}

const Activation* Converter::activation(const std::string& name) {
    if (auto it = acts_.find(name); it != acts_.end())
        return &it->second;
    if (auto gi = graphInputs_.find(name); gi != graphInputs_.end()) {
        if (!inputLayer(*gi->second))
            return nullptr;
        return &acts_.at(name);
    }
    if (constant(name))
        bad("input '" + name + "' is a constant where the engine needs a computed tensor");
    else
        bad("reads '" + name + "', which no graph input, initializer or earlier node gives");
    return nullptr;
}

bool Converter::inputLayer(const onnx::ValueInfoProto& vi) {
    const std::string& name = vi.name();
    if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape()) {
        error("onnx-bad-input", "graph input '" + name + "' has no tensor shape");
        return false;
    }
    Dims dims;
    std::vector<std::string> symbols;
    for (const auto& d : vi.type().tensor_type().shape().dim()) {
        if (d.has_dim_value() && d.dim_value() > 0) {
            dims.push_back(d.dim_value());
        } else {
            dims.push_back(-1);
            symbols.push_back(
                d.has_dim_param() && !d.dim_param().empty() ? "'" + d.dim_param() + "'" : "?");
        }
    }
    if (dims.size() >= 2 && dims[0] != 1) {
        // The engine costs one sample: a symbolic (or larger) batch is taken as 1.
        if (dims[0] < 0)
            symbols.erase(symbols.begin());
        dims[0] = 1;
    }
    const bool open = std::any_of(dims.begin(), dims.end(), [](auto d) { return d < 0; });
    if (open && options_.inputShape) {
        Dims given = *options_.inputShape;
        if (given.size() + 1 == dims.size())
            given.insert(given.begin(), 1);
        auto fits = [&dims](const Dims& s) {
            if (s.size() != dims.size())
                return false;
            for (std::size_t i = 1; i < s.size(); ++i)
                if (s[i] <= 0 || (dims[i] > 0 && dims[i] != s[i]))
                    return false;
            return true;
        };
        Dims nchw = given;
        if (given.size() == 4) // given channels-last (1x96x96x3): the model's order is NCHW
            nchw = {given[0], given[3], given[1], given[2]};
        if (fits(given)) {
            dims = given;
        } else if (fits(nchw)) {
            dims = nchw;
        } else {
            error("onnx-input-shape-mismatch",
                  "graph input '" + name + "' is " + dimsText(dims) + "; the input shape given (" +
                      dimsText(*options_.inputShape) + ") does not fit it");
            return false;
        }
        dims[0] = 1;
    } else if (open) {
        std::string list;
        for (const auto& s : symbols)
            list += (list.empty() ? "" : ", ") + s;
        error("onnx-dynamic-input-shape",
              "graph input '" + name + "' has open sizes (" + dimsText(dims) + ", " + list +
                  "): give the input shape (--input-shape 1x3x96x96 on the command line, the "
                  "import prompt in the window)");
        return false;
    }
    Layer l;
    l.type = LayerType::Input;
    l.name = net_.find(name) ? net_.uniqueName(name) : name;
    l.attrs.inputShape = Shape(engineDims(dims));
    const std::string layer = net_.add(std::move(l));
    acts_[name] = {layer, dims};
    return true;
}

bool Converter::windowAttrs(const Dims& x, const Dims& kernel, Layer& l, Dims& outHw, bool pool) {
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

bool Converter::conv(const std::string& xName, const std::string& wName, const std::string& bName) {
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
    const std::string in = x->layer;
    const bool biasless = !l.attrs.useBias;
    const std::string name = addLayer(std::move(l), {in}, {1, m, hw[0], hw[1]});
    if (biasless && node_->output_size() > 0)
        biasless_[node_->output(0)] = name;
    return true;
}

bool Converter::dense(const std::string& aName, const std::string& bName, const std::string& cName,
                      bool transB) {
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
    if (biasless && node_->output_size() > 0)
        biasless_[node_->output(0)] = name;
    return true;
}

bool Converter::pool(LayerType type, const std::string& xName) {
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

bool Converter::globalPool(LayerType type, const std::string& xName) {
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

/// NumPy broadcast of two ONNX shapes; nullopt when they do not broadcast.
std::optional<Dims> broadcast(const Dims& a, const Dims& b) {
    Dims out(std::max(a.size(), b.size()), 1);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const std::int64_t x = i < out.size() - a.size() ? 1 : a[i - (out.size() - a.size())];
        const std::int64_t y = i < out.size() - b.size() ? 1 : b[i - (out.size() - b.size())];
        if (x != y && x != 1 && y != 1)
            return std::nullopt;
        out[i] = std::max(x, y);
    }
    return out;
}

bool Converter::binary(LayerType type, const std::vector<std::string>& inputs) {
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

bool Converter::concat(const std::vector<std::string>& inputs) {
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

bool Converter::activationOp(ActivationKind kind, const std::string& xName, double alpha) {
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

bool Converter::clip() {
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

bool Converter::softmax(const std::string& xName) {
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

bool Converter::batchNorm() {
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

bool Converter::pad() {
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

bool Converter::reshape(const Dims& target, const std::string& xName) {
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
        known *= out[i];
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

bool Converter::flatten() {
    const Activation* x = activation(in(0));
    if (!x)
        return false;
    std::int64_t axis = intAttr("axis", 1);
    const auto r = static_cast<std::int64_t>(x->shape.size());
    if (axis < 0)
        axis += r;
    if (axis != 1)
        return refuse("flatten at axis " + std::to_string(axis) + " (the engine keeps the batch)");
    return reshape({x->shape[0], product(x->shape, 1)}, in(0));
}

bool Converter::reduceMean() {
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

bool Converter::quantizeLinear(bool dequantize) {
    const std::string& x = in(0);
    const OnnxConstant* scale = constant(in(1));
    const OnnxConstant* zero = in(2).empty() ? nullptr : constant(in(2));
    const OnnxConstant* stored = constant(x);
    quant_.noteLinear(dequantize, stored, scale, zero);
    if (stored) {
        // A stored tensor (de)quantised: the weight the float op reads, same shape.
        OnnxConstant folded = *stored;
        folded.values.reset();
        if (node_->output_size() > 0)
            consts_[node_->output(0)] = folded;
        return true;
    }
    if (!activation(x))
        return false;
    alias(x); // on an activation the pair is a change of number format only
    return true;
}

bool Converter::constantNode() {
    OnnxConstant c;
    std::string error;
    if (const auto* v = attr("value"); v && v->has_t()) {
        auto decoded = OnnxConstant::fromTensor(v->t(), error);
        if (!decoded)
            return bad("its value " + error);
        c = *decoded;
    } else if (const auto* f = attr("value_float")) {
        c.dataType = onnx::TensorProto::FLOAT;
        c.values = std::vector<double>{f->f()};
        c.dims = {};
    } else if (const auto* i = attr("value_int")) {
        c.dataType = onnx::TensorProto::INT64;
        c.values = std::vector<double>{static_cast<double>(i->i())};
    } else if (const auto* fs = attr("value_floats")) {
        c.dataType = onnx::TensorProto::FLOAT;
        c.values = std::vector<double>(fs->floats().begin(), fs->floats().end());
        c.dims = {static_cast<std::int64_t>(c.values->size())};
        c.elements = c.dims[0];
    } else if (const auto* is = attr("value_ints")) {
        c.dataType = onnx::TensorProto::INT64;
        c.values = std::vector<double>();
        for (auto v : is->ints())
            c.values->push_back(static_cast<double>(v));
        c.dims = {static_cast<std::int64_t>(c.values->size())};
        c.elements = c.dims[0];
    } else {
        return refuse("a constant the importer does not read (sparse or string)");
    }
    storedElements_ += c.elements;
    result_.report.constantNodeElements += c.elements;
    if (node_->output_size() > 0)
        consts_[node_->output(0)] = c;
    return true;
}

bool Converter::convert(const onnx::NodeProto& n, int index) {
    node_ = &n;
    index_ = index;
    const std::string& op = n.op_type();
    const std::string& domain = n.domain();
    ++result_.report.layerClasses[op];
    for (const auto& i : n.input())
        if (poisoned_.count(i)) {
            for (const auto& o : n.output())
                poisoned_.insert(o);
            return true; // downstream of a refused node: nothing to say about it
        }
    const bool standard = domain.empty() || domain == "ai.onnx";
    const bool microsoft = domain == "com.microsoft";
    if (!standard && !microsoft)
        return refuse("operator of the custom domain '" + domain + "'");
    if (microsoft) {
        // The QOperator ops ONNX Runtime adds: the float op on quantised tensors.
        quant_.noteOperator(op);
        if (op == "QLinearAdd")
            return binary(LayerType::Add, {in(0), in(3)});
        if (op == "QLinearMul")
            return binary(LayerType::Multiply, {in(0), in(3)});
        if (op == "QLinearConcat") {
            std::vector<std::string> xs;
            for (int k = 2; k < n.input_size(); k += 3)
                xs.push_back(in(k));
            return concat(xs);
        }
        if (op == "QLinearGlobalAveragePool")
            return globalPool(LayerType::GlobalAveragePooling2D, in(0));
        if (op == "QLinearAveragePool")
            return pool(LayerType::AveragePooling2D, in(0));
        if (op == "QLinearSigmoid")
            return activationOp(ActivationKind::Sigmoid, in(0));
        if (op == "QLinearLeakyRelu")
            return activationOp(ActivationKind::LeakyRelu, in(0), floatAttr("alpha", 0.01));
        if (op == "QLinearSoftmax")
            return softmax(in(0));
        if (op == "QGemm")
            return dense(in(0), in(3), in(6), intAttr("transB", 0) != 0);
        return refuse("com.microsoft operator without an engine equivalent");
    }
    if (op == "Conv")
        return conv(in(0), in(1), in(2));
    if (op == "QLinearConv") {
        quant_.noteOperator(op);
        quant_.noteOperatorTensors(constant(in(3)), constant(in(4)), constant(in(2)));
        return conv(in(0), in(3), in(8));
    }
    if (op == "ConvInteger") {
        quant_.noteOperator(op);
        quant_.noteOperatorTensors(constant(in(1)), nullptr, constant(in(2)));
        return conv(in(0), in(1), "");
    }
    if (op == "Gemm") {
        if (intAttr("transA", 0) != 0)
            return refuse("Gemm with transA (a transposed input)");
        return dense(in(0), in(1), in(2), intAttr("transB", 0) != 0);
    }
    if (op == "MatMul")
        return dense(in(0), in(1), "", false);
    if (op == "QLinearMatMul") {
        quant_.noteOperator(op);
        quant_.noteOperatorTensors(constant(in(3)), constant(in(4)), constant(in(2)));
        return dense(in(0), in(3), "", false);
    }
    if (op == "MatMulInteger") {
        quant_.noteOperator(op);
        quant_.noteOperatorTensors(constant(in(1)), nullptr, constant(in(2)));
        return dense(in(0), in(1), "", false);
    }
    if (op == "MaxPool")
        return n.output_size() > 1 && !n.output(1).empty()
                   ? refuse("MaxPool with its indices output")
                   : pool(LayerType::MaxPooling2D, in(0));
    if (op == "AveragePool")
        return pool(LayerType::AveragePooling2D, in(0));
    if (op == "GlobalAveragePool")
        return globalPool(LayerType::GlobalAveragePooling2D, in(0));
    if (op == "GlobalMaxPool")
        return globalPool(LayerType::GlobalMaxPooling2D, in(0));
    if (op == "ReduceMean")
        return reduceMean();
    if (op == "BatchNormalization")
        return batchNorm();
    if (op == "Relu")
        return activationOp(ActivationKind::Relu, in(0));
    if (op == "Clip")
        return clip();
    if (op == "Sigmoid")
        return activationOp(ActivationKind::Sigmoid, in(0));
    if (op == "Tanh")
        return activationOp(ActivationKind::Tanh, in(0));
    if (op == "LeakyRelu")
        return activationOp(ActivationKind::LeakyRelu, in(0), floatAttr("alpha", 0.01));
    if (op == "HardSigmoid")
        return activationOp(ActivationKind::HardSigmoid, in(0));
    if (op == "HardSwish")
        return activationOp(ActivationKind::HardSwish, in(0));
    if (op == "Softmax")
        return softmax(in(0));
    if (op == "Add" || op == "Sum")
        return binary(LayerType::Add, {n.input().begin(), n.input().end()});
    if (op == "Mul")
        return binary(LayerType::Multiply, {n.input().begin(), n.input().end()});
    if (op == "Concat")
        return concat({n.input().begin(), n.input().end()});
    if (op == "Pad")
        return pad();
    if (op == "Reshape") {
        std::optional<Dims> target = intsAttr("shape");
        if (opset_ >= 5) {
            const OnnxConstant* c = constant(in(1));
            if (!c || !c->integers())
                return refuse("target shape '" + in(1) + "' is computed, not stored");
            target = c->integers();
        }
        if (!target)
            return bad("has no target shape");
        return reshape(*target, in(0));
    }
    if (op == "Flatten")
        return flatten();
    if (op == "Identity" || op == "Dropout") {
        if (!constant(in(0)) && !activation(in(0)))
            return false;
        alias(in(0));
        return true;
    }
    if (op == "Constant")
        return constantNode();
    if (op == "QuantizeLinear" || op == "DequantizeLinear")
        return quantizeLinear(op == "DequantizeLinear");
    return refuse("no engine equivalent");
}

ImportResult Converter::run() {
    ImportReport& report = result_.report;
    report.importer = "onnx";
    for (const auto& o : model_.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx")
            opset_ = o.version();
    report.producerVersion =
        model_.producer_name() +
        (model_.producer_version().empty() ? "" : " " + model_.producer_version());
    report.modelClass = "ONNX graph";
    report.format =
        "ONNX IR " + std::to_string(model_.ir_version()) + ", opset " + std::to_string(opset_) +
        (report.producerVersion.empty() ? "" : " (producer " + report.producerVersion + ")");
    net_.setName(g_.name());

    for (const auto& t : g_.initializer()) {
        std::string why;
        auto c = OnnxConstant::fromTensor(t, why);
        if (!c) {
            error("onnx-bad-initializer", "initializer '" + t.name() + "': " + why);
            return std::move(result_);
        }
        storedElements_ += c->elements;
        report.initializerElements += c->elements;
        consts_[t.name()] = std::move(*c);
    }
    for (const auto& vi : g_.input())
        if (!consts_.count(vi.name())) // IR < 4 lists the initializers as inputs too
            graphInputs_[vi.name()] = &vi;
    auto declare = [this](const onnx::ValueInfoProto& vi) {
        if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
            return;
        Dims d;
        for (const auto& x : vi.type().tensor_type().shape().dim())
            d.push_back(x.has_dim_value() && x.dim_value() > 0 ? x.dim_value() : -1);
        declaredShapes_[vi.name()] = d;
    };
    for (const auto& vi : g_.value_info())
        declare(vi);
    for (const auto& vi : g_.output())
        declare(vi);
    for (const auto& n : g_.node())
        for (const auto& i : n.input())
            ++readers_[i];
    for (const auto& o : g_.output())
        ++readers_[o.name()];

    if (g_.node_size() == 0) {
        error("onnx-empty-graph", "the graph has no nodes");
        return std::move(result_);
    }
    for (int i = 0; i < g_.node_size(); ++i) {
        const std::size_t before = result_.diagnostics.size();
        convert(g_.node(i), i);
        if (hasErrors(Diagnostics(result_.diagnostics.begin() + static_cast<long>(before),
                                  result_.diagnostics.end())))
            return std::move(result_);
    }
    report.storedParams = storedElements_;
    report.weightTensors = weightTensors_;
    report.nonWeightElements = storedElements_ - weightElements_ - report.unsupportedParams;

    if (!refused_.empty() && !options_.keepUnsupported) {
        std::string list;
        for (const auto& r : refused_)
            list += (list.empty() ? "" : "; ") + std::string("node ") + std::to_string(r.index) +
                    " '" + r.name + "' (" + r.opType + "): " + r.reason;
        error("onnx-unsupported-nodes",
              std::to_string(refused_.size()) + " node(s) have no engine equivalent: " + list +
                  "; the import stops (keepUnsupported keeps them as zero-cost placeholders)");
        return std::move(result_);
    }
    if (net_.size() == 0) {
        error("onnx-empty-graph", "no node of the graph computes anything the engine costs");
        return std::move(result_);
    }

    Analysis analysis = analyze(net_);
    report.graphParams = analysis.params;
    if (!analysis.ok()) {
        for (auto d : analysis.diagnostics)
            result_.diagnostics.push_back(fileDiag(std::move(d)));
        error("onnx-import-failed", "the imported network is not valid (see the layer errors)");
        return std::move(result_);
    }
    if (report.graphParams != weightElements_) {
        Diagnostic d = makeWarning("onnx-params-mismatch",
                                   "the graph has " + std::to_string(report.graphParams) +
                                       " parameters but the layers read " +
                                       std::to_string(weightElements_) + " stored weight elements");
        result_.diagnostics.push_back(fileDiag(std::move(d)));
    }
    quant_.fill(report);
    if (!report.quantization.empty())
        result_.diagnostics.push_back(
            fileDiag(makeInfo("onnx-quantization", "quantised model: " + report.quantization)));
    result_.diagnostics.push_back(fileDiag(makeInfo(
        "import-summary", report.format + ": " + std::to_string(net_.size()) + " layers, " +
                              std::to_string(report.graphParams) +
                              " parameters (stored: " + std::to_string(storedElements_) +
                              " elements, of which " + std::to_string(report.nonWeightElements) +
                              " are shapes, bounds or quantisation constants), " +
                              std::to_string(analysis.macs) + " MACs")));
    result_.network = std::move(net_);
    return std::move(result_);
}

} // namespace

ImportResult convertOnnxModel(const onnx::ModelProto& model, const std::string& file,
                              const ImportOptions& options) {
    if (!model.has_graph()) {
        ImportResult r;
        r.report.importer = "onnx";
        Diagnostic d = makeError("onnx-no-graph", "the ONNX model holds no graph");
        d.file = file;
        r.diagnostics.push_back(std::move(d));
        return r;
    }
    return Converter(model, file, options).run();
}

} // namespace zipcnn
