// SPDX-License-Identifier: GPL-3.0-or-later
// What the corpus tests share: where the model files are, and diagnostics as text for failures.
#pragma once

#include "base/Diagnostic.h"

#include <filesystem>
#include <string>

namespace zipcnn::corpus {

/// ../shared/models beside the clone.
inline const std::filesystem::path kModels = std::filesystem::path(ZIPCNN_SHARED_DIR) / "models";

/// Each diagnostic on a line of its own, with its code, for a failure message.
inline std::string dump(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d)
        s += "\n  " + x.code + ": " + x.toString();
    return s;
}

} // namespace zipcnn::corpus
