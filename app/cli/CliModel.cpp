// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliModel.h"

#include "DeviceOptions.h"
#include "analysis/Pruning.h"
#include "import/InputShapeText.h"
#include "import/ModelImport.h"
#include "import/ModelLoader.h"

#include <algorithm>
#include <ostream>

namespace zipcnn::cli {

void printError(std::ostream& err, const std::string& message) {
    err << "zipcnn-cli: error: " << message << "\n";
}

std::optional<DType> dtypeOption(const std::string& text, std::ostream& err,
                                 const std::string& command) {
    auto d = dtypeFromName(text);
    if (!d)
        printError(err, command + ": --dtype must be fp32 or int8, got '" + text + "'");
    return d;
}

int readEstimateInputs(const CliArgs& args, std::ostream& err, std::vector<double>& freqs,
                       std::optional<DeviceModel>& device, std::optional<PreparedModel>& model) {
    if (!readNumberList(args, "--freq", 1e-6, 1e6, "estimate", err, freqs))
        return 2;
    if (!readDeviceOptions(args, "estimate", projectDevice(args), device, err))
        return 2;
    model = prepareModel(args, err);
    return model ? 0 : 1;
}

bool readNumberList(const CliArgs& args, const std::string& name, double min, double max,
                    const std::string& context, std::ostream& err, std::vector<double>& values) {
    const auto it = args.options.find(name);
    if (it == args.options.end())
        return true;
    std::vector<double> given;
    for (const auto& text : it->second) {
        std::string error;
        auto v = parseNumber(name, text, min, max, error);
        if (!v) {
            printError(err, context + ": " + error);
            return false;
        }
        given.push_back(*v);
    }
    values = std::move(given);
    return true;
}

bool readNumberOption(const CliArgs& args, const std::string& name, double min, double max,
                      const std::string& context, std::ostream& err, std::optional<double>& value) {
    const auto text = args.option(name);
    if (!text)
        return true;
    std::string error;
    const auto x = parseNumber(name, *text, min, max, error);
    if (!x) {
        printError(err, context.empty() ? error : context + ": " + error);
        return false;
    }
    value = *x;
    return true;
}

bool readNumberOption(const CliArgs& args, const std::string& name, double min, double max,
                      const std::string& context, std::ostream& err, double& value) {
    std::optional<double> read;
    if (!readNumberOption(args, name, min, max, context, err, read))
        return false;
    value = read.value_or(value);
    return true;
}

nlohmann::json diagnosticsToJson(const Diagnostics& diags) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : diags) {
        nlohmann::json j;
        j["severity"] = severityName(d.severity);
        j["code"] = d.code;
        j["message"] = d.toString();
        j["layer"] = d.layer;
        arr.push_back(j);
    }
    return arr;
}

nlohmann::json importReportToJson(const ImportReport& r) {
    nlohmann::json unsupported = nlohmann::json::array();
    for (const auto& u : r.unsupported)
        unsupported.push_back({{"name", u.name},
                               {"class", u.className},
                               {"reason", u.reason},
                               {"stored_params", u.storedParams}});
    return {{"importer", r.importer},
            {"format", r.format},
            {"keras_version", r.producerVersion},
            {"model_class", r.modelClass},
            {"graph_params", r.graphParams},
            {"stored_params", r.storedParams},
            {"unsupported_params", r.unsupportedParams},
            {"non_weight_constants", r.nonWeightConstants},
            {"params_match", r.paramsMatch()},
            {"weight_tensors", r.weightTensors},
            {"layer_classes", r.layerClasses},
            {"nested_models", r.nestedModels},
            {"unsupported", unsupported},
            {"quantization", r.quantization},
            {"baseline_int8", r.baselineInt8}};
}

ImportOptions importOptions(const CliArgs& args) {
    ImportOptions o;
    o.keepUnsupported = args.flag("--keep-unsupported");
    if (auto text = args.option("--input-shape")) {
        std::string error;
        o.inputShape = parseInputShapeText(*text, error); // checked first by inputShapeError
    }
    return o;
}

std::optional<std::string> inputShapeError(const CliArgs& args) {
    std::string error;
    if (auto text = args.option("--input-shape"); text && !parseInputShapeText(*text, error))
        return "--input-shape: " + error;
    return std::nullopt;
}

std::string loadErrorMessage(const Diagnostic& error) {
    std::string m = error.toString();
    if (auto at = m.find(kUnsupportedStopsImport); at != std::string::npos)
        m.insert(at + std::string_view(kUnsupportedStopsImport).size() - 1, ": --keep-unsupported");
    return m;
}

std::optional<PreparedModel> prepareModel(const CliArgs& args, std::ostream& err) {
    if (args.positionals.empty()) {
        printError(err, args.command + ": missing MODEL (a zoo name or a network file)");
        return std::nullopt;
    }
    if (args.positionals.size() > 1) {
        printError(err, args.command + ": unexpected argument '" + args.positionals[1] + "'");
        return std::nullopt;
    }
    PreparedModel m;
    m.spec = args.positionals.front();
    if (!readNumberOption(args, "--prune", 0.0, 0.95, "", err, m.prune))
        return std::nullopt;
    if (auto e = inputShapeError(args)) {
        printError(err, args.command + ": " + *e);
        return std::nullopt;
    }
    ModelLoadResult loaded = loadModel(m.spec, importOptions(args));
    if (const Diagnostic* e = firstError(loaded.diagnostics); e || !loaded.network) {
        printError(err, e ? loadErrorMessage(*e) : m.spec + ": cannot be read");
        return std::nullopt;
    }
    m.diagnostics = loaded.diagnostics;
    m.import = loaded.import;
    m.network = std::move(*loaded.network);
    if (m.prune > 0.0) {
        PruneSpec spec;
        spec.rate = m.prune;
        PruneResult pruned = prune(m.network, spec);
        if (const Diagnostic* e = firstError(pruned.diagnostics)) {
            printError(err, m.spec + ": " + e->toString());
            return std::nullopt;
        }
        m.network = std::move(pruned.network);
        m.diagnostics.insert(m.diagnostics.end(), pruned.diagnostics.begin(),
                             pruned.diagnostics.end());
    }
    m.analysis = analyze(m.network);
    if (const Diagnostic* e = firstError(m.analysis.diagnostics)) {
        printError(err, m.spec + ": " + e->toString());
        return std::nullopt;
    }
    m.decomposition = decompose(m.network, m.analysis);
    m.diagnostics.insert(m.diagnostics.end(), m.analysis.diagnostics.begin(),
                         m.analysis.diagnostics.end());
    m.diagnostics.insert(m.diagnostics.end(), m.decomposition.diagnostics.begin(),
                         m.decomposition.diagnostics.end());
    return m;
}

bool readSweepConstraints(const CliArgs& args, Constraints& c, std::ostream& err) {
    struct Limit {
        const char* option;
        std::optional<double>* dest;
        double max;
    };
    for (auto [option, dest, max] : {Limit{"--max-latency-ms", &c.maxLatencyMs, 1e12},
                                     Limit{"--max-energy-mj", &c.maxEnergyMj, 1e12},
                                     Limit{"--max-power-mw", &c.maxPowerMw, 1e12}})
        if (!readNumberOption(args, option, 0.0, max, "sweep", err, *dest))
            return false;
    for (auto [option, dest] : {std::pair{"--ram-reserve-kib", &c.ramReserveKib},
                                std::pair{"--flash-reserve-kib", &c.flashReserveKib}})
        if (!readNumberOption(args, option, 0.0, 1e9, "sweep", err, *dest))
            return false;
    return true;
}

} // namespace zipcnn::cli
