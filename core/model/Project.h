// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/DataType.h"
#include "model/DeviceModel.h"
#include "model/Network.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// The designer's limits (estimation-model.md section 6). Absent = unconstrained.
struct Constraints {
    std::optional<double> maxLatencyMs;
    std::optional<double> maxEnergyMj;
    std::optional<double> maxPowerMw;
    double ramReserveKib = 0.0;   ///< RAM kept free for the rest of the firmware
    double flashReserveKib = 0.0; ///< Flash kept free for the rest of the firmware
    /// Battery life at least this long, hours; checked only when the project has a device model.
    std::optional<double> minBatteryLifeH{};
    bool operator==(const Constraints&) const = default;
};

/// Where a distillation student comes from.
enum class StudentKind { None, Zoo, File, Derived };

struct StudentRef {
    StudentKind kind = StudentKind::None;
    std::string model;            ///< Zoo: zoo name
    std::string path;             ///< File: network/model file, relative to the project file
    double widthMultiplier = 1.0; ///< Derived: filters and units scaled by this
    int dropBlocksPerStage = 0;   ///< Derived: identity blocks removed per stage
    bool operator==(const StudentRef&) const = default;
};

/// One reduction variant of the network: format x pruning x student (hybrids included).
struct VariantSpec {
    std::string name;
    DType dtype = DType::FP32;
    double prune = 0.0;
    StudentRef student;
    std::optional<double> accuracyPct; ///< entered by the user; the cost model does not predict it
    bool visible = true;
    bool operator==(const VariantSpec&) const = default;
};

/// The runtime of the thesis's measured look-up tables (its unoptimised C kernels).
inline constexpr const char* kThesisRuntimeId = "thesis-c";

/// A candidate target: an MCU running the network under one inference runtime
/// (docs/runtimes.md). The same MCU may be a candidate under several runtimes.
struct TargetSpec {
    std::string mcu;                        ///< a catalogue name or alias, "STM32F746ZG"
    std::string runtime = kThesisRuntimeId; ///< a runtime id or alias, "x-cube-ai-9"
    bool operator==(const TargetSpec&) const = default;
};

/// What the variants' `accuracyPct` measures when the user has not named it.
inline constexpr const char* kDefaultAccuracyMetric = "accuracy %";
/// The cell the designer was studying when the project was saved, by name (indices change
/// when targets or variants are edited); restored on opening when it still exists.
struct SavedFocus {
    std::string variant;           ///< a variant's name
    TargetSpec target;             ///< the focused candidate target
    std::optional<double> freqMhz; ///< the clock studied there
    bool operator==(const SavedFocus&) const = default;
};

/// Everything a designer saves: the network, candidate targets, constraints and variants.
struct Project {
    std::string name;
    Network network;
    std::vector<TargetSpec> targets;
    Constraints constraints;
    std::vector<VariantSpec> variants;
    /// The application around the network (docs/device.md); none: inference cost only.
    std::optional<DeviceModel> device;
    std::optional<SavedFocus> focus; ///< view state: not an edit, not undone
    /// What the variants' accuracies measure ("top-1 %", "mAP %", "F1 %"): one metric for the
    /// whole project, so the accuracies compare with each other on one axis.
    std::string accuracyMetric = kDefaultAccuracyMetric;
    bool operator==(const Project&) const = default;
};

/// A variant list covering the thesis's reductions: FP32, INT8, pruning 50..90 %.
std::vector<VariantSpec> defaultVariants();

std::string_view studentKindName(StudentKind k);
std::optional<StudentKind> studentKindFromName(std::string_view name);

} // namespace zipcnn
