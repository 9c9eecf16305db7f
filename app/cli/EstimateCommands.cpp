// SPDX-License-Identifier: GPL-3.0-or-later
// `estimate` and `sweep`: the cost of a network per MCU and clock, and the feasibility search.
#include "CliCommands.h"
#include "CliModel.h"
#include "DeviceOptions.h"
#include "RuntimeCommands.h"
#include "SweepTargets.h"
#include "TextTable.h"
#include "base/AtomicFile.h"
#include "base/HumanUnits.h"
#include "base/JsonReader.h"
#include "cost/Estimator.h"
#include "cost/Sweep.h"
#include "explore/Exploration.h"
#include "explore/Feasibility.h"
#include "explore/ProjectVariants.h"
#include "import/ModelLoader.h"
#include "import/OpenInput.h"
#include "io/ProjectJson.h"
#include "io/SweepExport.h"
#include "io/SweepHdf5.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace zipcnn::cli {

using nlohmann::json;

namespace {

/// The MCUs named by --mcu (all catalogued ones when `allWhenAbsent` and none is given).
void warnDiagnostics(const Diagnostics& diags, std::ostream& err) {
    for (const auto& d : diags)
        if (d.severity == Severity::Warning)
            err << "zipcnn-cli: warning: " << d.toString() << "\n";
}

json sharesToJson(const std::vector<CostShare>& shares) {
    json a = json::array();
    for (const auto& s : shares)
        a.push_back({{"name", s.name},
                     {"cycles", s.cycles},
                     {"latency_ms", s.latencyMs},
                     {"energy_j", s.energyJ}});
    return a;
}

std::string variantName(DType d, double prune) {
    std::string n(dtypeName(d));
    if (prune > 0.0)
        n += "-prune" + num(prune * 100.0, 3);
    return n;
}

/// The device part of `sweep`'s text: per cell, the clock of longest battery life beside the
/// least-energy clock, and the life at each.
void printSweepDevice(std::ostream& out, const Exploration& e) {
    const DeviceModel& d = *e.device;
    out << "\ndevice: one inference every " << withoutTrailingZeros(humanDuration(d.periodS * 1e3))
        << ", "
        << (d.supply.battery.preset.empty() ? significant(d.supply.battery.capacityMah) + " mAh"
                                            : d.supply.battery.preset)
        << (e.constraints.minBatteryLifeH
                ? ", battery life at least " + batteryLifeText(*e.constraints.minBatteryLifeH)
                : std::string())
        << "\n";
    TextTable t({"variant", "MCU", "runtime", "longest-life MHz", "battery life", "min-energy MHz",
                 "life there", "device"});
    for (const auto& c : e.sweep.cells) {
        auto lifeAt = [&](std::optional<double> f) -> std::string {
            if (!f)
                return "-";
            for (const auto& p : c.points)
                if (p.cost.freqMhz == *f && p.device && p.device->ok)
                    return batteryLifeText(p.device->batteryLifeH);
            return "-";
        };
        std::string why;
        for (const auto& x : c.failing)
            if (x.constraint == "period" || x.constraint == "battery")
                why += (why.empty() ? "no: " : ", ") + violationText(x);
        t.addRow({e.variant(c.variant).name, e.targets[c.mcu].mcu, e.targets[c.mcu].runtimeId(),
                  c.longestLifeFreqMhz ? formatQuantity(*c.longestLifeFreqMhz) : "-",
                  lifeAt(c.longestLifeFreqMhz),
                  c.minEnergyFreqMhz ? formatQuantity(*c.minEnergyFreqMhz) : "-",
                  lifeAt(c.minEnergyFreqMhz), why});
    }
    t.print(out);
}

} // namespace

int runEstimate(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (batteryHelpAsked(args)) {
        printBatteryHelp(out);
        return 0;
    }
    auto mcuName = args.option("--mcu");
    if (!mcuName) {
        printError(err, "estimate: --mcu NAME is required (see 'zipcnn-cli mcus')");
        return 2;
    }
    // Runtimes other than thesis-c, and MCUs without a measured LUT (docs/runtimes.md).
    if (int status = runEstimateRuntime(args, out, err); status != kUseThesisEstimate)
        return status;
    DType dtype = DType::FP32;
    if (auto d = args.option("--dtype")) {
        auto parsed = dtypeOption(*d, err, "estimate");
        if (!parsed)
            return 2;
        dtype = *parsed;
    }
    McuCatalog catalog = loadCatalog();
    const McuProfile* mcu = catalog.find(*mcuName);
    if (!mcu) // an alias of a thesis board ("STM32F746NG")
        mcu = catalog.find(canonicalMcuName(*mcuName));
    if (!mcu) {
        printError(err, "estimate: unknown MCU '" + *mcuName + "' (see 'zipcnn-cli mcus')");
        return 2;
    }
    std::vector<double> freqs = mcu->freqsMhz;
    std::optional<DeviceModel> device;
    std::optional<PreparedModel> m;
    if (const int code = readEstimateInputs(args, err, freqs, device, m))
        return code;
    // The model is already pruned, analysed and decomposed: cost it as it is.
    const CostVariant v = costVariant(m->network, m->analysis, m->decomposition,
                                      variantName(dtype, m->prune), dtype, m->prune);
    if (const Diagnostic* e = firstError(v.diagnostics)) {
        printError(err, "estimate: " + m->spec + ": " + e->toString());
        return 1;
    }
    warnDiagnostics(v.diagnostics, err);
    if (!mcu->calibration)
        err << "zipcnn-cli: warning: " << mcu->name
            << " has no calibration: uncalibrated op recipes (expect large errors)\n";
    double voltageScale = 1.0; // --voltage: the measured current at another supply voltage
    if (auto text = args.option("--voltage")) {
        std::string error;
        auto x = parseNumber("--voltage", *text, 0.5, 6.0, error);
        if (!x) {
            printError(err, "estimate: " + error);
            return 2;
        }
        voltageScale = *x / mcu->supplyV;
    }
    std::vector<CostBreakdown> points;
    for (double f : freqs) {
        CostBreakdown b = estimateBreakdown(v.plan, *mcu, dtype, f);
        if (!b.point.ok) {
            printError(err, "estimate: " + b.point.why);
            return 2;
        }
        b.point.powerW *= voltageScale;
        b.point.energyJ *= voltageScale;
        for (auto* shares : {&b.byLayer, &b.byPrimitive})
            for (auto& sh : *shares)
                sh.energyJ *= voltageScale;
        points.push_back(std::move(b));
    }
    std::optional<DeviceRun> deviceRun;
    if (device) {
        std::vector<EstimatePointInput> inputs;
        for (const auto& b : points)
            inputs.push_back(
                {b.point.freqMhz, b.point.latencyMs, b.point.currentMa, b.point.energyJ});
        const McuFactsCatalog facts = loadMcuFacts();
        deviceRun = runDevice(*device, sleepFigure(*device, facts.find(mcu->name)),
                              mcu->supplyV * voltageScale, std::move(inputs));
    }
    const bool breakdown = args.flag("--breakdown");
    if (args.flag("--json")) {
        json j = {{"model", m->spec},
                  {"mcu", mcu->name},
                  {"dtype", dtypeName(dtype)},
                  {"prune", m->prune},
                  {"flash_bytes", v.flashBytes},
                  {"ram_bytes", v.ramBytes},
                  {"calibrated", mcu->calibration.has_value()}};
        addThesisRuntimeKeys(j);
        j["points"] = json::array();
        for (const auto& b : points) {
            json p = costPointJson(b.point);
            if (breakdown) {
                p["layers"] = sharesToJson(b.byLayer);
                p["primitives"] = sharesToJson(b.byPrimitive);
            }
            j["points"].push_back(p);
        }
        if (deviceRun)
            addDeviceJson(j, *deviceRun);
        j["diagnostics"] = diagnosticsToJson(v.diagnostics);
        out << j.dump(2) << "\n";
        return 0;
    }
    if (args.flag("--csv")) {
        out << "freq_mhz,latency_ms,current_ma,power_w,energy_j,interpolated\n";
        out << std::setprecision(10);
        for (const auto& b : points)
            out << b.point.freqMhz << "," << b.point.latencyMs << "," << b.point.currentMa << ","
                << b.point.powerW << "," << b.point.energyJ << ","
                << (b.point.interpolated ? "true" : "false") << "\n";
        return 0;
    }
    out << m->spec << " on " << mcu->name << ", " << dtypeName(dtype) << ", pruning "
        << num(m->prune * 100, 3) << " %\n"
        << "Flash " << withThousands(v.flashBytes) << " B, RAM " << withThousands(v.ramBytes)
        << " B\n\n";
    TextTable t({"clock MHz", "latency", "current mA", "power", "energy", ""});
    bool anyInterpolated = false;
    for (const auto& b : points) {
        const auto& p = b.point;
        anyInterpolated = anyInterpolated || p.interpolated;
        // People read these (docs/user-guide.md, "units"); --json and --csv keep fixed units.
        t.addRow({num(p.freqMhz), humanDuration(p.latencyMs), significant(p.currentMa),
                  humanPower(p.powerW), humanEnergy(p.energyJ),
                  p.interpolated ? "interpolated" : ""});
    }
    t.print(out);
    if (anyInterpolated)
        out << "\ninterpolated: between two characterised clocks, linear in f (less certain)\n";
    if (deviceRun)
        printDeviceRun(out, *deviceRun);
    if (breakdown)
        for (const auto& b : points) {
            out << "\nper layer at " << num(b.point.freqMhz) << " MHz\n";
            TextTable l({"layer", "latency", "energy", "share %"});
            for (const auto& s : b.byLayer)
                l.addRow({s.name, humanDuration(s.latencyMs), humanEnergy(s.energyJ),
                          num(100.0 * s.cycles / b.point.cycles, 3)});
            l.print(out);
        }
    return 0;
}

int runSweep(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (batteryHelpAsked(args)) {
        printBatteryHelp(out);
        return 0;
    }
    if (args.positionals.size() != 1) {
        printError(err, "sweep: expected one MODEL or PROJECT");
        return 2;
    }
    const std::string spec = args.positionals.front();
    ClockGrid grid = ClockGrid::Explore;
    if (auto name = args.option("--clocks")) {
        auto g = clockGridFromName(*name);
        if (!g) {
            printError(err,
                       "sweep: --clocks must be explore or characterised, got '" + *name + "'");
            return 2;
        }
        grid = *g;
    }
    auto failLoading = [&](const Diagnostics& diags) {
        const Diagnostic* e = firstError(diags);
        printError(err, "sweep: " + (e ? loadErrorMessage(*e) : spec + ": cannot be read"));
        return 1;
    };
    // A file is a project, a network or a model by its content (openInput); anything else is a
    // zoo name. A project brings its variants, MCUs and constraints; options override them.
    std::optional<OpenedInput> opened;
    if (auto e = inputShapeError(args)) {
        printError(err, "sweep: " + *e);
        return 2;
    }
    if (std::error_code ec; std::filesystem::exists(spec, ec))
        opened = openInput(spec, importOptions(args));
    const bool isProject = opened && opened->kind == InputKind::Project;
    if (isProject && (args.options.count("--dtype") || args.options.count("--prune"))) {
        printError(err, "sweep: --dtype and --prune apply to a MODEL; a project has its variants");
        return 2;
    }
    const Catalogs catalogs = loadCliCatalogs();
    std::vector<VariantSpec> specs;
    std::shared_ptr<const std::vector<CostVariant>> variants;
    std::optional<ResolvedTargets> targets;
    Constraints constraints;
    std::optional<DeviceModel> projectModel;
    if (isProject) {
        if (!opened->ok())
            return failLoading(opened->diagnostics);
        const Project& project = *opened->project;
        targets = selectSweepTargets(args, catalogs, &project.targets, err);
        if (!targets)
            return 2;
        specs = project.variants;
        variants = std::make_shared<const std::vector<CostVariant>>(
            prepareProjectVariants(project, spec, targetRuntimes(targets->targets)));
        constraints = project.constraints;
        projectModel = project.device;
    } else {
        targets = selectSweepTargets(args, catalogs, nullptr, err);
        if (!targets)
            return 2;
        std::optional<Network> network;
        if (opened) {
            if (!opened->ok())
                return failLoading(opened->diagnostics);
            network = std::move(opened->project->network);
        } else {
            NetworkLoadResult loaded = loadModel(spec, importOptions(args));
            if (!loaded.network || hasErrors(loaded.diagnostics))
                return failLoading(loaded.diagnostics);
            network = std::move(loaded.network);
        }
        // The runtime profiles are calibrated on INT8 only: that is their default format.
        std::vector<DType> dtypes{runtimeProfileAsked(args, catalogs) ? DType::INT8 : DType::FP32};
        if (args.options.count("--dtype")) {
            dtypes.clear();
            for (const auto& t : args.options.at("--dtype")) {
                auto d = dtypeOption(t, err, "sweep");
                if (!d)
                    return 2;
                dtypes.push_back(*d);
            }
        }
        std::vector<double> prunes{0.0};
        if (!readNumberList(args, "--prune", 0.0, 0.95, "sweep", err, prunes))
            return 2;
        std::vector<CostVariant> prepared;
        for (double r : prunes)
            for (DType d : dtypes) {
                VariantSpec v;
                v.name = variantName(d, r);
                v.dtype = d;
                v.prune = r;
                prepared.push_back(prepareVariant(*network, v.name, d, r, false,
                                                  targetRuntimes(targets->targets)));
                specs.push_back(std::move(v));
            }
        variants = std::make_shared<const std::vector<CostVariant>>(std::move(prepared));
    }
    if (!readSweepConstraints(args, constraints, err))
        return 2;
    std::optional<DeviceModel> device;
    if (!readDeviceOptions(args, "sweep", projectModel, device, err))
        return 2;
    if (!readNumberOption(args, "--min-battery-life-h", 1e-9, 1e9, "sweep", err,
                          constraints.minBatteryLifeH))
        return 2;
    for (const std::string& missing : targets->missing)
        err << "zipcnn-cli: warning: target " << missing << "\n";
    for (const auto& v : *variants) {
        for (const auto& d : v.diagnostics)
            if (d.severity == Severity::Error)
                err << "zipcnn-cli: error: variant '" << v.name << "': " << d.toString() << "\n";
        warnDiagnostics(v.diagnostics, err);
    }
    // The same exploration as the window's: same clocks, same sweep, same export.
    const auto exploration =
        exploreVariants(std::move(specs), variants, std::move(*targets), constraints, grid, device);

    const SweepExport exported = explorationExport(*exploration, spec);
    if (auto path = args.option("--output")) {
        std::string error;
        if (path->ends_with(".h5") || path->ends_with(".hdf5")) {
            error = writeSweepHdf5(exported, *path);
        } else if (path->ends_with(".csv") || path->ends_with(".json")) {
            const std::string text =
                path->ends_with(".csv") ? sweepCsv(exported) : sweepJsonText(exported);
            writeFileAtomically(*path, text, &error);
        } else {
            printError(err,
                       "sweep: --output " + *path + ": the name must end in .csv, .json or .h5");
            return 2;
        }
        if (!error.empty()) {
            printError(err, "sweep: " + error);
            return 1;
        }
        return 0;
    }
    if (args.flag("--json")) {
        out << sweepJsonText(exported);
        return 0;
    }
    if (args.flag("--csv")) {
        out << sweepCsv(exported);
        return 0;
    }
    TextTable t({"variant", "MCU", "runtime", "Flash", "RAM", "feasible clocks", "min-energy MHz",
                 "energy", "fails"});
    std::vector<std::string> notes;
    for (const auto& c : exploration->sweep.cells) {
        const auto& v = exploration->variant(c.variant);
        const CostTarget& target = exploration->targets[c.mcu];
        std::string fails;
        for (const auto& x : c.failing)
            fails += (fails.empty() ? "" : ", ") + x.constraint + " " + humanExcess(x.excessPct());
        if (!v.usable())
            fails = "variant unusable";
        else if (c.points.empty() && !c.note.empty())
            fails = "not run: see note";
        if (!c.note.empty() && std::find(notes.begin(), notes.end(), c.note) == notes.end())
            notes.push_back(c.note);
        const std::string clocks = feasibleRangesText(c);
        t.addRow({v.name, target.mcu, target.runtimeId(), humanBytes(v.flashBytes),
                  humanBytes(variantRamBytes(v, target)), clocks.empty() ? "none" : clocks,
                  c.minEnergyFreqMhz ? num(*c.minEnergyFreqMhz) : "-",
                  c.minEnergyFreqMhz ? humanEnergy(c.minEnergyJ) : "-", fails});
    }
    t.print(out);
    if (exploration->device)
        printSweepDevice(out, *exploration);
    for (const auto& n : notes)
        out << "note: " << n << "\n";
    out << "\n"
        << exploration->pointCount() << " estimates on the '" << clockGridName(grid)
        << "' clock grid (--clocks explore|characterised).\n"
        << "'fails': each constraint broken at every clock, by how much at its best clock.\n";
    return 0;
}

} // namespace zipcnn::cli
