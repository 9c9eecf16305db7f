// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

} // namespace zipcnn
