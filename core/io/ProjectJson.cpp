// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/ProjectJson.h"

#include "base/AtomicFile.h"
#include "base/JsonReader.h"
#include "io/DeviceJson.h"
#include "io/NetworkJson.h"

namespace zipcnn {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "zipcnn-project";

json studentToJson(const StudentRef& s) {
    json j;
    j["kind"] = std::string(studentKindName(s.kind));
    switch (s.kind) {
    case StudentKind::None:
        break;
    case StudentKind::Zoo:
        j["model"] = s.model;
        break;
    case StudentKind::File:
        j["path"] = s.path;
        break;
    case StudentKind::Derived:
        j["width_multiplier"] = s.widthMultiplier;
        j["drop_blocks_per_stage"] = s.dropBlocksPerStage;
        break;
    }
    return j;
}

json variantToJson(const VariantSpec& v) {
    json j;
    j["name"] = v.name;
    j["dtype"] = std::string(dtypeName(v.dtype));
    j["prune"] = v.prune;
    j["student"] = studentToJson(v.student);
    j["accuracy_pct"] = numberOrNull(v.accuracyPct);
    j["visible"] = v.visible;
    return j;
}

std::optional<StudentRef> readStudent(JsonReader& r, const json& j, const std::string& path) {
    StudentRef s;
    if (j.is_null())
        return s;
    if (!r.isObject(j, path))
        return std::nullopt;
    r.warnUnknownKeys(j, path,
                      {"kind", "model", "path", "width_multiplier", "drop_blocks_per_stage"});
    std::string kind = r.optString(j, "kind", path, "none");
    auto k = studentKindFromName(kind);
    if (!k) {
        r.error(JsonReader::join(path, "kind"),
                "unknown student kind '" + kind + "' (expected none, zoo, file or derived)");
        return std::nullopt;
    }
    s.kind = *k;
    s.model = r.optString(j, "model", path, "");
    s.path = r.optString(j, "path", path, "");
    s.widthMultiplier = r.optNumber(j, "width_multiplier", path, 1.0);
    s.dropBlocksPerStage = static_cast<int>(r.optInt(j, "drop_blocks_per_stage", path, 0, 0, 64));
    if (s.widthMultiplier <= 0.0 || s.widthMultiplier > 4.0)
        r.error(JsonReader::join(path, "width_multiplier"), "must be within (0, 4]");
    if (s.kind == StudentKind::Zoo && s.model.empty())
        r.error(JsonReader::join(path, "model"), "a zoo student needs a model name");
    if (s.kind == StudentKind::File && s.path.empty())
        r.error(JsonReader::join(path, "path"), "a file student needs a path");
    return s;
}

std::optional<TargetSpec> readTarget(JsonReader& r, const json& j, const std::string& path) {
    if (!r.isObject(j, path))
        return std::nullopt;
    r.warnUnknownKeys(j, path, {"mcu", "runtime"});
    auto mcu = r.requireString(j, "mcu", path);
    if (!mcu)
        return std::nullopt;
    if (mcu->empty()) {
        r.error(JsonReader::join(path, "mcu"), "is empty (expected an MCU name)");
        return std::nullopt;
    }
    TargetSpec t{*mcu, r.optString(j, "runtime", path, kThesisRuntimeId)};
    if (t.runtime.empty())
        t.runtime = kThesisRuntimeId;
    return t;
}

std::optional<VariantSpec> readVariant(JsonReader& r, const json& j, const std::string& path) {
    if (!r.isObject(j, path))
        return std::nullopt;
    r.warnUnknownKeys(j, path, {"name", "dtype", "prune", "student", "accuracy_pct", "visible"});
    VariantSpec v;
    auto name = r.requireString(j, "name", path);
    if (!name)
        return std::nullopt;
    v.name = *name;
    std::string dt = r.optString(j, "dtype", path, "fp32");
    if (auto d = dtypeFromName(dt))
        v.dtype = *d;
    else
        r.error(JsonReader::join(path, "dtype"),
                "unknown format '" + dt + "' (expected fp32 or int8)");
    v.prune = r.optNumber(j, "prune", path, 0.0);
    if (v.prune < 0.0 || v.prune > 0.95)
        r.error(JsonReader::join(path, "prune"), "must be within [0, 0.95]");
    if (auto it = j.find("student"); it != j.end()) {
        auto s = readStudent(r, *it, JsonReader::join(path, "student"));
        if (!s)
            return std::nullopt;
        v.student = *s;
    }
    v.accuracyPct = r.optNullableNumber(j, "accuracy_pct", path);
    if (v.accuracyPct && (*v.accuracyPct < 0.0 || *v.accuracyPct > 100.0))
        r.error(JsonReader::join(path, "accuracy_pct"), "must be a percentage within [0, 100]");
    v.visible = r.optBool(j, "visible", path, true);
    return v;
}

Constraints readConstraints(JsonReader& r, const json& j, const std::string& path, int version) {
    Constraints c;
    if (!r.isObject(j, path))
        return c;
    std::vector<std::string> known{"max_latency_ms", "max_energy_mj", "max_power_mw",
                                   "ram_reserve_kib", "flash_reserve_kib"};
    if (version >= 3)
        known.push_back("min_battery_life_h");
    r.warnUnknownKeys(j, path, known);
    auto positive = [&](const char* key) {
        auto v = r.optNullableNumber(j, key, path);
        if (v && *v <= 0.0) {
            r.error(JsonReader::join(path, key), "must be positive (or null for no limit)");
            return std::optional<double>{};
        }
        return v;
    };
    c.maxLatencyMs = positive("max_latency_ms");
    c.maxEnergyMj = positive("max_energy_mj");
    c.maxPowerMw = positive("max_power_mw");
    if (version >= 3)
        c.minBatteryLifeH = positive("min_battery_life_h");
    c.ramReserveKib = r.optNumber(j, "ram_reserve_kib", path, 0.0);
    c.flashReserveKib = r.optNumber(j, "flash_reserve_kib", path, 0.0);
    if (c.ramReserveKib < 0.0)
        r.error(JsonReader::join(path, "ram_reserve_kib"), "must not be negative");
    if (c.flashReserveKib < 0.0)
        r.error(JsonReader::join(path, "flash_reserve_kib"), "must not be negative");
    return c;
}

/// The saved focus is view state: a malformed one is a warning and is dropped, never a reason
/// to refuse the project.
std::optional<SavedFocus> readFocus(JsonReader& r, const json& j, const std::string& path) {
    if (!j.is_object()) {
        r.warning(path, "expected an object; the focus is not restored");
        return std::nullopt;
    }
    r.warnUnknownKeys(j, path, {"variant", "mcu", "runtime", "freq_mhz"});
    const auto text = [&](const char* key) -> std::optional<std::string> {
        const auto it = j.find(key);
        if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
            r.warning(JsonReader::join(path, key),
                      "missing or not a non-empty string; the focus is not restored");
            return std::nullopt;
        }
        return it->get<std::string>();
    };
    const auto variant = text("variant");
    const auto mcu = text("mcu");
    const auto runtime = text("runtime");
    if (!variant || !mcu || !runtime)
        return std::nullopt;
    SavedFocus f{*variant, {*mcu, *runtime}, std::nullopt};
    if (const auto it = j.find("freq_mhz"); it != j.end() && !it->is_null()) {
        if (it->is_number() && it->get<double>() > 0.0)
            f.freqMhz = it->get<double>();
        else
            r.warning(JsonReader::join(path, "freq_mhz"),
                      "expected a positive number of MHz or null; the clock is not restored");
    }
    return f;
}

/// Network diagnostics come with paths relative to the network object: prefix them.
void prefixPaths(Diagnostics& diags, std::size_t from, const std::string& prefix) {
    for (std::size_t i = from; i < diags.size(); ++i)
        if (!diags[i].file.empty() && diags[i].code != "invalid-json")
            diags[i].message = prefix + "." + diags[i].message;
}

/// Reads each element of the optional array `key` of `j` with `readOne` (reader, element,
/// path), appending those it accepts to `out`; an error when `key` holds no array.
template <typename T, typename ReadOne>
void readEach(JsonReader& r, const json& j, const char* key, const std::string& expected,
              std::vector<T>& out, ReadOne readOne) {
    const auto it = j.find(key);
    if (it == j.end())
        return;
    if (!it->is_array()) {
        r.error(key, expected);
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i)
        if (auto item = readOne(r, (*it)[i], JsonReader::index(key, i)))
            out.push_back(std::move(*item));
}

} // namespace

json projectToJson(const Project& p) {
    json j;
    j["format"] = kFormat;
    j["version"] = kProjectFormatVersion;
    j["name"] = p.name;
    json net = networkToJson(p.network);
    net.erase("format"); // the project's own format/version cover it
    net.erase("version");
    j["network"] = net;
    j["targets"] = json::array();
    for (const auto& t : p.targets)
        j["targets"].push_back({{"mcu", t.mcu}, {"runtime", t.runtime}});
    j["constraints"] = {{"max_latency_ms", numberOrNull(p.constraints.maxLatencyMs)},
                        {"max_energy_mj", numberOrNull(p.constraints.maxEnergyMj)},
                        {"max_power_mw", numberOrNull(p.constraints.maxPowerMw)},
                        {"ram_reserve_kib", p.constraints.ramReserveKib},
                        {"flash_reserve_kib", p.constraints.flashReserveKib}};
    if (p.constraints.minBatteryLifeH)
        j["constraints"]["min_battery_life_h"] = *p.constraints.minBatteryLifeH;
    j["variants"] = json::array();
    for (const auto& v : p.variants)
        j["variants"].push_back(variantToJson(v));
    if (p.device)
        j["device"] = deviceToJson(*p.device);
    if (p.focus)
        j["focus"] = {{"variant", p.focus->variant},
                      {"mcu", p.focus->target.mcu},
                      {"runtime", p.focus->target.runtime},
                      {"freq_mhz", numberOrNull(p.focus->freqMhz)}};
    // Written only when named, so a project that never named it saves as it did before the key.
    if (p.accuracyMetric != kDefaultAccuracyMetric)
        j["accuracy_metric"] = p.accuracyMetric;
    return j;
}

std::string projectToText(const Project& p) {
    return projectToJson(p).dump(2) + "\n";
}

ProjectLoadResult projectFromJson(const json& j, const std::string& file) {
    ProjectLoadResult result;
    JsonReader r(file, result.diagnostics);
    if (!r.checkHeader(j, kFormat, kProjectFormatVersion, "project"))
        return result;
    const int version = j.value("version", 1);
    // Version 1 named its candidate MCUs ("mcus"), all under the thesis's runtime; version 2
    // names (MCU, runtime) targets; version 3 adds the device model.
    if (version == 1)
        r.warnUnknownKeys(j, "",
                          {"format", "version", "name", "network", "mcus", "constraints",
                           "variants", "accuracy_metric"});
    else if (version == 2)
        r.warnUnknownKeys(j, "",
                          {"format", "version", "name", "network", "targets", "constraints",
                           "variants", "accuracy_metric"});
    else
        r.warnUnknownKeys(j, "",
                          {"format", "version", "name", "network", "targets", "constraints",
                           "variants", "device", "focus", "accuracy_metric"});
    Project p;
    p.name = r.optString(j, "name", "", "project");
    auto net = j.find("network");
    if (net == j.end() || !net->is_object()) {
        r.error("network", net == j.end() ? "missing" : "expected a network object");
        return result;
    }
    json netJson = *net;
    netJson["format"] = "zipcnn-network";
    netJson["version"] = kNetworkFormatVersion;
    const std::size_t before = result.diagnostics.size();
    NetworkLoadResult n = networkFromJson(netJson, file);
    result.diagnostics.insert(result.diagnostics.end(), n.diagnostics.begin(), n.diagnostics.end());
    prefixPaths(result.diagnostics, before, "network");
    if (!n.network)
        return result;
    p.network = std::move(*n.network);
    if (version == 1) {
        if (auto m = j.find("mcus"); m != j.end())
            if (auto names = r.stringArray(*m, "mcus"))
                for (auto& n : *names)
                    p.targets.push_back({std::move(n), kThesisRuntimeId});
    } else {
        readEach(r, j, "targets", "expected an array of {\"mcu\", \"runtime\"} objects", p.targets,
                 &readTarget);
    }
    if (auto c = j.find("constraints"); c != j.end())
        p.constraints = readConstraints(r, *c, "constraints", version);
    readEach(r, j, "variants", "expected an array", p.variants, &readVariant);
    if (auto d = j.find("device"); version >= 3 && d != j.end())
        p.device = readDevice(r, *d, "device");
    if (auto f = j.find("focus"); version >= 3 && f != j.end())
        p.focus = readFocus(r, *f, "focus");
    // Optional: files without it (all before it existed) keep the generic name.
    p.accuracyMetric = r.optString(j, "accuracy_metric", "", kDefaultAccuracyMetric);
    if (p.accuracyMetric.empty())
        p.accuracyMetric = kDefaultAccuracyMetric;
    result.project = std::move(p);
    return result;
}

ProjectLoadResult loadProjectText(const std::string& text, const std::string& file) {
    return parseJsonDocument(text, file, &projectFromJson);
}

ProjectLoadResult loadProjectFile(const std::string& path) {
    return loadJsonDocument(path, &projectFromJson);
}

bool saveProjectFile(const Project& p, const std::string& path, std::string* error) {
    return writeFileAtomically(path, projectToText(p), error);
}

} // namespace zipcnn
