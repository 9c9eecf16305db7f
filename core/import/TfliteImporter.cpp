// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/TfliteImporter.h"

#include "analysis/NetworkAnalysis.h"
#include "base/CheckedMath.h"
#include "import/TfliteOpMapper.h"
#include "import/TfliteReader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

namespace zipcnn {

namespace {

constexpr const char* kImporterName = "tflite";

Diagnostic fileDiagnostic(Diagnostic d, const std::string& file) {
    d.file = file;
    return d;
}

ImportResult failure(ImportResult r, const std::string& code, const std::string& message,
                     const std::string& file) {
    r.diagnostics.push_back(fileDiagnostic(makeError(code, message), file));
    r.network.reset();
    return r;
}

/// "SVDF (operators 0, 2), CUSTOM 'ethos-u' (operator 0) [custom operator ...]".
std::string unsupportedList(const TfliteMapping& m) {
    std::map<std::string, std::string> reasons;
    for (const UnsupportedLayer& u : m.unsupported)
        if (u.reason != "no engine equivalent")
            reasons.emplace(u.className, u.reason);
    std::string out;
    for (const auto& [cls, ops] : m.unsupportedOperators) {
        out += (out.empty() ? "" : ", ") + cls + (ops.size() == 1 ? " (operator " : " (operators ");
        for (std::size_t i = 0; i < ops.size(); ++i)
            out += (i ? ", " : "") + std::to_string(ops[i]);
        out += ")";
        if (auto it = reasons.find(cls); it != reasons.end())
            out += " [" + it->second + "]";
    }
    return out;
}

std::int64_t storedElements(const TfliteModel& m) {
    std::int64_t n = 0;
    for (const TfliteSubgraph& s : m.subgraphs)
        for (std::size_t t = 0; t < s.tensors.size(); ++t)
            if (m.isConstant(s, static_cast<std::int32_t>(t))) {
                // Saturating: a crafted shape can overflow even where the data is small.
                std::int64_t e = 1;
                for (std::int32_t d : s.tensors[t].shape)
                    e = checkedMul(e, d).value_or(std::numeric_limits<std::int64_t>::max());
                n = saturatingAdd(n, e);
            }
    return n;
}

/// The numeric format the file's compute layers use, from their quantisation.
struct QuantKind {
    std::string label; ///< "INT8", "FP32", "hybrid: ...", "16x8: ..."
    DType baseline = DType::FP32;
    std::optional<Diagnostic> note; ///< said to the user
};

QuantKind quantKind(const Network& net) {
    int computeLayers = 0, int8Weights = 0, act8 = 0, act16 = 0, perChannel = 0;
    for (const Layer& l : net.layers()) {
        if (!hasFusedActivation(l.type))
            continue;
        ++computeLayers;
        if (!l.quantization || l.quantization->weightBits != 8)
            continue;
        ++int8Weights;
        act8 += l.quantization->activationBits == 8;
        act16 += l.quantization->activationBits == 16;
        perChannel += l.quantization->scheme == QuantScheme::PerChannel;
    }
    QuantKind k;
    const std::string scales = perChannel == 0             ? "per-tensor scales"
                               : perChannel == int8Weights ? "per-channel scales"
                                                           : "per-tensor and per-channel scales";
    if (computeLayers == 0 || int8Weights == 0) {
        k.label = "FP32";
        return k;
    }
    if (int8Weights == computeLayers && act8 == computeLayers) {
        k.label = "INT8 (" + scales + ")";
        k.baseline = DType::INT8;
        return k;
    }
    if (int8Weights == computeLayers && act16 == computeLayers) {
        k.label = "16x8: INT16 activations, INT8 weights";
        k.baseline = DType::INT8;
        k.note = makeWarning(
            "tflite-16x8",
            "16x8 quantisation: activations are INT16, weights INT8; the engine has no INT16 "
            "format and costs the network as INT8 (activation buffers are twice what it counts)");
        return k;
    }
    if (act8 + act16 == 0) {
        k.label = "hybrid: INT8 weights, FP32 activations";
        k.note = makeWarning("tflite-hybrid",
                             "hybrid (weight-only) quantisation: " + std::to_string(int8Weights) +
                                 " of " + std::to_string(computeLayers) +
                                 " layers store INT8 weights but compute in FP32; the network "
                                 "is costed as FP32");
        return k;
    }
    k.label = "mixed: " + std::to_string(int8Weights) + " of " + std::to_string(computeLayers) +
              " layers quantised";
    k.note = makeWarning("tflite-mixed-quantisation",
                         "mixed quantisation (" + std::to_string(int8Weights) + " of " +
                             std::to_string(computeLayers) +
                             " layers with INT8 weights, some float): costed as FP32");
    return k;
}

/// Compares the shapes the engine infers with the tensors of the file: a difference means the
/// mapping misread an operator, which the user must know.
void checkShapes(const TfliteModel& m, const TfliteMapping& map, const Network& net,
                 const Analysis& a, Diagnostics& out) {
    const TfliteSubgraph& s = m.subgraphs.front();
    for (const auto& [name, t] : map.layerTensors) {
        auto idx = net.indexOf(name);
        if (!idx || *idx >= a.layers.size() || !a.layers[*idx].shapeKnown)
            continue;
        const auto& shape = s.tensors[static_cast<std::size_t>(t)].shape;
        if (shape.empty())
            continue;
        // A crafted file's dimensions can overflow: such a tensor cannot match anything.
        std::optional<std::int64_t> fileElements = 1;
        for (std::size_t i = shape.size() >= 2 ? 1 : 0; i < shape.size() && fileElements; ++i)
            fileElements = checkedMul(*fileElements, shape[i]);
        const Shape& inferred = a.layers[*idx].outputShape;
        if (!fileElements || inferred.elements() != *fileElements)
            out.push_back(makeWarning(
                "tflite-shape-mismatch",
                "the engine infers " + inferred.toString() + ", the file's tensor '" +
                    s.tensors[static_cast<std::size_t>(t)].name + "' is " +
                    Shape(std::vector<std::int64_t>(shape.begin(), shape.end())).toString(),
                name));
    }
}

} // namespace

ImportResult importTfliteBytes(std::string bytes, const std::string& file,
                               const ImportOptions& options) {
    ImportResult r;
    ImportReport& report = r.report;
    report.importer = kImporterName;
    report.format = "TensorFlow Lite";

    TfliteReadResult read = readTflite(std::move(bytes));
    if (!read.model)
        return failure(std::move(r), "tflite-invalid",
                       read.error.rfind("is ", 0) == 0
                           ? read.error
                           : "is not a valid TensorFlow Lite file: " + read.error,
                       file);
    const TfliteModel& model = *read.model;
    report.format = "TensorFlow Lite (schema " + std::to_string(model.version) + ")";
    report.producerVersion = model.description;
    report.storedParams = storedElements(model);
    if (model.subgraphs.size() > 1)
        r.diagnostics.push_back(fileDiagnostic(
            makeInfo("tflite-subgraphs", std::to_string(model.subgraphs.size()) +
                                             " subgraphs: the first (the model's entry) is "
                                             "imported, the others are called by it or unused"),
            file));

    TfliteMapping map = mapTfliteModel(model, options.keepUnsupported);
    report.layerClasses = map.operators;
    report.unsupported = map.unsupported;
    report.unsupportedParams = map.unsupportedElements;
    report.nonWeightConstants = map.otherConstants;
    report.weightTensors = map.weightTensors;
    for (Diagnostic& d : map.diagnostics)
        r.diagnostics.push_back(fileDiagnostic(std::move(d), file));
    if (hasErrors(r.diagnostics))
        return failure(std::move(r), "tflite-import-failed",
                       "the operators of subgraph 0 could not be turned into a network", file);
    if (!map.unsupported.empty()) {
        if (!options.keepUnsupported)
            return failure(std::move(r), "tflite-unsupported-operators",
                           std::to_string(map.unsupported.size()) +
                               " operator(s) have no engine equivalent: " + unsupportedList(map) +
                               kUnsupportedStopsImport,
                           file);
        for (const UnsupportedLayer& u : map.unsupported)
            r.diagnostics.push_back(
                fileDiagnostic(makeWarning("tflite-unsupported-operator",
                                           u.className + " (" + u.reason +
                                               ") is kept as a placeholder costed as zero",
                                           u.name),
                               file));
    }
    if (map.droppedConversions > 0)
        r.diagnostics.push_back(fileDiagnostic(
            makeInfo("tflite-conversions-dropped",
                     std::to_string(map.droppedConversions) +
                         " QUANTIZE/DEQUANTIZE operator(s) left out: they convert between "
                         "number formats, and the engine costs the network in one format"),
            file));

    Network net = std::move(map.network);
    if (net.name().empty()) // converters often leave the subgraph unnamed
        net.setName(std::filesystem::path(file).stem().string());
    const QuantKind quant = quantKind(net);
    net.setBaselineDType(quant.baseline);
    report.format += ", " + quant.label;
    if (quant.note)
        r.diagnostics.push_back(fileDiagnostic(*quant.note, file));

    const Analysis analysis = analyze(net);
    report.graphParams = analysis.params;
    if (!analysis.ok()) {
        for (Diagnostic d : analysis.diagnostics)
            r.diagnostics.push_back(fileDiagnostic(std::move(d), file));
        return failure(std::move(r), "tflite-import-failed",
                       "the imported network is not valid (see the layer errors)", file);
    }
    checkShapes(model, map, net, analysis, r.diagnostics);
    if (analysis.params != map.weightElements)
        r.diagnostics.push_back(fileDiagnostic(
            makeWarning("tflite-params-mismatch",
                        "the graph has " + std::to_string(analysis.params) +
                            " parameters, the weight and bias tensors it reads hold " +
                            std::to_string(map.weightElements) + " elements"),
            file));

    r.diagnostics.push_back(fileDiagnostic(
        makeInfo(
            "import-summary",
            report.format + ": " + std::to_string(net.size()) + " layers, " +
                std::to_string(report.graphParams) +
                " parameters (stored constants: " + std::to_string(report.storedParams) +
                ", of which " + std::to_string(report.nonWeightConstants) + " are not weights" +
                (report.unsupportedParams ? " and " + std::to_string(report.unsupportedParams) +
                                                " belong to unsupported operators"
                                          : std::string()) +
                ")"),
        file));
    r.network = std::move(net);
    return r;
}

ImportResult importTflite(const std::string& path, const ImportOptions& options) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ImportResult r;
        r.report.importer = kImporterName;
        return failure(std::move(r), "tflite-unreadable",
                       std::string("cannot be opened: ") + std::strerror(errno), path);
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return importTfliteBytes(std::move(buffer).str(), path, options);
}

Importer tfliteImporter() {
    Importer i;
    i.name = kImporterName;
    i.description = "TensorFlow Lite model (FlatBuffer, schema 3), float, INT8, hybrid or 16x8";
    i.patterns = {"*.tflite"};
    i.capabilities.graph = true;
    i.capabilities.weightShapes = true;
    i.capabilities.unsupportedLayers = true;
    i.sniff = &hasTfliteIdentifier;
    i.import = &importTflite;
    return i;
}

} // namespace zipcnn
