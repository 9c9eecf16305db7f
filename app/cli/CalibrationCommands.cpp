// SPDX-License-Identifier: GPL-3.0-or-later
// `calibrate` and `validate`: fitting the cost model on measurements, and its measured error.
#include "CliCommands.h"
#include "CliModel.h"
#include "RuntimeCommands.h"
#include "TextTable.h"
#include "base/AtomicFile.h"
#include "calibration/Calibration.h"
#include "calibration/CalibrationData.h"
#include "calibration/UserCalibration.h"
#include "calibration/Validation.h"
#include "io/LutFile.h"
#include "io/UserMcuStore.h"
#include "io/UserProfileFile.h"

#include <filesystem>
#include <iomanip>
#include <ostream>
#include <set>
#include <sstream>

namespace zipcnn::cli {

using nlohmann::json;

namespace {

std::string pct(double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(2) << v;
    return s.str();
}

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

/// Loads a measurement manifest, printing its errors; nullopt when unusable.
std::optional<CalibrationData> loadData(const std::string& path, const std::string& command,
                                        std::ostream& err) {
    if (path.empty()) {
        printError(err, command + ": no measurement data found (give --data FILE)");
        return std::nullopt;
    }
    CalibrationData data = loadCalibrationData(path);
    bool failed = false;
    for (const auto& d : data.diagnostics) {
        if (d.severity == Severity::Error) {
            printError(err, command + ": " + d.toString());
            failed = true;
        } else if (d.severity == Severity::Warning) {
            err << "zipcnn-cli: warning: " << d.toString() << "\n";
        }
    }
    if (failed)
        return std::nullopt;
    return data;
}

json statsToJson(const ErrorStats& s) {
    json j = {{"points", s.points},
              {"latency_pct", round2(s.latencyPct)},
              {"current_pct", round2(s.currentPct)},
              {"power_pct", round2(s.currentPct)},
              {"energy_pct", round2(s.energyPct)}};
    if (s.referencePoints)
        j["thesis"] = {{"latency_pct", round2(s.referenceLatencyPct)},
                       {"current_pct", round2(s.referenceCurrentPct)},
                       {"power_pct", round2(s.referenceCurrentPct)},
                       {"energy_pct", round2(s.referenceEnergyPct)}};
    return j;
}

json residualsToJson(const std::vector<FitResidual>& rs) {
    json a = json::array();
    for (const auto& r : rs)
        a.push_back({{"set", r.set},
                     {"config", r.config},
                     {"points", r.points},
                     {"latency_pct", round2(r.latencyPct)},
                     {"current_pct", round2(r.currentPct)},
                     {"energy_pct", round2(r.energyPct)}});
    return a;
}

std::string summaryText(const std::optional<ErrorSummary>& s) {
    if (!s)
        return "-";
    return pct(s->medianPct.value_or(s->meanPct)) + " / " + pct(s->meanPct) +
           " (N=" + std::to_string(s->points) + ")";
}

json optJson(const std::optional<double>& v) {
    return v ? json(round2(*v)) : json();
}

/// `calibrate --user CSV... [--mcu NAME] [--runtime ID] [--dry-run] [--json]`: the user's own
/// measurements of one (MCU, runtime) pair fitted into a user profile.
int runCalibrateUser(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (!args.positionals.empty()) {
        printError(err, "calibrate: unexpected argument '" + args.positionals.front() +
                            "' (the measurements go after --user)");
        return 2;
    }
    std::vector<MeasurementTable> tables;
    for (const auto& f : args.options.at("--user"))
        tables.push_back(readMeasurementCsv(f));
    const McuFactsCatalog facts = loadMcuFacts();
    const RuntimeCatalog rts = loadRuntimes();
    const auto res = calibrateUserProfile(tables, facts, rts, args.option("--mcu").value_or(""),
                                          args.option("--runtime").value_or(""));
    bool failed = false;
    for (const auto& d : res.diagnostics) {
        if (d.severity == Severity::Error) {
            printError(err, "calibrate: " + d.toString());
            failed = true;
        } else if (d.severity == Severity::Warning) {
            err << "zipcnn-cli: warning: " << d.toString() << "\n";
        }
    }
    if (failed || !res.profile)
        return 1;
    const UserProfile& p = *res.profile;
    std::string file;
    if (!args.flag("--dry-run")) {
        std::string error;
        if (!saveUserProfile(p, userProfileDir(), &file, &error)) {
            printError(err, "calibrate: " + error);
            return 1;
        }
    }
    const KernelCosts& k = p.costs;
    if (args.flag("--json")) {
        json rows = json::array();
        for (const auto& r : res.residuals)
            rows.push_back({{"network", r.network},
                            {"freq_mhz", r.freqMhz},
                            {"file", r.file},
                            {"line", r.line},
                            {"measured_ms", r.measuredMs},
                            {"estimated_ms", r.predictedMs},
                            {"error_pct", round2(r.errorPct)},
                            {"lono_estimated_ms", optJson(r.lonoPredictedMs)},
                            {"lono_error_pct", optJson(r.lonoErrorPct)},
                            {"measured_ma", optJson(r.measuredMa)},
                            {"estimated_ma", optJson(r.predictedMa)},
                            {"current_error_pct", optJson(r.currentErrorPct)}});
        out << json{{"mcu", p.mcu},
                    {"runtime", p.runtime},
                    {"file", file.empty() ? json() : json(file)},
                    {"dry_run", args.flag("--dry-run")},
                    {"source", p.source},
                    {"networks", res.networks},
                    {"parameters",
                     {{"cycles_per_mac_conv", k.convCyclesPerMac},
                      {"cycles_per_mac_fc", k.fcCyclesPerMac},
                      {"cycles_per_element", k.outputCyclesPerElement}}},
                    {"current_model", p.current ? json{{"static_ma", p.current->staticMa},
                                                       {"ua_per_mhz", p.current->uaPerMhz}}
                                                : json()},
                    {"latency_error_pct",
                     {{"in_sample", errorSummaryToJson(res.inSample)},
                      {"leave_one_network_out", errorSummaryToJson(res.leaveOneNetworkOut)}}},
                    {"current_error_pct", {{"in_sample", errorSummaryToJson(res.currentInSample)}}},
                    {"notes", res.notes},
                    {"residuals", rows}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << p.mcu << " under " << p.runtime << ": " << p.source << "\n";
    out << "  cycles per MAC " << num(k.convCyclesPerMac) << " (conv), " << num(k.fcCyclesPerMac)
        << " (dense); cycles per element " << num(k.outputCyclesPerElement) << "\n";
    if (p.current)
        out << "  current " << num(p.current->staticMa) << " mA + " << num(p.current->uaPerMhz)
            << " uA/MHz\n";
    for (const auto& n : res.notes)
        out << "  note: " << n << "\n";
    TextTable t({"network", "MHz", "measured ms", "estimated ms", "error %", "LONO ms",
                 "LONO error %", "measured mA", "estimated mA"});
    for (const auto& r : res.residuals)
        t.addRow({r.network, num(r.freqMhz), num(r.measuredMs), num(r.predictedMs), pct(r.errorPct),
                  r.lonoPredictedMs ? num(*r.lonoPredictedMs) : "-",
                  r.lonoErrorPct ? pct(*r.lonoErrorPct) : "-",
                  r.measuredMa ? num(*r.measuredMa) : "-",
                  r.predictedMa ? num(*r.predictedMa) : "-"});
    t.print(out);
    out << "latency error median / mean: in-sample " << summaryText(res.inSample)
        << "; leave one network out " << summaryText(res.leaveOneNetworkOut) << "\n";
    if (res.currentInSample)
        out << "current error median / mean: in-sample " << summaryText(res.currentInSample)
            << "\n";
    if (file.empty())
        out << "dry run: nothing written\n";
    else
        out << "saved -> " << file << " (used for " << p.mcu << " under " << p.runtime
            << " from now on)\n";
    return 0;
}

} // namespace

int runCalibrate(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (args.flag("--runtimes"))
        return runCalibrateRuntimes(args, out, err);
    if (args.options.count("--user"))
        return runCalibrateUser(args, out, err);
    if (args.positionals.size() != 1) {
        printError(err, "calibrate: expected one MANIFEST (a measurement-set .json file)");
        return 2;
    }
    auto data = loadData(args.positionals.front(), "calibrate", err);
    if (!data)
        return 1;
    McuCatalog catalog = loadCatalog();
    std::vector<McuProfile> targets;
    if (auto lut = args.option("--lut")) {
        auto loaded = loadLutFile(*lut);
        if (!loaded.profile) {
            for (const auto& d : loaded.diagnostics)
                printError(err, "calibrate: " + d.toString());
            return 1;
        }
        targets.push_back(*loaded.profile);
    } else {
        std::set<std::string> names;
        if (args.options.count("--mcu"))
            names.insert(args.options.at("--mcu").begin(), args.options.at("--mcu").end());
        else
            for (const auto& p : data->points)
                names.insert(p.measured.mcu);
        for (const auto& n : names) {
            const McuProfile* p = catalog.find(n);
            if (!p) {
                printError(err, "calibrate: unknown MCU '" + n + "' (see 'zipcnn-cli mcus')");
                return 2;
            }
            targets.push_back(*p);
        }
    }
    const auto outFile = args.option("--out");
    if (outFile && targets.size() != 1) {
        printError(err, "calibrate: --out needs exactly one MCU (use --out-dir for several)");
        return 2;
    }
    json report = json::array();
    for (auto& mcu : targets) {
        auto result = calibrateMcu(mcu, *data);
        for (const auto& d : result.diagnostics)
            if (d.severity != Severity::Info)
                err << "zipcnn-cli: " << severityName(d.severity) << ": " << mcu.name << ": "
                    << d.toString() << "\n";
        if (!result.calibration)
            return 1;
        mcu.calibration = *result.calibration;
        mcu.calibration->source = data->source;
        std::string dest = outFile ? *outFile : mcu.file;
        if (auto dir = args.option("--out-dir"))
            dest = (std::filesystem::path(*dir) / (mcu.name + ".json")).string();
        std::string error;
        if (!writeFileAtomically(dest, lutToJson(mcu).dump(2) + "\n", &error)) {
            printError(err, "calibrate: cannot write " + dest + ": " + error);
            return 1;
        }
        const auto& cal = *mcu.calibration;
        if (args.flag("--json")) {
            report.push_back({{"mcu", mcu.name},
                              {"file", dest},
                              {"parameters", calibrationToJson(cal)["parameters"]},
                              {"notes", cal.notes},
                              {"residuals", residualsToJson(cal.residuals)}});
            continue;
        }
        out << mcu.name << " -> " << dest << "\n";
        for (const auto& n : cal.notes)
            out << "  note: " << n << "\n";
        TextTable t({"set", "config", "points", "latency %", "current %", "energy %"});
        for (const auto& r : cal.residuals)
            t.addRow({r.set, r.config, std::to_string(r.points), pct(r.latencyPct),
                      pct(r.currentPct), pct(r.energyPct)});
        t.print(out);
        out << "\n";
    }
    if (args.flag("--json"))
        out << report.dump(2) << "\n";
    return 0;
}

int runValidate(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (!args.positionals.empty()) {
        printError(err, "validate: unexpected argument '" + args.positionals.front() + "'");
        return 2;
    }
    const std::string path = args.option("--data").value_or(shippedMeasurementManifest(exeDir()));
    auto data = loadData(path, "validate", err);
    if (!data)
        return 1;
    McuCatalog catalog = loadCatalog();
    std::vector<ValidationMode> modes{ValidationMode::InSample};
    if (args.flag("--cv"))
        modes.insert(modes.end(),
                     {ValidationMode::LeaveNetworkOut, ValidationMode::LeaveConfigOut});
    json reports = json::array();
    for (auto mode : modes) {
        ValidationReport rep = validate(catalog, *data, mode);
        for (const auto& d : rep.diagnostics)
            err << "zipcnn-cli: warning: " << d.toString() << "\n";
        if (args.flag("--json")) {
            json rows = json::array();
            for (const auto& r : rep.rows) {
                json row = {{"mcu", r.mcu}, {"set", r.set}, {"config", r.config}};
                if (r.note.empty())
                    row.update(statsToJson(r.stats));
                else
                    row["note"] = r.note;
                rows.push_back(row);
            }
            reports.push_back({{"mode", validationModeName(mode)}, {"rows", rows}});
            continue;
        }
        out << validationModeName(mode) << " error, mean |estimate - measured| / measured (%)"
            << (mode == ValidationMode::InSample ? ""
                                                 : "; each left-out group estimated by a "
                                                   "calibration that never saw it")
            << "\n";
        TextTable t({"MCU", "set", "config", "points", "latency", "current=power", "energy",
                     "thesis latency", "thesis current", "thesis energy"});
        std::vector<std::string> notes;
        for (const auto& r : rep.rows) {
            const auto& s = r.stats;
            if (!r.note.empty()) {
                notes.push_back(r.mcu + " " + r.set + " " + r.config + ": " + r.note);
                continue;
            }
            const bool ref = s.referencePoints > 0;
            t.addRow({r.mcu, r.set, r.config, std::to_string(s.points), pct(s.latencyPct),
                      pct(s.currentPct), pct(s.energyPct), ref ? pct(s.referenceLatencyPct) : "",
                      ref ? pct(s.referenceCurrentPct) : "", ref ? pct(s.referenceEnergyPct) : ""});
        }
        t.print(out);
        for (const auto& n : notes)
            out << "not estimated: " << n << "\n";
        out << "\n";
    }
    json runtimes;
    if (int status =
            printRuntimeValidation(args, out, err, args.flag("--json") ? &runtimes : nullptr))
        return status;
    if (args.flag("--json"))
        out << json{{"data", path}, {"reports", reports}, {"runtimes", runtimes}}.dump(2) << "\n";
    return 0;
}

} // namespace zipcnn::cli
