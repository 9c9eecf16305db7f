// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/OpenInput.h"

#include "base/EnumNames.h"
#include "base/JsonReader.h"
#include "import/ImporterRegistry.h"
#include "io/NetworkJson.h"
#include "io/ProjectJson.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace zipcnn {

namespace {

/// Enough to see past a byte-order mark and leading blanks, and for the importers' signatures.
constexpr std::size_t kHeadBytes = 4096;

std::optional<std::string> readHead(const std::string& path, std::string& cause) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        cause = std::strerror(errno);
        return std::nullopt;
    }
    std::string head(kHeadBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return head;
}

/// True when `head` starts (after a UTF-8 byte-order mark and blanks) like a JSON document.
bool looksLikeJson(const std::string& head) {
    std::size_t i = head.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    while (i < head.size() &&
           (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
        ++i;
    return i < head.size() && (head[i] == '{' || head[i] == '[');
}

/// True when `head` holds bytes no text file has (NUL, or control characters other than
/// blanks): not a JSON document, whatever its name.
bool looksBinary(const std::string& head) {
    return std::any_of(head.begin(), head.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 && u != '\n' && u != '\r' && u != '\t' && u != '\f';
    });
}

bool endsWith(const std::string& s, const std::string& tail) {
    if (s.size() < tail.size())
        return false;
    return std::equal(tail.rbegin(), tail.rend(), s.rbegin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    });
}

const Importer* sniffedImporter(const std::string& head) {
    for (const Importer& i : builtinImporters().importers())
        if (i.sniff && i.sniff(head))
            return &i;
    return nullptr;
}

const Importer* namedImporter(const std::string& path) {
    for (const Importer& i : builtinImporters().importers())
        if (i.matchesName(path))
            return &i;
    return nullptr;
}

std::string projectName(const std::string& networkName, const std::string& path) {
    if (!networkName.empty())
        return networkName;
    return std::filesystem::path(path).stem().string();
}

OpenedInput openJson(const std::string& path) {
    OpenedInput out;
    // Named like a project until the content says otherwise, so a broken project file is
    // reported as one.
    out.kind = endsWith(path, ".zipcnn.json") ? InputKind::Project : InputKind::Network;
    auto text = readTextFile(path, out.diagnostics);
    if (!text)
        return out;
    auto j = parseJsonText(*text, path, out.diagnostics);
    if (!j) {
        if (text->find("\"zipcnn-project\"") != std::string::npos)
            out.kind = InputKind::Project;
        return out;
    }
    if (j->is_object() && j->value("format", "") == "zipcnn-project") {
        out.kind = InputKind::Project;
        ProjectLoadResult p = projectFromJson(*j, path);
        out.diagnostics = std::move(p.diagnostics);
        out.project = std::move(p.project);
        return out;
    }
    out.kind = InputKind::Network;
    NetworkLoadResult n = networkFromJson(*j, path);
    out.diagnostics = std::move(n.diagnostics);
    if (n.network) {
        std::string name = projectName(n.network->name(), path);
        out.project = defaultProject(std::move(name), std::move(*n.network));
    }
    return out;
}

OpenedInput openModel(const Importer& importer, const std::string& path,
                      const ImportOptions& options) {
    OpenedInput out;
    out.kind = InputKind::Model;
    ImportResult imported = importer.import(path, options);
    out.diagnostics = std::move(imported.diagnostics);
    out.import = std::move(imported.report);
    if (imported.network) {
        std::string name = projectName(imported.network->name(), path);
        out.project = defaultProject(std::move(name), std::move(*imported.network));
    }
    return out;
}

constexpr auto kInputKindNames = std::to_array<EnumName<InputKind>>({
    {InputKind::Project, "project"},
    {InputKind::Network, "network"},
    {InputKind::Model, "model"},
    {InputKind::Unknown, "unknown"},
});

} // namespace

const char* inputKindName(InputKind kind) {
    return nameOf(kInputKindNames, kind, "unknown");
}

InputKind detectInputKind(const std::string& path) {
    std::string cause;
    const auto head = readHead(path, cause);
    if (!head)
        return InputKind::Unknown;
    if (looksLikeJson(*head)) {
        // The format key comes first in the files the program writes; a project written by
        // hand may put it further: only the full read is sure, this is the quick answer.
        return head->find("\"zipcnn-project\"") != std::string::npos ||
                       endsWith(path, ".zipcnn.json")
                   ? InputKind::Project
                   : InputKind::Network;
    }
    if (sniffedImporter(*head) || namedImporter(path))
        return InputKind::Model;
    return endsWith(path, ".zipcnn.json") ? InputKind::Project : InputKind::Network;
}

OpenedInput openInput(const std::string& path, const ImportOptions& options) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        OpenedInput out;
        Diagnostic d = makeError("input-unreadable", "is a folder, not a file");
        d.file = path;
        out.diagnostics.push_back(std::move(d));
        return out;
    }
    std::string cause;
    const auto head = readHead(path, cause);
    if (!head) {
        OpenedInput out;
        Diagnostic d = makeError("input-unreadable", "cannot be opened: " + cause);
        d.file = path;
        out.diagnostics.push_back(std::move(d));
        return out;
    }
    if (looksLikeJson(*head))
        return openJson(path);
    if (const Importer* i = sniffedImporter(*head))
        return openModel(*i, path, options);
    // Nothing in the content: the name says which reader should explain what is wrong.
    if (const Importer* i = namedImporter(path))
        return openModel(*i, path, options);
    if (looksBinary(*head)) {
        // A model of a format no importer reads (or no file of this program at all): saying
        // "invalid JSON" would send the user looking for a syntax error.
        OpenedInput out;
        Diagnostic d =
            makeError("unknown-model-format",
                      "is a binary file of a format this program does not read (model "
                      "files it imports: " +
                          builtinImporters().patternList() + "; networks and projects are JSON)");
        d.file = path;
        out.diagnostics.push_back(std::move(d));
        return out;
    }
    return openJson(path);
}

Project defaultProject(std::string name, Network network) {
    Project p;
    p.name = std::move(name);
    p.network = std::move(network);
    // The code people ship: ST's newest engine on the three STM32 boards (`x-cube-ai` names the
    // newest profile), and the thesis's measured runtime on the F746 as the reference that runs
    // the FP32 variants too (the runtime profiles are calibrated on INT8 only).
    for (const char* mcu : {"STM32L496ZG", "STM32F446ZE", "STM32F746ZG"})
        p.targets.push_back({mcu, "x-cube-ai"});
    p.targets.push_back({"STM32F746ZG", kThesisRuntimeId});
    p.constraints.ramReserveKib = 8.0;
    p.constraints.flashReserveKib = 32.0;
    p.variants = defaultVariants();
    if (p.network.baselineDType() == DType::INT8) {
        // A network stored as INT8 (a quantised model file) is deployed as it is: its INT8
        // variant comes first and the pruned variants keep its format.
        std::stable_partition(p.variants.begin(), p.variants.end(),
                              [](const VariantSpec& v) { return v.dtype == DType::INT8; });
        for (VariantSpec& v : p.variants)
            if (v.prune > 0.0 && v.dtype == DType::FP32) {
                v.dtype = DType::INT8;
                v.name.replace(0, 4, "INT8");
            }
    }
    return p;
}

} // namespace zipcnn
