// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "cost/McuFacts.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace zipcnn {

/// The MCU catalogue format ("zipcnn-mcu-catalogue"), see docs/mcu-catalogue.md.
inline constexpr int kMcuCatalogueFormatVersion = 1;

/// The datasheet facts of every catalogued MCU, with what went wrong reading them.
struct McuFactsCatalog {
    std::vector<McuFacts> mcus;
    Diagnostics diagnostics;
    /// Case-insensitive, by name or alias.
    const McuFacts* find(const std::string& name) const;
};

/// Reads one catalogue document; an MCU entry with an error is left out (the diagnostic names
/// the file, the entry's JSON path and the field).
McuFactsCatalog mcuFactsFromJson(const nlohmann::json& j, const std::string& file);
McuFactsCatalog loadMcuFactsFile(const std::string& path);
/// One `mcus[]` entry, as `mcuFactsFromJson` reads it back (the user's MCU files).
nlohmann::json mcuFactsToJson(const McuFacts& m);

/// Folders holding the data files of `sub` ("mcus", "runtimes", "benchmarks"): the installed
/// `<exeDir>/../share/zipcnn/<sub>`, then the source tree's `data/<sub>`.
std::vector<std::string> defaultDataDirs(const std::string& exeDir, const std::string& sub);

/// Every `*.json` catalogue of the first folder of `dirs` that has any; names seen twice are
/// reported and the first kept.
McuFactsCatalog loadMcuFactsCatalog(const std::vector<std::string>& dirs);

} // namespace zipcnn
