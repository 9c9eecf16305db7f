// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/UserMcuStore.h"

#include "base/AtomicFile.h"
#include "base/JoinList.h"
#include "base/JsonReader.h"
#include "io/JsonFolder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace zipcnn {

using nlohmann::json;
namespace fs = std::filesystem;

std::string userDataDir() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x)
        return (fs::path(x) / "zipcnn").string();
    if (const char* h = std::getenv("HOME"); h && *h)
        return (fs::path(h) / ".local" / "share" / "zipcnn").string();
    return {};
}

std::string userMcuDir() {
    const std::string d = userDataDir();
    return d.empty() ? d : (fs::path(d) / "mcus").string();
}

std::string userProfileDir() {
    const std::string d = userDataDir();
    return d.empty() ? d : (fs::path(d) / "profiles").string();
}

const std::vector<std::string>& userCoreFamilies() {
    static const std::vector<std::string> f{"cortex-m0plus", "cortex-m4",  "cortex-m33",
                                            "cortex-m7",     "cortex-m55", "cortex-m85"};
    return f;
}

std::optional<std::vector<WaitStateStep>> parseWaitStates(const std::string& text,
                                                          std::string* error) {
    std::vector<WaitStateStep> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        const auto b = item.find_first_not_of(" \t");
        if (b == std::string::npos)
            continue;
        item = item.substr(b, item.find_last_not_of(" \t") - b + 1);
        const auto colon = item.find(':');
        auto bad = [&] {
            if (error)
                *error = "flash_wait_states: '" + item +
                         "' is not MHZ:WAIT_STATES (e.g. \"24:0,48:1,72:2\")";
            return std::nullopt;
        };
        if (colon == std::string::npos)
            return bad();
        char* end = nullptr;
        const std::string mhz = item.substr(0, colon), ws = item.substr(colon + 1);
        const double f = std::strtod(mhz.c_str(), &end);
        if (mhz.empty() || *end != '\0' || !std::isfinite(f))
            return bad();
        const long n = std::strtol(ws.c_str(), &end, 10);
        if (ws.empty() || *end != '\0')
            return bad();
        out.push_back({f, static_cast<int>(n)});
    }
    return out;
}

std::string waitStatesText(const std::vector<WaitStateStep>& steps) {
    std::ostringstream s;
    for (std::size_t i = 0; i < steps.size(); ++i)
        s << (i ? "," : "") << steps[i].maxMhz << ":" << steps[i].waitStates;
    return s.str();
}

McuFacts makeUserMcu(const UserMcuInput& in) {
    McuFacts m;
    m.name = in.name;
    m.vendor = in.vendor;
    m.coreFamily = in.coreFamily;
    m.core = in.coreFamily;
    m.freqMinMhz = in.freqMinMhz;
    m.freqMaxMhz = in.freqMaxMhz;
    m.flashKib = in.flashKib;
    m.sramKib = in.sramKib;
    m.hasTcm = in.itcmKib || in.dtcmKib;
    m.itcmKib = in.itcmKib;
    m.dtcmKib = in.dtcmKib;
    m.waitStates = in.waitStates;
    m.waitStatesText = waitStatesText(in.waitStates);
    m.runCurrentUaPerMhz = in.runCurrentUaPerMhz;
    m.lowPowerCurrentUa = in.lowPowerCurrentUa;
    m.nominalV = in.supplyV;
    m.notes = in.notes;
    m.user = true;
    // A part with flash wait states has a flash accelerator or cache in practice, and the cost
    // model counts the stalls of dense weights only (docs/runtimes.md); unknown otherwise.
    m.hasCache = false;
    m.source = "datasheet (user): entered by the user";
    for (const char* f :
         {"core_family", "freq_min_mhz", "freq_max_mhz", "flash_kib", "sram_kib", "tcm",
          "flash_wait_states", "run_current_ua_per_mhz", "low_power_current_ua", "supply_v"})
        m.provenance[f] = "entered by the user from the datasheet";
    if (in.runCurrentUaPerMhz && *in.runCurrentUaPerMhz > 0.0) {
        CurrentModel c;
        c.basis = McuBasis::Datasheet;
        c.staticMa = 0.0;
        c.uaPerMhz = *in.runCurrentUaPerMhz;
        c.source = "datasheet (user): the run current per MHz entered by the user, static part 0";
        m.current = c;
    }
    return m;
}

namespace {

constexpr const char* kMcuFormat = "zipcnn-mcu-catalogue";

json userMcuDocument(const McuFacts& m) {
    json j = versionedHeader(kMcuFormat, kMcuCatalogueFormatVersion);
    j["source"] = "an MCU added by the user (zipcnn-cli mcu add, or Tools > Add MCU)";
    j["mcus"] = json::array({mcuFactsToJson(m)});
    return j;
}

std::string stripEntryPath(std::string message) {
    const std::string prefix = "mcus[0].";
    if (message.rfind(prefix, 0) == 0)
        message.erase(0, prefix.size());
    return message;
}

} // namespace

Diagnostics checkUserMcu(const McuFacts& m, const McuFactsCatalog& catalogue) {
    Diagnostics out;
    auto fail = [&](const std::string& field, const std::string& why) {
        out.push_back(makeError("bad-user-mcu", field + ": " + why));
    };
    if (m.name.empty())
        fail("name", "missing");
    else if (m.name.find_first_of("/\\") != std::string::npos || m.name.front() == '.' ||
             m.name.front() == ' ')
        fail("name", "'" + m.name + "' must not contain '/' or '\\' nor start with '.' or a space");
    for (const std::string& n : [&] {
             auto v = m.aliases;
             v.push_back(m.name);
             return v;
         }())
        if (const McuFacts* other = n.empty() ? nullptr : catalogue.find(n); other && !other->user)
            fail("name", "'" + n + "' is the shipped MCU " + other->name +
                             "; a user MCU cannot replace it (choose another name)");
    const auto& fams = userCoreFamilies();
    if (std::find(fams.begin(), fams.end(), m.coreFamily) == fams.end())
        fail("core_family", "'" + m.coreFamily + "' is not one of " + joinList(fams) +
                                " (the core families the runtime profiles have data for)");
    if (m.freqMaxMhz > 2000.0)
        fail("freq_max_mhz", "above 2000 MHz: not a Cortex-M clock");
    if (m.runCurrentUaPerMhz && !(*m.runCurrentUaPerMhz > 0.0))
        fail("run_current_ua_per_mhz", "must be positive (or left out)");
    if (m.lowPowerCurrentUa && *m.lowPowerCurrentUa < 0.0)
        fail("low_power_current_ua", "must be >= 0 (or left out)");
    if (m.nominalV < 0.5 || m.nominalV > 6.0)
        fail("supply_v.nominal", "must be between 0.5 and 6 V");
    if (!m.waitStates.empty() && m.waitStates.back().maxMhz < m.freqMaxMhz)
        fail("flash_wait_states", "the table ends at " + waitStatesText({m.waitStates.back()}) +
                                      " below freq_max_mhz: give the wait states up to the "
                                      "maximum clock");
    // The loader's own rules, each naming its field: the file must read back.
    Diagnostics read;
    const McuFactsCatalog back = mcuFactsFromJson(userMcuDocument(m), "");
    for (const auto& d : back.diagnostics)
        if (d.severity == Severity::Error) {
            Diagnostic e = d;
            e.file.clear();
            e.message = stripEntryPath(e.message);
            const bool dup = std::any_of(out.begin(), out.end(), [&](const Diagnostic& o) {
                return o.message.substr(0, o.message.find(':')) ==
                       e.message.substr(0, e.message.find(':'));
            });
            if (!dup)
                out.push_back(e);
        }
    return out;
}

std::string userDataFile(const std::string& dir, const std::string& name) {
    std::string base;
    for (char c : name)
        base += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')
                    ? c
                    : '_';
    return (fs::path(dir) / (base + ".json")).string();
}

bool makeUserFolder(const std::string& dir, std::string* error) {
    if (dir.empty()) {
        if (error)
            *error = "no user data folder: neither XDG_DATA_HOME nor HOME is set";
        return false;
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        if (error)
            *error = dir + ": cannot create the folder: " + ec.message();
        return false;
    }
    return true;
}

std::string userMcuFile(const std::string& dir, const std::string& name) {
    return userDataFile(dir, name);
}

bool saveUserMcu(const McuFacts& m, const std::string& dir, std::string* file, std::string* error) {
    if (!makeUserFolder(dir, error))
        return false;
    // A file of the same MCU under another spelling of its name goes first.
    std::string ignored;
    removeUserMcu(m.name, dir, &ignored);
    const std::string path = userMcuFile(dir, m.name);
    if (file)
        *file = path;
    return writeFileAtomically(path, userMcuDocument(m).dump(2) + "\n", error);
}

bool removeUserMcu(const std::string& name, const std::string& dir, std::string* error) {
    for (const auto& f : jsonFilesIn(dir)) {
        const McuFactsCatalog one = loadMcuFactsFile(f.string());
        for (const auto& m : one.mcus)
            if (lowerAscii(m.name) == lowerAscii(name)) {
                std::error_code ec;
                if (!fs::remove(f, ec)) {
                    if (error)
                        *error = f.string() + ": cannot remove: " + ec.message();
                    return false;
                }
                return true;
            }
    }
    if (error)
        *error = "no MCU '" + name + "' among your MCUs (" + dir + ")";
    return false;
}

void addUserMcus(McuFactsCatalog& catalogue, const std::string& dir) {
    if (dir.empty())
        return;
    loadEachFile(
        jsonFilesIn(dir), catalogue.diagnostics, &loadMcuFactsFile,
        [&](McuFactsCatalog& one, const std::string& file) {
            for (auto& m : one.mcus) {
                std::string clash;
                for (const std::string& n : [&] {
                         auto v = m.aliases;
                         v.push_back(m.name);
                         return v;
                     }())
                    if (const McuFacts* other = catalogue.find(n))
                        clash = other->name;
                if (!clash.empty()) {
                    Diagnostic d = makeError(
                        "user-mcu-shadows",
                        "user MCU '" + m.name + "' is left out: the name is " +
                            (clash == m.name ? "a shipped MCU's" : "that of " + clash) +
                            " already in the catalogue; a user MCU cannot replace it (rename it)");
                    catalogue.diagnostics.push_back(aboutFile(d, file));
                    continue;
                }
                m.user = true;
                catalogue.mcus.push_back(std::move(m));
            }
        });
}

} // namespace zipcnn
