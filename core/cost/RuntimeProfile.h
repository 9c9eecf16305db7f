// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// How an inference engine rewrites a graph before running it (docs/runtimes.md). The RAM
/// planner (core/analysis/ArenaPlanner) reads the same flags.
struct LoweringFlags {
    bool foldBatchNorm = false;      ///< BatchNormalization folded into the preceding conv/dense
    bool fuseActivation = false;     ///< ReLU/ReLU6/... run inside the producing kernel
    bool fusePadding = false;        ///< ZeroPadding2D folded into the next conv
    bool inPlaceElementwise = false; ///< element-wise layers write over their input
    /// Activation placement: "arena" (one reused arena, every tensor its own slot, inputs and
    /// outputs in: TFLM's greedy planner), "arena-overlap" (ST's: a layer may write over an
    /// input it reads last; the network's input and output buffers are outside), "thesis-rule".
    std::string planner;
    bool operator==(const LoweringFlags&) const = default;
};

/// Mean and median absolute relative error of one protocol (percent) over `points` points.
struct ErrorSummary {
    int points = 0;
    std::optional<double> medianPct; ///< unset where only the mean was published (thesis-c)
    double meanPct = 0.0;
    bool operator==(const ErrorSummary&) const = default;
};

/// What the calibration of one (runtime, core family) measured: the errors per protocol.
/// A protocol that cannot run (one board only, one network only) is empty and `notes` says why.
struct RuntimeCalibration {
    int points = 0;                  ///< latency points fitted
    std::vector<std::string> boards; ///< boards the points come from
    std::vector<std::string> mcus;   ///< catalogue names of their MCUs
    std::vector<double> clocksMhz;   ///< clocks of the points
    std::optional<ErrorSummary> inSample;
    std::optional<ErrorSummary> leaveOneModelOut;
    std::optional<ErrorSummary> leaveOneBoardOut;
    std::optional<ErrorSummary> energyInSample;
    std::vector<std::string> notes;
    bool operator==(const RuntimeCalibration&) const = default;
};

/// Cost parameters of one runtime on one core family (docs/runtimes.md, the cost model).
struct KernelCosts {
    std::string coreFamily; ///< "cortex-m4", ...
    /// Empty: the parameters of the whole core family (shipped). Else the catalogue name of the
    /// one MCU they were calibrated for by the user (core/io/UserProfileFile), which takes
    /// precedence over the family's for that MCU only.
    std::string mcu;
    // cycles per multiply-accumulate, per kernel class
    double convCyclesPerMac = 0.0;      ///< standard convolution
    double pointwiseCyclesPerMac = 0.0; ///< 1x1 convolution
    double depthwiseCyclesPerMac = 0.0;
    double fcCyclesPerMac = 0.0; ///< fully connected, compute part (flash stalls added apart)
    // cycles per element
    double poolCyclesPerElement = 0.0;       ///< per input element of a pooling window
    double eltwiseCyclesPerElement = 0.0;    ///< add / multiply / concat, per output element
    double activationCyclesPerElement = 0.0; ///< activations the runtime does not fuse
    double softmaxCyclesPerElement = 0.0;
    double outputCyclesPerElement = 0.0; ///< per output of a conv/dense (requantise, store)
    double layerCycles = 0.0;            ///< per lowered layer
    double inferenceCycles = 0.0;        ///< per inference
    /// Bytes a flash read brings in: weights read once (dense layers) pay the wait states once
    /// per line.
    double flashLineBytes = 16.0;
    std::map<std::string, std::string> provenance; ///< parameter -> where it comes from
    std::optional<RuntimeCalibration> calibration;
    bool operator==(const KernelCosts&) const = default;
};

/// An inference engine: `thesis-c` (the measured LUT model of the thesis's C kernels) or an
/// engine costed by kernel class per core family (data/runtimes/*.json).
struct RuntimeProfile {
    std::string id;                   ///< "x-cube-ai-9"
    std::string name;                 ///< "X-CUBE-AI / ST Edge AI Core"
    std::string version;              ///< "9.0-10.2"
    std::vector<std::string> aliases; ///< other ids that select it ("x-cube-ai")
    std::string model;                ///< "thesis-lut" or "kernel-classes"
    std::string description;
    std::vector<std::string> dtypes; ///< numeric formats it runs ("int8")
    LoweringFlags lowering;
    /// Layer types (network-format names) the engine cannot run, with the reason.
    std::map<std::string, std::string> unsupportedLayers;
    /// Values of the benchmark CSV's `runtime` column (prefixes) it is calibrated on.
    std::vector<std::string> benchmarkRuntimes;
    std::vector<KernelCosts> costs; ///< one per core family with data
    /// Errors pooled over the core families (thesis-c: the thesis validation's figures).
    std::optional<RuntimeCalibration> calibration;
    std::map<std::string, std::string> provenance;
    std::string file;

    /// The core family's parameters (never a user calibration of one MCU).
    const KernelCosts* costsFor(const std::string& coreFamily) const;
    /// The user's calibration of `mcu` under this runtime when there is one, else the family's.
    const KernelCosts* costsFor(const std::string& coreFamily, const std::string& mcu) const;
    /// The core families with parameters, each once.
    std::vector<std::string> coreFamilies() const;
    bool matches(const std::string& idOrAlias) const;
    bool isThesisLut() const { return model == "thesis-lut"; }
    bool operator==(const RuntimeProfile&) const = default;
};

} // namespace zipcnn
