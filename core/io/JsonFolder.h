// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"

#include <filesystem>
#include <string>
#include <vector>

namespace zipcnn {

/// The `*.json` files of `dir`, sorted by name (a stable load order); none when `dir` is not a
/// folder.
std::vector<std::filesystem::path> jsonFilesIn(const std::string& dir);

/// The `*.json` files of the first folder of `dirs` that has any: the data catalogues (MCUs,
/// runtimes) read one folder only, so that an installed copy hides the source tree's.
std::vector<std::filesystem::path> jsonFilesOfFirstFolder(const std::vector<std::string>& dirs);

/// Loads each of `files` with `load` (a Result with `diagnostics`), in order: the file's
/// diagnostics go to `out`, then `take(result, file)` keeps what it holds.
template <class Load, class Take>
void loadEachFile(const std::vector<std::filesystem::path>& files, Diagnostics& out, Load load,
                  Take take) {
    for (const auto& f : files) {
        auto one = load(f.string());
        out.insert(out.end(), one.diagnostics.begin(), one.diagnostics.end());
        take(one, f.string());
    }
}

/// `d` about the catalogue file `file`: an entry it holds that a name seen before leaves out.
Diagnostic aboutFile(Diagnostic d, const std::string& file);

} // namespace zipcnn
