// SPDX-License-Identifier: GPL-3.0-or-later
// `mcus`: the MCU catalogue found on the LUT search path; `mcu add|remove|show`: the user's own
// MCUs (docs/mcu-catalogue.md, "Your own MCUs").
#include "CliCommands.h"
#include "CliModel.h"
#include "RuntimeCommands.h"
#include "TextTable.h"
#include "base/JsonReader.h"
#include "calibration/BenchmarkData.h"
#include "io/McuCatalog.h"
#include "io/UserMcuStore.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <sstream>
#include <type_traits>

namespace zipcnn::cli {

using nlohmann::json;

std::string exeDir() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

McuCatalog loadCatalog() {
    return loadMcuCatalog(defaultLutDirs(exeDir()));
}

static std::string mhz(double f) {
    std::ostringstream s;
    s << f;
    return s.str();
}

int runMcus(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (!args.positionals.empty()) {
        printError(err, "mcus: unexpected argument '" + args.positionals.front() + "'");
        return 2;
    }
    McuCatalog catalog = loadCatalog();
    for (const auto& d : catalog.diagnostics)
        if (d.severity == Severity::Error)
            err << "zipcnn-cli: warning: " << d.toString() << "\n";
    const McuFactsCatalog facts = loadMcuFacts();
    for (const auto& d : facts.diagnostics)
        if (d.severity != Severity::Info)
            err << "zipcnn-cli: warning: " << d.toString() << "\n";
    // basis: measured (a thesis LUT), benchmark (a runtime was calibrated on it), datasheet.
    const RuntimeCatalog runtimes = loadRuntimes();
    auto benchmarkRuntimes = [&](const std::string& name) {
        std::vector<std::string> ids;
        for (const auto& r : runtimes.runtimes)
            for (const auto& k : r.costs)
                if (k.calibration &&
                    std::find(k.calibration->mcus.begin(), k.calibration->mcus.end(), name) !=
                        k.calibration->mcus.end())
                    ids.push_back(r.id);
        return ids;
    };
    auto runtimesFor = [&](const std::string& family, bool thesis) {
        std::vector<std::string> ids;
        if (thesis)
            ids.push_back("thesis-c");
        for (const auto& r : runtimes.runtimes)
            if (r.costsFor(family))
                ids.push_back(r.id);
        return ids;
    };
    struct Row {
        std::string name, core, basis, clocks, file, source;
        int flashKib = 0, sramKib = 0;
        json j;
    };
    std::vector<Row> rows;
    for (const auto& m : catalog.mcus) {
        const McuFacts* f = facts.find(m.name);
        json j = {{"name", m.name},
                  {"core", m.core},
                  {"flash_kib", m.flashKib},
                  {"sram_kib", m.sramKib},
                  {"freqs_mhz", m.freqsMhz},
                  {"source", m.source()},
                  {"file", m.file},
                  {"basis", "measured"},
                  {"core_family", f ? f->coreFamily : ""},
                  {"runtimes", runtimesFor(f ? f->coreFamily : "", true)}};
        rows.push_back({m.name, m.core, "measured", mhz(m.freqMinMhz) + "-" + mhz(m.freqMaxMhz),
                        m.file, m.source(), m.flashKib, m.sramKib, j});
    }
    for (const auto& f : facts.mcus) {
        if (catalog.find(f.name))
            continue;
        const auto bench = benchmarkRuntimes(f.name);
        const std::string basis =
            !bench.empty() ? "benchmark"
                           : mcuBasisName(f.user ? McuBasis::UserDatasheet : McuBasis::Datasheet);
        json ws = json::array();
        for (const auto& s : f.waitStates)
            ws.push_back({{"max_mhz", s.maxMhz}, {"wait_states", s.waitStates}});
        json j = {{"name", f.name},
                  {"aliases", f.aliases},
                  {"core", f.coreFamily},
                  {"core_family", f.coreFamily},
                  {"flash_kib", f.flashKib},
                  {"sram_kib", f.sramKib},
                  {"freq_min_mhz", f.freqMinMhz},
                  {"freq_max_mhz", f.freqMaxMhz},
                  {"flash_wait_states", ws},
                  {"current_model", f.current ? json{{"basis", mcuBasisName(f.current->basis)},
                                                     {"static_ma", f.current->staticMa},
                                                     {"ua_per_mhz", f.current->uaPerMhz},
                                                     {"source", f.current->source}}
                                              : json()},
                  {"nominal_v", f.nominalV},
                  {"source", f.source},
                  {"file", f.file},
                  {"basis", basis},
                  {"user", f.user},
                  {"benchmark_runtimes", bench},
                  {"runtimes", runtimesFor(f.coreFamily, false)}};
        rows.push_back({f.name, f.coreFamily, basis, mhz(f.freqMinMhz) + "-" + mhz(f.freqMaxMhz),
                        f.file, f.source, f.flashKib, f.sramKib, j});
    }
    if (args.flag("--json")) {
        json arr = json::array();
        for (const auto& r : rows)
            arr.push_back(r.j);
        out << arr.dump(2) << "\n";
        return 0;
    }
    TextTable t({"MCU", "core", "Flash KiB", "SRAM KiB", "clock MHz", "basis", "file"});
    for (const auto& r : rows)
        t.addRow({r.name, r.core, std::to_string(r.flashKib), std::to_string(r.sramKib), r.clocks,
                  r.basis, r.file});
    t.print(out);
    return 0;
}

} // namespace zipcnn::cli

namespace zipcnn::cli {

namespace {

/// Reads the numeric option `name` into `dest` when given; false (message printed) when bad.
template <class T>
bool numberOption(const CliArgs& args, const std::string& name, double min, double max, T& dest,
                  std::ostream& err) {
    const auto v = args.option(name);
    if (!v)
        return true;
    std::string error;
    const auto n = parseNumber(name, *v, min, max, error);
    if (!n) {
        printError(err, "mcu add: " + error);
        return false;
    }
    if constexpr (std::is_integral_v<T> || std::is_same_v<T, std::optional<int>>) {
        if (*n != std::floor(*n)) {
            printError(err, "mcu add: " + name + ": '" + *v + "' is not a whole number");
            return false;
        }
        dest = static_cast<int>(*n);
    } else {
        dest = *n;
    }
    return true;
}

/// The MCU of `--from-json FILE`: a one-MCU catalogue document or a bare `mcus[]` entry.
std::optional<McuFacts> mcuFromJsonFile(const std::string& path, std::ostream& err) {
    Diagnostics diags;
    auto j = readJsonFile(path, diags);
    if (!j) {
        printError(err, "mcu add: " + diags.front().toString());
        return std::nullopt;
    }
    json doc = *j;
    if (!doc.is_object() || !doc.contains("format"))
        doc = {{"format", "zipcnn-mcu-catalogue"},
               {"version", kMcuCatalogueFormatVersion},
               {"source", "--from-json"},
               {"mcus", json::array({*j})}};
    if (doc.is_object() && doc.contains("mcus") && doc["mcus"].is_array())
        for (auto& m : doc["mcus"])
            if (m.is_object() && !m.contains("source"))
                m["source"] = "datasheet (user): " + path;
    McuFactsCatalog one = mcuFactsFromJson(doc, path);
    bool failed = false;
    for (const auto& d : one.diagnostics)
        if (d.severity == Severity::Error) {
            printError(err, "mcu add: " + d.toString());
            failed = true;
        }
    if (failed)
        return std::nullopt;
    if (one.mcus.size() != 1) {
        printError(err, "mcu add: " + path + ": expected one MCU, found " +
                            std::to_string(one.mcus.size()));
        return std::nullopt;
    }
    McuFacts m = one.mcus.front();
    m.user = true;
    m.file.clear();
    return m;
}

int runMcuAdd(const CliArgs& args, std::ostream& out, std::ostream& err) {
    McuFacts m;
    if (auto file = args.option("--from-json")) {
        auto loaded = mcuFromJsonFile(*file, err);
        if (!loaded)
            return 1;
        m = *loaded;
    } else {
        UserMcuInput in;
        in.name = args.option("--name").value_or("");
        in.coreFamily = args.option("--core").value_or("");
        if (in.name.empty() || in.coreFamily.empty() || !args.option("--freq-max") ||
            !args.option("--flash-kib") || !args.option("--sram-kib")) {
            printError(err, "mcu add: needs --name, --core, --freq-max, --flash-kib and "
                            "--sram-kib (or --from-json FILE)");
            return 2;
        }
        m = makeUserMcu(in);
    }
    // Options given beside --from-json override its fields.
    if (auto n = args.option("--name"))
        m.name = *n;
    if (auto c = args.option("--core"))
        m.coreFamily = m.core = *c;
    if (auto v = args.option("--vendor"))
        m.vendor = *v;
    std::optional<int> itcm = m.itcmKib, dtcm = m.dtcmKib;
    std::optional<double> run = m.runCurrentUaPerMhz, sleep = m.lowPowerCurrentUa;
    if (!numberOption(args, "--freq-min", 0.0, 1e6, m.freqMinMhz, err) ||
        !numberOption(args, "--freq-max", 0.0, 1e6, m.freqMaxMhz, err) ||
        !numberOption(args, "--flash-kib", 0.0, 1 << 30, m.flashKib, err) ||
        !numberOption(args, "--sram-kib", 0.0, 1 << 30, m.sramKib, err) ||
        !numberOption(args, "--itcm-kib", 0.0, 1 << 30, itcm, err) ||
        !numberOption(args, "--dtcm-kib", 0.0, 1 << 30, dtcm, err) ||
        !numberOption(args, "--run-ua-per-mhz", -1e9, 1e9, run, err) ||
        !numberOption(args, "--sleep-ua", -1e9, 1e9, sleep, err) ||
        !numberOption(args, "--supply-v", -1e9, 1e9, m.nominalV, err))
        return 2;
    m.itcmKib = itcm;
    m.dtcmKib = dtcm;
    m.hasTcm = m.hasTcm || itcm || dtcm;
    if (args.option("--run-ua-per-mhz")) {
        m.runCurrentUaPerMhz = run;
        UserMcuInput in;
        in.runCurrentUaPerMhz = run;
        m.current = makeUserMcu(in).current;
    }
    if (args.option("--sleep-ua"))
        m.lowPowerCurrentUa = sleep;
    if (auto w = args.option("--wait-states")) {
        std::string error;
        auto steps = parseWaitStates(*w, &error);
        if (!steps) {
            printError(err, "mcu add: " + error);
            return 2;
        }
        m.waitStates = *steps;
        m.waitStatesText = waitStatesText(*steps);
    }
    m.user = true;
    const McuFactsCatalog catalogue = loadMcuFacts();
    const Diagnostics problems = checkUserMcu(m, catalogue);
    for (const auto& d : problems)
        printError(err, "mcu add: " + d.message);
    if (!problems.empty())
        return 2;
    const McuFacts* before = catalogue.find(m.name);
    std::string file, error;
    if (!saveUserMcu(m, userMcuDir(), &file, &error)) {
        printError(err, "mcu add: " + error);
        return 1;
    }
    if (args.flag("--json")) {
        out << json{{"name", m.name},
                    {"file", file},
                    {"basis", "datasheet (user)"},
                    {"replaced", before != nullptr}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << (before ? "updated " : "added ") << m.name << " (" << m.coreFamily
        << ", basis datasheet (user)) -> " << file << "\n";
    return 0;
}

int runMcuRemove(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (args.positionals.size() != 2) {
        printError(err, "mcu remove: expected one NAME");
        return 2;
    }
    const std::string& name = args.positionals[1];
    const McuFactsCatalog catalogue = loadMcuFacts();
    if (const McuFacts* m = catalogue.find(name); m && !m->user) {
        printError(err, "mcu remove: " + m->name +
                            " is a shipped MCU; only the MCUs you added can be removed");
        return 2;
    }
    std::string error;
    if (!removeUserMcu(name, userMcuDir(), &error)) {
        printError(err, "mcu remove: " + error);
        return 1;
    }
    out << "removed " << name << "\n";
    return 0;
}

int runMcuShow(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (args.positionals.size() != 2) {
        printError(err, "mcu show: expected one NAME");
        return 2;
    }
    const McuFactsCatalog catalogue = loadMcuFacts();
    const McuFacts* m = catalogue.find(args.positionals[1]);
    if (!m) {
        printError(err,
                   "mcu show: unknown MCU '" + args.positionals[1] + "' (see 'zipcnn-cli mcus')");
        return 2;
    }
    json j = mcuFactsToJson(*m);
    j["user"] = m->user;
    j["file"] = m->file;
    if (args.flag("--json")) {
        out << j.dump(2) << "\n";
        return 0;
    }
    // One "field: value" line each (a table would be as wide as the longest provenance).
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it->is_null() || (it->is_string() && it->get<std::string>().empty()) ||
            (it->is_array() && it->empty()) || (it->is_object() && it->empty()))
            continue;
        out << it.key() << ": " << (it->is_string() ? it->get<std::string>() : it->dump()) << "\n";
    }
    return 0;
}

} // namespace

int runMcu(const CliArgs& args, std::ostream& out, std::ostream& err) {
    const std::string sub = args.positionals.empty() ? "" : args.positionals.front();
    if (sub == "add") {
        if (args.positionals.size() != 1) {
            printError(err, "mcu add: unexpected argument '" + args.positionals[1] + "'");
            return 2;
        }
        return runMcuAdd(args, out, err);
    }
    if (sub == "remove")
        return runMcuRemove(args, out, err);
    if (sub == "show")
        return runMcuShow(args, out, err);
    printError(err, "mcu: expected add, remove or show, got '" + sub + "'");
    return 2;
}

} // namespace zipcnn::cli
