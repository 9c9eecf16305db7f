// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/JsonReader.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

namespace zipcnn {

using nlohmann::json;

namespace {

std::string typeName(const json& j) {
    if (j.is_number_integer())
        return "an integer";
    if (j.is_number_float())
        return "a number";
    if (j.is_null())
        return "null";
    return std::string("a") + (j.is_object() || j.is_array() ? "n " : " ") + j.type_name();
}

/// Whether `ok` (the type test of `v`); when not, the error "expected <what>, found <v's type>".
bool expectType(JsonReader& r, const json& v, const std::string& path, bool ok,
                const std::string& what) {
    if (!ok)
        r.error(path, "expected " + what + ", found " + typeName(v));
    return ok;
}

/// The member `key` of `obj`; nullptr, with the error "missing", when it is absent.
const json* requiredMember(JsonReader& r, const json& obj, const std::string& key,
                           const std::string& path) {
    const auto it = obj.find(key);
    if (it != obj.end())
        return &*it;
    r.error(JsonReader::join(path, key), "missing");
    return nullptr;
}

/// An integer's value; an unsigned one past int64 would read as a negative one: it saturates.
std::int64_t saturatedInt(const json& v) {
    if (v.is_number_unsigned() &&
        v.get<std::uint64_t>() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::numeric_limits<std::int64_t>::max();
    return v.get<std::int64_t>();
}

/// "value 7 is outside [0, 5]".
std::string outside(const std::string& value, std::int64_t min, std::int64_t max) {
    return "value " + value + " is outside [" + std::to_string(min) + ", " + std::to_string(max) +
           "]";
}

/// `v` as a finite number; nullopt, with an error saying what was `expected`, when it is not.
std::optional<double> finiteNumber(JsonReader& r, const json& v, const std::string& path,
                                   const std::string& expected) {
    if (!expectType(r, v, path, v.is_number(), expected))
        return std::nullopt;
    const double d = v.get<double>();
    if (!std::isfinite(d)) {
        r.error(path, "must be a finite number");
        return std::nullopt;
    }
    return d;
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
    return expectType(*this, j, path, j.is_object(), "an object");
}

std::optional<std::string> JsonReader::requireString(const json& obj, const std::string& key,
                                                     const std::string& path) {
    const json* v = requiredMember(*this, obj, key, path);
    if (!v || !expectType(*this, *v, join(path, key), v->is_string(), "a string"))
        return std::nullopt;
    return v->get<std::string>();
}

std::optional<std::int64_t> JsonReader::requireInt(const json& obj, const std::string& key,
                                                   const std::string& path) {
    const json* v = requiredMember(*this, obj, key, path);
    if (!v || !expectType(*this, *v, join(path, key), v->is_number_integer(), "an integer"))
        return std::nullopt;
    return saturatedInt(*v);
}

std::optional<double> JsonReader::requireNonNegative(const json& obj, const std::string& key,
                                                     const std::string& path) {
    const json* v = requiredMember(*this, obj, key, path);
    if (!v)
        return std::nullopt;
    if (!v->is_number() || !std::isfinite(v->get<double>()) || v->get<double>() < 0.0) {
        error(join(path, key), "must be a number >= 0, got " + v->dump());
        return std::nullopt;
    }
    return v->get<double>();
}

std::string JsonReader::optString(const json& obj, const std::string& key, const std::string& path,
                                  const std::string& fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null() ||
        !expectType(*this, *it, join(path, key), it->is_string(), "a string"))
        return fallback;
    return it->get<std::string>();
}

std::int64_t JsonReader::optInt(const json& obj, const std::string& key, const std::string& path,
                                std::int64_t fallback, std::int64_t min, std::int64_t max) {
    auto it = obj.find(key);
    if (it == obj.end() ||
        !expectType(*this, *it, join(path, key), it->is_number_integer(), "an integer"))
        return fallback;
    const auto v = saturatedInt(*it);
    if (v < min || v > max) {
        error(join(path, key), outside(std::to_string(v), min, max));
        return fallback;
    }
    return v;
}

const json* JsonReader::requireObject(const json& obj, const std::string& key,
                                      const std::string& path) {
    const auto it = obj.find(key);
    if (it != obj.end() && it->is_object())
        return &*it;
    error(join(path, key), it == obj.end() ? "missing" : "expected an object");
    return nullptr;
}

const json* JsonReader::requireArray(const json& obj, const std::string& key,
                                     const std::string& path, const std::string& what) {
    const auto it = obj.find(key);
    if (it != obj.end() && it->is_array())
        return &*it;
    error(join(path, key), it == obj.end() ? "missing" : "expected " + what);
    return nullptr;
}

double JsonReader::optNumber(const json& obj, const std::string& key, const std::string& path,
                             double fallback) {
    auto it = obj.find(key);
    if (it == obj.end())
        return fallback;
    return finiteNumber(*this, *it, join(path, key), "a number").value_or(fallback);
}

std::optional<double> JsonReader::optNullableNumber(const json& obj, const std::string& key,
                                                    const std::string& path) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return std::nullopt;
    return finiteNumber(*this, *it, join(path, key), "a number or null");
}

bool JsonReader::optBool(const json& obj, const std::string& key, const std::string& path,
                         bool fallback) {
    auto it = obj.find(key);
    if (it == obj.end() ||
        !expectType(*this, *it, join(path, key), it->is_boolean(), "true or false"))
        return fallback;
    return it->get<bool>();
}

std::optional<std::vector<std::int64_t>> JsonReader::intArray(const json& value,
                                                              const std::string& path,
                                                              std::int64_t min, std::int64_t max) {
    if (!expectType(*this, value, path, value.is_array(), "an array of integers"))
        return std::nullopt;
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const json& e = value[i];
        if (!expectType(*this, e, index(path, i), e.is_number_integer(), "an integer"))
            return std::nullopt;
        if (e.is_number_unsigned() && e.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
            error(index(path, i), outside(std::to_string(e.get<std::uint64_t>()), min, max));
            return std::nullopt;
        }
        const auto v = e.get<std::int64_t>();
        if (v < min || v > max) {
            error(index(path, i), outside(std::to_string(v), min, max));
            return std::nullopt;
        }
        out.push_back(v);
    }
    return out;
}

std::optional<std::vector<std::string>> JsonReader::stringArray(const json& value,
                                                                const std::string& path) {
    if (!expectType(*this, value, path, value.is_array(), "an array of strings"))
        return std::nullopt;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (!expectType(*this, value[i], index(path, i), value[i].is_string(), "a string"))
            return std::nullopt;
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

bool JsonReader::checkHeader(const json& root, const std::string& format, int maxVersion,
                             const std::string& what, std::vector<std::string> otherKeys) {
    if (!checkHeader(root, format, maxVersion, what))
        return false;
    otherKeys.insert(otherKeys.begin(), {"format", "version"});
    warnUnknownKeys(root, "", otherKeys);
    return true;
}

void JsonReader::readStringMap(const json& obj, const std::string& key, const std::string& path,
                               std::map<std::string, std::string>& dest) {
    const auto m = obj.find(key);
    const std::string mpath = join(path, key);
    if (m == obj.end() || !isObject(*m, mpath))
        return;
    for (auto it = m->begin(); it != m->end(); ++it) {
        if (it->is_string())
            dest[it.key()] = it->get<std::string>();
        else
            error(join(mpath, it.key()), "expected a string");
    }
}

json versionedHeader(const std::string& format, int version) {
    json j;
    j["format"] = format;
    j["version"] = version;
    return j;
}

json numberOrNull(const std::optional<double>& v) {
    return v ? json(*v) : json(nullptr);
}

namespace {

/// Line and column (1-based) of byte `pos` of `text`.
std::pair<int, std::size_t> lineColumn(const std::string& text, std::size_t pos) {
    pos = std::min(pos, text.size());
    int line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < pos; ++i)
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    return {line, pos - lineStart + 1};
}

/// Offset of the bracket that nests deeper than `maxDepth`, outside strings; nullopt when the
/// text stays within it. The DOM and the code that walks it recurse per level, so a file of a
/// million '[' would overflow the stack before it could be refused.
std::optional<std::size_t> tooDeep(const std::string& text, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

/// The DOM builder of nlohmann::json, but errors (syntax, and numbers out of range such as
/// 1e400, which json::parse throws as out_of_range without a place) keep their byte offset.
class PlacedDomParser {
public:
    explicit PlacedDomParser(json& root) : dom_(root, false) {}

    bool null() { return dom_.null(); }
    bool boolean(bool v) { return dom_.boolean(v); }
    bool number_integer(json::number_integer_t v) { return dom_.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return dom_.number_unsigned(v); }
    bool number_float(json::number_float_t v, const std::string& s) {
        return dom_.number_float(v, s);
    }
    bool string(json::string_t& v) { return dom_.string(v); }
    bool binary(json::binary_t& v) { return dom_.binary(v); }
    bool start_object(std::size_t n) { return dom_.start_object(n); }
    bool key(json::string_t& v) { return dom_.key(v); }
    bool end_object() { return dom_.end_object(); }
    bool start_array(std::size_t n) { return dom_.start_array(n); }
    bool end_array() { return dom_.end_array(); }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) {
        failed_ = true;
        position_ = position;
        message_ = e.what();
        return false;
    }

    bool failed() const { return failed_; }
    std::size_t position() const { return position_; }
    const std::string& message() const { return message_; }

private:
    nlohmann::detail::json_sax_dom_parser<json> dom_;
    bool failed_ = false;
    std::size_t position_ = 0;
    std::string message_;
};

Diagnostic jsonError(const std::string& text, const std::string& file, std::size_t pos,
                     const std::string& cause) {
    const auto [line, column] = lineColumn(text, pos);
    return atLine(makeError("invalid-json",
                            "invalid JSON at column " + std::to_string(column) + ": " + cause),
                  file, line);
}

} // namespace

std::optional<json> parseJsonText(const std::string& text, const std::string& file,
                                  Diagnostics& out) {
    if (auto at = tooDeep(text, kMaxJsonDepth)) {
        out.push_back(jsonError(text, file, *at,
                                "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"));
        return std::nullopt;
    }
    json root;
    PlacedDomParser sax(root);
    try {
        json::sax_parse(text, &sax);
    } catch (const json::exception& e) { // not expected: the handler above keeps every error
        out.push_back(jsonError(text, file, 0, e.what()));
        return std::nullopt;
    }
    if (sax.failed()) {
        // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ",
        // and "[json.exception.out_of_range.406] " for numbers out of range.
        const std::string& what = sax.message();
        std::string cause = what;
        if (auto colon = what.find(": ", what.find("parse error"));
            colon != std::string::npos && what.find("parse error") != std::string::npos)
            cause = what.substr(colon + 2);
        else if (auto bracket = what.find("] "); bracket != std::string::npos)
            cause = what.substr(bracket + 2);
        out.push_back(jsonError(text, file, sax.position() == 0 ? 0 : sax.position() - 1, cause));
        return std::nullopt;
    }
    return root;
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
