// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/BenchmarkData.h"

#include "base/JsonReader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <regex>

namespace zipcnn {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> cells;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    cells.push_back(cur);
    return cells;
}

std::optional<double> number(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    try {
        std::size_t used = 0;
        double v = std::stod(s, &used);
        if (used != s.size() || !std::isfinite(v))
            return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string boardId(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return c == '_' ? '-' : static_cast<char>(std::toupper(c));
    });
    return s;
}

} // namespace

BenchmarkData parseBenchmarkCsv(const std::string& text, const std::string& file) {
    BenchmarkData d;
    d.file = file;
    auto error = [&](int line, const std::string& msg) {
        d.diagnostics.push_back(atLine(makeError("benchmark-csv", msg), file, line));
    };
    // Quoted cells do not span lines in this file; a line is a row.
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    if (lines.empty()) {
        error(1, "empty file: expected a header row");
        return d;
    }
    const auto header = splitCsv(lines.front());
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < header.size(); ++i)
        col[header[i]] = i;
    static const char* required[] = {
        "source_path", "round",     "submitter", "system_name", "mcu",       "core",  "clock_mhz",
        "runtime",     "benchmark", "precision", "latency_ms",  "energy_uj", "notes", "board"};
    for (const char* r : required)
        if (!col.count(r)) {
            error(1, std::string("header: column '") + r + "' is missing");
            return d;
        }
    for (std::size_t li = 1; li < lines.size(); ++li) {
        const int lineNo = static_cast<int>(li + 1);
        if (lines[li].empty() || lines[li] == "\r")
            continue;
        const auto cells = splitCsv(lines[li]);
        if (cells.size() != header.size()) {
            error(lineNo, "has " + std::to_string(cells.size()) + " cells, the header " +
                              std::to_string(header.size()));
            continue;
        }
        auto cell = [&](const char* name) { return cells[col.at(name)]; };
        BenchmarkRow r;
        r.line = lineNo;
        r.sourceRepo = col.count("source_repo") ? cell("source_repo") : "";
        r.sourcePath = cell("source_path");
        r.round = cell("round");
        r.submitter = cell("submitter");
        r.systemName = cell("system_name");
        r.mcu = cell("mcu");
        r.core = cell("core");
        r.runtime = cell("runtime");
        r.benchmark = cell("benchmark");
        r.model = col.count("model") ? cell("model") : "";
        r.precision = cell("precision");
        r.notes = cell("notes");
        r.board = cell("board");
        auto clock = number(cell("clock_mhz"));
        auto latency = number(cell("latency_ms"));
        if (!clock || *clock <= 0.0) {
            error(lineNo,
                  "column clock_mhz: expected a positive number, got '" + cell("clock_mhz") + "'");
            continue;
        }
        if (!latency || *latency <= 0.0) {
            error(lineNo, "column latency_ms: expected a positive number, got '" +
                              cell("latency_ms") + "'");
            continue;
        }
        r.clockMhz = *clock;
        r.latencyMs = *latency;
        if (!cell("energy_uj").empty()) {
            auto e = number(cell("energy_uj"));
            if (!e || *e <= 0.0) {
                error(lineNo, "column energy_uj: expected a positive number or nothing, got '" +
                                  cell("energy_uj") + "'");
                continue;
            }
            r.energyUj = *e;
        }
        d.rows.push_back(std::move(r));
    }
    return d;
}

BenchmarkData loadBenchmarkCsv(const std::string& path) {
    return loadTextDocument(path, &parseBenchmarkCsv);
}

std::string shippedBenchmarkFile(const std::string& exeDir) {
    for (const auto& dir : defaultDataDirs(exeDir, "benchmarks")) {
        std::error_code ec;
        const fs::path f = fs::path(dir) / "mlperf_tiny.csv";
        if (fs::is_regular_file(f, ec))
            return f.string();
    }
    return {};
}

std::string benchmarkZooModel(const std::string& benchmark) {
    if (benchmark == "ic")
        return "resnet8";
    if (benchmark == "kws")
        return "ds-cnn-s";
    if (benchmark == "vww")
        return "mobilenet-v1-0.25";
    if (benchmark == "ad")
        return "ad01";
    return {};
}

BenchmarkSelection selectBenchmarkPoints(const BenchmarkData& data, const RuntimeProfile& runtime,
                                         const McuFactsCatalog& mcus) {
    BenchmarkSelection sel;
    static const std::regex voltage(R"(Operating at ([0-9]+(\.[0-9]+)?) ?V)");
    std::map<std::string, std::size_t> byKey;
    std::map<std::string, std::vector<double>> latencies;
    for (const auto& r : data.rows) {
        const bool matches =
            std::any_of(runtime.benchmarkRuntimes.begin(), runtime.benchmarkRuntimes.end(),
                        [&](const std::string& p) { return r.runtime.rfind(p, 0) == 0; });
        if (!matches)
            continue;
        const std::string notes = lower(r.notes);
        std::string why;
        if (r.precision != "int8")
            why = "precision " + r.precision + " (the profile is INT8)";
        else if (notes.find("accelerator") != std::string::npos)
            why = "an accelerator runs part of the network (not CPU-only)";
        else if (notes.find("re-run") != std::string::npos ||
                 notes.find("reproduc") != std::string::npos)
            why = "a re-run of another submission (not independent)";
        else if (notes.find("variant") != std::string::npos)
            why = "a special build variant of the engine";
        else if (benchmarkZooModel(r.benchmark).empty())
            why = "unknown benchmark '" + r.benchmark + "'";
        const McuFacts* mcu = why.empty() ? mcus.find(r.mcu) : nullptr;
        if (why.empty() && !mcu)
            why = "MCU '" + r.mcu + "' is not in the catalogue";
        if (why.empty() && mcu->coreFamily != r.core)
            why = "core '" + r.core + "' differs from the catalogue's " + mcu->coreFamily;
        if (!why.empty()) {
            sel.excluded.push_back({r.line, why});
            continue;
        }
        const std::string board = boardId(r.board);
        const std::string key = r.runtime + "|" + board + "|" + r.benchmark;
        auto it = byKey.find(key);
        if (it == byKey.end()) {
            BenchmarkPoint p;
            p.runtimeId = runtime.id;
            p.mcu = mcu->name;
            p.coreFamily = mcu->coreFamily;
            p.board = board;
            p.benchmark = r.benchmark;
            p.zooModel = benchmarkZooModel(r.benchmark);
            p.clockMhz = r.clockMhz;
            it = byKey.emplace(key, sel.points.size()).first;
            sel.points.push_back(std::move(p));
        }
        BenchmarkPoint& p = sel.points[it->second];
        p.lines.push_back(r.line);
        latencies[key].push_back(r.latencyMs);
        std::smatch m;
        if (r.energyUj && std::regex_search(r.notes, m, voltage)) {
            if (notes.find("external smps") != std::string::npos)
                sel.excluded.push_back(
                    {r.line, "energy only: the board runs from an external SMPS, a supply "
                             "configuration the catalogue's current model does not describe"});
            else
                p.energy.push_back({*r.energyUj, std::stod(m[1].str()), r.line});
        }
    }
    for (auto& [key, lat] : latencies) {
        std::sort(lat.begin(), lat.end());
        const std::size_t n = lat.size();
        sel.points[byKey[key]].latencyMs = n % 2 ? lat[n / 2] : 0.5 * (lat[n / 2 - 1] + lat[n / 2]);
    }
    return sel;
}

bool mcuHasBenchmarkPoints(const std::vector<BenchmarkSelection>& selections,
                           const std::string& mcu) {
    for (const auto& s : selections)
        for (const auto& p : s.points)
            if (p.mcu == mcu)
                return true;
    return false;
}

} // namespace zipcnn
