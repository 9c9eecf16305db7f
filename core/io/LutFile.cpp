// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/LutFile.h"

#include "base/JsonReader.h"

#include <algorithm>
#include <cmath>

namespace zipcnn {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "zipcnn-lut";

bool positiveFinite(double v) {
    return std::isfinite(v) && v > 0.0;
}

std::optional<std::vector<double>> numberArray(JsonReader& r, const json& v,
                                               const std::string& path, std::size_t expected) {
    if (!v.is_array()) {
        r.error(path, "expected an array of numbers");
        return std::nullopt;
    }
    if (expected && v.size() != expected) {
        r.error(path, "has " + std::to_string(v.size()) + " values, expected one per frequency (" +
                          std::to_string(expected) + ")");
        return std::nullopt;
    }
    std::vector<double> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!v[i].is_number()) {
            r.error(JsonReader::index(path, i), "expected a number");
            return std::nullopt;
        }
        double x = v[i].get<double>();
        if (!positiveFinite(x)) {
            r.error(JsonReader::index(path, i), "must be a positive number, got " + v[i].dump());
            return std::nullopt;
        }
        out.push_back(x);
    }
    return out;
}

bool readMcu(JsonReader& r, const json& m, McuProfile& p) {
    if (!r.isObject(m, "mcu"))
        return false;
    r.warnUnknownKeys(m, "mcu",
                      {"name", "core", "fpu", "flash_kib", "sram_kib", "dtcm_kib", "dcache_kib",
                       "supply_v", "freq_min_mhz", "freq_max_mhz"});
    auto name = r.requireString(m, "name", "mcu");
    if (!name)
        return false;
    p.name = *name;
    p.core = r.optString(m, "core", "mcu", "");
    p.fpu = r.optString(m, "fpu", "mcu", "");
    p.flashKib = static_cast<int>(r.optInt(m, "flash_kib", "mcu", 0, 1, 1 << 30));
    p.sramKib = static_cast<int>(r.optInt(m, "sram_kib", "mcu", 0, 1, 1 << 30));
    // Optional memory facts (absent: none); they change the estimate through m_tcm_cycles.
    p.dtcmKib = static_cast<int>(r.optInt(m, "dtcm_kib", "mcu", 0, 0, 1 << 30));
    p.dcacheKib = static_cast<int>(r.optInt(m, "dcache_kib", "mcu", 0, 0, 1 << 30));
    p.supplyV = r.optNumber(m, "supply_v", "mcu", 0.0);
    p.freqMinMhz = r.optNumber(m, "freq_min_mhz", "mcu", 0.0);
    p.freqMaxMhz = r.optNumber(m, "freq_max_mhz", "mcu", 0.0);
    bool ok = true;
    auto require = [&](bool cond, const char* field, const std::string& why) {
        if (!cond) {
            r.error(JsonReader::join("mcu", field), why);
            ok = false;
        }
    };
    require(p.flashKib > 0, "flash_kib", "missing or not positive");
    require(p.sramKib > 0, "sram_kib", "missing or not positive");
    require(positiveFinite(p.supplyV), "supply_v", "missing or not positive");
    require(positiveFinite(p.freqMinMhz), "freq_min_mhz", "missing or not positive");
    require(p.freqMaxMhz >= p.freqMinMhz, "freq_max_mhz", "missing or below freq_min_mhz");
    return ok;
}

bool readFrequencies(JsonReader& r, const json& j, McuProfile& p) {
    auto it = j.find("frequencies_mhz");
    if (it == j.end()) {
        r.error("frequencies_mhz", "missing");
        return false;
    }
    auto f = numberArray(r, *it, "frequencies_mhz", 0);
    if (!f)
        return false;
    if (f->empty()) {
        r.error("frequencies_mhz", "needs at least one frequency");
        return false;
    }
    for (std::size_t i = 0; i < f->size(); ++i) {
        if (i && (*f)[i] <= (*f)[i - 1]) {
            r.error(JsonReader::index("frequencies_mhz", i),
                    "frequencies must be strictly increasing");
            return false;
        }
        if ((*f)[i] < p.freqMinMhz || (*f)[i] > p.freqMaxMhz) {
            r.error(JsonReader::index("frequencies_mhz", i),
                    "outside the MCU's clock range [freq_min_mhz, freq_max_mhz]");
            return false;
        }
    }
    p.freqsMhz = *f;
    return true;
}

/// `parsed` (what a member's name stands for) when it is known and the member's `value` is an
/// object; else nullopt, with an error (`unknown` when the name is unknown), and `ok` false.
template <class T>
std::optional<T> namedObject(JsonReader& r, std::optional<T> parsed, const json& value,
                             const std::string& path, const std::string& unknown, bool& ok) {
    if (!parsed)
        r.error(path, unknown);
    else if (!r.isObject(value, path))
        parsed.reset();
    ok = ok && parsed.has_value();
    return parsed;
}

bool readOps(JsonReader& r, const json& j, McuProfile& p) {
    const json* it = r.requireObject(j, "ops", "");
    if (!it)
        return false;
    bool ok = true;
    for (auto d = it->begin(); d != it->end(); ++d) {
        const std::string dpath = "ops." + d.key();
        const auto dtype =
            namedObject(r, dtypeFromName(d.key()), d.value(), dpath,
                        "unknown numeric format '" + d.key() + "' (expected fp32 or int8)", ok);
        if (!dtype)
            continue;
        OpTable table;
        for (auto o = d.value().begin(); o != d.value().end(); ++o) {
            const std::string opath = dpath + "." + o.key();
            const auto op = namedObject(
                r, opFromName(o.key()), o.value(), opath,
                "unknown op '" + o.key() + "' (expected add, sub, mul, div or exp)", ok);
            if (!op)
                continue;
            r.warnUnknownKeys(o.value(), opath, {"latency_ms", "current_ma"});
            std::optional<std::vector<double>> lat, cur;
            for (auto [key, dest] :
                 {std::pair{"latency_ms", &lat}, std::pair{"current_ma", &cur}}) {
                if (!o.value().contains(key))
                    r.error(JsonReader::join(opath, key), "missing");
                else
                    *dest = numberArray(r, o.value()[key], JsonReader::join(opath, key),
                                        p.freqsMhz.size());
            }
            if (!lat || !cur) {
                ok = false;
                continue;
            }
            auto& points = table[static_cast<std::size_t>(*op)];
            for (std::size_t i = 0; i < lat->size(); ++i)
                points.push_back({(*lat)[i], (*cur)[i]});
        }
        for (auto op : allOps())
            if (table[static_cast<std::size_t>(op)].empty() && ok) {
                r.error(dpath, "op '" + std::string(opName(op)) + "' is missing");
                ok = false;
            }
        p.ops[*dtype] = std::move(table);
    }
    if (ok && !p.ops.count(DType::FP32)) {
        r.error("ops", "the fp32 table is missing");
        ok = false;
    }
    return ok;
}

struct ParamField {
    const char* key;
    double CostParams::*member;
    bool optional = false; ///< absent = the uncalibrated default
};

constexpr ParamField kParamFields[] = {
    {"s_conv", &CostParams::sConv},
    {"o_conv_cycles", &CostParams::oConv},
    {"s_fc", &CostParams::sFc},
    {"b_fc", &CostParams::bFc},
    {"o_sig_cycles", &CostParams::oSig},
    {"b_sig", &CostParams::bSig},
    {"c0_cycles", &CostParams::c0},
    {"m_tcm_cycles", &CostParams::mTcm, true},
    {"q8", &CostParams::q8},
    {"kappa_conv", &CostParams::kappaConv},
    {"kappa_fc", &CostParams::kappaFc},
    {"kappa_el", &CostParams::kappaEl},
    {"i0_ma", &CostParams::i0Ma, true},
};

double rounded(double v, int digits) {
    if (v == 0.0 || !std::isfinite(v))
        return v;
    const double scale = std::pow(10.0, digits - 1 - std::floor(std::log10(std::abs(v))));
    return std::round(v * scale) / scale;
}

/// Writes integral numbers as integers ("16", not "16.0"), so that the files read naturally.
void integralAsInteger(json& j) {
    if (j.is_number_float()) {
        const double v = j.get<double>();
        if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
            j = static_cast<std::int64_t>(v);
    } else if (j.is_structured()) {
        for (auto& e : j)
            integralAsInteger(e);
    }
}

bool readCalibration(JsonReader& r, const json& c, McuProfile& p) {
    const std::string path = "calibration";
    if (!r.isObject(c, path))
        return false;
    r.warnUnknownKeys(c, path,
                      {"parameters", "reference_freq_mhz", "int8_mac_cycles_from", "source",
                       "notes", "residuals"});
    McuCalibration cal;
    bool ok = true;
    const std::string ppath = JsonReader::join(path, "parameters");
    const json* params = r.requireObject(c, "parameters", path);
    if (!params)
        return false;
    std::vector<std::string> known;
    for (const auto& f : kParamFields) {
        known.push_back(f.key);
        if (f.optional && !params->contains(f.key))
            continue;
        if (auto v = r.requireNonNegative(*params, f.key, ppath))
            cal.params.*(f.member) = *v;
        else
            ok = false;
    }
    r.warnUnknownKeys(*params, ppath, known);
    cal.params.referenceFreqMhz = r.optNumber(c, "reference_freq_mhz", path, 16.0);
    if (!positiveFinite(cal.params.referenceFreqMhz) ||
        std::find(p.freqsMhz.begin(), p.freqsMhz.end(), cal.params.referenceFreqMhz) ==
            p.freqsMhz.end()) {
        r.error(JsonReader::join(path, "reference_freq_mhz"),
                "must be one of the characterised frequencies");
        ok = false;
    }
    const std::string from = r.optString(c, "int8_mac_cycles_from", path, "int8");
    auto dt = dtypeFromName(from);
    if (!dt) {
        r.error(JsonReader::join(path, "int8_mac_cycles_from"),
                "unknown format '" + from + "' (expected fp32 or int8)");
        ok = false;
    } else {
        cal.params.int8MacCyclesFrom = *dt;
    }
    cal.source = r.optString(c, "source", path, "");
    if (auto n = c.find("notes"); n != c.end())
        if (auto notes = r.stringArray(*n, JsonReader::join(path, "notes")))
            cal.notes = *notes;
    if (auto res = c.find("residuals"); res != c.end()) {
        const std::string rpath = JsonReader::join(path, "residuals");
        if (!res->is_array()) {
            r.error(rpath, "expected an array");
            return false;
        }
        for (std::size_t i = 0; i < res->size(); ++i) {
            const std::string ipath = JsonReader::index(rpath, i);
            const json& e = (*res)[i];
            if (!r.isObject(e, ipath))
                return false;
            r.warnUnknownKeys(
                e, ipath, {"set", "config", "points", "latency_pct", "current_pct", "energy_pct"});
            FitResidual fr;
            fr.set = r.optString(e, "set", ipath, "");
            fr.config = r.optString(e, "config", ipath, "");
            fr.points = static_cast<int>(r.optInt(e, "points", ipath, 0, 0, 1 << 30));
            fr.latencyPct = r.optNumber(e, "latency_pct", ipath, 0.0);
            fr.currentPct = r.optNumber(e, "current_pct", ipath, 0.0);
            fr.energyPct = r.optNumber(e, "energy_pct", ipath, 0.0);
            cal.residuals.push_back(std::move(fr));
        }
    }
    if (ok)
        p.calibration = std::move(cal);
    return ok;
}

} // namespace

json calibrationToJson(const McuCalibration& cal) {
    json c;
    for (const auto& f : kParamFields)
        c["parameters"][f.key] = rounded(cal.params.*(f.member), 7);
    c["reference_freq_mhz"] = cal.params.referenceFreqMhz;
    c["int8_mac_cycles_from"] = std::string(dtypeName(cal.params.int8MacCyclesFrom));
    c["source"] = cal.source;
    c["notes"] = cal.notes;
    c["residuals"] = json::array();
    for (const auto& r : cal.residuals)
        c["residuals"].push_back({{"set", r.set},
                                  {"config", r.config},
                                  {"points", r.points},
                                  {"latency_pct", std::round(r.latencyPct * 100) / 100},
                                  {"current_pct", std::round(r.currentPct * 100) / 100},
                                  {"energy_pct", std::round(r.energyPct * 100) / 100}});
    integralAsInteger(c);
    return c;
}

LutLoadResult lutFromJson(const json& j, const std::string& file) {
    LutLoadResult result;
    JsonReader r(file, result.diagnostics);
    if (!r.checkHeader(j, kFormat, kLutFormatVersion, "look-up-table",
                       {"mcu", "runtime", "provenance", "frequencies_mhz", "ops", "calibration"}))
        return result;
    McuProfile p;
    p.file = file;
    if (!j.contains("mcu")) {
        r.error("mcu", "missing");
        return result;
    }
    if (!readMcu(r, j["mcu"], p) || !readFrequencies(r, j, p) || !readOps(r, j, p))
        return result;
    p.runtime = r.optString(j, "runtime", "", "");
    r.readStringMap(j, "provenance", "", p.provenance);
    if (auto cal = j.find("calibration"); cal != j.end())
        readCalibration(r, *cal, p);
    return withValueUnlessErrors(std::move(result), &LutLoadResult::profile, std::move(p));
}

LutLoadResult loadLutFile(const std::string& path) {
    return loadJsonDocument(path, &lutFromJson);
}

json lutToJson(const McuProfile& p) {
    json j = versionedHeader(kFormat, kLutFormatVersion);
    j["mcu"] = {{"name", p.name},
                {"core", p.core},
                {"fpu", p.fpu},
                {"flash_kib", p.flashKib},
                {"sram_kib", p.sramKib},
                {"supply_v", p.supplyV},
                {"freq_min_mhz", p.freqMinMhz},
                {"freq_max_mhz", p.freqMaxMhz}};
    if (p.dtcmKib > 0)
        j["mcu"]["dtcm_kib"] = p.dtcmKib;
    if (p.dcacheKib > 0)
        j["mcu"]["dcache_kib"] = p.dcacheKib;
    j["runtime"] = p.runtime;
    j["provenance"] = p.provenance;
    j["frequencies_mhz"] = p.freqsMhz;
    for (const auto& [dtype, table] : p.ops)
        for (auto op : allOps()) {
            json& o = j["ops"][std::string(dtypeName(dtype))][std::string(opName(op))];
            o["latency_ms"] = json::array();
            o["current_ma"] = json::array();
            for (const auto& pt : table[static_cast<std::size_t>(op)]) {
                o["latency_ms"].push_back(pt.latencyMs);
                o["current_ma"].push_back(pt.currentMa);
            }
        }
    if (p.calibration)
        j["calibration"] = calibrationToJson(*p.calibration);
    integralAsInteger(j);
    return j;
}

} // namespace zipcnn
