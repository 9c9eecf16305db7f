// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "model/Project.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace zipcnn {

/// The project file format ("zipcnn-project"), see docs/project-format.md.
/// 2: candidates are (MCU, runtime) targets; version 1 files (MCU names) read as thesis-c targets.
/// 3: an optional "device" object (the application model, docs/device.md) and an optional
/// "min_battery_life_h" constraint, an optional "focus" (the cell studied); versions 1 and 2 still
/// read (without them).
inline constexpr int kProjectFormatVersion = 3;

struct ProjectLoadResult {
    std::optional<Project> project;
    Diagnostics diagnostics;
};

nlohmann::json projectToJson(const Project& p);
std::string projectToText(const Project& p);

ProjectLoadResult projectFromJson(const nlohmann::json& j, const std::string& file);
ProjectLoadResult loadProjectText(const std::string& text, const std::string& file);
ProjectLoadResult loadProjectFile(const std::string& path);
/// Saves atomically; the old file stays intact when this fails.
bool saveProjectFile(const Project& p, const std::string& path, std::string* error);

} // namespace zipcnn
