// SPDX-License-Identifier: GPL-3.0-or-later
// `memory`: Flash (weights + code) and RAM by the thesis rule and by the tensor planner.
#include "CliCommands.h"
#include "CliModel.h"
#include "TextTable.h"
#include "analysis/MemoryModel.h"
#include "analysis/MemoryPlanner.h"

#include <ostream>

namespace zipcnn::cli {

using nlohmann::json;

int runMemory(const CliArgs& args, std::ostream& out, std::ostream& err) {
    DType dtype = DType::FP32;
    if (auto d = args.option("--dtype")) {
        auto parsed = dtypeFromName(*d);
        if (!parsed) {
            printError(err, "--dtype: '" + *d + "' is not a format (expected fp32 or int8)");
            return 2;
        }
        dtype = *parsed;
    }
    auto m = prepareModel(args, err);
    if (!m)
        return 1;
    const FlashEstimate flash = estimateFlash(m->network, m->analysis, m->decomposition, dtype,
                                              defaultCodeSizeParams(dtype));
    const RamRuleEstimate rule = ramByThesisRule(m->network, m->analysis, dtype);
    const PlannerResult plan = planMemory(m->network, m->analysis, dtype);
    Diagnostics diags = m->diagnostics;
    for (const auto* extra : {&flash.diagnostics, &rule.diagnostics})
        diags.insert(diags.end(), extra->begin(), extra->end());

    if (args.flag("--json")) {
        json j;
        j["model"] = m->spec;
        j["dtype"] = std::string(dtypeName(dtype));
        j["prune"] = m->prune;
        j["flash_bytes"] = flash.flashBytes;
        j["weights_bytes"] = flash.weightsBytes;
        j["code_bytes"] = flash.codeBytes;
        j["code_parts"] = json::object();
        for (const auto& [part, bytes] : flash.codeParts)
            j["code_parts"][part] = bytes;
        json layers = json::array();
        for (const auto& l : rule.layers)
            layers.push_back({{"name", l.name},
                              {"in_elems", l.inElems},
                              {"out_elems", l.outElems},
                              {"bytes", l.bytes}});
        j["ram_rule"] = {
            {"peak_bytes", rule.peakBytes}, {"layer", rule.peakLayer}, {"layers", layers}};
        json profile = json::array();
        for (const auto& s : plan.profile)
            profile.push_back(
                {{"name", s.name}, {"live_bytes", s.liveBytes}, {"arena_bytes", s.arenaHighWater}});
        j["ram_planner"] = {{"peak_bytes", plan.peakBytes}, {"profile", profile}};
        j["diagnostics"] = diagnosticsToJson(diags);
        out << j.dump(2) << "\n";
        return 0;
    }
    out << m->network.name() << " (" << m->spec << "), " << dtypeName(dtype);
    if (m->prune > 0)
        out << ", pruned at " << m->prune * 100 << " %";
    out << "\n\nFlash " << withThousands(flash.flashBytes) << " B = weights "
        << withThousands(flash.weightsBytes) << " B + code " << withThousands(flash.codeBytes)
        << " B\n";
    for (const auto& [part, bytes] : flash.codeParts)
        out << "  code: " << part << " " << withThousands(bytes) << " B\n";
    out << "\nRAM (thesis rule): peak " << withThousands(rule.peakBytes) << " B at layer '"
        << rule.peakLayer << "'\n";
    TextTable t({"layer", "in", "out", "bytes"});
    for (const auto& l : rule.layers)
        t.addRow(
            {l.name, withThousands(l.inElems), withThousands(l.outElems), withThousands(l.bytes)});
    t.print(out);
    out << "\nRAM (tensor planner): arena " << withThousands(plan.peakBytes) << " B\n";
    TextTable p({"layer", "live bytes", "arena bytes"});
    for (const auto& s : plan.profile)
        p.addRow({s.name, withThousands(s.liveBytes), withThousands(s.arenaHighWater)});
    p.print(out);
    for (const auto& d : diags)
        if (d.severity != Severity::Info)
            out << severityName(d.severity) << ": " << d.toString() << "\n";
    return 0;
}

} // namespace zipcnn::cli
