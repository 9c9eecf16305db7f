// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/ExplorationFocus.h"

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

} // namespace zipcnn
