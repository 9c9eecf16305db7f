// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/DeviceEstimate.h"

#include "base/HumanUnits.h"

#include <cmath>
#include <limits>

namespace zipcnn {

SleepFigure sleepFigure(const DeviceModel& device, const McuFacts* facts) {
    if (device.sleepUa)
        return {device.sleepUa, "given"};
    if (facts && facts->lowPowerCurrentUa)
        return {facts->lowPowerCurrentUa, facts->lowPowerText.empty()
                                              ? facts->name + " datasheet low-power mode"
                                              : facts->name + " " + facts->lowPowerText};
    return {std::nullopt, ""};
}

std::string withoutTrailingZeros(const std::string& text) {
    const auto space = text.find(' ');
    std::string number = text.substr(0, space);
    if (number.find('.') != std::string::npos) {
        while (!number.empty() && number.back() == '0')
            number.pop_back();
        if (!number.empty() && number.back() == '.')
            number.pop_back();
    }
    return space == std::string::npos ? number : number + text.substr(space);
}

std::string periodTooShortText(double activeMs, double periodMs, double wakeUs) {
    return std::string(wakeUs > 0.0 ? "the inference and wake-up take " : "the inference takes ") +
           withoutTrailingZeros(humanDuration(activeMs)) + ", the period is " +
           withoutTrailingZeros(humanDuration(periodMs));
}

DeviceEstimate estimateDevice(const DeviceModel& d, double latencyMs, double currentMa,
                              double supplyV, const SleepFigure& sleep) {
    DeviceEstimate e;
    e.periodMs = d.periodS * 1e3;
    if (const auto errors = checkDeviceModel(d); !errors.empty()) {
        e.why = errors.front().field + " " + errors.front().message;
        return e;
    }
    if (!(supplyV > 0.0) || !std::isfinite(latencyMs) || !std::isfinite(currentMa)) {
        e.why = "no current or supply voltage for the point";
        return e;
    }
    const double T = d.periodS;       // s
    const double t = latencyMs / 1e3; // s
    const double W = d.wakeUs / 1e6;  // s
    e.activeMs = (t + W) * 1e3;
    if (t + W > T) {
        e.periodTooShort = true;
        e.why = periodTooShortText(e.activeMs, e.periodMs, d.wakeUs);
        return e;
    }
    if (!sleep.ua) {
        e.why = "no low-power current for the MCU in the catalogue: give the sleep current";
        return e;
    }
    e.sleepUa = *sleep.ua;
    e.sleepSource = sleep.source;
    // Charges per period at the rail, in mA x s; energies are charge x rail voltage. Filled in
    // place (one allocation per point): the sweep computes this at every point.
    const double wakeMa = d.wakeMa.value_or(currentMa);
    e.blocks.reserve(3 + d.loads.size());
    e.blocks.push_back({"cnn", currentMa * t, 0.0});
    e.blocks.push_back({"wake", wakeMa * W, 0.0});
    e.blocks.push_back({"sleep", e.sleepUa / 1e3 * (T - t - W), 0.0});
    for (const DeviceLoad& l : d.loads) {
        double q = 0.0;
        if (l.when == LoadWhen::Constant)
            q = l.currentMa * T;
        else {
            q = l.energyMj ? *l.energyMj / supplyV : l.currentMa * l.durationMs / 1e3;
            if (l.when == LoadWhen::EveryK)
                q /= static_cast<double>(l.everyK);
        }
        e.blocks.push_back({l.name, q, 0.0});
    }
    double total = 0.0;
    for (const DeviceBlock& b : e.blocks)
        total += b.energyJ; // still a charge here
    for (DeviceBlock& b : e.blocks) {
        const double q = b.energyJ;
        b.share = total > 0.0 ? q / total : 0.0;
        b.energyJ = q / 1e3 * supplyV;
        e.energyPerPeriodJ += b.energyJ;
    }
    e.railCurrentMa = total / T;
    const Battery& b = d.supply.battery;
    if (d.supply.regulator == Regulator::Buck)
        e.avgCurrentMa = e.railCurrentMa * supplyV / (d.supply.efficiency * b.nominalV);
    else
        e.avgCurrentMa = e.railCurrentMa; // an LDO passes the load current through
    e.avgPowerW = e.avgCurrentMa / 1e3 * b.nominalV;
    e.selfDischargeMa = b.capacityMah * b.selfDischargePctPerYear / 100.0 / kHoursPerYear;
    const double drain = e.avgCurrentMa + e.selfDischargeMa;
    e.batteryLifeH = drain > 0.0 ? b.capacityMah * b.usableFraction / drain
                                 : std::numeric_limits<double>::infinity();
    e.ok = true;
    return e;
}

} // namespace zipcnn
