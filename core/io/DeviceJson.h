// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/JsonReader.h"
#include "cost/DeviceEstimate.h"
#include "model/DeviceModel.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace zipcnn {

/// The project file's "device" object (docs/project-format.md, docs/device.md):
/// {"period_s", "sleep_ua", "wake_us", "wake_ma", "loads": [{"name", "when", "every_k",
/// "energy_mj", "current_ma", "duration_ms"}], "supply": {"battery": {"preset",
/// "capacity_mah", "nominal_v", "usable_fraction", "self_discharge_pct_per_year"},
/// "regulator", "efficiency"}}.
nlohmann::json deviceToJson(const DeviceModel& d);

/// Reads the "device" object at `path`; "rate_hz" may stand for "period_s". Every bad value is
/// an error naming its field ("device.supply.battery.capacity_mah: must be positive"); nullopt
/// when the object cannot be read at all.
std::optional<DeviceModel> readDevice(JsonReader& r, const nlohmann::json& j,
                                      const std::string& path);

/// The device keys of one point (`estimate --json`, `sweep --json`): "battery_life_h",
/// "battery_life_months", "avg_current_ma", "avg_power_mw", "energy_per_period_j",
/// "energy_per_period_blocks" [{"name", "energy_j", "share"}], "device_ok", "device_why"
/// (the numbers null, and the reason, where there is no estimate).
void addDeviceEstimateKeys(nlohmann::json& point, const DeviceEstimate& d);

} // namespace zipcnn
