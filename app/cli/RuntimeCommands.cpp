// SPDX-License-Identifier: GPL-3.0-or-later
// `runtimes`, `estimate --runtime`, `calibrate --runtimes` and the runtime part of `validate`:
// deployment runtimes x MCU catalogue (docs/runtimes.md, docs/mcu-catalogue.md).
#include "RuntimeCommands.h"

#include "CliCommands.h"
#include "CliModel.h"
#include "TextTable.h"
#include "analysis/Pruning.h"
#include "base/AtomicFile.h"
#include "calibration/BenchmarkData.h"
#include "calibration/RuntimeValidation.h"
#include "cost/Lowering.h"
#include "cost/RuntimeCostModel.h"
#include "cost/Sweep.h"
#include "import/ModelLoader.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace zipcnn::cli {

using nlohmann::json;

McuFactsCatalog loadMcuFacts() {
    return loadMcuFactsCatalog(defaultDataDirs(exeDir(), "mcus"));
}

std::string canonicalMcuName(const std::string& name) {
    const McuFactsCatalog facts = loadMcuFacts();
    const McuFacts* m = facts.find(name);
    return m ? m->name : name;
}

RuntimeCatalog loadRuntimes() {
    return loadRuntimeCatalog(defaultDataDirs(exeDir(), "runtimes"));
}

namespace {

std::string num(double v, int precision = 4) {
    std::ostringstream s;
    s << std::setprecision(precision) << v;
    return s.str();
}

std::string pct(const std::optional<ErrorSummary>& s, bool median = true) {
    if (!s)
        return "-";
    std::ostringstream o;
    o << std::fixed << std::setprecision(1);
    if (median && s->medianPct)
        o << *s->medianPct;
    else
        o << s->meanPct;
    return o.str();
}

/// The single number of the `runtimes` contract: the median, or the mean where only it exists.
json headline(const std::optional<ErrorSummary>& s) {
    if (!s)
        return nullptr;
    const double v = s->medianPct ? *s->medianPct : s->meanPct;
    return std::round(v * 100) / 100;
}

json calibrationJson(const RuntimeCalibration& c) {
    const bool median = !c.inSample || c.inSample->medianPct.has_value();
    return {{"points", c.points},
            {"statistic", median ? "median" : "mean"},
            {"latency_error_pct",
             {{"in_sample", headline(c.inSample)},
              {"leave_one_model_out", headline(c.leaveOneModelOut)},
              {"leave_one_board_out", headline(c.leaveOneBoardOut)}}},
            {"latency_error_detail",
             {{"in_sample", errorSummaryToJson(c.inSample)},
              {"leave_one_model_out", errorSummaryToJson(c.leaveOneModelOut)},
              {"leave_one_board_out", errorSummaryToJson(c.leaveOneBoardOut)}}},
            {"energy_error_pct", {{"in_sample", headline(c.energyInSample)}}},
            {"boards", c.boards},
            {"mcus", c.mcus},
            {"notes", c.notes}};
}

void printLoadProblems(const Diagnostics& diags, std::ostream& err) {
    for (const auto& d : diags)
        if (d.severity != Severity::Info)
            err << "zipcnn-cli: warning: " << d.toString() << "\n";
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v)
        s += (s.empty() ? "" : ", ") + x;
    return s;
}

/// Runtime estimates' clocks when none is given: the top clock of each flash wait-state band
/// (where the latency steps), or a quarter, half and the whole of the maximum clock.
std::vector<double> defaultClocks(const McuFacts& m) {
    std::vector<double> f;
    for (const auto& s : m.waitStates)
        if (s.maxMhz >= m.freqMinMhz && s.maxMhz <= m.freqMaxMhz)
            f.push_back(s.maxMhz);
    if (f.empty())
        f = {m.freqMaxMhz / 4, m.freqMaxMhz / 2, m.freqMaxMhz};
    if (f.back() < m.freqMaxMhz)
        f.push_back(m.freqMaxMhz);
    return f;
}

/// The default runtime of an MCU: the newest X-CUBE-AI on STM32 parts, TFLM + CMSIS-NN elsewhere,
/// else the first runtime that has data for the core family.
const RuntimeProfile* defaultRuntime(const RuntimeCatalog& rts, const McuFacts& m) {
    std::vector<const RuntimeProfile*> prefs;
    if (m.name.rfind("STM32", 0) == 0)
        prefs.push_back(rts.find("x-cube-ai"));
    prefs.push_back(rts.find("tflm-cmsis-nn"));
    for (const auto* r : prefs)
        if (r && r->costsFor(m.coreFamily))
            return r;
    for (const auto& r : rts.runtimes)
        if (!r.isThesisLut() && r.costsFor(m.coreFamily))
            return &r;
    return nullptr;
}

std::string runtimesFor(const RuntimeCatalog& rts, const std::string& family) {
    std::vector<std::string> ids;
    for (const auto& r : rts.runtimes)
        if (r.costsFor(family))
            ids.push_back(r.id);
    return ids.empty() ? "none" : joined(ids);
}

std::string mcuNames(const McuFactsCatalog& facts) {
    std::vector<std::string> n;
    for (const auto& m : facts.mcus)
        n.push_back(m.name);
    return joined(n);
}

} // namespace

void addThesisRuntimeKeys(json& j) {
    const RuntimeCatalog rts = loadRuntimes();
    j["runtime"] = "thesis-c";
    j["basis"] = "measured";
    const RuntimeProfile* t = rts.find("thesis-c");
    if (t && t->calibration && t->calibration->leaveOneModelOut)
        j["expected_error_pct"] = headline(t->calibration->leaveOneModelOut);
    else
        j["expected_error_pct"] = nullptr;
}

int runRuntimes(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (!args.positionals.empty()) {
        printError(err, "runtimes: unexpected argument '" + args.positionals.front() + "'");
        return 2;
    }
    const RuntimeCatalog rts = loadRuntimes();
    printLoadProblems(rts.diagnostics, err);
    if (args.flag("--json")) {
        json arr = json::array();
        for (const auto& r : rts.runtimes) {
            json e = {{"id", r.id},
                      {"name", r.name},
                      {"version", r.version},
                      {"aliases", r.aliases},
                      {"model", r.model},
                      {"dtypes", r.dtypes},
                      {"core_families", r.isThesisLut() ? json::array({"cortex-m4", "cortex-m7"})
                                                        : json(r.coreFamilies())},
                      {"lowering",
                       {{"fold_batchnorm", r.lowering.foldBatchNorm},
                        {"fuse_activation", r.lowering.fuseActivation},
                        {"fuse_padding", r.lowering.fusePadding},
                        {"in_place_elementwise", r.lowering.inPlaceElementwise},
                        {"planner", r.lowering.planner}}},
                      {"file", r.file}};
            e["calibration"] = r.calibration ? calibrationJson(*r.calibration) : json();
            json fams = json::array();
            for (const auto& k : r.costs) {
                json f = {{"core_family", k.coreFamily}};
                if (k.calibration)
                    f["calibration"] = calibrationJson(*k.calibration);
                fams.push_back(f);
            }
            e["by_core_family"] = fams;
            arr.push_back(e);
        }
        out << json{{"runtimes", arr}}.dump(2) << "\n";
        return 0;
    }
    TextTable t({"runtime", "version", "core families", "points", "in-sample %",
                 "leave model out %", "leave board out %"});
    for (const auto& r : rts.runtimes) {
        const auto& c = r.calibration;
        t.addRow({r.id + (r.aliases.empty() ? "" : " (" + joined(r.aliases) + ")"), r.version,
                  r.isThesisLut() ? "cortex-m4, cortex-m7 (3 boards)" : joined(r.coreFamilies()),
                  c ? std::to_string(c->points) : "-", c ? pct(c->inSample) : "-",
                  c ? pct(c->leaveOneModelOut) : "-", c ? pct(c->leaveOneBoardOut) : "-"});
    }
    t.print(out);
    out << "\nlatency error: median |estimate - measured| / measured (thesis-c: mean, the thesis "
           "validation); '-': the protocol cannot run (see 'validate')\n";
    return 0;
}

int runEstimateRuntime(const CliArgs& args, std::ostream& out, std::ostream& err) {
    const std::string mcuName = args.option("--mcu").value_or("");
    const McuFactsCatalog facts = loadMcuFacts();
    const RuntimeCatalog rts = loadRuntimes();
    const McuCatalog luts = loadCatalog();
    const McuProfile* lut = luts.find(mcuName);
    const McuFacts* mcu = facts.find(mcuName);
    if (!lut)
        if (const McuFacts* m = mcu)
            lut = luts.find(m->name);
    const RuntimeProfile* rt = nullptr;
    if (auto id = args.option("--runtime")) {
        rt = rts.find(*id);
        if (!rt) {
            printError(err,
                       "estimate: unknown runtime '" + *id + "' (valid: " + rts.idList() + ")");
            return 2;
        }
    }
    if (!mcu && !lut) {
        printError(err, "estimate: unknown MCU '" + mcuName + "' (valid: " + mcuNames(facts) + ")");
        return 2;
    }
    if (!rt && lut)
        return kUseThesisEstimate; // today's behaviour on the thesis boards
    if (rt && rt->isThesisLut()) {
        if (lut)
            return kUseThesisEstimate;
        std::vector<std::string> boards;
        for (const auto& m : luts.mcus)
            boards.push_back(m.name);
        printError(err, "estimate: runtime 'thesis-c' has no measured LUT for " + mcu->name +
                            " (thesis-c runs on: " + joined(boards) + ")");
        return 2;
    }
    if (!mcu) {
        printError(err, "estimate: MCU '" + mcuName + "' has a LUT but no catalogue entry");
        return 2;
    }
    if (!rt) {
        rt = defaultRuntime(rts, *mcu);
        if (!rt) {
            printError(err, "estimate: no runtime has cost data for " + mcu->coreFamily + " (MCU " +
                                mcu->name + ")");
            return 2;
        }
    }
    const KernelCosts* costs = rt->costsFor(mcu->coreFamily);
    if (!costs) {
        printError(err, "estimate: runtime '" + rt->id + "' has no cost data for " +
                            mcu->coreFamily + " (MCU " + mcu->name + "; it covers " +
                            joined(rt->coreFamilies()) + "; runtimes for " + mcu->coreFamily +
                            ": " + runtimesFor(rts, mcu->coreFamily) + ")");
        return 2;
    }
    if (args.flag("--breakdown")) {
        printError(err, "estimate: --breakdown is available for the thesis-c LUT model only, not "
                        "for runtime '" +
                            rt->id + "'");
        return 2;
    }
    DType dtype = DType::INT8;
    if (auto d = args.option("--dtype")) {
        auto parsed = dtypeFromName(*d);
        if (!parsed) {
            printError(err, "estimate: --dtype must be fp32 or int8, got '" + *d + "'");
            return 2;
        }
        dtype = *parsed;
    }
    if (std::find(rt->dtypes.begin(), rt->dtypes.end(), std::string(dtypeName(dtype))) ==
        rt->dtypes.end()) {
        printError(err, "estimate: runtime '" + rt->id + "' runs " + joined(rt->dtypes) +
                            " only (its calibration data), not " + std::string(dtypeName(dtype)));
        return 2;
    }
    double voltage = 0.0;
    if (auto v = args.option("--voltage")) {
        std::string error;
        auto x = parseNumber("--voltage", *v, 0.5, 6.0, error);
        if (!x) {
            printError(err, "estimate: " + error);
            return 2;
        }
        voltage = *x;
    }
    std::vector<double> freqs = defaultClocks(*mcu);
    if (args.options.count("--freq")) {
        freqs.clear();
        for (const auto& text : args.options.at("--freq")) {
            std::string error;
            auto f = parseNumber("--freq", text, 1e-6, 1e6, error);
            if (!f) {
                printError(err, "estimate: " + error);
                return 2;
            }
            freqs.push_back(*f);
        }
    }
    auto m = prepareModel(args, err);
    if (!m)
        return 1;
    const LoweredGraph g =
        lowerNetwork(m->network, m->analysis, rt->lowering, rt->unsupportedLayers, rt->id);
    if (const Diagnostic* e = firstError(g.diagnostics)) {
        printError(err, "estimate: " + m->spec + ": " + e->message);
        return 2;
    }
    const RuntimeFeatures features = g.features();
    std::vector<RuntimePoint> points;
    for (double f : freqs) {
        RuntimePoint p = estimateRuntimePoint(features, *costs, *mcu, f, voltage);
        if (!p.ok) {
            printError(err, "estimate: " + p.why);
            return 2;
        }
        points.push_back(p);
    }
    // Basis and expected error (docs/runtimes.md, "expected error").
    const auto& cal = costs->calibration;
    const bool calibratedHere =
        cal && std::find(cal->mcus.begin(), cal->mcus.end(), mcu->name) != cal->mcus.end();
    const std::string basis = calibratedHere ? "benchmark" : "datasheet";
    std::optional<double> expected;
    std::string expectedHow;
    if (cal) {
        const auto& cv = cal->leaveOneModelOut ? cal->leaveOneModelOut : cal->inSample;
        double base = cv && cv->medianPct ? *cv->medianPct : (cv ? cv->meanPct : 0.0);
        expectedHow = cal->leaveOneModelOut
                          ? "leave-one-model-out median of " + rt->id + " on " + mcu->coreFamily
                          : "in-sample median (no cross-validation possible)";
        if (!calibratedHere) {
            if (cal->leaveOneBoardOut && cal->leaveOneBoardOut->medianPct)
                base = std::max(base, *cal->leaveOneBoardOut->medianPct);
            base *= 1.5;
            expectedHow +=
                ", x1.5: this MCU is not among the calibration boards (" + joined(cal->mcus) + ")";
        }
        expected = std::round(base * 10) / 10;
    }
    // Flash as today (weights + code); RAM by the runtime's activation planner.
    const CostVariant v = costVariant(m->network, m->analysis, m->decomposition,
                                      std::string(dtypeName(dtype)), dtype, m->prune);
    const RuntimeRam ram = runtimeRam(m->network, m->analysis, dtype, *rt, v.ramBytes);
    std::vector<std::string> notes;
    if (mcu->waitStates.empty())
        notes.push_back("no flash wait-state table for " + mcu->name +
                        ": flash stalls of dense weights are not counted");
    if (!mcu->hasCache)
        notes.push_back(
            "no cache or flash accelerator known for " + mcu->name +
            ": code-fetch wait states are assumed hidden, as on the calibration boards");
    if (!mcu->current)
        notes.push_back("no current model for " + mcu->name + ": no power or energy estimate");
    else if (mcu->current->basis == McuBasis::Datasheet)
        notes.push_back("current from the datasheet headline (" + num(mcu->current->uaPerMhz) +
                        " uA/MHz): measured inference currents of the benchmark and thesis boards "
                        "are 0.97-3x their headline figure");
    if (args.flag("--json")) {
        json j = {{"model", m->spec},
                  {"mcu", mcu->name},
                  {"dtype", dtypeName(dtype)},
                  {"prune", m->prune},
                  {"flash_bytes", v.flashBytes},
                  {"ram_bytes", ram.bytes},
                  {"ram_basis", ram.basis},
                  {"calibrated", cal.has_value()},
                  {"runtime", rt->id},
                  {"runtime_version", rt->version},
                  {"core_family", mcu->coreFamily},
                  {"basis", basis},
                  {"mcu_basis", lut ? "measured" : (calibratedHere ? "benchmark" : "datasheet")},
                  {"expected_error_pct", expected ? json(*expected) : json()},
                  {"expected_error_basis", expectedHow},
                  {"voltage_v", points.empty() ? mcu->nominalV : points.front().voltageV},
                  {"folded_layers", g.folded},
                  {"notes", notes}};
        j["points"] = json::array();
        for (const auto& p : points)
            j["points"].push_back(
                {{"freq_mhz", p.freqMhz},
                 {"latency_ms", p.latencyMs},
                 {"current_ma", p.currentMa ? json(*p.currentMa) : json()},
                 {"power_w", p.currentMa ? json(p.powerW) : json()},
                 {"energy_j", p.currentMa ? json(p.energyJ) : json()},
                 {"interpolated", false},
                 {"cycles", p.cycles},
                 {"flash_wait_states", p.waitStatesKnown ? json(p.waitStates) : json()},
                 {"flash_stall_cycles", p.stallCycles}});
        j["diagnostics"] = diagnosticsToJson(g.diagnostics);
        out << j.dump(2) << "\n";
        return 0;
    }
    if (args.flag("--csv")) {
        out << "freq_mhz,latency_ms,current_ma,power_w,energy_j,interpolated\n"
            << std::setprecision(10);
        for (const auto& p : points)
            out << p.freqMhz << "," << p.latencyMs << ","
                << (p.currentMa ? std::to_string(*p.currentMa) : "") << ","
                << (p.currentMa ? std::to_string(p.powerW) : "") << ","
                << (p.currentMa ? std::to_string(p.energyJ) : "") << ",false\n";
        return 0;
    }
    out << m->spec << " on " << mcu->name << " (" << mcu->coreFamily << ") under " << rt->id << " "
        << rt->version << ", " << dtypeName(dtype) << "\n"
        << "basis " << basis << ", expected latency error "
        << (expected ? num(*expected, 3) + " % (" + expectedHow + ")" : std::string("unknown"))
        << "\nFlash " << withThousands(v.flashBytes) << " B, RAM " << withThousands(ram.bytes)
        << " B (" << ram.basis << ")\n\n";
    TextTable t({"clock MHz", "wait states", "latency ms", "current mA", "power mW", "energy mJ"});
    for (const auto& p : points)
        t.addRow({num(p.freqMhz), p.waitStatesKnown ? std::to_string(p.waitStates) : "?",
                  num(p.latencyMs), p.currentMa ? num(*p.currentMa) : "-",
                  p.currentMa ? num(p.powerW * 1e3) : "-",
                  p.currentMa ? num(p.energyJ * 1e3) : "-"});
    t.print(out);
    for (const auto& n : notes)
        out << "note: " << n << "\n";
    return 0;
}

int runSweepRuntime(const CliArgs& args, std::ostream& out, std::ostream& err) {
    const auto& ids = args.options.at("--runtime");
    const RuntimeCatalog rts = loadRuntimes();
    std::vector<const RuntimeProfile*> selected;
    for (const auto& id : ids) {
        const RuntimeProfile* r = rts.find(id);
        if (!r) {
            printError(err, "sweep: unknown runtime '" + id + "' (valid: " + rts.idList() + ")");
            return 2;
        }
        if (r->isThesisLut()) {
            if (ids.size() == 1)
                return kUseThesisEstimate;
            printError(err, "sweep: thesis-c sweeps alone (its LUT model has its own clocks); "
                            "give the other runtimes in a second run");
            return 2;
        }
        selected.push_back(r);
    }
    if (args.positionals.size() != 1) {
        printError(err, "sweep: expected one MODEL");
        return 2;
    }
    if (args.options.count("--dtype"))
        for (const auto& d : args.options.at("--dtype"))
            if (d != "int8") {
                printError(err, "sweep: the runtime profiles run int8 only, got --dtype " + d);
                return 2;
            }
    const McuFactsCatalog facts = loadMcuFacts();
    std::vector<const McuFacts*> mcus;
    if (args.options.count("--mcu")) {
        for (const auto& n : args.options.at("--mcu")) {
            const McuFacts* m = facts.find(n);
            if (!m) {
                printError(err, "sweep: unknown MCU '" + n + "' (valid: " + mcuNames(facts) + ")");
                return 2;
            }
            mcus.push_back(m);
        }
    } else {
        for (const auto& m : facts.mcus)
            mcus.push_back(&m);
    }
    Constraints c;
    if (!readSweepConstraints(args, c, err))
        return 2;
    NetworkLoadResult loaded = loadModel(args.positionals.front(), importOptions(args));
    if (!loaded.network || hasErrors(loaded.diagnostics)) {
        const Diagnostic* e = firstError(loaded.diagnostics);
        printError(err, "sweep: " + (e ? loadErrorMessage(*e)
                                       : args.positionals.front() + ": cannot be read"));
        return 1;
    }
    std::vector<double> prunes{0.0};
    if (args.options.count("--prune")) {
        prunes.clear();
        for (const auto& t : args.options.at("--prune")) {
            std::string error;
            auto r = parseNumber("--prune", t, 0.0, 0.95, error);
            if (!r) {
                printError(err, "sweep: " + error);
                return 2;
            }
            prunes.push_back(*r);
        }
    }
    json points = json::array(), summary = json::array();
    TextTable t({"variant", "MCU", "runtime", "Flash KiB", "RAM KiB", "feasible clocks MHz",
                 "min-energy MHz", "latency ms at max clock"});
    for (double prune : prunes) {
        const std::string vname =
            "int8" + (prune > 0 ? "-prune" + num(prune * 100, 3) : std::string());
        const CostVariant v = prepareVariant(*loaded.network, vname, DType::INT8, prune);
        for (const RuntimeProfile* rt : selected) {
            if (!v.usable() && v.plan.items.empty())
                continue;
            // The network as the variant costs it (pruned when asked).
            const Network net =
                prune > 0.0 ? zipcnn::prune(*loaded.network, PruneSpec{prune, {}, false}).network
                            : *loaded.network;
            const LoweredGraph g =
                lowerNetwork(net, analyze(net), rt->lowering, rt->unsupportedLayers, rt->id);
            if (const Diagnostic* e = firstError(g.diagnostics)) {
                printError(err, "sweep: " + e->message);
                return 2;
            }
            const RuntimeFeatures f = g.features();
            const std::int64_t ramBytes =
                runtimeRam(net, analyze(net), DType::INT8, *rt, v.ramBytes).bytes;
            for (const McuFacts* m : mcus) {
                const KernelCosts* k = rt->costsFor(m->coreFamily);
                if (!k)
                    continue; // no data for this core family: not a candidate
                std::vector<double> feasible;
                std::optional<double> bestF;
                double bestE = 0.0, topLatency = 0.0;
                const double flashLimit = (m->flashKib - c.flashReserveKib) * 1024.0;
                const double ramLimit = (m->sramKib - c.ramReserveKib) * 1024.0;
                for (double fr : defaultClocks(*m)) {
                    const RuntimePoint p = estimateRuntimePoint(f, *k, *m, fr);
                    if (!p.ok)
                        continue;
                    json viol = json::array();
                    auto check = [&](const char* name, double value, std::optional<double> limit) {
                        if (limit && value > *limit)
                            viol.push_back({{"constraint", name},
                                            {"value", value},
                                            {"limit", *limit},
                                            {"excess_pct", 100.0 * (value / *limit - 1.0)}});
                    };
                    check("latency", p.latencyMs, c.maxLatencyMs);
                    if (p.currentMa) {
                        check("energy", p.energyJ * 1e3, c.maxEnergyMj);
                        check("power", p.powerW * 1e3, c.maxPowerMw);
                    }
                    check("flash", v.flashBytes / 1024.0,
                          m->flashKib > 0 ? std::optional<double>(flashLimit / 1024.0)
                                          : std::nullopt);
                    check("ram", ramBytes / 1024.0, ramLimit / 1024.0);
                    const bool ok = viol.empty();
                    if (ok)
                        feasible.push_back(fr);
                    if (p.currentMa && ok && (!bestF || p.energyJ < bestE)) {
                        bestF = fr;
                        bestE = p.energyJ;
                    }
                    topLatency = p.latencyMs;
                    points.push_back({{"variant", vname},
                                      {"mcu", m->name},
                                      {"runtime", rt->id},
                                      {"freq_mhz", fr},
                                      {"latency_ms", p.latencyMs},
                                      {"current_ma", p.currentMa ? json(*p.currentMa) : json()},
                                      {"power_w", p.currentMa ? json(p.powerW) : json()},
                                      {"energy_j", p.currentMa ? json(p.energyJ) : json()},
                                      {"interpolated", false},
                                      {"feasible", ok},
                                      {"violations", viol}});
                }
                std::string clocks;
                for (double fr : feasible)
                    clocks += (clocks.empty() ? "" : " ") + num(fr);
                summary.push_back({{"variant", vname},
                                   {"mcu", m->name},
                                   {"runtime", rt->id},
                                   {"feasible", !feasible.empty()},
                                   {"feasible_freqs_mhz", feasible},
                                   {"min_energy_freq_mhz", bestF ? json(*bestF) : json()},
                                   {"min_energy_j", bestF ? json(bestE) : json()}});
                t.addRow({vname, m->name, rt->id, num(v.flashBytes / 1024.0),
                          num(ramBytes / 1024.0), clocks.empty() ? "none" : clocks,
                          bestF ? num(*bestF) : "-", num(topLatency)});
            }
        }
    }
    if (args.flag("--json")) {
        json ids = json::array();
        for (const auto* r : selected)
            ids.push_back(r->id);
        out << json{{"model", args.positionals.front()},
                    {"runtimes", ids},
                    {"points", points},
                    {"summary", summary}}
                   .dump(2)
            << "\n";
        return 0;
    }
    t.print(out);
    out << "\nclocks: the top of each flash wait-state band; Flash and RAM by the thesis rule "
           "(the runtime's arena planner is core/analysis/ArenaPlanner)\n";
    return 0;
}

int runCalibrateRuntimes(const CliArgs& args, std::ostream& out, std::ostream& err) {
    const std::string path =
        args.positionals.empty() ? shippedBenchmarkFile(exeDir()) : args.positionals.front();
    if (path.empty()) {
        printError(err, "calibrate: no benchmark data found (give a CSV file)");
        return 1;
    }
    const BenchmarkData data = loadBenchmarkCsv(path);
    if (const Diagnostic* e = firstError(data.diagnostics)) {
        printError(err, "calibrate: " + e->toString());
        return 1;
    }
    const McuFactsCatalog facts = loadMcuFacts();
    const RuntimeCatalog rts = loadRuntimes();
    printLoadProblems(rts.diagnostics, err);
    json report = json::array();
    for (const auto& r : rts.runtimes) {
        if (r.isThesisLut())
            continue;
        RuntimeCalibrationResult res = calibrateRuntime(r, data, facts);
        printLoadProblems(res.diagnostics, err);
        std::string dest = r.file;
        if (auto dir = args.option("--out-dir"))
            dest = (std::filesystem::path(*dir) / (r.id + ".json")).string();
        std::string error;
        if (!writeFileAtomically(dest, runtimeToJson(res.profile).dump(2) + "\n", &error)) {
            printError(err, "calibrate: cannot write " + dest + ": " + error);
            return 1;
        }
        if (args.flag("--json")) {
            report.push_back(
                {{"runtime", r.id},
                 {"file", dest},
                 {"calibration",
                  res.profile.calibration ? calibrationJson(*res.profile.calibration) : json()}});
            continue;
        }
        out << r.id << " -> " << dest << " (" << res.selection.points.size() << " points, "
            << res.selection.excluded.size() << " rows left out)\n";
        for (const auto& k : res.profile.costs)
            out << "  " << k.coreFamily << ": conv " << num(k.convCyclesPerMac)
                << " cycles/MAC, fc " << num(k.fcCyclesPerMac) << " cycles/MAC, "
                << num(k.outputCyclesPerElement) << " cycles/element\n";
    }
    if (args.flag("--json"))
        out << report.dump(2) << "\n";
    return 0;
}

int printRuntimeValidation(const CliArgs& args, std::ostream& out, std::ostream& err, json* j) {
    const std::string path = args.option("--benchmarks").value_or(shippedBenchmarkFile(exeDir()));
    if (path.empty()) {
        err << "zipcnn-cli: warning: no benchmark data: runtime validation skipped\n";
        return 0;
    }
    const BenchmarkData data = loadBenchmarkCsv(path);
    if (const Diagnostic* e = firstError(data.diagnostics)) {
        printError(err, "validate: " + e->toString());
        return 1;
    }
    const McuFactsCatalog facts = loadMcuFacts();
    const RuntimeCatalog rts = loadRuntimes();
    json rows = json::array();
    TextTable t({"runtime", "core", "boards", "N", "in-sample med/mean", "leave model out med/mean",
                 "leave board out med/mean", "energy N", "energy med/mean"});
    std::vector<std::string> notes;
    auto cell = [](const std::optional<ErrorSummary>& s) {
        return s ? pct(s) + " / " + pct(s, false) : std::string("-");
    };
    for (const auto& r : rts.runtimes) {
        if (r.isThesisLut())
            continue;
        const RuntimeCalibrationResult res = calibrateRuntime(r, data, facts);
        for (const auto& g : res.groups) {
            const auto& c = *g.costs.calibration;
            t.addRow({r.id, g.costs.coreFamily, std::to_string(c.boards.size()),
                      std::to_string(c.points), cell(c.inSample), cell(c.leaveOneModelOut),
                      cell(c.leaveOneBoardOut),
                      c.energyInSample ? std::to_string(c.energyInSample->points) : "0",
                      cell(c.energyInSample)});
            for (const auto& n : c.notes)
                notes.push_back(r.id + " " + g.costs.coreFamily + ": " + n);
            json row = calibrationJson(c);
            row["runtime"] = r.id;
            row["core_family"] = g.costs.coreFamily;
            rows.push_back(row);
        }
    }
    if (j) {
        *j = {{"data", path}, {"rows", rows}};
        return 0;
    }
    out << "runtime latency error on the MLPerf Tiny data (" << path
        << "), |estimate - measured| / measured in %, median / mean; every cross-validated figure "
           "comes from a refit without the left-out points\n";
    t.print(out);
    for (const auto& n : notes)
        out << "note: " << n << "\n";
    out << "\n";
    return 0;
}

} // namespace zipcnn::cli
