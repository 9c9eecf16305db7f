// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Exploration.h"

#include <cstddef>
#include <optional>

namespace zipcnn {

/// A (variant, MCU) cell the user is looking at, and the clock studied there: the charts draw it
/// on top, the graph and the inspector show its per-layer costs, the report breaks it down.
struct ExplorationFocus {
    std::size_t variant = 0;
    std::size_t mcu = 0;
    std::optional<double> freqMhz; ///< the clock studied in the graph and the inspector
    bool operator==(const ExplorationFocus&) const = default;
};

/// The focus rule, the same for the window and the report: the cell that meets the constraints
/// with the least energy among the visible variants, at that clock; else the first visible cell
/// with an estimate, else the first cell, at its least-energy clock; nullopt for an empty
/// exploration.
std::optional<ExplorationFocus> defaultFocus(const Exploration& exploration);

/// The focus as a project saves it: by variant name and target, which survive edits.
SavedFocus toSavedFocus(const Exploration& exploration, const ExplorationFocus& focus);

/// The saved focus in `exploration`, matched by variant name and by target (MCU names compared
/// case-insensitively, runtime ids exactly); nullopt when the variant or the target is gone.
/// A saved clock outside the target's range is dropped (its least-energy clock is used).
std::optional<ExplorationFocus> resolveSavedFocus(const Exploration& exploration,
                                                  const SavedFocus& saved);

} // namespace zipcnn
