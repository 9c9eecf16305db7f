// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "cost/RuntimeProfile.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

class JsonReader;

/// The runtime profile format ("zipcnn-runtime"), see docs/runtimes.md.
inline constexpr int kRuntimeFormatVersion = 1;

struct RuntimeLoadResult {
    std::optional<RuntimeProfile> profile; ///< empty when the file is unusable
    Diagnostics diagnostics;               ///< naming the file, the field and the cause
};

RuntimeLoadResult runtimeFromJson(const nlohmann::json& j, const std::string& file);
RuntimeLoadResult loadRuntimeFile(const std::string& path);
/// Deterministic (sorted keys, parameters to 5 significant digits).
nlohmann::json runtimeToJson(const RuntimeProfile& p);
nlohmann::json errorSummaryToJson(const std::optional<ErrorSummary>& s);
/// One `core_families[]` entry (parameters, provenance, calibration), read and written the same
/// way for the shipped profiles and the user's calibrations (core/io/UserProfileFile).
bool kernelCostsFromJson(JsonReader& r, const nlohmann::json& c, const std::string& path,
                         KernelCosts& k);
nlohmann::json kernelCostsToJson(const KernelCosts& k);

/// Every runtime profile found, sorted by id.
struct RuntimeCatalog {
    std::vector<RuntimeProfile> runtimes;
    Diagnostics diagnostics;
    /// By id or alias, case-insensitive; for `x-cube-ai` the profile that lists it as an alias.
    const RuntimeProfile* find(const std::string& idOrAlias) const;
    /// "id1, id2, ..." for error messages.
    std::string idList() const;
};

/// Reads the `*.json` files of the first folder of `dirs` that has any.
RuntimeCatalog loadRuntimeCatalog(const std::vector<std::string>& dirs);

} // namespace zipcnn
