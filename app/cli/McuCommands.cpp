// SPDX-License-Identifier: GPL-3.0-or-later
// `mcus`: the MCU catalogue found on the LUT search path.
#include "CliCommands.h"
#include "CliModel.h"
#include "RuntimeCommands.h"
#include "TextTable.h"
#include "calibration/BenchmarkData.h"
#include "io/McuCatalog.h"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <sstream>

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
        const std::string basis = bench.empty() ? "datasheet" : "benchmark";
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
