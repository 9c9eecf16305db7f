// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/DeviceModel.h"

#include "base/EnumNames.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

namespace zipcnn {

namespace {

constexpr auto kLoadWhenNames = std::to_array<EnumName<LoadWhen>>({
    {LoadWhen::PerInference, "per_inference"},
    {LoadWhen::EveryK, "every_k"},
    {LoadWhen::Constant, "constant"},
});

constexpr auto kRegulatorNames = std::to_array<EnumName<Regulator>>({
    {Regulator::Ldo, "ldo"},
    {Regulator::Buck, "buck"},
});

// A supercapacitor's charge between its top voltage and the MCU's minimum: Q = C x dV.
constexpr double kSupercapFarads = 1.0;
constexpr double kSupercapVmax = 3.3;
constexpr double kSupercapVmin = 1.8;
constexpr double kCoulombsPerMah = 3.6;

std::vector<BatteryPreset> makePresets() {
    std::vector<BatteryPreset> p;
    p.push_back({"cr2032",
                 "CR2032 lithium coin cell",
                 {"cr2032", 225.0, 3.0, 0.8, 1.0},
                 "225 mAh and 3.0 V: the typical CR2032 (Li/MnO2) of IEC 60086, rated to a 2.0 V "
                 "cut-off at 0.2 mA (en.wikipedia.org/wiki/CR2032_battery; Energizer rates its "
                 "cell 235 mAh). 1 %/year: the usual self-discharge of Li/MnO2 coin cells, not "
                 "read from one datasheet.",
                 "usable 80 %: the rating is for a 0.2 mA continuous drain; inference pulses of "
                 "several mA lower what a coin cell delivers (an assumption, not a measurement)"});
    p.push_back({"2xaa",
                 "2 x AA alkaline in series",
                 {"2xaa", 2500.0, 3.0, 0.9, 3.75},
                 "2,500 mAh: the lower end of what the Energizer E91 datasheet "
                 "(data.energizer.com/PDFs/e91.pdf) shows at low drains to 0.8 V per cell, which "
                 "is typically 2,500-3,000 mAh; 3.0 V: two 1.5 V cells. 3.75 %/year: 85 % of the "
                 "capacity left after 4 years at 21 C, as the Energizer alkaline handbook's shelf-"
                 "life figure is quoted (anrieff.net/batterytest).",
                 "usable 90 %: a 1.8 V MCU stops at 0.9 V per cell, above the 0.8 V of the "
                 "rating (an assumption)"});
    p.push_back({"lipo1000",
                 "1000 mAh lithium-polymer cell",
                 {"lipo1000", 1000.0, 3.7, 0.9, 24.0},
                 "1000 mAh and 3.7 V: the cell's rating as sold. 24 %/year: 2 % a month, the "
                 "typical Li-ion/Li-Po self-discharge after the first day (Battery University "
                 "BU-802b gives 1-2 % a month, more with a protection circuit).",
                 "usable 90 %: the protection circuit's cut-off and the regulator's dropout leave "
                 "the last charge unused (an assumption)"});
    p.push_back({"supercap",
                 "1 F supercapacitor, 3.3 V down to 1.8 V",
                 {"supercap", kSupercapFarads * (kSupercapVmax - kSupercapVmin) / kCoulombsPerMah,
                  (kSupercapVmax + kSupercapVmin) / 2.0, 1.0, 0.0},
                 "capacity from Q = C x (Vmax - Vmin) = 1 F x (3.3 V - 1.8 V) = 1.5 C = 0.417 mAh "
                 "(1 mAh = 3.6 C); nominal voltage the mean of 3.3 V and 1.8 V. No datasheet: a "
                 "worked example of the formula; scale it to your part.",
                 "usable 100 % (the capacity already stops at the MCU's 1.8 V); no self-discharge: "
                 "a supercapacitor's leakage current (its datasheet, typically uA) is better "
                 "entered as a constant load"});
    return p;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool positive(double v) {
    return std::isfinite(v) && v > 0.0;
}

bool nonNegative(double v) {
    return std::isfinite(v) && v >= 0.0;
}

} // namespace

const std::vector<BatteryPreset>& batteryPresets() {
    static const std::vector<BatteryPreset> presets = makePresets();
    return presets;
}

const BatteryPreset* findBatteryPreset(std::string_view id) {
    const std::string key = lower(id);
    for (const auto& p : batteryPresets())
        if (p.id == key)
            return &p;
    return nullptr;
}

std::vector<DeviceFieldError> checkDeviceModel(const DeviceModel& d) {
    std::vector<DeviceFieldError> e;
    if (!positive(d.periodS))
        e.push_back({"period_s", "must be a positive number of seconds"});
    if (d.sleepUa && !nonNegative(*d.sleepUa))
        e.push_back({"sleep_ua", "must not be negative"});
    if (!nonNegative(d.wakeUs))
        e.push_back({"wake_us", "must not be negative"});
    if (d.wakeMa && !nonNegative(*d.wakeMa))
        e.push_back({"wake_ma", "must not be negative"});
    for (std::size_t i = 0; i < d.loads.size(); ++i) {
        const DeviceLoad& l = d.loads[i];
        // Built only for a message: the sweep checks the model at every point.
        const auto at = [i] { return "loads[" + std::to_string(i) + "]."; };
        if (l.name.empty())
            e.push_back({at() + "name", "is empty (a load needs a name)"});
        if (l.when == LoadWhen::EveryK && l.everyK < 1)
            e.push_back({at() + "every_k", "must be at least 1"});
        if (l.energyMj && !nonNegative(*l.energyMj))
            e.push_back({at() + "energy_mj", "must not be negative"});
        if (l.when == LoadWhen::Constant && l.energyMj)
            e.push_back({at() + "energy_mj", "a constant load has a current, not an energy"});
        if (!nonNegative(l.currentMa))
            e.push_back({at() + "current_ma", "must not be negative"});
        if (!nonNegative(l.durationMs))
            e.push_back({at() + "duration_ms", "must not be negative"});
    }
    const Battery& b = d.supply.battery;
    if (!positive(b.capacityMah))
        e.push_back({"supply.battery.capacity_mah", "must be positive"});
    if (!positive(b.nominalV))
        e.push_back({"supply.battery.nominal_v", "must be positive"});
    if (!positive(b.usableFraction) || b.usableFraction > 1.0)
        e.push_back({"supply.battery.usable_fraction", "must be within (0, 1]"});
    if (!nonNegative(b.selfDischargePctPerYear) || b.selfDischargePctPerYear > 100000.0)
        e.push_back({"supply.battery.self_discharge_pct_per_year", "must be within [0, 100000]"});
    if (d.supply.regulator == Regulator::Buck &&
        (!positive(d.supply.efficiency) || d.supply.efficiency > 1.0))
        e.push_back({"supply.efficiency", "must be within (0, 1]"});
    return e;
}

std::string_view loadWhenName(LoadWhen w) {
    return nameOf(kLoadWhenNames, w, "per_inference");
}

std::optional<LoadWhen> loadWhenFromName(std::string_view name) {
    return fromName(kLoadWhenNames, name);
}

std::string_view regulatorName(Regulator r) {
    return nameOf(kRegulatorNames, r, "ldo");
}

std::optional<Regulator> regulatorFromName(std::string_view name) {
    return fromName(kRegulatorNames, name);
}

} // namespace zipcnn
