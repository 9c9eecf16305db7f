// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "cost/McuFacts.h"
#include "cost/RuntimeProfile.h"
#include "io/McuFactsFile.h"
#include "io/RuntimeProfileFile.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// The user profile format ("zipcnn-user-profile"), see docs/measurement-format.md.
inline constexpr int kUserProfileFormatVersion = 1;

/// One measured point of a user calibration as it was fitted, kept for the record.
struct UserProfilePoint {
    std::string network;
    double freqMhz = 0.0;
    double measuredMs = 0.0;
    double predictedMs = 0.0;
    std::optional<double> measuredMa, predictedMa;
    bool operator==(const UserProfilePoint&) const = default;
};

/// A user's calibration of one (MCU, runtime) pair on their own measurements: the runtime's
/// kernel costs for that MCU (`costs.mcu` set), and the MCU's current line when currents were
/// measured. Used in place of the shipped figures for that pair; shipped files are never touched.
struct UserProfile {
    std::string mcu;                       ///< the catalogue name
    std::string runtime;                   ///< the runtime id
    std::string source;                    ///< "calibrated by the user on N points, mean error X %"
    std::vector<std::string> measurements; ///< the CSV files fitted
    KernelCosts costs;
    std::optional<CurrentModel> current; ///< basis UserCalibrated
    std::vector<UserProfilePoint> points;
    std::string file;
    bool operator==(const UserProfile&) const = default;
};

struct UserProfileLoadResult {
    std::optional<UserProfile> profile;
    Diagnostics diagnostics;
};

nlohmann::json userProfileToJson(const UserProfile& p);
UserProfileLoadResult userProfileFromJson(const nlohmann::json& j, const std::string& file);
UserProfileLoadResult loadUserProfileFile(const std::string& path);

/// `<dir>/<MCU>__<runtime>.json` (characters other than letters, digits, '-', '_', '.' as '_').
std::string userProfileFile(const std::string& dir, const std::string& mcu,
                            const std::string& runtime);

/// Writes the profile to its file in `dir` (created when missing), atomically, replacing an
/// earlier calibration of the same pair. False with `error` set when it cannot be written.
bool saveUserProfile(const UserProfile& p, const std::string& dir, std::string* file,
                     std::string* error);

/// Applies the user profiles of `dir`: each one's kernel costs join its runtime in `runtimes`
/// (for its MCU only), and its current line replaces its MCU's current model in `facts` (the
/// profile with the most current points wins when several have one). Either catalogue may be
/// null. A profile naming an unknown runtime or MCU is reported and left out.
void addUserProfiles(RuntimeCatalog* runtimes, McuFactsCatalog* facts, const std::string& dir);

} // namespace zipcnn
