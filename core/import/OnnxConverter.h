// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The ONNX importer's converter, shared by its two source files (OnnxConverter.cpp: tensors,
// inputs, quantisation, the node dispatch and the result; OnnxConverterLayers.cpp: the nodes
// that become layers). Internal to core/import: the entry point is OnnxGraphConverter.h.
#include "base/CheckedMath.h"
#include "import/ModelImport.h"
#include "import/OnnxConstant.h"
#include "import/OnnxQuantization.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <onnx/onnx_pb.h>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace zipcnn::onnxconv {

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

inline std::string dimsText(const Dims& d) {
    std::string s;
    for (std::size_t i = 0; i < d.size(); ++i)
        s += (i ? "x" : "") + (d[i] < 0 ? std::string("?") : std::to_string(d[i]));
    return s.empty() ? "scalar" : s;
}

/// The engine's channels-last shape (no batch) of an ONNX shape: [N, C, H, W] -> [H, W, C],
/// [N, C, L] -> [L, C], [N, F] -> [F]; a rank-1 tensor has no batch.
inline Dims engineDims(const Dims& s) {
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
inline std::optional<int> engineAxis(std::int64_t axis, std::size_t rank) {
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

/// The product of `d` from `from` on; saturates at the int64 limit (a crafted file's sizes can
/// overflow, and a saturated count matches no real tensor).
inline std::int64_t product(const Dims& d, std::size_t from = 0) {
    std::int64_t p = 1;
    for (std::size_t i = from; i < d.size(); ++i) {
        const auto next = checkedMul(p, d[i]);
        if (!next)
            return std::numeric_limits<std::int64_t>::max();
        p = *next;
    }
    return p;
}

/// NumPy broadcast of two ONNX shapes; nullopt when they do not broadcast.
inline std::optional<Dims> broadcast(const Dims& a, const Dims& b) {
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

/// Converts one ONNX graph (see OnnxGraphConverter.h for the rules).
class OnnxConverter {
public:
    OnnxConverter(const onnx::ModelProto& model, const std::string& file,
                  const ImportOptions& options)
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
            weightElements_ = saturatingAdd(weightElements_, c->elements);
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
    bool convTranspose(const std::string& x, const std::string& w, const std::string& b);
    /// Appends convolution `l` (of `m` output channels, `hw` high and wide) reading activation
    /// layer `in`, weights `wName` and bias `bName` (empty: none): counts both as weights, checks
    /// the bias, keeps a QDQ weight's quantisation record.
    bool addConvolution(Layer l, const std::string& in, const std::string& wName,
                        const std::string& bName, std::int64_t m, const Dims& hw);
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
    bool transpose();
    /// How many nodes of the graph read tensor `name`.
    int readers(const std::string& name) const;
    bool reduceMean();
    bool quantizeLinear(bool dequantize);
    /// The layer computing activation `tensor` (nullptr when none): for the quantisation
    /// records, which the nodes after a layer complete.
    Layer* producer(const std::string& tensor);
    /// Records on `layer` the weight tensor `w` it reads, when `w` is stored in 8 bits, with
    /// `scales` scales (per tensor or per channel).
    static void recordWeights(Layer& layer, const OnnxConstant& w, std::int64_t scales);
    /// Records that `layer`'s output is stored in the type of `zeroPoint` (nullptr: ONNX's
    /// default UINT8).
    static void recordActivation(Layer& layer, const OnnxConstant* zeroPoint);
    /// After a QOperator conv or product: the layer it made reads `weight` with `weightScale`
    /// (empty: one scale) and writes in the type of its input number `outZeroPoint` (an absent
    /// input: UINT8; -1: the output is not quantised).
    void recordQOperator(const std::string& weight, const std::string& weightScale,
                         int outZeroPoint);
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

} // namespace zipcnn::onnxconv
