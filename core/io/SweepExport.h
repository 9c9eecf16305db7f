// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/CostTarget.h"
#include "cost/Sweep.h"
#include "model/Project.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace zipcnn {

/// A sweep with what it was computed for: the input of the CSV, JSON and HDF5 exports
/// (docs/exports.md gives their columns, keys and datasets, which stay stable).
struct SweepExport {
    std::string source; ///< the project or model file swept
    const std::vector<CostVariant>* variants = nullptr;
    const std::vector<CostTarget>* targets = nullptr; ///< the cells' target indices point here
    Constraints constraints;
    const SweepResult* result = nullptr;
    /// The application model the points carry device estimates for; null: none (the JSON and
    /// CSV then have no device keys or columns).
    const DeviceModel* device = nullptr;
};

/// Every clock of every cell, one line each, with a header; RFC 4180 quoting.
std::string sweepCsv(const SweepExport& s);
/// {"model", "constraints", "variants", "points", "summary"} (the `sweep --json` document).
nlohmann::json sweepJson(const SweepExport& s);
/// `sweepJson` as the file and `sweep --json` write it: two-space indents and a final newline.
std::string sweepJsonText(const SweepExport& s);
/// One estimate: {"freq_mhz", "latency_ms", "current_ma", "power_w", "energy_j",
/// "interpolated"} (the points of `sweep --json` and `estimate --json`).
nlohmann::json costPointJson(const CostPoint& p);
/// The clocks of the sweep, increasing and without repeats: the frequency axis of the HDF5
/// export (an MCU lacks the clocks outside its range; its values there are NaN).
std::vector<double> sweepFreqAxis(const SweepResult& result);

/// Writes `text` with RFC 4180 quoting when it holds a comma, a quote or a line break.
std::string csvField(const std::string& text);

} // namespace zipcnn
