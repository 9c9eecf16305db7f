// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliModel.h"

#include "analysis/Pruning.h"
#include "import/ModelLoader.h"

#include <ostream>

namespace zipcnn::cli {

void printError(std::ostream& err, const std::string& message) {
    err << "zipcnn-cli: error: " << message << "\n";
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
            {"unsupported", unsupported}};
}

ImportOptions importOptions(const CliArgs& args) {
    ImportOptions o;
    o.keepUnsupported = args.flag("--keep-unsupported");
    return o;
}

std::string loadErrorMessage(const Diagnostic& error) {
    std::string m = error.toString();
    const std::string coreHint = "(keepUnsupported keeps them as zero-cost placeholders)";
    if (error.code == "keras-unsupported-layers") {
        if (auto at = m.rfind(coreHint); at != std::string::npos)
            m.erase(at);
        m += "(--keep-unsupported keeps them as zero-cost placeholders)";
    }
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
    if (auto p = args.option("--prune")) {
        std::string error;
        auto rate = parseNumber("--prune", *p, 0.0, 0.95, error);
        if (!rate) {
            printError(err, error);
            return std::nullopt;
        }
        m.prune = *rate;
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
                                     Limit{"--max-power-mw", &c.maxPowerMw, 1e12}}) {
        if (auto v = args.option(option)) {
            std::string error;
            auto x = parseNumber(option, *v, 0.0, max, error);
            if (!x) {
                printError(err, "sweep: " + error);
                return false;
            }
            *dest = *x;
        }
    }
    for (auto [option, dest] : {std::pair{"--ram-reserve-kib", &c.ramReserveKib},
                                std::pair{"--flash-reserve-kib", &c.flashReserveKib}}) {
        if (auto v = args.option(option)) {
            std::string error;
            auto x = parseNumber(option, *v, 0.0, 1e9, error);
            if (!x) {
                printError(err, "sweep: " + error);
                return false;
            }
            *dest = *x;
        }
    }
    return true;
}

} // namespace zipcnn::cli
