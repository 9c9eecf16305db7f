// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "cost/McuProfile.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace zipcnn {

/// The MCU look-up-table format ("zipcnn-lut"), see docs/lut-format.md.
inline constexpr int kLutFormatVersion = 1;

struct LutLoadResult {
    std::optional<McuProfile> profile; ///< empty when the file is unusable
    Diagnostics diagnostics;           ///< naming the file, the field and the cause
};

LutLoadResult lutFromJson(const nlohmann::json& j, const std::string& file);
LutLoadResult loadLutFile(const std::string& path);
nlohmann::json lutToJson(const McuProfile& p);
/// The "calibration" block of a LUT file (parameters rounded to 7 significant digits).
nlohmann::json calibrationToJson(const McuCalibration& cal);

} // namespace zipcnn
