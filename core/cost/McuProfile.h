// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/CostParams.h"
#include "model/DataType.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zipcnn {

/// The arithmetic operations the thesis characterised (Annex A.2).
enum class Op { Add, Sub, Mul, Div, Exp };
inline constexpr std::size_t kOpCount = 5;

std::string_view opName(Op op);
std::optional<Op> opFromName(std::string_view name);
const std::array<Op, kOpCount>& allOps();

/// One measured operation at one frequency.
struct OpPoint {
    double latencyMs = 0.0; ///< latency of one operation
    double currentMa = 0.0; ///< supply current while it runs
    bool operator==(const OpPoint&) const = default;
};

/// Per-op measurements at each characterised frequency, for one numeric format.
using OpTable = std::array<std::vector<OpPoint>, kOpCount>;

/// An MCU as described by its look-up-table file (`luts/NAME.json`, docs/lut-format.md).
struct McuProfile {
    std::string name;
    std::string core;
    std::string fpu;
    std::string runtime; ///< what the LUT figures assume (compiler, kernels, board)
    int flashKib = 0;
    int sramKib = 0;
    /// Tightly-coupled data RAM (DTCM), KiB; 0 = none. Data there is read without wait states
    /// or cache; a layer whose activations do not fit it runs from the slower system SRAM.
    int dtcmKib = 0;
    int dcacheKib = 0; ///< L1 data cache, KiB; 0 = none (informative: not used by the model)
    double supplyV = 0.0;
    double freqMinMhz = 0.0;
    double freqMaxMhz = 0.0;
    std::vector<double> freqsMhz; ///< characterised frequencies, strictly increasing
    std::map<DType, OpTable> ops;
    std::map<std::string, std::string> provenance; ///< field -> where its figures come from
    std::optional<McuCalibration> calibration;     ///< none: the uncalibrated recipes
    std::string file;                              ///< the file it was read from

    /// Short provenance for tables and reports ("T. Garbay ... 2023").
    std::string source() const;
    bool operator==(const McuProfile&) const = default;
};

} // namespace zipcnn
