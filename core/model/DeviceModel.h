// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zipcnn {

/// The whole device around the network (docs/device.md): one inference every period, the MCU
/// asleep in between, other loads, and the battery behind a regulator. Every figure is the
/// designer's to edit; the defaults below are the assumptions docs/device.md states.

/// When a load draws.
enum class LoadWhen {
    PerInference, ///< once per inference (sensor acquisition)
    EveryK,       ///< once every `everyK` inferences (a radio sending every k results)
    Constant,     ///< all the time (a board's quiescent current)
};

/// One other load of the device: a named block with an energy, or a current for a duration.
/// All loads draw from the regulated rail (the MCU's supply voltage), like the MCU.
struct DeviceLoad {
    std::string name;
    LoadWhen when = LoadWhen::PerInference;
    int everyK = 1;                 ///< EveryK: one occurrence every this many inferences
    std::optional<double> energyMj; ///< per occurrence; when set, current and duration are unused
    double currentMa = 0.0;         ///< Constant: all the time; otherwise while it lasts
    double durationMs = 0.0;        ///< per occurrence (unused for Constant)
    bool operator==(const DeviceLoad&) const = default;
};

/// A battery (or supercapacitor) as the device sees it.
struct Battery {
    std::string preset;                 ///< the preset it came from ("cr2032"); empty: custom
    double capacityMah = 0.0;           ///< rated capacity
    double nominalV = 3.0;              ///< for a buck regulator's input power
    double usableFraction = 1.0;        ///< share of the capacity the device can draw (0, 1]
    double selfDischargePctPerYear = 0; ///< of the rated capacity, as a constant extra drain
    bool operator==(const Battery&) const = default;
};

enum class Regulator {
    Ldo,  ///< battery current = load current (or no regulator at all)
    Buck, ///< battery power = load power / efficiency
};

struct Supply {
    Battery battery;
    Regulator regulator = Regulator::Ldo;
    double efficiency = 0.9; ///< Buck only, (0, 1]
    bool operator==(const Supply&) const = default;
};

/// The application: how often the network runs, how the MCU waits, what else draws current,
/// and what it all runs from.
struct DeviceModel {
    double periodS = 1.0; ///< one inference every this many seconds (a rate is 1 / period)
    /// The MCU's current asleep between inferences, uA. None: the MCU catalogue's low-power
    /// figure (`low_power_current_ua`, its mode in `low_power_text`).
    std::optional<double> sleepUa;
    double wakeUs = 0.0; ///< wake-up time before each inference (assumed 0 unless given)
    /// Current during the wake-up, mA. None: the run current at the clock of the point.
    std::optional<double> wakeMa;
    std::vector<DeviceLoad> loads;
    Supply supply;
    bool operator==(const DeviceModel&) const = default;
};

/// A battery preset: the figures, and where each comes from.
struct BatteryPreset {
    std::string id;   ///< "cr2032"
    std::string name; ///< "CR2032 lithium coin cell"
    Battery battery;
    std::string sources;     ///< where capacity, voltage, self-discharge come from
    std::string assumptions; ///< what is assumed rather than read (usable fraction, ...)
};

/// cr2032, 2xaa, lipo1000, supercap (docs/device.md lists their sources).
const std::vector<BatteryPreset>& batteryPresets();
/// The preset called `id` (case-insensitive); nullptr when there is none.
const BatteryPreset* findBatteryPreset(std::string_view id);

/// A problem with a device model, naming the field as the project file spells it
/// ("period_s", "supply.battery.capacity_mah", "loads[1].every_k").
struct DeviceFieldError {
    std::string field;
    std::string message;
};
/// Every bad value of `d` (zero or negative period, capacity 0, efficiency above 1, ...).
std::vector<DeviceFieldError> checkDeviceModel(const DeviceModel& d);

std::string_view loadWhenName(LoadWhen w);
std::optional<LoadWhen> loadWhenFromName(std::string_view name);
std::string_view regulatorName(Regulator r);
std::optional<Regulator> regulatorFromName(std::string_view name);

/// Hours in a year (365.25 days), the unit of self-discharge rates.
inline constexpr double kHoursPerYear = 8766.0;
/// Hours in an average month (a twelfth of that year), for battery life in months.
inline constexpr double kHoursPerMonth = kHoursPerYear / 12.0;

} // namespace zipcnn
