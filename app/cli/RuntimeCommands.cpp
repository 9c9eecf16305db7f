// SPDX-License-Identifier: GPL-3.0-or-later
// `runtimes`, `estimate --runtime`, `calibrate --runtimes` and the runtime part of `validate`:
// deployment runtimes x MCU catalogue (docs/runtimes.md, docs/mcu-catalogue.md).
#include "RuntimeCommands.h"

#include "CliCommands.h"
#include "CliModel.h"
#include "DeviceOptions.h"
#include "TextTable.h"
#include "analysis/Pruning.h"
#include "base/AtomicFile.h"
#include "base/HumanUnits.h"
#include "base/JoinList.h"
#include "calibration/BenchmarkData.h"
#include "calibration/RuntimeValidation.h"
#include "cost/CostTarget.h"
#include "cost/Lowering.h"
#include "cost/RuntimeCostModel.h"
#include "cost/Sweep.h"
#include "explore/EstimateConfidence.h"
#include "explore/Targets.h"
#include "import/ModelLoader.h"
#include "io/UserMcuStore.h"
#include "io/UserProfileFile.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace zipcnn::cli {

using nlohmann::json;

McuFactsCatalog loadMcuFacts() {
    McuFactsCatalog facts = loadMcuFactsCatalog(defaultDataDirs(exeDir(), "mcus"));
    // The user's MCUs after the shipped ones, and the current lines of their calibrations.
    addUserMcus(facts, userMcuDir());
    addUserProfiles(nullptr, &facts, userProfileDir());
    return facts;
}

McuFactsCatalog loadShippedMcuFacts() {
    return loadMcuFactsCatalog(defaultDataDirs(exeDir(), "mcus"));
}

std::string canonicalMcuName(const std::string& name) {
    const McuFactsCatalog facts = loadMcuFacts();
    const McuFacts* m = facts.find(name);
    return m ? m->name : name;
}

RuntimeCatalog loadRuntimes() {
    RuntimeCatalog rts = loadRuntimeCatalog(defaultDataDirs(exeDir(), "runtimes"));
    addUserProfiles(&rts, nullptr, userProfileDir());
    return rts;
}

namespace {

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

std::string runtimesFor(const RuntimeCatalog& rts, const std::string& family) {
    std::vector<std::string> ids;
    for (const auto& r : rts.runtimes)
        if (r.costsFor(family))
            ids.push_back(r.id);
    return ids.empty() ? "none" : joinList(ids);
}

std::string mcuNames(const McuFactsCatalog& facts) {
    std::vector<std::string> n;
    for (const auto& m : facts.mcus)
        n.push_back(m.name);
    return joinList(n);
}

/// What the runtime calibration and its validation run on: the benchmark data and the shipped
/// catalogues only (the user's MCUs and calibrations never enter shipped files; they are checked
/// by their own calibration, `calibrate --user`).
struct ShippedBenchmark {
    BenchmarkData data;
    McuFactsCatalog facts;
    RuntimeCatalog runtimes;
};

/// The benchmark CSV at `path` with the shipped catalogues; nullopt after "<command>: <first
/// error>" on `err` when the CSV has errors.
std::optional<ShippedBenchmark>
readShippedBenchmark(const std::string& path, const std::string& command, std::ostream& err) {
    ShippedBenchmark b;
    b.data = loadBenchmarkCsv(path);
    if (const Diagnostic* e = firstError(b.data.diagnostics)) {
        printError(err, command + ": " + e->toString());
        return std::nullopt;
    }
    b.facts = loadShippedMcuFacts();
    b.runtimes = loadRuntimeCatalog(defaultDataDirs(exeDir(), "runtimes"));
    return b;
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
                if (!k.mcu.empty())
                    f["user_mcu"] = k.mcu; // the user's calibration of this MCU only
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
        t.addRow({r.id + (r.aliases.empty() ? "" : " (" + joinList(r.aliases) + ")"), r.version,
                  r.isThesisLut() ? "cortex-m4, cortex-m7 (3 boards)" : joinList(r.coreFamilies()),
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
                            " (thesis-c runs on: " + joinList(boards) + ")");
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
    const KernelCosts* costs = rt->costsFor(mcu->coreFamily, mcu->name);
    if (!costs) {
        printError(err, "estimate: runtime '" + rt->id + "' has no cost data for " +
                            mcu->coreFamily + " (MCU " + mcu->name + "; it covers " +
                            joinList(rt->coreFamilies()) + "; runtimes for " + mcu->coreFamily +
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
        auto parsed = dtypeOption(*d, err, "estimate");
        if (!parsed)
            return 2;
        dtype = *parsed;
    }
    if (std::find(rt->dtypes.begin(), rt->dtypes.end(), std::string(dtypeName(dtype))) ==
        rt->dtypes.end()) {
        printError(err, "estimate: runtime '" + rt->id + "' runs " + joinList(rt->dtypes) +
                            " only (its calibration data), not " + std::string(dtypeName(dtype)));
        return 2;
    }
    double voltage = 0.0;
    if (!readNumberOption(args, "--voltage", 0.5, 6.0, "estimate", err, voltage))
        return 2;
    std::vector<double> freqs = runtimeClocks(*mcu);
    std::optional<DeviceModel> device;
    std::optional<PreparedModel> m;
    if (const int code = readEstimateInputs(args, err, freqs, device, m))
        return code;
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
    std::optional<DeviceRun> deviceRun;
    if (device) {
        std::vector<EstimatePointInput> inputs;
        for (const auto& p : points)
            inputs.push_back({p.freqMhz, p.latencyMs, p.currentMa, p.energyJ});
        deviceRun =
            runDevice(*device, sleepFigure(*device, mcu),
                      points.empty() ? mcu->nominalV : points.front().voltageV, std::move(inputs));
    }
    // Basis and expected error (docs/runtimes.md, "expected error").
    const auto& cal = costs->calibration;
    const TargetConfidence confidence = runtimeConfidence(*rt, *costs, *mcu);
    const bool calibratedHere = confidence.basis == McuBasis::Benchmark;
    const std::string basis = mcuBasisName(confidence.basis);
    const std::string& expectedHow = confidence.how;
    // Flash as today (weights + code); RAM by the runtime's activation planner.
    CostVariant v = costVariant(m->network, m->analysis, m->decomposition,
                                std::string(dtypeName(dtype)), dtype, m->prune);
    // This network's expected error: the target's, widened for layers no benchmark validated.
    v.runtimes.push_back(lowerVariant(v, m->network, m->analysis, *rt));
    EstimateConfidence networkConfidence;
    networkConfidence.target = confidence;
    networkConfidence.expectedErrorPct = confidence.expectedErrorPct;
    if (const auto target = runtimeTarget(*mcu, *rt); target && !freqs.empty())
        networkConfidence = estimateConfidence(v, *target, freqs.back());
    const std::optional<double> expected = networkConfidence.expectedErrorPct;
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
        json j = {
            {"model", m->spec},
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
            {"mcu_basis",
             lut ? "measured"
                 : (calibratedHere ? "benchmark" : (mcu->user ? "datasheet (user)" : "datasheet"))},
            {"expected_error_pct", expected ? json(*expected) : json()},
            {"expected_error_basis", expectedHow},
            {"target_expected_error_pct",
             confidence.expectedErrorPct ? json(*confidence.expectedErrorPct) : json()},
            {"unvalidated_share_pct", networkConfidence.unvalidatedSharePct},
            {"unvalidated_layers", networkConfidence.unvalidated},
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
        if (deviceRun)
            addDeviceJson(j, *deviceRun);
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
    TextTable t({"clock MHz", "wait states", "latency", "current mA", "power", "energy"});
    // People read these (docs/user-guide.md, "units"); --json and --csv keep fixed units.
    for (const auto& p : points)
        t.addRow({num(p.freqMhz), p.waitStatesKnown ? std::to_string(p.waitStates) : "?",
                  humanDuration(p.latencyMs), p.currentMa ? significant(*p.currentMa) : "-",
                  p.currentMa ? humanPower(p.powerW) : "-",
                  p.currentMa ? humanEnergy(p.energyJ) : "-"});
    t.print(out);
    if (networkConfidence.unvalidatedSharePct > 0.0)
        out << "note: " << num(networkConfidence.unvalidatedSharePct, 3)
            << " % of the cycles are in layers no benchmark validated ("
            << joinList(networkConfidence.unvalidated)
            << "); the expected error counts them at +/-50 %\n";
    for (const auto& n : notes)
        out << "note: " << n << "\n";
    if (deviceRun)
        printDeviceRun(out, *deviceRun);
    return 0;
}

int runCalibrateRuntimes(const CliArgs& args, std::ostream& out, std::ostream& err) {
    const std::string path =
        args.positionals.empty() ? shippedBenchmarkFile(exeDir()) : args.positionals.front();
    if (path.empty()) {
        printError(err, "calibrate: no benchmark data found (give a CSV file)");
        return 1;
    }
    const std::optional<ShippedBenchmark> bench = readShippedBenchmark(path, "calibrate", err);
    if (!bench)
        return 1;
    const RuntimeCatalog& rts = bench->runtimes;
    printLoadProblems(rts.diagnostics, err);
    json report = json::array();
    for (const auto& r : rts.runtimes) {
        if (r.isThesisLut())
            continue;
        RuntimeCalibrationResult res = calibrateRuntime(r, bench->data, bench->facts);
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
    const std::optional<ShippedBenchmark> bench = readShippedBenchmark(path, "validate", err);
    if (!bench)
        return 1;
    const RuntimeCatalog& rts = bench->runtimes;
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
        const RuntimeCalibrationResult res = calibrateRuntime(r, bench->data, bench->facts);
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
