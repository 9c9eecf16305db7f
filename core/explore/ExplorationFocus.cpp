// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/ExplorationFocus.h"

#include "cost/McuFacts.h"

#include <limits>

namespace zipcnn {

std::optional<ExplorationFocus> defaultFocus(const Exploration& e) {
    std::optional<ExplorationFocus> focus;
    if (e.sweep.cells.size() != e.variantCount() * e.targetCount())
        return focus; // not swept yet
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t v = 0; v < e.variantCount(); ++v)
        for (std::size_t m = 0; m < e.targetCount(); ++m) {
            const SweepCell& cell = e.cell(v, m);
            if (cell.feasible() && e.specs[v].visible && cell.minEnergyJ < best) {
                best = cell.minEnergyJ;
                focus = ExplorationFocus{v, m, cell.minEnergyFreqMhz};
            }
        }
    // Nothing fits: the first visible cell that has an estimate (a runtime that cannot run a
    // variant's format has none), else the first cell.
    for (std::size_t v = 0; !focus && v < e.variantCount(); ++v)
        for (std::size_t m = 0; !focus && m < e.targetCount(); ++m)
            if (e.specs[v].visible && !e.cell(v, m).points.empty())
                focus = ExplorationFocus{v, m, e.cell(v, m).minEnergyFreqMhz};
    if (!focus && e.variantCount() > 0 && e.targetCount() > 0)
        focus = ExplorationFocus{0, 0, e.cell(0, 0).minEnergyFreqMhz};
    return focus;
}

SavedFocus toSavedFocus(const Exploration& e, const ExplorationFocus& focus) {
    SavedFocus saved;
    if (focus.variant < e.variantCount())
        saved.variant = e.specs[focus.variant].name;
    if (focus.mcu < e.targetCount())
        saved.target = e.targets[focus.mcu].spec;
    saved.freqMhz = focus.freqMhz;
    return saved;
}

std::optional<ExplorationFocus> resolveSavedFocus(const Exploration& e, const SavedFocus& saved) {
    if (e.sweep.cells.size() != e.variantCount() * e.targetCount())
        return std::nullopt; // not swept yet
    std::optional<std::size_t> variant;
    for (std::size_t v = 0; v < e.variantCount() && !variant; ++v)
        if (e.specs[v].name == saved.variant)
            variant = v;
    std::optional<std::size_t> target;
    const std::string mcu = lowerAscii(saved.target.mcu);
    for (std::size_t t = 0; t < e.targetCount() && !target; ++t) {
        const CostTarget& c = e.targets[t];
        const bool sameMcu = lowerAscii(c.spec.mcu) == mcu || lowerAscii(c.mcu) == mcu;
        const bool sameRuntime =
            c.spec.runtime == saved.target.runtime || c.runtimeId() == saved.target.runtime;
        if (sameMcu && sameRuntime)
            target = t;
    }
    if (!variant || !target)
        return std::nullopt;
    ExplorationFocus focus{*variant, *target, e.cell(*variant, *target).minEnergyFreqMhz};
    const CostTarget& t = e.targets[*target];
    if (saved.freqMhz && *saved.freqMhz >= t.freqMinMhz - 1e-9 &&
        *saved.freqMhz <= t.freqMaxMhz + 1e-9)
        focus.freqMhz = saved.freqMhz;
    return focus;
}

} // namespace zipcnn
