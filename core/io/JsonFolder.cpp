// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/JsonFolder.h"

#include <algorithm>

namespace zipcnn {

namespace fs = std::filesystem;

std::vector<fs::path> jsonFilesIn(const std::string& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return files;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".json")
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

Diagnostic aboutFile(Diagnostic d, const std::string& file) {
    d.file = file;
    return d;
}

std::vector<fs::path> jsonFilesOfFirstFolder(const std::vector<std::string>& dirs) {
    for (const auto& dir : dirs)
        if (auto files = jsonFilesIn(dir); !files.empty())
            return files;
    return {};
}

} // namespace zipcnn
