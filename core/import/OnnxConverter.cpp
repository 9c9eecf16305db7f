// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/OnnxConverter.h"

#include "analysis/NetworkAnalysis.h"
#include "base/CheckedMath.h"
#include "model/LayerCatalog.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zipcnn::onnxconv {

namespace {

/// Bits of one element of a quantised ONNX tensor type (8 or 16), 32 for float and the rest.
int bitsOf(int dataType) {
    switch (dataType) {
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
        return 8;
    case onnx::TensorProto::INT16:
    case onnx::TensorProto::UINT16:
        return 16;
    default:
        return 32;
    }
}

} // namespace

bool OnnxConverter::refuse(const std::string& reason) {
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
            u.storedParams = saturatingAdd(u.storedParams, c->elements);
    result_.report.unsupportedParams =
        saturatingAdd(result_.report.unsupportedParams, u.storedParams);
    result_.report.unsupported.push_back(u);
    Diagnostic d = makeWarning(
        "onnx-unsupported-node",
        where(*node_, index_) + " (" + reason + ") is kept as a placeholder costed as zero", name);
    result_.diagnostics.push_back(fileDiag(std::move(d)));
    return true;
}

const Activation* OnnxConverter::activation(const std::string& name) {
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

bool OnnxConverter::inputLayer(const onnx::ValueInfoProto& vi) {
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
    if (const int type = vi.type().tensor_type().elem_type(); bitsOf(type) < 32) {
        LayerQuantization q; // a quantised graph's input (QOperator models take UINT8 images)
        q.activationBits = bitsOf(type);
        l.quantization = q;
    }
    const std::string layer = net_.add(std::move(l));
    acts_[name] = {layer, dims};
    return true;
}

bool OnnxConverter::quantizeLinear(bool dequantize) {
    const std::string& x = in(0);
    const OnnxConstant* scale = constant(in(1));
    const OnnxConstant* zero = in(2).empty() ? nullptr : constant(in(2));
    const OnnxConstant* stored = constant(x);
    quant_.noteLinear(dequantize, stored, scale, zero);
    if (stored) {
        // A stored tensor (de)quantised: the weight the float op reads, same shape.
        OnnxConstant folded; // its shape and type, not its values
        folded.dims = stored->dims;
        folded.dataType = stored->dataType;
        folded.elements = stored->elements;
        if (dequantize)
            folded.quantScales = scale ? std::max<std::int64_t>(scale->elements, 1) : 1;
        if (node_->output_size() > 0)
            consts_[node_->output(0)] = folded;
        return true;
    }
    if (!activation(x))
        return false;
    if (!dequantize)
        if (Layer* l = producer(x)) // the layer before stores its output quantised
            recordActivation(*l, zero);
    alias(x); // on an activation the pair is a change of number format only
    return true;
}

Layer* OnnxConverter::producer(const std::string& tensor) {
    auto a = acts_.find(tensor);
    return a == acts_.end() ? nullptr : net_.find(a->second.layer);
}

void OnnxConverter::recordWeights(Layer& layer, const OnnxConstant& w, std::int64_t scales) {
    if (!w.isInteger8())
        return;
    LayerQuantization q = layer.quantization.value_or(LayerQuantization{});
    if (!layer.quantization)
        q.activationBits = 32; // until a quantised output says otherwise
    q.weightBits = 8;
    q.scales = static_cast<int>(std::clamp<std::int64_t>(scales, 1, kMaxAttrInt));
    q.scheme = q.scales > 1 ? QuantScheme::PerChannel : QuantScheme::PerTensor;
    layer.quantization = q;
}

void OnnxConverter::recordActivation(Layer& layer, const OnnxConstant* zeroPoint) {
    LayerQuantization q = layer.quantization.value_or(LayerQuantization{});
    q.activationBits = zeroPoint ? bitsOf(zeroPoint->dataType) : 8;
    layer.quantization = q;
}

void OnnxConverter::recordQOperator(const std::string& weight, const std::string& weightScale,
                                    int outZeroPoint) {
    Layer* l = node_->output_size() > 0 ? producer(node_->output(0)) : nullptr;
    const OnnxConstant* w = constant(weight);
    if (!l || !w)
        return;
    const OnnxConstant* scale = weightScale.empty() ? nullptr : constant(weightScale);
    recordWeights(*l, *w, scale ? scale->elements : 1);
    if (outZeroPoint >= 0)
        recordActivation(*l, in(outZeroPoint).empty() ? nullptr : constant(in(outZeroPoint)));
}

bool OnnxConverter::constantNode() {
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
    storedElements_ = saturatingAdd(storedElements_, c.elements);
    result_.report.constantNodeElements += c.elements;
    if (node_->output_size() > 0)
        consts_[node_->output(0)] = c;
    return true;
}

bool OnnxConverter::convert(const onnx::NodeProto& n, int index) {
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
    // The layer catalogue (model/LayerCatalog.h) lists the operators the engine reads.
    if (!importerReads(ImporterFormat::Onnx, op))
        return refuse(microsoft ? "com.microsoft operator without an engine equivalent"
                                : "no engine equivalent");
    if (microsoft) {
        // The QOperator ops ONNX Runtime adds: the float op on quantised tensors.
        quant_.noteOperator(op);
        // Each writes its output quantised with the zero point at `zp` (absent: UINT8).
        auto quantised = [&](bool ok, int zp) {
            if (Layer* l = ok && n.output_size() > 0 ? producer(n.output(0)) : nullptr)
                recordActivation(*l, in(zp).empty() ? nullptr : constant(in(zp)));
            return ok;
        };
        if (op == "QLinearAdd")
            return quantised(binary(LayerType::Add, {in(0), in(3)}), 7);
        if (op == "QLinearMul")
            return quantised(binary(LayerType::Multiply, {in(0), in(3)}), 7);
        if (op == "QLinearConcat") {
            std::vector<std::string> xs;
            for (int k = 2; k < n.input_size(); k += 3)
                xs.push_back(in(k));
            return quantised(concat(xs), 1);
        }
        if (op == "QLinearGlobalAveragePool")
            return quantised(globalPool(LayerType::GlobalAveragePooling2D, in(0)), 4);
        if (op == "QLinearAveragePool")
            return quantised(pool(LayerType::AveragePooling2D, in(0)), 4);
        if (op == "QLinearSigmoid")
            return quantised(activationOp(ActivationKind::Sigmoid, in(0)), 4);
        if (op == "QLinearLeakyRelu")
            return quantised(
                activationOp(ActivationKind::LeakyRelu, in(0), floatAttr("alpha", 0.01)), 4);
        if (op == "QLinearSoftmax")
            return quantised(softmax(in(0)), 4);
        if (op == "QGemm") {
            const bool ok = dense(in(0), in(3), in(6), intAttr("transB", 0) != 0);
            recordQOperator(in(3), in(4), in(7).empty() ? -1 : 8); // no y_scale: a float output
            return ok;
        }
        return refuse("com.microsoft operator without an engine equivalent");
    }
    if (op == "Conv")
        return conv(in(0), in(1), in(2));
    if (op == "ConvTranspose")
        return convTranspose(in(0), in(1), in(2));
    if (op == "QLinearConv") {
        quant_.noteOperator(op);
        quant_.noteOperatorTensors(constant(in(3)), constant(in(4)), constant(in(2)));
        const bool ok = conv(in(0), in(3), in(8));
        recordQOperator(in(3), in(4), 7);
        return ok;
    }
    if (op == "ConvInteger") {
        quant_.noteOperator(op);
        quant_.noteOperatorTensors(constant(in(1)), nullptr, constant(in(2)));
        const bool ok = conv(in(0), in(1), "");
        recordQOperator(in(1), "", -1); // an INT32 output, rescaled by the nodes after it
        return ok;
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
        const bool ok = dense(in(0), in(3), "", false);
        recordQOperator(in(3), in(4), 7);
        return ok;
    }
    if (op == "MatMulInteger") {
        quant_.noteOperator(op);
        quant_.noteOperatorTensors(constant(in(1)), nullptr, constant(in(2)));
        const bool ok = dense(in(0), in(1), "", false);
        recordQOperator(in(1), "", -1);
        return ok;
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
    if (op == "Transpose")
        return transpose();
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

ImportResult OnnxConverter::run() {
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
        storedElements_ = saturatingAdd(storedElements_, c->elements);
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
    // Each count is at most the int64 limit (saturated for crafted files): subtract in steps
    // that cannot overflow.
    report.nonWeightConstants =
        std::max<std::int64_t>(0, storedElements_ - weightElements_) - report.unsupportedParams;

    if (!refused_.empty() && !options_.keepUnsupported) {
        std::string list;
        for (const auto& r : refused_)
            list += (list.empty() ? "" : "; ") + std::string("node ") + std::to_string(r.index) +
                    " '" + r.name + "' (" + r.opType + "): " + r.reason;
        error("onnx-unsupported-nodes", std::to_string(refused_.size()) +
                                            " node(s) have no engine equivalent: " + list +
                                            kUnsupportedStopsImport);
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
    // A fully quantised file is costed as what it stores: its baseline variant is INT8.
    if (report.baselineInt8)
        net_.setBaselineDType(DType::INT8);
    if (!report.quantization.empty())
        result_.diagnostics.push_back(
            fileDiag(makeInfo("onnx-quantization", "quantised model: " + report.quantization)));
    result_.diagnostics.push_back(fileDiag(makeInfo(
        "import-summary", report.format + ": " + std::to_string(net_.size()) + " layers, " +
                              std::to_string(report.graphParams) +
                              " parameters (stored: " + std::to_string(storedElements_) +
                              " elements, of which " + std::to_string(report.nonWeightConstants) +
                              " are shapes, bounds or quantisation constants), " +
                              std::to_string(analysis.macs) + " MACs")));
    result_.network = std::move(net_);
    return std::move(result_);
}

} // namespace zipcnn::onnxconv
