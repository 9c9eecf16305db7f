// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/McuFacts.h"
#include "model/DeviceModel.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// The MCU's current asleep between inferences, and where the figure comes from.
struct SleepFigure {
    std::optional<double> ua; ///< none: unknown (the catalogue has no figure and none was given)
    std::string source;       ///< "given", or the catalogue's mode text ("Stop 2: 2.57 uA ...")
};

/// The device model's sleep current if it gives one, else the catalogue's low-power figure of
/// `facts` (which may be null) with its mode as the source.
SleepFigure sleepFigure(const DeviceModel& device, const McuFacts* facts);

/// One block of the energy of a period, at the regulated rail.
struct DeviceBlock {
    std::string name; ///< "cnn", "wake", "sleep", then each load's name
    double energyJ = 0.0;
    double share = 0.0; ///< of the period's energy, 0..1
};

/// The device at one (variant, target, clock) point (docs/device.md).
struct DeviceEstimate {
    bool ok = false;
    std::string why; ///< when !ok: the period is too short, no sleep current, no current model
    /// The inference and wake-up do not fit in the period: the duty cycle cannot be met.
    bool periodTooShort = false;
    double activeMs = 0.0; ///< inference + wake-up, per period
    double periodMs = 0.0;
    double sleepUa = 0.0; ///< the figure used
    std::string sleepSource;
    double energyPerPeriodJ = 0.0;   ///< at the rail, the sum of `blocks`
    std::vector<DeviceBlock> blocks; ///< cnn, wake, sleep, then the loads in order
    double railCurrentMa = 0.0;      ///< average at the regulated rail
    double avgCurrentMa = 0.0;       ///< average drawn from the battery (self-discharge apart)
    double avgPowerW = 0.0;          ///< average drawn from the battery
    double selfDischargeMa = 0.0;    ///< the battery's own drain, as a constant current
    double batteryLifeH = 0.0;
    double batteryLifeMonths() const { return batteryLifeH / kHoursPerMonth; }
    /// The CNN's share of the period's energy (0..1).
    double cnnShare() const { return blocks.empty() ? 0.0 : blocks.front().share; }
};

/// The device running one inference of `latencyMs` at `currentMa` (both at the clock of the
/// point, at the rail of `supplyV` volts) every period of `device`, asleep at `sleep` between:
///   charge per period Q = I x t + I_wake x W + I_sleep x (T - t - W) + the loads,
///   rail current = Q / T, battery current = rail current (LDO) or
///   rail power / (efficiency x battery voltage) (buck),
///   life = capacity x usable / (battery current + capacity x self-discharge / 8766 h).
/// Not ok (with `why`) when the model has a bad value, the sleep current is unknown, or the
/// inference and wake-up take longer than the period (`periodTooShort`).
DeviceEstimate estimateDevice(const DeviceModel& device, double latencyMs, double currentMa,
                              double supplyV, const SleepFigure& sleep);

/// A number-and-unit text without the zeros that add nothing: "1.20 s" -> "1.2 s",
/// "1.00 s" -> "1 s", "120 ms" and "1,200 h" unchanged.
std::string withoutTrailingZeros(const std::string& text);

/// "the inference takes 1.2 s, the period is 1 s" (with the wake-up when there is one).
std::string periodTooShortText(double activeMs, double periodMs, double wakeUs);

} // namespace zipcnn
