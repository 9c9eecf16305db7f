// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/Diagnostic.h"

#include "base/EnumNames.h"

#include <algorithm>

namespace zipcnn {

namespace {
constexpr auto kSeverityNames = std::to_array<EnumName<Severity>>({
    {Severity::Info, "info"},
    {Severity::Warning, "warning"},
    {Severity::Error, "error"},
});
} // namespace

const char* severityName(Severity s) {
    return nameOf(kSeverityNames, s, "error");
}

std::string Diagnostic::toString() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0)
            out += ":" + std::to_string(line);
        out += ": ";
    }
    if (!layer.empty())
        out += "layer '" + layer + "': ";
    out += message;
    return out;
}

const Diagnostic* firstError(const Diagnostics& diags) {
    for (const auto& d : diags)
        if (d.severity == Severity::Error)
            return &d;
    return nullptr;
}

bool hasErrors(const Diagnostics& diags) {
    return std::any_of(diags.begin(), diags.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

static Diagnostic make(Severity s, std::string code, std::string message, std::string layer) {
    Diagnostic d;
    d.severity = s;
    d.code = std::move(code);
    d.message = std::move(message);
    d.layer = std::move(layer);
    return d;
}

Diagnostic makeError(std::string code, std::string message, std::string layer) {
    return make(Severity::Error, std::move(code), std::move(message), std::move(layer));
}
Diagnostic makeWarning(std::string code, std::string message, std::string layer) {
    return make(Severity::Warning, std::move(code), std::move(message), std::move(layer));
}
Diagnostic makeInfo(std::string code, std::string message, std::string layer) {
    return make(Severity::Info, std::move(code), std::move(message), std::move(layer));
}

Diagnostic atLine(Diagnostic d, std::string file, int line) {
    d.file = std::move(file);
    d.line = line;
    return d;
}

} // namespace zipcnn
