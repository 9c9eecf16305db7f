#include "JsonReader.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace zipcnn {

using nlohmann::json;

namespace {

std::string typeName(const json& j) {
    if (j.is_number_integer())
        return "an integer";
    if (j.is_number_float())
        return "a number";
    return std::string("a") + (j.is_object() || j.is_array() ? "n " : " ") + j.type_name();
}

} // namespace

std::string JsonReader::join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

std::string JsonReader::index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

void JsonReader::error(const std::string& path, const std::string& message) {
    Diagnostic d = makeError("bad-value", (path.empty() ? "" : path + ": ") + message);
    d.file = file_;
    out_.push_back(std::move(d));
}

void JsonReader::warning(const std::string& path, const std::string& message) {
    Diagnostic d = makeWarning("ignored-value", (path.empty() ? "" : path + ": ") + message);
    d.file = file_;
    out_.push_back(std::move(d));
}

bool JsonReader::isObject(const json& j, const std::string& path) {
    if (j.is_object())
        return true;
    error(path, "expected an object, found " + typeName(j));
    return false;
}

std::optional<std::string> JsonReader::requireString(const json& obj, const std::string& key,
                                                     const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        error(join(path, key), "missing");
        return std::nullopt;
    }
    if (!it->is_string()) {
        error(join(path, key), "expected a string, found " + typeName(*it));
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::optional<std::int64_t> JsonReader::requireInt(const json& obj, const std::string& key,
                                                   const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        error(join(path, key), "missing");
        return std::nullopt;
    }
    if (!it->is_number_integer()) {
        error(join(path, key), "expected an integer, found " + typeName(*it));
        return std::nullopt;
    }
    return it->get<std::int64_t>();
}

std::string JsonReader::optString(const json& obj, const std::string& key, const std::string& path,
                                  const std::string& fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return fallback;
    if (!it->is_string()) {
        error(join(path, key), "expected a string, found " + typeName(*it));
        return fallback;
    }
    return it->get<std::string>();
}

std::int64_t JsonReader::optInt(const json& obj, const std::string& key, const std::string& path,
                                std::int64_t fallback, std::int64_t min, std::int64_t max) {
    auto it = obj.find(key);
    if (it == obj.end())
        return fallback;
    if (!it->is_number_integer()) {
        error(join(path, key), "expected an integer, found " + typeName(*it));
        return fallback;
    }
    const auto v = it->is_number_unsigned() &&
                           it->get<std::uint64_t>() >
                               static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                       ? std::numeric_limits<std::int64_t>::max()
                       : it->get<std::int64_t>();
    if (v < min || v > max) {
        error(join(path, key), "value " + std::to_string(v) + " is outside [" +
                                   std::to_string(min) + ", " + std::to_string(max) + "]");
        return fallback;
    }
    return v;
}

double JsonReader::optNumber(const json& obj, const std::string& key, const std::string& path,
                             double fallback) {
    auto it = obj.find(key);
    if (it == obj.end())
        return fallback;
    if (!it->is_number()) {
        error(join(path, key), "expected a number, found " + typeName(*it));
        return fallback;
    }
    const double v = it->get<double>();
    if (!std::isfinite(v)) {
        error(join(path, key), "must be a finite number");
        return fallback;
    }
    return v;
}

std::optional<double> JsonReader::optNullableNumber(const json& obj, const std::string& key,
                                                    const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number()) {
        error(join(path, key), "expected a number or null, found " + typeName(*it));
        return std::nullopt;
    }
    const double v = it->get<double>();
    if (!std::isfinite(v)) {
        error(join(path, key), "must be a finite number");
        return std::nullopt;
    }
    return v;
}

bool JsonReader::optBool(const json& obj, const std::string& key, const std::string& path,
                         bool fallback) {
    auto it = obj.find(key);
    if (it == obj.end())
        return fallback;
    if (!it->is_boolean()) {
        error(join(path, key), "expected true or false, found " + typeName(*it));
        return fallback;
    }
    return it->get<bool>();
}

std::optional<std::vector<std::int64_t>> JsonReader::intArray(const json& value,
                                                              const std::string& path,
                                                              std::int64_t min, std::int64_t max) {
    if (!value.is_array()) {
        error(path, "expected an array of integers, found " + typeName(value));
        return std::nullopt;
    }
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const json& e = value[i];
        if (!e.is_number_integer() ||
            (e.is_number_unsigned() && e.get<std::uint64_t>() > static_cast<std::uint64_t>(max))) {
            error(index(path, i), e.is_number_integer()
                                      ? "value is too large"
                                      : "expected an integer, found " + typeName(e));
            return std::nullopt;
        }
        const auto v = e.get<std::int64_t>();
        if (v < min || v > max) {
            error(index(path, i), "value " + std::to_string(v) + " is outside [" +
                                      std::to_string(min) + ", " + std::to_string(max) + "]");
            return std::nullopt;
        }
        out.push_back(v);
    }
    return out;
}

std::optional<std::vector<std::string>> JsonReader::stringArray(const json& value,
                                                                const std::string& path) {
    if (!value.is_array()) {
        error(path, "expected an array of strings, found " + typeName(value));
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) {
            error(index(path, i), "expected a string, found " + typeName(value[i]));
            return std::nullopt;
        }
        out.push_back(value[i].get<std::string>());
    }
    return out;
}

void JsonReader::warnUnknownKeys(const json& obj, const std::string& path,
                                 const std::vector<std::string>& known) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool ok = false;
        for (const auto& k : known)
            ok = ok || k == it.key();
        if (!ok)
            warning(join(path, it.key()), "unknown member, ignored");
    }
}

bool JsonReader::checkHeader(const json& root, const std::string& format, int maxVersion,
                             const std::string& what) {
    if (!isObject(root, ""))
        return false;
    const std::string found = optString(root, "format", "", "");
    if (found != format) {
        error("format",
              "not a " + what + " file (format '" + found + "', expected '" + format + "')");
        return false;
    }
    auto version = requireInt(root, "version", "");
    if (!version)
        return false;
    if (*version < 1 || *version > maxVersion) {
        error("version", "format version " + std::to_string(*version) +
                             " is not supported (this build reads versions 1 to " +
                             std::to_string(maxVersion) + ")");
        return false;
    }
    return true;
}

std::optional<json> parseJsonText(const std::string& text, const std::string& file,
                                  Diagnostics& out) {
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        // Turn the byte offset into line:column so the user can find the place.
        const std::size_t pos = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
        int line = 1;
        std::size_t lineStart = 0;
        for (std::size_t i = 0; i < pos; ++i)
            if (text[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        std::string what = e.what();
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
        auto colon = what.find(": ", what.find("parse error"));
        std::string cause = colon == std::string::npos ? what : what.substr(colon + 2);
        Diagnostic d =
            makeError("invalid-json", "invalid JSON at column " +
                                          std::to_string(pos - lineStart + 1) + ": " + cause);
        d.file = file;
        d.line = line;
        out.push_back(std::move(d));
        return std::nullopt;
    }
}

std::optional<std::string> readTextFile(const std::string& path, Diagnostics& out,
                                        std::size_t maxBytes) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        Diagnostic d = makeError("not-a-file", "is a folder, not a file");
        d.file = path;
        out.push_back(std::move(d));
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        Diagnostic d =
            makeError("cannot-open", std::string("cannot open: ") + std::strerror(errno));
        d.file = path;
        out.push_back(std::move(d));
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (in.bad()) {
        Diagnostic d = makeError("cannot-read", "read error");
        d.file = path;
        out.push_back(std::move(d));
        return std::nullopt;
    }
    if (text.size() > maxBytes) {
        Diagnostic d = makeError("too-large",
                                 "file is larger than " + std::to_string(maxBytes >> 20) + " MiB");
        d.file = path;
        out.push_back(std::move(d));
        return std::nullopt;
    }
    return text;
}

std::optional<json> readJsonFile(const std::string& path, Diagnostics& out) {
    auto text = readTextFile(path, out);
    if (!text)
        return std::nullopt;
    return parseJsonText(*text, path, out);
}

} // namespace zipcnn
