// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/McuFactsFile.h"

#include "base/JsonReader.h"
#include "io/JsonFolder.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace zipcnn {

using nlohmann::json;
namespace fs = std::filesystem;

const McuFacts* McuFactsCatalog::find(const std::string& name) const {
    for (const auto& m : mcus)
        if (m.matches(name))
            return &m;
    return nullptr;
}

namespace {

constexpr const char* kFormat = "zipcnn-mcu-catalogue";

/// The basis `mcuBasisName` calls `s`.
std::optional<McuBasis> basisFromName(const std::string& s) {
    for (McuBasis b : {McuBasis::Measured, McuBasis::Benchmark, McuBasis::Datasheet})
        if (s == mcuBasisName(b))
            return b;
    return std::nullopt;
}

std::optional<McuFacts> readMcu(JsonReader& r, const json& m, const std::string& path) {
    if (!r.isObject(m, path))
        return std::nullopt;
    r.warnUnknownKeys(m, path,
                      {"name",
                       "aliases",
                       "vendor",
                       "family",
                       "core_family",
                       "core",
                       "fpu",
                       "dsp",
                       "freq_min_mhz",
                       "freq_max_mhz",
                       "flash_kib",
                       "sram_kib",
                       "tcm",
                       "cache",
                       "has_cache",
                       "flash_wait_states",
                       "flash_wait_states_text",
                       "run_current_ua_per_mhz",
                       "run_current_text",
                       "low_power_current_ua",
                       "low_power_text",
                       "supply_v",
                       "current_model",
                       "accelerator",
                       "notes",
                       "provenance",
                       "source"});
    McuFacts f;
    auto name = r.requireString(m, "name", path);
    if (!name)
        return std::nullopt;
    f.name = *name;
    bool ok = true;
    auto fail = [&](const std::string& field, const std::string& why) {
        r.error(JsonReader::join(path, field), why);
        ok = false;
    };
    if (auto a = m.find("aliases"); a != m.end()) {
        if (auto v = r.stringArray(*a, JsonReader::join(path, "aliases")))
            f.aliases = *v;
        else
            ok = false;
    }
    f.vendor = r.optString(m, "vendor", path, "");
    f.family = r.optString(m, "family", path, "");
    f.coreFamily = r.optString(m, "core_family", path, "");
    if (f.coreFamily.rfind("cortex-m", 0) != 0)
        fail("core_family",
             "missing or not a Cortex-M family (\"cortex-m4\", ...), got '" + f.coreFamily + "'");
    f.core = r.optString(m, "core", path, "");
    f.fpu = r.optString(m, "fpu", path, "");
    f.dsp = r.optBool(m, "dsp", path, false);
    f.freqMinMhz = r.optNumber(m, "freq_min_mhz", path, 0.0);
    f.freqMaxMhz = r.optNumber(m, "freq_max_mhz", path, 0.0);
    if (!(f.freqMinMhz > 0.0))
        fail("freq_min_mhz", "missing or not positive");
    if (!(f.freqMaxMhz >= f.freqMinMhz && f.freqMaxMhz > 0.0))
        fail("freq_max_mhz", "missing or below freq_min_mhz");
    f.flashKib = static_cast<int>(r.optInt(m, "flash_kib", path, -1, -1, 1 << 30));
    f.sramKib = static_cast<int>(r.optInt(m, "sram_kib", path, 0, 0, 1 << 30));
    if (f.flashKib < 0)
        fail("flash_kib", "missing (0 = no embedded flash)");
    if (f.sramKib <= 0)
        fail("sram_kib", "missing or not positive");
    if (auto t = m.find("tcm"); t != m.end() && !t->is_null()) {
        const std::string tpath = JsonReader::join(path, "tcm");
        if (r.isObject(*t, tpath)) {
            f.hasTcm = true;
            for (auto [key, dest] :
                 {std::pair{"itcm_kib", &f.itcmKib}, std::pair{"dtcm_kib", &f.dtcmKib}})
                if (auto v = r.optNullableNumber(*t, key, tpath)) {
                    if (*v < 0.0 || *v != std::floor(*v))
                        fail(std::string("tcm.") + key, "must be a whole number of KiB >= 0");
                    else
                        *dest = static_cast<int>(*v);
                }
        } else {
            ok = false;
        }
    }
    f.cache = r.optString(m, "cache", path, "");
    f.hasCache = r.optBool(m, "has_cache", path, !f.cache.empty());
    if (auto w = m.find("flash_wait_states"); w != m.end()) {
        const std::string wpath = JsonReader::join(path, "flash_wait_states");
        if (!w->is_array()) {
            fail("flash_wait_states", "expected an array of {max_mhz, wait_states}");
        } else {
            for (std::size_t i = 0; i < w->size(); ++i) {
                const std::string ipath = JsonReader::index(wpath, i);
                const json& e = (*w)[i];
                if (!r.isObject(e, ipath)) {
                    ok = false;
                    continue;
                }
                WaitStateStep s;
                s.maxMhz = r.optNumber(e, "max_mhz", ipath, 0.0);
                s.waitStates = static_cast<int>(r.optInt(e, "wait_states", ipath, -1, -1, 64));
                if (!(s.maxMhz > 0.0)) {
                    r.error(JsonReader::join(ipath, "max_mhz"), "missing or not positive");
                    ok = false;
                } else if (!f.waitStates.empty() && s.maxMhz <= f.waitStates.back().maxMhz) {
                    r.error(JsonReader::join(ipath, "max_mhz"),
                            "thresholds must be strictly increasing");
                    ok = false;
                }
                if (s.waitStates < 0) {
                    r.error(JsonReader::join(ipath, "wait_states"), "missing or negative");
                    ok = false;
                } else if (!f.waitStates.empty() && s.waitStates < f.waitStates.back().waitStates) {
                    r.error(JsonReader::join(ipath, "wait_states"),
                            "wait states cannot fall as the clock rises");
                    ok = false;
                }
                f.waitStates.push_back(s);
            }
        }
    }
    f.waitStatesText = r.optString(m, "flash_wait_states_text", path, "");
    f.runCurrentUaPerMhz = r.optNullableNumber(m, "run_current_ua_per_mhz", path);
    f.lowPowerCurrentUa = r.optNullableNumber(m, "low_power_current_ua", path);
    f.lowPowerText = r.optString(m, "low_power_text", path, "");
    if (auto s = m.find("supply_v"); s != m.end()) {
        const std::string spath = JsonReader::join(path, "supply_v");
        if (r.isObject(*s, spath)) {
            f.supplyMinV = r.optNullableNumber(*s, "min", spath);
            f.supplyMaxV = r.optNullableNumber(*s, "max", spath);
            f.nominalV = r.optNumber(*s, "nominal", spath, 0.0);
            if (!(f.nominalV > 0.0))
                fail("supply_v.nominal", "missing or not positive");
            if (f.supplyMinV && f.supplyMaxV && *f.supplyMinV > *f.supplyMaxV)
                fail("supply_v.min", "above supply_v.max");
        } else {
            ok = false;
        }
    } else {
        fail("supply_v", "missing");
    }
    if (auto c = m.find("current_model"); c != m.end() && !c->is_null()) {
        const std::string cpath = JsonReader::join(path, "current_model");
        if (r.isObject(*c, cpath)) {
            CurrentModel cm;
            const std::string b = r.optString(*c, "basis", cpath, "");
            if (auto basis = basisFromName(b))
                cm.basis = *basis;
            else
                fail("current_model.basis",
                     "must be measured, benchmark or datasheet, got '" + b + "'");
            cm.staticMa = r.optNumber(*c, "static_ma", cpath, -1.0);
            cm.uaPerMhz = r.optNumber(*c, "ua_per_mhz", cpath, -1.0);
            cm.source = r.optString(*c, "source", cpath, "");
            if (cm.staticMa < 0.0)
                fail("current_model.static_ma", "missing or negative");
            if (!(cm.uaPerMhz > 0.0))
                fail("current_model.ua_per_mhz", "missing or not positive");
            if (cm.source.empty())
                fail("current_model.source", "missing: every current needs its source");
            f.current = cm;
        } else {
            ok = false;
        }
    }
    f.accelerator = r.optString(m, "accelerator", path, "");
    f.notes = r.optString(m, "notes", path, "");
    f.source = r.optString(m, "source", path, "");
    if (f.source.empty())
        fail("source", "missing: every MCU needs its source");
    if (auto p = m.find("provenance");
        p != m.end() && r.isObject(*p, JsonReader::join(path, "provenance")))
        for (auto it = p->begin(); it != p->end(); ++it) {
            if (it->is_string())
                f.provenance[it.key()] = it->get<std::string>();
            else
                fail("provenance." + it.key(), "expected a string");
        }
    if (!ok)
        return std::nullopt;
    return f;
}

} // namespace

McuFactsCatalog mcuFactsFromJson(const json& j, const std::string& file) {
    McuFactsCatalog cat;
    JsonReader r(file, cat.diagnostics);
    if (!r.checkHeader(j, kFormat, kMcuCatalogueFormatVersion, "MCU catalogue", {"source", "mcus"}))
        return cat;
    const json* arr = r.requireArray(j, "mcus", "");
    if (!arr)
        return cat;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string path = JsonReader::index("mcus", i);
        auto m = readMcu(r, (*arr)[i], path);
        if (!m)
            continue;
        m->file = file;
        bool dup = false;
        for (const auto& n : [&] {
                 auto v = m->aliases;
                 v.push_back(m->name);
                 return v;
             }())
            if (!seen.insert(lowerAscii(n)).second) {
                r.error(JsonReader::join(path, "name"),
                        "'" + n + "' names an MCU already in the catalogue");
                dup = true;
            }
        if (!dup)
            cat.mcus.push_back(std::move(*m));
    }
    return cat;
}

json mcuFactsToJson(const McuFacts& f) {
    json m;
    m["name"] = f.name;
    m["aliases"] = f.aliases;
    m["vendor"] = f.vendor;
    m["family"] = f.family;
    m["core_family"] = f.coreFamily;
    m["core"] = f.core;
    m["fpu"] = f.fpu;
    m["dsp"] = f.dsp;
    m["freq_min_mhz"] = f.freqMinMhz;
    m["freq_max_mhz"] = f.freqMaxMhz;
    m["flash_kib"] = f.flashKib;
    m["sram_kib"] = f.sramKib;
    if (f.hasTcm)
        m["tcm"] = {{"itcm_kib", f.itcmKib ? json(*f.itcmKib) : json()},
                    {"dtcm_kib", f.dtcmKib ? json(*f.dtcmKib) : json()}};
    else
        m["tcm"] = nullptr;
    m["cache"] = f.cache;
    m["has_cache"] = f.hasCache;
    m["flash_wait_states"] = json::array();
    for (const auto& s : f.waitStates)
        m["flash_wait_states"].push_back({{"max_mhz", s.maxMhz}, {"wait_states", s.waitStates}});
    m["flash_wait_states_text"] = f.waitStatesText;
    m["run_current_ua_per_mhz"] = f.runCurrentUaPerMhz ? json(*f.runCurrentUaPerMhz) : json();
    m["low_power_current_ua"] = f.lowPowerCurrentUa ? json(*f.lowPowerCurrentUa) : json();
    m["low_power_text"] = f.lowPowerText;
    m["supply_v"] = {{"min", f.supplyMinV ? json(*f.supplyMinV) : json()},
                     {"max", f.supplyMaxV ? json(*f.supplyMaxV) : json()},
                     {"nominal", f.nominalV}};
    if (f.current)
        m["current_model"] = {{"basis", mcuBasisName(f.current->basis)},
                              {"static_ma", f.current->staticMa},
                              {"ua_per_mhz", f.current->uaPerMhz},
                              {"source", f.current->source}};
    else
        m["current_model"] = nullptr;
    m["accelerator"] = f.accelerator;
    m["notes"] = f.notes;
    m["provenance"] = f.provenance;
    m["source"] = f.source;
    return m;
}

McuFactsCatalog loadMcuFactsFile(const std::string& path) {
    return loadJsonDocument(path, &mcuFactsFromJson);
}

std::vector<std::string> defaultDataDirs(const std::string& exeDir, const std::string& sub) {
    std::vector<std::string> dirs;
    if (!exeDir.empty()) {
        dirs.push_back(
            (fs::path(exeDir) / ".." / "share" / "zipcnn" / sub).lexically_normal().string());
        // The report writer is installed one level deeper, in /usr/lib/zipcnn.
        dirs.push_back((fs::path(exeDir) / ".." / ".." / "share" / "zipcnn" / sub)
                           .lexically_normal()
                           .string());
    }
#ifdef ZIPCNN_SOURCE_DATA_DIR
    dirs.push_back((fs::path(ZIPCNN_SOURCE_DATA_DIR) / sub).string());
#endif
    return dirs;
}

McuFactsCatalog loadMcuFactsCatalog(const std::vector<std::string>& dirs) {
    McuFactsCatalog cat;
    // The first folder with a catalogue wins (installed over source tree).
    loadEachFile(jsonFilesOfFirstFolder(dirs), cat.diagnostics, &loadMcuFactsFile,
                 [&](McuFactsCatalog& one, const std::string& file) {
                     for (auto& m : one.mcus) {
                         if (!cat.find(m.name))
                             cat.mcus.push_back(std::move(m));
                         else
                             cat.diagnostics.push_back(aboutFile(
                                 makeWarning("duplicate-mcu",
                                             "MCU '" + m.name + "' is already catalogued; ignored"),
                                 file));
                     }
                 });
    return cat;
}

} // namespace zipcnn
