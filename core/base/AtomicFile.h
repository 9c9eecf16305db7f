// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace zipcnn {

/// Writes `contents` to `path` atomically: a temporary file in the same folder is written,
/// flushed to disk and renamed over the target. On failure the old file is untouched, the
/// temporary is removed and `error` says why.
bool writeFileAtomically(const std::string& path, const std::string& contents, std::string* error);

} // namespace zipcnn
