// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/DeviceJson.h"

#include "base/JsonReader.h"

namespace zipcnn {

using nlohmann::json;

namespace {

json loadToJson(const DeviceLoad& l) {
    json j = {{"name", l.name}, {"when", std::string(loadWhenName(l.when))}};
    if (l.when == LoadWhen::EveryK)
        j["every_k"] = l.everyK;
    if (l.energyMj)
        j["energy_mj"] = *l.energyMj;
    else
        j["current_ma"] = l.currentMa;
    if (!l.energyMj && l.when != LoadWhen::Constant)
        j["duration_ms"] = l.durationMs;
    return j;
}

std::optional<DeviceLoad> readLoad(JsonReader& r, const json& j, const std::string& path) {
    if (!r.isObject(j, path))
        return std::nullopt;
    r.warnUnknownKeys(j, path,
                      {"name", "when", "every_k", "energy_mj", "current_ma", "duration_ms"});
    DeviceLoad l;
    auto name = r.requireString(j, "name", path);
    if (!name)
        return std::nullopt;
    l.name = *name;
    const std::string when = r.optString(j, "when", path, "per_inference");
    if (auto w = loadWhenFromName(when))
        l.when = *w;
    else
        r.error(JsonReader::join(path, "when"),
                "unknown '" + when + "' (expected per_inference, every_k or constant)");
    l.everyK = static_cast<int>(r.optInt(j, "every_k", path, 1, 1, 1000000));
    l.energyMj = r.optNullableNumber(j, "energy_mj", path);
    l.currentMa = r.optNumber(j, "current_ma", path, 0.0);
    l.durationMs = r.optNumber(j, "duration_ms", path, 0.0);
    if (!l.energyMj && !j.contains("current_ma"))
        r.error(path, "a load needs \"energy_mj\" or \"current_ma\"");
    return l;
}

} // namespace

json deviceToJson(const DeviceModel& d) {
    json loads = json::array();
    for (const auto& l : d.loads)
        loads.push_back(loadToJson(l));
    const Battery& b = d.supply.battery;
    return {{"period_s", d.periodS},
            {"sleep_ua", numberOrNull(d.sleepUa)},
            {"wake_us", d.wakeUs},
            {"wake_ma", numberOrNull(d.wakeMa)},
            {"loads", loads},
            {"supply",
             {{"battery",
               {{"preset", b.preset},
                {"capacity_mah", b.capacityMah},
                {"nominal_v", b.nominalV},
                {"usable_fraction", b.usableFraction},
                {"self_discharge_pct_per_year", b.selfDischargePctPerYear}}},
              {"regulator", std::string(regulatorName(d.supply.regulator))},
              {"efficiency", d.supply.efficiency}}}};
}

std::optional<DeviceModel> readDevice(JsonReader& r, const json& j, const std::string& path) {
    if (!r.isObject(j, path))
        return std::nullopt;
    r.warnUnknownKeys(j, path,
                      {"period_s", "rate_hz", "sleep_ua", "wake_us", "wake_ma", "loads", "supply"});
    DeviceModel d;
    if (j.contains("period_s") && j.contains("rate_hz"))
        r.error(JsonReader::join(path, "rate_hz"), "give \"period_s\" or \"rate_hz\", not both");
    if (j.contains("rate_hz")) {
        const double rate = r.optNumber(j, "rate_hz", path, 0.0);
        if (!(rate > 0.0)) {
            r.error(JsonReader::join(path, "rate_hz"), "must be positive");
            return std::nullopt;
        }
        d.periodS = 1.0 / rate;
    } else if (j.contains("period_s")) {
        d.periodS = r.optNumber(j, "period_s", path, 0.0);
    } else {
        r.error(JsonReader::join(path, "period_s"), "missing (the inference period, s)");
        return std::nullopt;
    }
    d.sleepUa = r.optNullableNumber(j, "sleep_ua", path);
    d.wakeUs = r.optNumber(j, "wake_us", path, 0.0);
    d.wakeMa = r.optNullableNumber(j, "wake_ma", path);
    if (auto it = j.find("loads"); it != j.end()) {
        const std::string lpath = JsonReader::join(path, "loads");
        if (!it->is_array())
            r.error(lpath, "expected an array of loads");
        else
            for (std::size_t i = 0; i < it->size(); ++i)
                if (auto l = readLoad(r, (*it)[i], JsonReader::index(lpath, i)))
                    d.loads.push_back(std::move(*l));
    }
    const std::string spath = JsonReader::join(path, "supply");
    const json* supply = r.requireObject(j, "supply", path);
    if (!supply)
        return std::nullopt;
    r.warnUnknownKeys(*supply, spath, {"battery", "regulator", "efficiency"});
    const std::string bpath = JsonReader::join(spath, "battery");
    const json* battery = r.requireObject(*supply, "battery", spath);
    if (!battery)
        return std::nullopt;
    r.warnUnknownKeys(
        *battery, bpath,
        {"preset", "capacity_mah", "nominal_v", "usable_fraction", "self_discharge_pct_per_year"});
    Battery& b = d.supply.battery;
    // A preset gives the defaults; figures written beside it override them.
    b.preset = r.optString(*battery, "preset", bpath, "");
    if (!b.preset.empty()) {
        if (const BatteryPreset* p = findBatteryPreset(b.preset))
            b = p->battery;
        else
            r.error(JsonReader::join(bpath, "preset"),
                    "unknown battery preset '" + b.preset +
                        "' (expected cr2032, 2xaa, lipo1000, supercap or none)");
    }
    b.capacityMah = r.optNumber(*battery, "capacity_mah", bpath, b.capacityMah);
    b.nominalV = r.optNumber(*battery, "nominal_v", bpath, b.nominalV);
    b.usableFraction = r.optNumber(*battery, "usable_fraction", bpath, b.usableFraction);
    b.selfDischargePctPerYear =
        r.optNumber(*battery, "self_discharge_pct_per_year", bpath, b.selfDischargePctPerYear);
    const std::string reg = r.optString(*supply, "regulator", spath, "ldo");
    if (auto g = regulatorFromName(reg))
        d.supply.regulator = *g;
    else
        r.error(JsonReader::join(spath, "regulator"),
                "unknown regulator '" + reg + "' (expected ldo or buck)");
    d.supply.efficiency = r.optNumber(*supply, "efficiency", spath, d.supply.efficiency);
    for (const auto& e : checkDeviceModel(d))
        r.error(JsonReader::join(path, e.field), e.message);
    return d;
}

void addDeviceEstimateKeys(json& p, const DeviceEstimate& d) {
    p["device_ok"] = d.ok;
    p["device_why"] = d.ok ? json(nullptr) : json(d.why);
    if (!d.ok) {
        for (const char* k : {"battery_life_h", "battery_life_months", "avg_current_ma",
                              "avg_power_mw", "energy_per_period_j"})
            p[k] = nullptr;
        p["energy_per_period_blocks"] = json::array();
        return;
    }
    p["battery_life_h"] = d.batteryLifeH;
    p["battery_life_months"] = d.batteryLifeMonths();
    p["avg_current_ma"] = d.avgCurrentMa;
    p["avg_power_mw"] = d.avgPowerW * 1e3;
    p["energy_per_period_j"] = d.energyPerPeriodJ;
    json blocks = json::array();
    for (const auto& b : d.blocks)
        blocks.push_back({{"name", b.name}, {"energy_j", b.energyJ}, {"share", b.share}});
    p["energy_per_period_blocks"] = blocks;
}

} // namespace zipcnn
