// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace zipcnn {

/// Reads typed values out of a parsed JSON document and reports every problem as a
/// diagnostic naming the file, the JSON path ("layers[3].kernel") and the cause.
/// Missing optional keys keep the caller's default; wrong types are errors.
class JsonReader {
public:
    JsonReader(std::string file, Diagnostics& out) : file_(std::move(file)), out_(out) {}

    void error(const std::string& path, const std::string& message);
    void warning(const std::string& path, const std::string& message);

    bool isObject(const nlohmann::json& j, const std::string& path);
    /// Required members: an error when absent.
    std::optional<std::string> requireString(const nlohmann::json& obj, const std::string& key,
                                             const std::string& path);
    std::optional<std::int64_t> requireInt(const nlohmann::json& obj, const std::string& key,
                                           const std::string& path);
    /// A finite number >= 0 (a cost or a model parameter); the error names the value found.
    std::optional<double> requireNonNegative(const nlohmann::json& obj, const std::string& key,
                                             const std::string& path);
    /// The required member `key` of `obj` (at `path`), an object or an array (`what` names it in
    /// the message, "an array of layers"); nullptr, with the error "missing" or "expected ...",
    /// when it is absent or of another type.
    const nlohmann::json* requireObject(const nlohmann::json& obj, const std::string& key,
                                        const std::string& path);
    const nlohmann::json* requireArray(const nlohmann::json& obj, const std::string& key,
                                       const std::string& path,
                                       const std::string& what = "an array");
    /// Optional members: `fallback` when absent, an error (and `fallback`) when mistyped.
    std::string optString(const nlohmann::json& obj, const std::string& key,
                          const std::string& path, const std::string& fallback);
    std::int64_t optInt(const nlohmann::json& obj, const std::string& key, const std::string& path,
                        std::int64_t fallback, std::int64_t min, std::int64_t max);
    double optNumber(const nlohmann::json& obj, const std::string& key, const std::string& path,
                     double fallback);
    std::optional<double> optNullableNumber(const nlohmann::json& obj, const std::string& key,
                                            const std::string& path);
    bool optBool(const nlohmann::json& obj, const std::string& key, const std::string& path,
                 bool fallback);
    /// An array of integers (each within [min, max]); nullopt (with an error) when mistyped.
    std::optional<std::vector<std::int64_t>> intArray(const nlohmann::json& value,
                                                      const std::string& path, std::int64_t min,
                                                      std::int64_t max);
    std::optional<std::vector<std::string>> stringArray(const nlohmann::json& value,
                                                        const std::string& path);
    /// Warns about members not in `known`.
    void warnUnknownKeys(const nlohmann::json& obj, const std::string& path,
                         const std::vector<std::string>& known);

    /// Checks the "format" and integer "version" members of a versioned file; false (with an
    /// error naming what the file is instead, or the unsupported version) when it cannot be read.
    bool checkHeader(const nlohmann::json& root, const std::string& format, int maxVersion,
                     const std::string& what);
    /// The same, then a warning for each top-level member that is neither "format", "version"
    /// nor one of `otherKeys` (the format's own members).
    bool checkHeader(const nlohmann::json& root, const std::string& format, int maxVersion,
                     const std::string& what, std::vector<std::string> otherKeys);
    /// Reads the optional object `key` of `obj`, whose members are all strings, into `dest`;
    /// an error names each member that is not a string (and the object when it is not one).
    void readStringMap(const nlohmann::json& obj, const std::string& key, const std::string& path,
                       std::map<std::string, std::string>& dest);

    const std::string& file() const { return file_; }

    static std::string join(const std::string& path, const std::string& key);
    static std::string index(const std::string& path, std::size_t i);

private:
    std::string file_;
    Diagnostics& out_;
};

/// The members `JsonReader::checkHeader` reads, for a writer to start its document with:
/// {"format": format, "version": version}.
nlohmann::json versionedHeader(const std::string& format, int version);

/// An optional number as the writers store it: the number, or null when there is none.
nlohmann::json numberOrNull(const std::optional<double>& v);

/// Deepest nesting of arrays and objects a JSON file may have (the readers' own formats need 6).
inline constexpr int kMaxJsonDepth = 512;

/// Parses JSON text; on a syntax error, a number out of range (1e400) or nesting deeper than
/// kMaxJsonDepth returns nullopt and a diagnostic with file, line and column.
std::optional<nlohmann::json> parseJsonText(const std::string& text, const std::string& file,
                                            Diagnostics& out);

/// Reads a whole file; nullopt with a diagnostic naming the file and the cause on failure.
std::optional<std::string> readTextFile(const std::string& path, Diagnostics& out,
                                        std::size_t maxBytes = 256u << 20);

/// Reads and parses a JSON file; nullopt with a diagnostic (file, line, cause) on failure.
std::optional<nlohmann::json> readJsonFile(const std::string& path, Diagnostics& out);

/// Parses `text` (from `file`) and returns `fromJson(document, file)`; when it cannot be parsed,
/// a Result holding only the diagnostic that says why. Result has `diagnostics`.
template <class Result>
Result parseJsonDocument(const std::string& text, const std::string& file,
                         Result (*fromJson)(const nlohmann::json&, const std::string&)) {
    Result result;
    auto j = parseJsonText(text, file, result.diagnostics);
    return j ? fromJson(*j, file) : result;
}

/// The same for the JSON file `path`, which may also be unreadable.
template <class Result>
Result loadJsonDocument(const std::string& path,
                        Result (*fromJson)(const nlohmann::json&, const std::string&)) {
    Result result;
    auto j = readJsonFile(path, result.diagnostics);
    return j ? fromJson(*j, path) : result;
}

/// The same for a text format (CSV): `parse(text, path)`, or when `path` cannot be read, a
/// Result naming it in `file` with the diagnostic that says why. Result has `file` and
/// `diagnostics`.
template <class Result>
Result loadTextDocument(const std::string& path,
                        Result (*parse)(const std::string&, const std::string&)) {
    Result result;
    result.file = path;
    auto text = readTextFile(path, result.diagnostics);
    return text ? parse(*text, path) : result;
}

/// `result` holding `value` in `slot` unless its diagnostics have an error: a document with an
/// error yields only the diagnostics that say what is wrong, never a half-read value.
template <class Result, class T>
Result withValueUnlessErrors(Result result, std::optional<T> Result::*slot, T value) {
    if (!hasErrors(result.diagnostics))
        result.*slot = std::move(value);
    return result;
}

} // namespace zipcnn
