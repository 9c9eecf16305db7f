// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "cost/McuProfile.h"

#include <string>
#include <vector>

namespace zipcnn {

/// The MCUs whose look-up tables were found, in a stable order (by name).
struct McuCatalog {
    std::vector<McuProfile> mcus;
    Diagnostics diagnostics; ///< files that could not be read, names seen twice

    const McuProfile* find(const std::string& name) const;
};

/// Folders searched for `*.json` LUT files, first hit of a name wins: the folders of the
/// ZIPCNN_LUT_PATH environment variable (colon-separated, the user's own profiles), then
/// `<exeDir>/../share/zipcnn/luts` (installed), then the source tree's `luts/` (build tree).
std::vector<std::string> defaultLutDirs(const std::string& exeDir);

/// Loads every LUT file of `dirs`.
McuCatalog loadMcuCatalog(const std::vector<std::string>& dirs);

} // namespace zipcnn
