// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImporterRegistry.h"

#include "import/KerasArchiveImporter.h"
#include "import/KerasHdf5Importer.h"
#include "import/OnnxImporter.h"
#include "import/TfliteImporter.h"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace zipcnn {

namespace {

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// Glob match with '*' and '?' only.
bool globMatch(const std::string& pattern, const std::string& text) {
    std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::string fileName(const std::string& path) {
    const auto slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string readHead(const std::string& path, std::size_t n) {
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return head;
}

} // namespace

std::string ImporterCapabilities::describe() const {
    std::vector<std::string> parts;
    if (graph)
        parts.emplace_back("graph");
    if (weightShapes)
        parts.emplace_back("weight shapes");
    if (nestedModels)
        parts.emplace_back("nested models");
    if (unsupportedLayers)
        parts.emplace_back("unsupported-layer placeholders");
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : ", ") + p;
    return out;
}

bool Importer::matchesName(const std::string& path) const {
    const std::string name = lower(fileName(path));
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return globMatch(lower(p), name); });
}

void ImporterRegistry::add(Importer importer) {
    for (auto& existing : importers_)
        if (existing.name == importer.name) {
            existing = std::move(importer);
            return;
        }
    importers_.push_back(std::move(importer));
}

const Importer* ImporterRegistry::find(const std::string& name) const {
    for (const auto& i : importers_)
        if (i.name == name)
            return &i;
    return nullptr;
}

const Importer* ImporterRegistry::forFile(const std::string& path) const {
    for (const auto& i : importers_)
        if (i.matchesName(path))
            return &i;
    const std::string head = readHead(path, 16);
    for (const auto& i : importers_)
        if (i.sniff && i.sniff(head))
            return &i;
    return nullptr;
}

std::string ImporterRegistry::patternList() const {
    std::string out;
    for (const auto& i : importers_)
        for (const auto& p : i.patterns)
            out += (out.empty() ? "" : " ") + p;
    return out;
}

const ImporterRegistry& builtinImporters() {
    static const ImporterRegistry registry = [] {
        ImporterRegistry r;
        r.add(kerasHdf5Importer());
        r.add(kerasArchiveImporter());
        r.add(tfliteImporter());
        r.add(onnxImporter());
        return r;
    }();
    return registry;
}

ImportResult importModelFile(const std::string& path, const ImportOptions& options,
                             const ImporterRegistry& registry) {
    if (const Importer* importer = registry.forFile(path))
        return importer->import(path, options);
    ImportResult r;
    Diagnostic d = makeError("unknown-model-format",
                             "no importer reads this file (known: " + registry.patternList() + ")");
    d.file = path;
    r.diagnostics.push_back(std::move(d));
    return r;
}

} // namespace zipcnn
