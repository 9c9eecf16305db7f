// `mcus`: the MCU catalogue found on the LUT search path.
#include "CliCommands.h"
#include "CliModel.h"
#include "TextTable.h"
#include "io/McuCatalog.h"

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
    if (args.flag("--json")) {
        json arr = json::array();
        for (const auto& m : catalog.mcus)
            arr.push_back({{"name", m.name},
                           {"core", m.core},
                           {"flash_kib", m.flashKib},
                           {"sram_kib", m.sramKib},
                           {"freqs_mhz", m.freqsMhz},
                           {"source", m.source()},
                           {"file", m.file}});
        out << arr.dump(2) << "\n";
        return 0;
    }
    TextTable t({"MCU", "core", "Flash KiB", "SRAM KiB", "clock MHz", "points", "LUT file"});
    for (const auto& m : catalog.mcus)
        t.addRow({m.name, m.core, std::to_string(m.flashKib), std::to_string(m.sramKib),
                  mhz(m.freqMinMhz) + "-" + mhz(m.freqMaxMhz), std::to_string(m.freqsMhz.size()),
                  m.file});
    t.print(out);
    return 0;
}

} // namespace zipcnn::cli
