// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/KerasImport.h"

#include "analysis/NetworkAnalysis.h"
#include "import/KerasConfigParser.h"
#include "import/KerasWeightCheck.h"

#include <algorithm>
#include <map>

namespace zipcnn {

namespace {

void setFile(Diagnostics& diags, const std::string& file) {
    for (auto& d : diags)
        if (d.file.empty())
            d.file = file;
}

Diagnostic fileError(const std::string& code, const std::string& message, const std::string& file) {
    Diagnostic d = makeError(code, message);
    d.file = file;
    return d;
}

/// "PReLU ('PReLU1', 'PReLU2'), Conv2D ('conv') [data_format 'channels_first' ...]": every
/// class with its layers, and the reason when it is more than the class being unknown.
std::string unsupportedList(const std::vector<UnsupportedLayer>& layers) {
    struct Entry {
        std::string names;
        std::vector<std::string> reasons;
    };
    std::map<std::string, Entry> byClass;
    std::vector<std::string> order;
    for (const auto& u : layers) {
        auto [it, fresh] = byClass.emplace(u.className, Entry{});
        if (fresh)
            order.push_back(u.className);
        Entry& e = it->second;
        e.names += (e.names.empty() ? "'" : ", '") + u.name + "'";
        if (u.reason != "no engine equivalent" &&
            std::find(e.reasons.begin(), e.reasons.end(), u.reason) == e.reasons.end())
            e.reasons.push_back(u.reason);
    }
    std::string out;
    for (const auto& c : order) {
        const Entry& e = byClass[c];
        out += (out.empty() ? "" : ", ") + c + " (" + e.names + ")";
        for (const auto& r : e.reasons)
            out += " [" + r + "]";
    }
    return out;
}

} // namespace

ImportResult buildKerasImport(const KerasSource& source, const ImportOptions& options) {
    ImportResult result;
    ImportReport& report = result.report;
    report.importer = source.importer;
    report.producerVersion = source.kerasVersion;

    KerasModelConfig model =
        parseKerasConfigText(source.configText, source.file, options.inputShape);
    report.modelClass = model.modelClass;
    report.layerClasses = model.layerClasses;
    report.nestedModels = model.nestedModels;
    report.unsupported = model.unsupported;
    report.format =
        "Keras " + (source.kerasVersion.empty() ? "(version unknown)" : source.kerasVersion) + " " +
        source.container + (model.modelClass.empty() ? "" : ", " + model.modelClass + " model");
    setFile(model.diagnostics, source.file);
    result.diagnostics = std::move(model.diagnostics);
    if (!model.network || hasErrors(result.diagnostics)) {
        result.diagnostics.push_back(fileError("keras-import-failed",
                                               "the model config in " + source.configPlace +
                                                   " could not be turned into a network",
                                               source.file));
        return result;
    }
    Network net = std::move(*model.network);

    if (!model.unsupported.empty()) {
        if (!options.keepUnsupported) {
            result.diagnostics.push_back(fileError(
                "keras-unsupported-layers",
                std::to_string(model.unsupported.size()) + " layer(s) have no engine equivalent: " +
                    unsupportedList(model.unsupported) + kUnsupportedStopsImport,
                source.file));
            return result;
        }
        for (const auto& u : model.unsupported) {
            Diagnostic d = makeWarning("keras-unsupported-layer",
                                       "class '" + u.className + "' (" + u.reason +
                                           ") is kept as a placeholder costed as zero",
                                       u.name);
            d.file = source.file;
            result.diagnostics.push_back(std::move(d));
        }
    }
    // The placeholders' shapes (when kept) and the reshapes that move data (Permute, the
    // channels_first layers' conversions) follow their inputs.
    applyShapeRules(net, model.shapeRules);

    Analysis analysis = analyze(net);
    report.graphParams = analysis.params;
    if (!analysis.ok()) {
        Diagnostics errors = analysis.diagnostics;
        setFile(errors, source.file);
        result.diagnostics.insert(result.diagnostics.end(), errors.begin(), errors.end());
        result.diagnostics.push_back(
            fileError("keras-import-failed",
                      "the imported network is not valid (see the layer errors)", source.file));
        return result;
    }

    if (source.weights) {
        WeightCheckOptions check;
        check.file = source.file;
        check.anyKernelOrder = source.kerasVersion.rfind("1.", 0) == 0;
        check.bySavePath = source.weightsBySavePath;
        checkKerasWeights(model, net, analysis, *source.weights, check, report, result.diagnostics);
    } else {
        Diagnostic d = makeWarning(
            "keras-no-weights", "the file stores no weights: the parameter count is not checked");
        d.file = source.file;
        result.diagnostics.push_back(std::move(d));
    }

    Diagnostic summary =
        makeInfo("import-summary",
                 report.format + ": " + std::to_string(net.size()) + " layers, " +
                     std::to_string(report.graphParams) + " parameters" +
                     (report.storedParams >= 0
                          ? " (stored weights: " + std::to_string(report.storedParams) + ")"
                          : std::string()));
    summary.file = source.file;
    result.diagnostics.push_back(std::move(summary));
    result.network = std::move(net);
    return result;
}

ImportResult kerasImportFailure(const std::string& importer, const std::string& code,
                                const std::string& message, const std::string& file) {
    ImportResult r;
    r.report.importer = importer;
    r.diagnostics.push_back(fileError(code, message, file));
    return r;
}

Importer kerasImporter(std::string name, std::string description, std::vector<std::string> patterns,
                       bool (*sniff)(const std::string& head),
                       ImportResult (*import)(const std::string& path,
                                              const ImportOptions& options)) {
    Importer i;
    i.name = std::move(name);
    i.description = std::move(description);
    i.patterns = std::move(patterns);
    i.capabilities.graph = true;
    i.capabilities.weightShapes = true;
    i.capabilities.nestedModels = true;
    i.capabilities.unsupportedLayers = true;
    i.sniff = sniff;
    i.import = import;
    return i;
}

} // namespace zipcnn
