// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// What an MCU profile rests on (docs/mcu-catalogue.md): per-clock LUTs measured by the thesis,
/// a board of the public benchmark data, or datasheet facts only; the user's own MCUs
/// (datasheet facts nobody else checked) and the user's own calibration of an (MCU, runtime)
/// pair on their measurements (docs/user-guide.md, "Your own board").
enum class McuBasis { Measured, Benchmark, Datasheet, UserDatasheet, UserCalibrated };

const char* mcuBasisName(McuBasis b);

/// One row of a flash wait-state table: up to and including `maxMhz`, `waitStates` are needed.
struct WaitStateStep {
    double maxMhz = 0.0;
    int waitStates = 0;
    bool operator==(const WaitStateStep&) const = default;
};

/// Supply current against clock, I(f) = staticMa + uaPerMhz x f / 1000 (mA).
struct CurrentModel {
    McuBasis basis = McuBasis::Datasheet; ///< where the line comes from
    double staticMa = 0.0;
    double uaPerMhz = 0.0;
    std::string source;
    double currentMa(double freqMhz) const { return staticMa + uaPerMhz * freqMhz / 1000.0; }
    bool operator==(const CurrentModel&) const = default;
};

/// Datasheet facts of one MCU (data/mcus/mcu-catalogue.json), each with its source.
struct McuFacts {
    std::string name;
    std::vector<std::string> aliases; ///< other part numbers of the same die or board spellings
    std::string vendor;
    std::string family;
    std::string coreFamily; ///< "cortex-m4", "cortex-m7", "cortex-m33", "cortex-m0plus", ...
    std::string core;       ///< the facts table's text (second cores in parentheses)
    std::string fpu;
    bool dsp = false;
    double freqMinMhz = 0.0;
    double freqMaxMhz = 0.0;
    int flashKib = 0;
    int sramKib = 0;
    std::optional<int> itcmKib; ///< unset: no TCM, or its size is unknown
    std::optional<int> dtcmKib;
    bool hasTcm = false; ///< the part has tightly-coupled memory (size may be unknown)
    std::string cache;   ///< L1 / flash accelerator text, empty when not known
    bool hasCache = false;
    std::vector<WaitStateStep> waitStates;    ///< empty: not known
    std::string waitStatesText;               ///< the full rule, all voltage ranges
    std::optional<double> runCurrentUaPerMhz; ///< datasheet headline
    std::optional<double> lowPowerCurrentUa;  ///< lowest mode keeping SRAM
    std::string lowPowerText;
    std::optional<double> supplyMinV, supplyMaxV;
    double nominalV = 3.3;
    std::optional<CurrentModel> current; ///< none: no energy estimate
    std::string accelerator;
    std::string notes;
    std::map<std::string, std::string> provenance; ///< field -> source
    std::string source;
    std::string file;
    bool user = false; ///< from the user's data folder (core/io/UserMcuStore), not shipped

    /// Wait states at `freqMhz`; nullopt when the table is unknown or the clock is above it.
    std::optional<int> waitStatesAt(double freqMhz) const;
    /// Case-insensitive match on the name or an alias.
    bool matches(const std::string& name) const;
    bool operator==(const McuFacts&) const = default;
};

/// Lower-case copy (ASCII), for name matching.
std::string lowerAscii(std::string s);

} // namespace zipcnn
