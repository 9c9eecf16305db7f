// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// The measured quantities of one inference (docs/measurement-format.md).
enum class Metric { Latency, Current, Power, Energy };
inline constexpr std::size_t kMetricCount = 4;
/// "latency_ms", "current_ma", "power_w", "energy_j".
const char* metricColumnName(Metric m);

/// All the metrics measured for one (MCU, configuration, clock), with the thesis's own
/// estimate of each when the file has an "estimated" column.
struct MeasuredPoint {
    std::string mcu;
    std::string runtime; ///< the optional `runtime` column ("" when absent: thesis-c LUT data)
    std::string config;
    double freqMhz = 0.0;
    std::array<std::optional<double>, kMetricCount> measured;
    std::array<std::optional<double>, kMetricCount> reference; ///< the "estimated" column
    std::optional<double> voltageV; ///< the optional `voltage_v` column: supply of the run
    int line = 0;                   ///< first line of the point in its file
    std::optional<double> get(Metric m) const { return measured[static_cast<std::size_t>(m)]; }
    std::optional<double> ref(Metric m) const { return reference[static_cast<std::size_t>(m)]; }
};

/// A measurement file in the long format of the thesis data ("mcu,config,freq_mhz,metric,
/// measured[,estimated,runtime,voltage_v,...]"; one metric per row; lines starting with # are
/// comments). Rows of one (mcu, runtime, config, clock) make one point.
struct MeasurementTable {
    std::string file;
    std::vector<MeasuredPoint> points; ///< in order of first appearance
    Diagnostics diagnostics;           ///< naming the file, the line and the field
};

MeasurementTable parseMeasurementCsv(const std::string& text, const std::string& file);
MeasurementTable readMeasurementCsv(const std::string& path);

} // namespace zipcnn
