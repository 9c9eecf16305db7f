// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/McuCatalog.h"

#include "cost/McuFacts.h"
#include "io/JsonFolder.h"
#include "io/LutFile.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace zipcnn {

namespace fs = std::filesystem;

const McuProfile* McuCatalog::find(const std::string& name) const {
    // Part numbers are case-insensitive everywhere ("stm32l496zg" is STM32L496ZG).
    const std::string wanted = lowerAscii(name);
    for (const auto& m : mcus)
        if (lowerAscii(m.name) == wanted)
            return &m;
    return nullptr;
}

std::vector<std::string> defaultLutDirs(const std::string& exeDir) {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("ZIPCNN_LUT_PATH")) {
        std::string s = env;
        std::size_t start = 0;
        while (start <= s.size()) {
            auto end = s.find(':', start);
            if (end == std::string::npos)
                end = s.size();
            if (end > start)
                dirs.push_back(s.substr(start, end - start));
            start = end + 1;
        }
    }
    if (!exeDir.empty()) {
        dirs.push_back(
            (fs::path(exeDir) / ".." / "share" / "zipcnn" / "luts").lexically_normal().string());
        // The report writer is installed one level deeper, in /usr/lib/zipcnn.
        dirs.push_back((fs::path(exeDir) / ".." / ".." / "share" / "zipcnn" / "luts")
                           .lexically_normal()
                           .string());
    }
#ifdef ZIPCNN_SOURCE_LUT_DIR
    dirs.push_back(ZIPCNN_SOURCE_LUT_DIR);
#endif
    return dirs;
}

McuCatalog loadMcuCatalog(const std::vector<std::string>& dirs) {
    McuCatalog catalog;
    std::set<std::string> seen;
    for (const auto& dir : dirs)
        loadEachFile(jsonFilesIn(dir), catalog.diagnostics, &loadLutFile,
                     [&](LutLoadResult& r, const std::string& file) {
                         if (!r.profile)
                             return;
                         if (seen.insert(r.profile->name).second)
                             catalog.mcus.push_back(std::move(*r.profile));
                         else
                             catalog.diagnostics.push_back(aboutFile(
                                 makeInfo("shadowed-lut", "MCU '" + r.profile->name +
                                                              "' is already defined by an earlier "
                                                              "folder; this file is ignored"),
                                 file));
                     });
    std::sort(catalog.mcus.begin(), catalog.mcus.end(),
              [](const McuProfile& a, const McuProfile& b) { return a.name < b.name; });
    return catalog;
}

} // namespace zipcnn
