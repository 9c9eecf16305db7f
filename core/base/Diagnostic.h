// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace zipcnn {

enum class Severity { Info, Warning, Error };

const char* severityName(Severity s);

/// One finding of the engine: what went wrong (or is worth knowing), where, and why.
/// The core never prints; callers decide how to show these.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;    ///< stable machine-readable id, e.g. "shape-mismatch"
    std::string message; ///< human-readable, names the layer/file and the cause
    std::string layer;   ///< layer name, empty when not about a layer
    std::string file;    ///< file path, empty when not about a file
    int line = 0;        ///< 1-based line in `file`, 0 when unknown

    /// "file:line: layer 'x': message" with the parts that are known.
    std::string toString() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool hasErrors(const Diagnostics& diags);
/// The first error of `diags`, or nullptr.
const Diagnostic* firstError(const Diagnostics& diags);

Diagnostic makeError(std::string code, std::string message, std::string layer = {});
Diagnostic makeWarning(std::string code, std::string message, std::string layer = {});
Diagnostic makeInfo(std::string code, std::string message, std::string layer = {});

/// `d`, placed at `line` (1-based) of `file`: for the readers of line-based text.
Diagnostic atLine(Diagnostic d, std::string file, int line);

} // namespace zipcnn
