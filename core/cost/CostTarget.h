// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/McuFacts.h"
#include "cost/McuProfile.h"
#include "cost/RuntimeProfile.h"
#include "model/Project.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// How much an estimate on a target can be trusted (docs/runtimes.md, "expected error"):
/// what it rests on and the error the cross-validation measured for it.
struct TargetConfidence {
    McuBasis basis = McuBasis::Datasheet;
    std::optional<double> expectedErrorPct; ///< none: no calibration to tell
    std::string how; ///< "leave-one-model-out median of x-cube-ai-9 on cortex-m4", ...
};

/// A candidate target made ready for costing: the project's (MCU, runtime) pair resolved
/// against the catalogues. Either a thesis-c target costed by the MCU's measured look-up
/// tables (`lut`), or a runtime costed by kernel class on the MCU's datasheet facts (`facts`,
/// `runtime`, `costs`). Points into the catalogues, which must outlive it.
struct CostTarget {
    TargetSpec spec;  ///< as the project names it
    std::string mcu;  ///< the catalogue's name of the MCU
    std::string name; ///< "STM32F746ZG" under thesis-c, "STM32F746ZG · x-cube-ai-9" otherwise
    const McuProfile* lut = nullptr;
    const McuFacts* facts = nullptr;
    /// The MCU's datasheet facts when the catalogue has them, for a LUT target too (its
    /// low-power current for the device model); `facts` stays null for a LUT target.
    const McuFacts* datasheet = nullptr;
    const RuntimeProfile* runtime = nullptr;
    const KernelCosts* costs = nullptr;
    int flashKib = 0;
    int sramKib = 0;
    double freqMinMhz = 0.0;
    double freqMaxMhz = 0.0;
    /// The clocks the target is known at: the LUT's characterised clocks, or for a runtime the
    /// top clock of each flash wait-state band (where the latency steps) and the maximum.
    std::vector<double> freqsMhz;
    TargetConfidence confidence;

    bool usesLut() const { return lut != nullptr; }
    /// The runtime's id ("thesis-c" for a LUT target).
    const std::string& runtimeId() const { return runtime ? runtime->id : spec.runtime; }
    /// Whether the target gives current, power and energy (a runtime on an MCU without a
    /// current model gives latency only).
    bool hasEnergy() const { return lut || (facts && facts->current); }
};

/// A LUT target: the thesis's runtime on an MCU it measured. `thesis` (the thesis-c profile)
/// gives the confidence; it may be null.
CostTarget lutTarget(const McuProfile& mcu, const RuntimeProfile* thesis);

/// A runtime target on an MCU of the datasheet catalogue; nullopt with `why` set when the
/// runtime has no cost data for the MCU's core family.
std::optional<CostTarget> runtimeTarget(const McuFacts& mcu, const RuntimeProfile& runtime,
                                        std::string* why = nullptr);

/// The clocks a runtime target is shown at when none is asked: the top clock of each flash
/// wait-state band, then the maximum; a quarter, half and whole maximum when the bands are
/// unknown.
std::vector<double> runtimeClocks(const McuFacts& m);

/// How much wider the expected error of an MCU the runtime was not calibrated on is: the design
/// notes a 1.4x cycles-per-MAC spread between two M4 chips under one engine
/// (shared/design/deployment.md), the only measured figure for how far a chip strays from its
/// family.
inline constexpr double kDatasheetWidening = 1.5;
/// The same widening once more for an MCU the user added (basis "datasheet (user)"): its clock,
/// wait states and core family were typed in and checked by nobody else, and may stray from the
/// family as far again (docs/mcu-catalogue.md, "Your own MCUs").
inline constexpr double kUserDatasheetWidening = 1.5;

/// The expected error of `runtime` on `mcu` (docs/runtimes.md): the leave-one-model-out median
/// of its core family (in-sample where cross-validation could not run), widened by half and to
/// at least the leave-one-board-out median when the MCU is not one the runtime was calibrated on,
/// by half again for a user MCU. For `costs` calibrated by the user on this MCU: their
/// leave-one-network-out median (the family's figure as the floor with one network).
TargetConfidence runtimeConfidence(const RuntimeProfile& runtime, const KernelCosts& costs,
                                   const McuFacts& mcu);

/// The headline of an error summary: the median, or the mean where only it was published.
std::optional<double> errorHeadline(const std::optional<ErrorSummary>& s);

} // namespace zipcnn
