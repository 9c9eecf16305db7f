// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArgs.h"
#include "cost/DeviceEstimate.h"
#include "model/DeviceModel.h"

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn::cli {

/// Whether the command line says `--battery help`.
bool batteryHelpAsked(const CliArgs& args);
/// The battery presets with their figures, sources and assumptions (`--battery help`).
void printBatteryHelp(std::ostream& out);

/// The device model of a command line (docs/device.md): the project's (`fromProject`, may be
/// none) with --period-s, --battery, --sleep-ua and --wake-us over it. Without a project model,
/// --period-s and --battery are both needed; a bare number for --battery is that many mAh, all
/// usable, no self-discharge, an LDO, no other loads. False after one line on `err` naming the
/// flag ("<command>: --period-s ...") when a value is bad; `out` none when no device is asked.
bool readDeviceOptions(const CliArgs& args, const std::string& command,
                       const std::optional<DeviceModel>& fromProject,
                       std::optional<DeviceModel>& out, std::ostream& err);

/// A MODEL argument that is a project file with a device model: that model; none otherwise.
std::optional<DeviceModel> projectDevice(const CliArgs& args);

/// One input point of `estimate` for the device: its clock and the inference's cost.
struct EstimatePointInput {
    double freqMhz = 0.0;
    double latencyMs = 0.0;
    std::optional<double> currentMa; ///< none: no current model
    double energyJ = 0.0;
};

/// The device at every clock of an `estimate`, with the clock of longest battery life beside
/// the least-energy clock.
struct DeviceRun {
    DeviceModel model;
    SleepFigure sleep;
    std::vector<EstimatePointInput> inputs;
    std::vector<DeviceEstimate> points; ///< index for index with `inputs`
    std::optional<double> longestLifeFreqMhz;
    std::optional<double> minEnergyFreqMhz;
};
DeviceRun runDevice(const DeviceModel& model, const SleepFigure& sleep, double supplyV,
                    std::vector<EstimatePointInput> inputs);
/// Adds the device keys to each of `estimate["points"]` and "device",
/// "longest_life_freq_mhz", "min_energy_freq_mhz" to `estimate`.
void addDeviceJson(nlohmann::json& estimate, const DeviceRun& run);
/// The device table of `estimate`'s text output.
void printDeviceRun(std::ostream& out, const DeviceRun& run);

/// The model as the estimate's "device" object: the project file's keys plus the sleep
/// figure used and its source.
nlohmann::json deviceSummaryJson(const DeviceModel& d, const SleepFigure& sleep);

} // namespace zipcnn::cli
