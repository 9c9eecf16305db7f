// SPDX-License-Identifier: GPL-3.0-or-later
// The commands that describe a network: models, inspect, primitives.
#include "CliCommands.h"
#include "CliModel.h"
#include "TextTable.h"
#include "model/ModelZoo.h"

#include <ostream>

namespace zipcnn::cli {

using nlohmann::json;

namespace {

bool noExtraPositionals(const CliArgs& args, std::ostream& err) {
    if (args.positionals.empty())
        return true;
    printError(err, args.command + ": unexpected argument '" + args.positionals.front() + "'");
    return false;
}

void printWarnings(const Diagnostics& diags, std::ostream& out) {
    for (const auto& d : diags)
        if (d.severity != Severity::Info)
            out << severityName(d.severity) << ": " << d.toString() << "\n";
}

void printImport(const ImportReport& r, std::ostream& out) {
    out << "imported by " << r.importer << ": " << r.format << "\n";
    out << "parameters: " << withThousands(r.graphParams) << " in the graph";
    if (r.unsupportedParams > 0)
        out << " + " << withThousands(r.unsupportedParams) << " in unsupported placeholders";
    if (r.nonWeightConstants > 0)
        out << " + " << withThousands(r.nonWeightConstants)
            << " stored constants that are not weights (shapes, bounds, quantisation)";
    // The formats with non-weight constants (ONNX) account for them too.
    const bool match = r.storedParams >= 0 &&
                       r.graphParams + r.unsupportedParams + r.nonWeightConstants == r.storedParams;
    if (r.storedParams >= 0)
        out << ", " << withThousands(r.storedParams) << " stored in " << r.weightTensors
            << " weight tensors" << (match ? " (match)" : " (MISMATCH)");
    out << "\n";
    if (!r.quantization.empty())
        out << "quantisation: " << r.quantization << "\n";
    for (const auto& u : r.unsupported)
        out << "unsupported: '" << u.name << "' (" << u.className << "), costed as zero\n";
}

/// Prints a model command's --json answer: `j`, with the import report of a model file and the
/// diagnostics added.
int printModelJson(nlohmann::json j, const PreparedModel& m, std::ostream& out) {
    if (m.import)
        j["import"] = importReportToJson(*m.import);
    j["diagnostics"] = diagnosticsToJson(m.diagnostics);
    out << j.dump(2) << "\n";
    return 0;
}

} // namespace

int runModels(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (!noExtraPositionals(args, err))
        return 2;
    if (args.flag("--json")) {
        json arr = json::array();
        for (const auto& e : zooEntries())
            arr.push_back({{"name", e.name}, {"description", e.description}, {"source", e.source}});
        out << arr.dump(2) << "\n";
        return 0;
    }
    for (const auto& n : zooModelNames())
        out << n << "\n";
    return 0;
}

int runInspect(const CliArgs& args, std::ostream& out, std::ostream& err) {
    auto m = prepareModel(args, err);
    if (!m)
        return 1;
    const auto& layers = m->network.layers();
    if (args.flag("--json")) {
        json j;
        j["model"] = m->spec;
        j["name"] = m->network.name();
        j["params"] = m->analysis.params;
        j["macs"] = m->analysis.macs;
        j["layers"] = json::array();
        for (auto i : m->analysis.order) {
            const auto& info = m->analysis.layers[i];
            j["layers"].push_back({{"name", layers[i].name},
                                   {"type", std::string(layerTypeName(layers[i].type))},
                                   {"inputs", layers[i].inputs},
                                   {"output_shape", info.outputShape.dims},
                                   {"params", info.params},
                                   {"macs", info.macs}});
        }
        return printModelJson(std::move(j), *m, out);
    }
    out << m->network.name() << " (" << m->spec << ")\n";
    if (m->import)
        printImport(*m->import, out);
    out << "\n";
    TextTable t({"layer", "type", "output", "params", "MACs"});
    for (auto i : m->analysis.order) {
        const auto& info = m->analysis.layers[i];
        t.addRow({layers[i].name, std::string(layerTypeName(layers[i].type)),
                  info.outputShape.toString(), withThousands(info.params),
                  withThousands(info.macs)});
    }
    t.print(out);
    out << "\n"
        << layers.size() << " layers, " << withThousands(m->analysis.params) << " parameters, "
        << withThousands(m->analysis.macs) << " MACs\n";
    printWarnings(m->diagnostics, out);
    return 0;
}

int runPrimitives(const CliArgs& args, std::ostream& out, std::ostream& err) {
    auto m = prepareModel(args, err);
    if (!m)
        return 1;
    const auto& totals = m->decomposition.totals;
    if (args.flag("--json")) {
        json j;
        j["model"] = m->spec;
        j["prune"] = m->prune;
        j["params"] = m->analysis.params;
        j["macs"] = m->analysis.macs;
        j["primitives"] = json::object();
        for (const auto& [id, n] : totals)
            j["primitives"][id] = n;
        return printModelJson(std::move(j), *m, out);
    }
    out << m->network.name() << " (" << m->spec << ")";
    if (m->prune > 0)
        out << ", pruned at " << m->prune * 100 << " %";
    out << "\n\n";
    TextTable t({"primitive", "applications"});
    for (const auto& [id, n] : totals)
        t.addRow({id, withThousands(n)});
    t.print(out);
    out << "\n"
        << withThousands(m->analysis.params) << " parameters, " << withThousands(m->analysis.macs)
        << " MACs\n";
    printWarnings(m->diagnostics, out);
    return 0;
}

} // namespace zipcnn::cli
