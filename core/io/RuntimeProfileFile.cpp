// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/RuntimeProfileFile.h"

#include "base/JsonReader.h"
#include "cost/McuFacts.h"
#include "io/JsonFolder.h"
#include "model/LayerType.h"

#include <algorithm>
#include <cmath>

namespace zipcnn {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "zipcnn-runtime";

double rounded(double v, int digits) {
    if (v == 0.0 || !std::isfinite(v))
        return v;
    const double scale = std::pow(10.0, digits - 1 - std::floor(std::log10(std::abs(v))));
    return std::round(v * scale) / scale;
}

struct CostField {
    const char* group; ///< "cycles_per_mac", "cycles_per_element" or "" (top level)
    const char* key;
    double KernelCosts::*member;
};

constexpr CostField kCostFields[] = {
    {"cycles_per_mac", "conv", &KernelCosts::convCyclesPerMac},
    {"cycles_per_mac", "pointwise", &KernelCosts::pointwiseCyclesPerMac},
    {"cycles_per_mac", "depthwise", &KernelCosts::depthwiseCyclesPerMac},
    {"cycles_per_mac", "fc", &KernelCosts::fcCyclesPerMac},
    {"cycles_per_element", "pool", &KernelCosts::poolCyclesPerElement},
    {"cycles_per_element", "eltwise", &KernelCosts::eltwiseCyclesPerElement},
    {"cycles_per_element", "activation", &KernelCosts::activationCyclesPerElement},
    {"cycles_per_element", "softmax", &KernelCosts::softmaxCyclesPerElement},
    {"cycles_per_element", "output", &KernelCosts::outputCyclesPerElement},
    {"", "layer_cycles", &KernelCosts::layerCycles},
    {"", "inference_cycles", &KernelCosts::inferenceCycles},
    {"", "flash_line_bytes", &KernelCosts::flashLineBytes},
};

std::optional<ErrorSummary> readSummary(JsonReader& r, const json& obj, const std::string& key,
                                        const std::string& path, bool& ok) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return std::nullopt;
    const std::string p = JsonReader::join(path, key);
    if (!r.isObject(*it, p)) {
        ok = false;
        return std::nullopt;
    }
    ErrorSummary s;
    s.points = static_cast<int>(r.optInt(*it, "points", p, 0, 0, 1 << 30));
    s.medianPct = r.optNullableNumber(*it, "median", p);
    s.meanPct = r.optNumber(*it, "mean", p, -1.0);
    if ((s.medianPct && *s.medianPct < 0.0) || s.meanPct < 0.0) {
        r.error(p, "needs 'mean' (and 'median' or null), percent >= 0");
        ok = false;
    }
    return s;
}

std::optional<RuntimeCalibration> readCalibration(JsonReader& r, const json& c,
                                                  const std::string& path, bool& ok) {
    if (!r.isObject(c, path)) {
        ok = false;
        return std::nullopt;
    }
    RuntimeCalibration cal;
    cal.points = static_cast<int>(r.optInt(c, "points", path, 0, 0, 1 << 30));
    for (auto [key, dest] : {std::pair{"boards", &cal.boards}, std::pair{"mcus", &cal.mcus},
                             std::pair{"notes", &cal.notes}})
        if (auto it = c.find(key); it != c.end()) {
            if (auto v = r.stringArray(*it, JsonReader::join(path, key)))
                *dest = *v;
            else
                ok = false;
        }
    if (auto it = c.find("clocks_mhz"); it != c.end()) {
        if (!it->is_array()) {
            r.error(JsonReader::join(path, "clocks_mhz"), "expected an array of numbers");
            ok = false;
        } else {
            for (const auto& v : *it)
                if (v.is_number())
                    cal.clocksMhz.push_back(v.get<double>());
        }
    }
    if (auto lat = c.find("latency_error_pct"); lat != c.end()) {
        const std::string lp = JsonReader::join(path, "latency_error_pct");
        if (r.isObject(*lat, lp)) {
            cal.inSample = readSummary(r, *lat, "in_sample", lp, ok);
            cal.leaveOneModelOut = readSummary(r, *lat, "leave_one_model_out", lp, ok);
            cal.leaveOneBoardOut = readSummary(r, *lat, "leave_one_board_out", lp, ok);
        } else {
            ok = false;
        }
    }
    if (auto en = c.find("energy_error_pct"); en != c.end() && !en->is_null()) {
        const std::string ep = JsonReader::join(path, "energy_error_pct");
        if (r.isObject(*en, ep))
            cal.energyInSample = readSummary(r, *en, "in_sample", ep, ok);
        else
            ok = false;
    }
    return cal;
}

bool readCosts(JsonReader& r, const json& c, const std::string& path, KernelCosts& k) {
    if (!r.isObject(c, path))
        return false;
    r.warnUnknownKeys(c, path,
                      {"core_family", "cycles_per_mac", "cycles_per_element", "layer_cycles",
                       "inference_cycles", "flash_line_bytes", "provenance", "calibration"});
    bool ok = true;
    k.coreFamily = r.optString(c, "core_family", path, "");
    if (k.coreFamily.rfind("cortex-m", 0) != 0) {
        r.error(JsonReader::join(path, "core_family"),
                "missing or not a Cortex-M family (\"cortex-m4\", ...)");
        ok = false;
    }
    for (const auto& f : kCostFields) {
        const json* holder = &c;
        std::string hpath = path;
        if (*f.group) {
            hpath = JsonReader::join(path, f.group);
            holder = r.requireObject(c, f.group, path);
            if (!holder)
                return false;
        }
        if (auto v = r.requireNonNegative(*holder, f.key, hpath))
            k.*(f.member) = *v;
        else
            ok = false;
    }
    if (auto p = c.find("provenance");
        p != c.end() && r.isObject(*p, JsonReader::join(path, "provenance")))
        for (auto it = p->begin(); it != p->end(); ++it)
            if (it->is_string())
                k.provenance[it.key()] = it->get<std::string>();
    if (auto cal = c.find("calibration"); cal != c.end() && !cal->is_null())
        k.calibration = readCalibration(r, *cal, JsonReader::join(path, "calibration"), ok);
    return ok;
}

json calibrationToJson(const RuntimeCalibration& cal);

json costsToJson(const KernelCosts& k) {
    json c;
    c["core_family"] = k.coreFamily;
    for (const auto& f : kCostFields) {
        const double v = rounded(k.*(f.member), 5);
        if (*f.group)
            c[f.group][f.key] = v;
        else
            c[f.key] = v;
    }
    c["provenance"] = k.provenance;
    if (k.calibration)
        c["calibration"] = calibrationToJson(*k.calibration);
    return c;
}

json calibrationToJson(const RuntimeCalibration& cal) {
    {
        json j;
        j["points"] = cal.points;
        j["boards"] = cal.boards;
        j["mcus"] = cal.mcus;
        j["clocks_mhz"] = cal.clocksMhz;
        j["latency_error_pct"] = {
            {"in_sample", errorSummaryToJson(cal.inSample)},
            {"leave_one_model_out", errorSummaryToJson(cal.leaveOneModelOut)},
            {"leave_one_board_out", errorSummaryToJson(cal.leaveOneBoardOut)}};
        j["energy_error_pct"] = cal.energyInSample
                                    ? json{{"in_sample", errorSummaryToJson(cal.energyInSample)}}
                                    : json();
        j["notes"] = cal.notes;
        return j;
    }
}

} // namespace

bool kernelCostsFromJson(JsonReader& r, const json& c, const std::string& path, KernelCosts& k) {
    return readCosts(r, c, path, k);
}

json kernelCostsToJson(const KernelCosts& k) {
    return costsToJson(k);
}

json errorSummaryToJson(const std::optional<ErrorSummary>& s) {
    if (!s)
        return nullptr;
    return {{"points", s->points},
            {"median", s->medianPct ? json(std::round(*s->medianPct * 100) / 100) : json()},
            {"mean", std::round(s->meanPct * 100) / 100}};
}

RuntimeLoadResult runtimeFromJson(const json& j, const std::string& file) {
    RuntimeLoadResult result;
    JsonReader r(file, result.diagnostics);
    if (!r.checkHeader(j, kFormat, kRuntimeFormatVersion, "runtime profile",
                       {"id", "name", "runtime_version", "aliases", "model", "description",
                        "dtypes", "lowering", "unsupported_layers", "benchmark_runtimes",
                        "core_families", "calibration", "provenance"}))
        return result;
    RuntimeProfile p;
    p.file = file;
    auto id = r.requireString(j, "id", "");
    if (!id)
        return result;
    p.id = *id;
    p.name = r.optString(j, "name", "", "");
    p.version = r.optString(j, "runtime_version", "", "");
    p.description = r.optString(j, "description", "", "");
    p.model = r.optString(j, "model", "", "");
    if (p.model != "thesis-lut" && p.model != "kernel-classes")
        r.error("model", "must be \"thesis-lut\" or \"kernel-classes\", got '" + p.model + "'");
    for (auto [key, dest] : {std::pair{"aliases", &p.aliases}, std::pair{"dtypes", &p.dtypes},
                             std::pair{"benchmark_runtimes", &p.benchmarkRuntimes}})
        if (auto it = j.find(key); it != j.end())
            if (auto v = r.stringArray(*it, key))
                *dest = *v;
    for (const auto& d : p.dtypes)
        if (d != "int8" && d != "fp32")
            r.error("dtypes", "unknown numeric format '" + d + "' (expected fp32 or int8)");
    if (auto l = j.find("lowering"); l != j.end()) {
        if (r.isObject(*l, "lowering")) {
            r.warnUnknownKeys(*l, "lowering",
                              {"fold_batchnorm", "fuse_activation", "fuse_padding",
                               "in_place_elementwise", "planner"});
            p.lowering.foldBatchNorm = r.optBool(*l, "fold_batchnorm", "lowering", false);
            p.lowering.fuseActivation = r.optBool(*l, "fuse_activation", "lowering", false);
            p.lowering.fusePadding = r.optBool(*l, "fuse_padding", "lowering", false);
            p.lowering.inPlaceElementwise =
                r.optBool(*l, "in_place_elementwise", "lowering", false);
            p.lowering.planner = r.optString(*l, "planner", "lowering", "");
            if (p.lowering.planner != "arena" && p.lowering.planner != "arena-overlap" &&
                p.lowering.planner != "thesis-rule")
                r.error("lowering.planner",
                        "must be \"arena\", \"arena-overlap\" or \"thesis-rule\", got '" +
                            p.lowering.planner + "'");
        }
    } else {
        r.error("lowering", "missing");
    }
    if (auto u = j.find("unsupported_layers"); u != j.end() && r.isObject(*u, "unsupported_layers"))
        for (auto it = u->begin(); it != u->end(); ++it) {
            if (!layerTypeFromName(it.key()))
                r.error(JsonReader::join("unsupported_layers", it.key()), "unknown layer type");
            else if (!it->is_string())
                r.error(JsonReader::join("unsupported_layers", it.key()),
                        "expected the reason as a string");
            else
                p.unsupportedLayers[it.key()] = it->get<std::string>();
        }
    if (auto c = j.find("core_families"); c != j.end()) {
        if (!c->is_array()) {
            r.error("core_families", "expected an array");
        } else {
            for (std::size_t i = 0; i < c->size(); ++i) {
                KernelCosts k;
                const std::string path = JsonReader::index("core_families", i);
                if (!readCosts(r, (*c)[i], path, k))
                    continue;
                if (p.costsFor(k.coreFamily))
                    r.error(JsonReader::join(path, "core_family"),
                            "'" + k.coreFamily + "' is listed twice");
                else
                    p.costs.push_back(std::move(k));
            }
        }
    }
    if (auto cal = j.find("calibration"); cal != j.end() && !cal->is_null()) {
        bool ok = true;
        p.calibration = readCalibration(r, *cal, "calibration", ok);
    }
    r.readStringMap(j, "provenance", "", p.provenance);
    return withValueUnlessErrors(std::move(result), &RuntimeLoadResult::profile, std::move(p));
}

RuntimeLoadResult loadRuntimeFile(const std::string& path) {
    return loadJsonDocument(path, &runtimeFromJson);
}

json runtimeToJson(const RuntimeProfile& p) {
    json j = versionedHeader(kFormat, kRuntimeFormatVersion);
    j["id"] = p.id;
    j["name"] = p.name;
    j["runtime_version"] = p.version;
    j["aliases"] = p.aliases;
    j["model"] = p.model;
    j["description"] = p.description;
    j["dtypes"] = p.dtypes;
    j["lowering"] = {{"fold_batchnorm", p.lowering.foldBatchNorm},
                     {"fuse_activation", p.lowering.fuseActivation},
                     {"fuse_padding", p.lowering.fusePadding},
                     {"in_place_elementwise", p.lowering.inPlaceElementwise},
                     {"planner", p.lowering.planner}};
    j["unsupported_layers"] = p.unsupportedLayers;
    j["benchmark_runtimes"] = p.benchmarkRuntimes;
    j["core_families"] = json::array();
    for (const auto& k : p.costs)
        if (k.mcu.empty()) // a user's calibration of one MCU lives in the user's folder only
            j["core_families"].push_back(costsToJson(k));
    j["calibration"] = p.calibration ? calibrationToJson(*p.calibration) : json();
    j["provenance"] = p.provenance;
    return j;
}

const RuntimeProfile* RuntimeCatalog::find(const std::string& idOrAlias) const {
    for (const auto& r : runtimes)
        if (lowerAscii(r.id) == lowerAscii(idOrAlias))
            return &r;
    for (const auto& r : runtimes)
        if (r.matches(idOrAlias))
            return &r;
    return nullptr;
}

std::string RuntimeCatalog::idList() const {
    std::string s;
    for (const auto& r : runtimes) {
        s += (s.empty() ? "" : ", ") + r.id;
        for (const auto& a : r.aliases)
            s += ", " + a;
    }
    return s;
}

RuntimeCatalog loadRuntimeCatalog(const std::vector<std::string>& dirs) {
    RuntimeCatalog cat;
    loadEachFile(jsonFilesOfFirstFolder(dirs), cat.diagnostics, &loadRuntimeFile,
                 [&](RuntimeLoadResult& one, const std::string& file) {
                     if (!one.profile)
                         return;
                     if (!cat.find(one.profile->id))
                         cat.runtimes.push_back(std::move(*one.profile));
                     else
                         cat.diagnostics.push_back(aboutFile(
                             makeWarning("duplicate-runtime", "runtime '" + one.profile->id +
                                                                  "' is defined twice; ignored"),
                             file));
                 });
    std::sort(cat.runtimes.begin(), cat.runtimes.end(),
              [](const RuntimeProfile& a, const RuntimeProfile& b) { return a.id < b.id; });
    return cat;
}

} // namespace zipcnn
