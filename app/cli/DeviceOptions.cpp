// SPDX-License-Identifier: GPL-3.0-or-later
// The device flags of `estimate` and `sweep`: --period-s, --battery, --sleep-ua, --wake-us.
#include "DeviceOptions.h"

#include "CliModel.h"
#include "TextTable.h"
#include "base/HumanUnits.h"
#include "explore/Feasibility.h"
#include "import/OpenInput.h"
#include "io/DeviceJson.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace zipcnn::cli {

using nlohmann::json;

namespace {

std::string presetList() {
    std::string s;
    for (const auto& p : batteryPresets())
        s += (s.empty() ? "" : ", ") + p.id;
    return s;
}

/// A positive finite number, or an error naming the flag.
std::optional<double> positiveOption(const CliArgs& args, const std::string& flag,
                                     const std::string& command, std::ostream& err,
                                     bool zeroAllowed = false) {
    const auto text = args.option(flag);
    if (!text)
        return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text->c_str(), &end);
    if (text->empty() || end != text->c_str() + text->size() || !std::isfinite(v)) {
        printError(err, command + ": " + flag + ": '" + *text + "' is not a number");
        return std::nullopt;
    }
    if (zeroAllowed ? v < 0.0 : v <= 0.0) {
        printError(err, command + ": " + flag + ": " + *text + " must be " +
                            (zeroAllowed ? "zero or more" : "positive"));
        return std::nullopt;
    }
    return v;
}

} // namespace

bool batteryHelpAsked(const CliArgs& args) {
    return args.option("--battery") == std::optional<std::string>("help");
}

void printBatteryHelp(std::ostream& out) {
    out << "--battery MAH|PRESET\n"
        << "  a bare number: that many mAh, all usable, no self-discharge, an LDO (battery "
           "current = load current), no other loads; 3.0 V nominal (used for the average power "
           "only)\n\n";
    for (const auto& p : batteryPresets()) {
        const Battery& b = p.battery;
        out << p.id << ": " << p.name << "\n"
            << "  capacity " << b.capacityMah << " mAh, nominal " << b.nominalV << " V, usable "
            << b.usableFraction * 100.0 << " %, self-discharge " << b.selfDischargePctPerYear
            << " %/year\n"
            << "  sources: " << p.sources << "\n"
            << "  assumptions: " << p.assumptions << "\n";
    }
    out << "\nOther defaults: LDO regulator; wake-up time 0 unless --wake-us; wake-up current = "
           "the run current at the clock; sleep current = the MCU catalogue's low-power figure "
           "unless --sleep-ua (docs/device.md)\n";
}

bool readDeviceOptions(const CliArgs& args, const std::string& command,
                       const std::optional<DeviceModel>& fromProject,
                       std::optional<DeviceModel>& out, std::ostream& err) {
    out = fromProject;
    const bool period = args.option("--period-s").has_value();
    const bool battery = args.option("--battery").has_value();
    if (!out && !period && !battery) {
        for (const char* flag : {"--sleep-ua", "--wake-us"})
            if (args.option(flag)) {
                printError(err, command + ": " + flag + " needs --period-s and --battery");
                return false;
            }
        return true;
    }
    if (!out && !(period && battery)) {
        printError(err, command + ": " + (period ? "--battery MAH|PRESET" : "--period-s T") +
                            " is needed too (a battery life needs a period and a battery)");
        return false;
    }
    DeviceModel d = out.value_or(DeviceModel{});
    if (period) {
        auto v = positiveOption(args, "--period-s", command, err);
        if (!v)
            return false;
        d.periodS = *v;
    }
    if (battery) {
        const std::string text = *args.option("--battery");
        if (const BatteryPreset* p = findBatteryPreset(text)) {
            d.supply.battery = p->battery;
        } else {
            char* end = nullptr;
            const double mah = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(mah)) {
                printError(err, command + ": --battery: '" + text +
                                    "' is neither a capacity in mAh nor a preset (" + presetList() +
                                    "; see --battery help)");
                return false;
            }
            if (mah <= 0.0) {
                printError(err, command + ": --battery: " + text +
                                    " mAh: the capacity must be positive");
                return false;
            }
            d.supply.battery = Battery{"", mah, 3.0, 1.0, 0.0};
        }
        if (!fromProject)
            d.supply.regulator = Regulator::Ldo;
    }
    if (args.option("--sleep-ua")) {
        auto v = positiveOption(args, "--sleep-ua", command, err, true);
        if (!v)
            return false;
        d.sleepUa = *v;
    }
    if (args.option("--wake-us")) {
        auto v = positiveOption(args, "--wake-us", command, err, true);
        if (!v)
            return false;
        d.wakeUs = *v;
    }
    if (const auto errors = checkDeviceModel(d); !errors.empty()) {
        printError(err,
                   command + ": device " + errors.front().field + " " + errors.front().message);
        return false;
    }
    out = std::move(d);
    return true;
}

json deviceSummaryJson(const DeviceModel& d, const SleepFigure& sleep) {
    json j = deviceToJson(d);
    j["sleep_ua_used"] = sleep.ua ? json(*sleep.ua) : json(nullptr);
    j["sleep_source"] = sleep.source;
    return j;
}

std::optional<DeviceModel> projectDevice(const CliArgs& args) {
    if (args.positionals.size() != 1)
        return std::nullopt;
    const std::string& spec = args.positionals.front();
    if (std::error_code ec; !std::filesystem::is_regular_file(spec, ec))
        return std::nullopt;
    const OpenedInput in = openInput(spec, importOptions(args));
    if (in.kind != InputKind::Project || !in.ok() || !in.project)
        return std::nullopt;
    return in.project->device;
}

DeviceRun runDevice(const DeviceModel& model, const SleepFigure& sleep, double supplyV,
                    std::vector<EstimatePointInput> inputs) {
    DeviceRun run{model, sleep, std::move(inputs), {}, std::nullopt, std::nullopt};
    double bestLife = 0.0;
    double bestEnergy = 0.0;
    for (const auto& in : run.inputs) {
        if (!in.currentMa) {
            DeviceEstimate none;
            none.why = "no current model for the MCU: no battery life";
            run.points.push_back(none);
            continue;
        }
        run.points.push_back(estimateDevice(model, in.latencyMs, *in.currentMa, supplyV, sleep));
        const DeviceEstimate& d = run.points.back();
        if (d.ok && (!run.longestLifeFreqMhz || d.batteryLifeH > bestLife)) {
            run.longestLifeFreqMhz = in.freqMhz;
            bestLife = d.batteryLifeH;
        }
        if (!run.minEnergyFreqMhz || in.energyJ < bestEnergy) {
            run.minEnergyFreqMhz = in.freqMhz;
            bestEnergy = in.energyJ;
        }
    }
    return run;
}

void addDeviceJson(json& estimate, const DeviceRun& run) {
    estimate["device"] = deviceSummaryJson(run.model, run.sleep);
    estimate["longest_life_freq_mhz"] =
        run.longestLifeFreqMhz ? json(*run.longestLifeFreqMhz) : json(nullptr);
    estimate["min_energy_freq_mhz"] =
        run.minEnergyFreqMhz ? json(*run.minEnergyFreqMhz) : json(nullptr);
    auto& points = estimate["points"];
    for (std::size_t i = 0; i < run.points.size() && i < points.size(); ++i)
        addDeviceEstimateKeys(points[i], run.points[i]);
}

void printDeviceRun(std::ostream& out, const DeviceRun& run) {
    const Battery& b = run.model.supply.battery;
    out << "\ndevice: one inference every "
        << withoutTrailingZeros(humanDuration(run.model.periodS * 1e3)) << ", "
        << (b.preset.empty() ? significant(b.capacityMah) + " mAh" : b.preset) << ", sleep "
        << (run.sleep.ua ? withoutTrailingZeros(significant(*run.sleep.ua) + " uA") + " (" +
                               run.sleep.source + ")"
                         : std::string("unknown"))
        << "\n";
    TextTable t({"clock MHz", "battery life", "avg current", "energy/period", "CNN share", ""});
    for (std::size_t i = 0; i < run.points.size(); ++i) {
        const DeviceEstimate& d = run.points[i];
        const double f = run.inputs[i].freqMhz;
        std::string mark;
        if (run.longestLifeFreqMhz == f)
            mark = "longest life";
        if (run.minEnergyFreqMhz == f)
            mark += std::string(mark.empty() ? "" : ", ") + "least energy";
        if (!d.ok) {
            t.addRow({formatQuantity(f), "no: " + d.why, "-", "-", "-", mark});
            continue;
        }
        t.addRow({formatQuantity(f), batteryLifeText(d.batteryLifeH),
                  significant(d.avgCurrentMa * 1e3) + " uA", humanEnergy(d.energyPerPeriodJ),
                  significant(d.cnnShare() * 100.0) + " %", mark});
    }
    t.print(out);
}

} // namespace zipcnn::cli
