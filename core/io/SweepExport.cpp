// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/SweepExport.h"

#include "base/JsonReader.h"
#include "io/DeviceJson.h"
#include "model/DataType.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace zipcnn {

using nlohmann::json;

namespace {

json violationJson(const Violation& x) {
    return json{{"constraint", x.constraint},
                {"value", x.value},
                {"limit", x.limit},
                {"excess_pct", x.excessPct()}};
}

} // namespace

json costPointJson(const CostPoint& p) {
    auto energy = [&](double v) { return p.hasEnergy ? json(v) : json(nullptr); };
    return {{"freq_mhz", p.freqMhz},
            {"latency_ms", p.latencyMs},
            {"current_ma", energy(p.currentMa)},
            {"power_w", energy(p.powerW)},
            {"energy_j", energy(p.energyJ)},
            {"interpolated", p.interpolated}};
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

std::string sweepCsv(const SweepExport& s) {
    std::ostringstream out;
    out.precision(10);
    out << "variant,mcu,runtime,freq_mhz,latency_ms,current_ma,power_w,energy_j,interpolated,"
           "feasible,violations,dtype,prune,flash_bytes,ram_bytes";
    // Device columns only with a device model, so a sweep without one keeps its bytes.
    if (s.device)
        out << ",battery_life_h,avg_current_ma,energy_per_period_j,cnn_share";
    out << "\n";
    for (const auto& c : s.result->cells) {
        const CostVariant& v = (*s.variants)[c.variant];
        const CostTarget& t = (*s.targets)[c.mcu];
        const std::int64_t ram = variantRamBytes(v, t);
        for (const auto& p : c.points) {
            std::string viol;
            for (const auto& x : p.violations)
                viol += (viol.empty() ? "" : ";") + x.constraint;
            out << csvField(v.name) << "," << csvField(t.mcu) << "," << csvField(t.runtimeId())
                << "," << p.cost.freqMhz << "," << p.cost.latencyMs << ",";
            if (p.cost.hasEnergy)
                out << p.cost.currentMa << "," << p.cost.powerW << "," << p.cost.energyJ;
            else
                out << ",,";
            out << "," << (p.cost.interpolated ? "true" : "false") << ","
                << (p.feasible ? "true" : "false") << "," << viol << "," << dtypeName(v.dtype)
                << "," << v.prune << "," << v.flashBytes << "," << ram;
            if (s.device) {
                if (p.device && p.device->ok)
                    out << "," << p.device->batteryLifeH << "," << p.device->avgCurrentMa << ","
                        << p.device->energyPerPeriodJ << "," << p.device->cnnShare();
                else
                    out << ",,,,";
            }
            out << "\n";
        }
    }
    return out.str();
}

json sweepJson(const SweepExport& s) {
    const Constraints& c = s.constraints;
    json j;
    j["model"] = s.source;
    j["constraints"] = {{"max_latency_ms", numberOrNull(c.maxLatencyMs)},
                        {"max_energy_mj", numberOrNull(c.maxEnergyMj)},
                        {"max_power_mw", numberOrNull(c.maxPowerMw)},
                        {"ram_reserve_kib", c.ramReserveKib},
                        {"flash_reserve_kib", c.flashReserveKib}};
    if (s.device) {
        j["constraints"]["min_battery_life_h"] = numberOrNull(c.minBatteryLifeH);
        j["device"] = deviceToJson(*s.device);
    }
    j["variants"] = json::array();
    for (const auto& v : *s.variants)
        j["variants"].push_back({{"name", v.name},
                                 {"dtype", dtypeName(v.dtype)},
                                 {"prune", v.prune},
                                 {"flash_bytes", v.flashBytes},
                                 {"ram_bytes", v.ramBytes},
                                 {"usable", v.usable()}});
    j["points"] = json::array();
    j["summary"] = json::array();
    for (const auto& cell : s.result->cells) {
        const auto& v = (*s.variants)[cell.variant];
        const CostTarget& t = (*s.targets)[cell.mcu];
        const std::string& mcu = t.mcu;
        for (const auto& p : cell.points) {
            json pj = costPointJson(p.cost);
            pj["variant"] = v.name;
            pj["mcu"] = mcu;
            pj["runtime"] = t.runtimeId();
            pj["feasible"] = p.feasible;
            pj["violations"] = json::array();
            for (const auto& x : p.violations)
                pj["violations"].push_back(violationJson(x));
            if (s.device) {
                if (p.device) {
                    addDeviceEstimateKeys(pj, *p.device);
                } else {
                    DeviceEstimate none;
                    none.why = p.cost.ok ? "no current model for the MCU: no battery life"
                                         : "no estimate at this clock";
                    addDeviceEstimateKeys(pj, none);
                }
            }
            j["points"].push_back(pj);
        }
        json sj = {{"variant", v.name},
                   {"mcu", mcu},
                   {"runtime", t.runtimeId()},
                   {"ram_bytes", variantRamBytes(v, t)},
                   {"feasible", cell.feasible()},
                   {"feasible_freqs_mhz", cell.feasibleFreqsMhz},
                   {"min_energy_freq_mhz", numberOrNull(cell.minEnergyFreqMhz)},
                   {"min_energy_j", cell.minEnergyFreqMhz ? json(cell.minEnergyJ) : json(nullptr)}};
        if (s.device) {
            sj["longest_life_freq_mhz"] = numberOrNull(cell.longestLifeFreqMhz);
            sj["longest_life_h"] =
                cell.longestLifeFreqMhz ? json(cell.longestLifeH) : json(nullptr);
        }
        sj["failing"] = json::array();
        for (const auto& x : cell.failing)
            sj["failing"].push_back(violationJson(x));
        if (!cell.note.empty())
            sj["note"] = cell.note;
        j["summary"].push_back(sj);
    }
    return j;
}

std::string sweepJsonText(const SweepExport& s) {
    return sweepJson(s).dump(2) + "\n";
}

std::vector<double> sweepFreqAxis(const SweepResult& result) {
    std::vector<double> f;
    for (const auto& c : result.cells)
        for (const auto& p : c.points)
            f.push_back(p.cost.freqMhz);
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());
    return f;
}

} // namespace zipcnn
