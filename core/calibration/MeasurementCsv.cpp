// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/MeasurementCsv.h"

#include "base/EnumNames.h"
#include "base/JsonReader.h"
#include "base/Utf8.h"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>
#include <tuple>

namespace zipcnn {

namespace {
constexpr auto kMetricColumnNames = std::to_array<EnumName<Metric>>({
    {Metric::Latency, "latency_ms"},
    {Metric::Current, "current_ma"},
    {Metric::Power, "power_w"},
    {Metric::Energy, "energy_j"},
});
} // namespace

const char* metricColumnName(Metric m) {
    return nameOf(kMetricColumnNames, m);
}

namespace {

std::vector<std::string> splitCsvLine(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (char c : line) {
        if (c == ',') {
            cells.push_back(cell);
            cell.clear();
        } else if (c != '\r') {
            cell += c;
        }
    }
    cells.push_back(cell);
    for (auto& s : cells) { // trim spaces
        const auto b = s.find_first_not_of(" \t");
        const auto e = s.find_last_not_of(" \t");
        s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    }
    return cells;
}

std::optional<double> parseDouble(const std::string& s) {
    double v = 0.0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

MeasurementTable parseMeasurementCsv(const std::string& text, const std::string& file) {
    MeasurementTable t;
    t.file = file;
    auto fail = [&](int line, const std::string& msg) {
        t.diagnostics.push_back(atLine(makeError("bad-measurement", msg), file, line));
    };
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    std::map<std::string, std::size_t> col;
    const char* const required[] = {"mcu", "config", "freq_mhz", "metric", "measured"};
    std::size_t width = 0;
    std::map<std::tuple<std::string, std::string, std::string, double>, std::size_t> index;
    // A field that must hold a number > 0: its value, or nullopt once the row is reported.
    auto positiveField = [&](const std::vector<std::string>& cells,
                             const char* name) -> std::optional<double> {
        const std::string& text = cells[col[name]];
        auto v = parseDouble(text);
        if (!v || *v <= 0.0) {
            fail(lineNo, std::string("field '") + name + "': expected a positive number, got '" +
                             text + "'");
            return std::nullopt;
        }
        return v;
    };
    while (std::getline(in, line)) {
        ++lineNo;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#')
            continue; // blank line or comment (a source note)
        auto cells = splitCsvLine(line);
        if (col.empty()) {
            for (std::size_t i = 0; i < cells.size(); ++i)
                col[cells[i]] = i;
            width = cells.size();
            for (const char* name : required)
                if (!col.count(name)) {
                    fail(lineNo, std::string("the header has no '") + name +
                                     "' column (expected mcu,config,freq_mhz,metric,measured)");
                    return t;
                }
            continue;
        }
        if (cells.size() != width) {
            fail(lineNo, "has " + std::to_string(cells.size()) + " fields, the header has " +
                             std::to_string(width));
            continue;
        }
        const std::string& mcu = cells[col["mcu"]];
        const std::string& config = cells[col["config"]];
        if (mcu.empty() || config.empty()) {
            fail(lineNo, std::string("field '") + (mcu.empty() ? "mcu" : "config") + "' is empty");
            continue;
        }
        if (!isUtf8(mcu) || !isUtf8(config)) {
            fail(lineNo, std::string("field '") + (isUtf8(mcu) ? "config" : "mcu") +
                             "' is not valid UTF-8");
            continue;
        }
        const auto freq = positiveField(cells, "freq_mhz");
        if (!freq)
            continue;
        const std::string& metricName = cells[col["metric"]];
        const std::optional<Metric> metric = fromName(kMetricColumnNames, metricName);
        if (!metric) {
            fail(lineNo, "field 'metric': unknown metric '" + metricName +
                             "' (expected latency_ms, current_ma, power_w or energy_j)");
            continue;
        }
        const auto value = positiveField(cells, "measured");
        if (!value)
            continue;
        std::optional<double> estimated;
        if (col.count("estimated") && !cells[col["estimated"]].empty()) {
            estimated = parseDouble(cells[col["estimated"]]);
            if (!estimated || *estimated < 0.0) {
                fail(lineNo, "field 'estimated': expected a number >= 0, got '" +
                                 cells[col["estimated"]] + "'");
                continue;
            }
        }
        // Optional columns of the user's measurements (docs/measurement-format.md): the runtime
        // the network ran under and the supply voltage of the run.
        const std::string runtime = col.count("runtime") ? cells[col["runtime"]] : std::string();
        if (!isUtf8(runtime)) {
            fail(lineNo, "field 'runtime' is not valid UTF-8");
            continue;
        }
        std::optional<double> voltage;
        if (col.count("voltage_v") && !cells[col["voltage_v"]].empty()) {
            voltage = parseDouble(cells[col["voltage_v"]]);
            if (!voltage || *voltage < 0.5 || *voltage > 6.0) {
                fail(lineNo, "field 'voltage_v': expected a supply voltage from 0.5 to 6 V, got '" +
                                 cells[col["voltage_v"]] + "'");
                continue;
            }
        }
        auto key = std::make_tuple(mcu, runtime, config, *freq);
        auto [it, fresh] = index.emplace(key, t.points.size());
        if (fresh) {
            MeasuredPoint p;
            p.mcu = mcu;
            p.runtime = runtime;
            p.config = config;
            p.freqMhz = *freq;
            p.line = lineNo;
            t.points.push_back(std::move(p));
        }
        MeasuredPoint& p = t.points[it->second];
        const auto m = static_cast<std::size_t>(*metric);
        if (p.measured[m]) {
            fail(lineNo, "field 'metric': " + metricName + " of " + mcu + " " + config + " at " +
                             cells[col["freq_mhz"]] + " MHz is given twice");
            continue;
        }
        if (voltage && p.voltageV && std::abs(*voltage - *p.voltageV) > 1e-9) {
            fail(lineNo, "field 'voltage_v': " + cells[col["voltage_v"]] + " V differs from the " +
                             "voltage given earlier for " + mcu + " " + config + " at " +
                             cells[col["freq_mhz"]] + " MHz");
            continue;
        }
        if (voltage)
            p.voltageV = voltage;
        p.measured[m] = value;
        p.reference[m] = estimated;
    }
    if (col.empty())
        fail(1, "empty file: expected a header mcu,config,freq_mhz,metric,measured");
    return t;
}

MeasurementTable readMeasurementCsv(const std::string& path) {
    return loadTextDocument(path, &parseMeasurementCsv);
}

} // namespace zipcnn
