// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/McuProfile.h"
#include "cost/Sweep.h"
#include "io/McuCatalog.h"
#include "io/SweepExport.h"
#include "model/Project.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// Which clocks an exploration sweeps. One rule for every entry point (the window, its
/// exports, the report and `zipcnn-cli sweep`), so they give the same answer for a project.
enum class ClockGrid {
    /// The characterised clocks of all candidates plus log-spaced fill-ins between those far
    /// apart (`explorationFreqs`): the default everywhere.
    Explore,
    /// Each MCU at its own characterised clocks only (no interpolated estimate).
    Characterised,
};

/// "explore" or "characterised".
const char* clockGridName(ClockGrid grid);
/// The grid called `name` ("explore", "characterised"); nullopt for anything else.
std::optional<ClockGrid> clockGridFromName(const std::string& name);

/// One state of the exploration, computed from one state of the project: the variants made
/// ready for costing, the candidate MCUs and the sweep of every (variant, MCU) over the clocks.
/// A plain value, built on a worker thread and handed whole to the views, which only read it.
struct Exploration {
    std::vector<VariantSpec> specs; ///< the project's variants this was computed for
    /// Prepared variants, index for index with `specs`; shared because constraint changes
    /// re-sweep them without preparing them again.
    std::shared_ptr<const std::vector<CostVariant>> variants;
    std::vector<const McuProfile*> mcus;  ///< the candidates found in the catalogue, in order
    std::vector<std::string> missingMcus; ///< candidates the catalogue does not have
    Constraints constraints;
    ClockGrid grid = ClockGrid::Explore;
    std::vector<double> freqsMhz; ///< every clock swept (each MCU keeps those in its range)
    SweepResult sweep;            ///< variant-major, then MCU (see `cell()`)
    int generation = 0;           ///< increases with every state computed

    std::size_t variantCount() const { return specs.size(); }
    std::size_t mcuCount() const { return mcus.size(); }
    const CostVariant& variant(std::size_t v) const { return (*variants)[v]; }
    /// The sweep of variant `v` on MCU `m`.
    const SweepCell& cell(std::size_t v, std::size_t m) const {
        return sweep.cells[v * mcus.size() + m];
    }
    /// Index of the MCU called `name`, if it is a candidate.
    std::optional<std::size_t> mcuIndex(const std::string& name) const;
    /// Number of (variant, MCU, clock) estimates in the sweep.
    std::size_t pointCount() const;
};

/// The clocks an exploration sweeps for `mcus`: every characterised clock of any of them, and
/// between two of those that are far apart (ratio above 1.3), clocks at even steps on a log
/// scale, so curves and feasible ranges are not drawn from a handful of points. Each MCU's
/// estimate at a clock it was not characterised at is interpolated (and flagged so).
std::vector<double> explorationFreqs(const std::vector<const McuProfile*>& mcus);

/// Every characterised clock of any of `mcus`, increasing, without repeats.
std::vector<double> characterisedFreqs(const std::vector<const McuProfile*>& mcus);

/// Sweeps `variants` on `mcus` under `constraints` on `grid`: at `explorationFreqs(mcus)`, or
/// each MCU at its characterised clocks. `freqsOut` receives the clocks of the grid.
SweepResult sweepExploration(const std::vector<CostVariant>& variants,
                             const std::vector<const McuProfile*>& mcus,
                             const Constraints& constraints, std::vector<double>* freqsOut,
                             ClockGrid grid = ClockGrid::Explore);

/// The exploration of variants already prepared: the candidates named `mcuNames` are looked
/// up in `catalog` (those it lacks go to `missingMcus`) and every variant is swept on them.
/// The window re-sweeps with this on a constraint change; `computeExploration` prepares first.
/// `specs` and `variants` go index for index; `catalog` must outlive the result.
std::shared_ptr<Exploration>
exploreVariants(std::vector<VariantSpec> specs,
                std::shared_ptr<const std::vector<CostVariant>> variants,
                const std::vector<std::string>& mcuNames, const McuCatalog& catalog,
                const Constraints& constraints, ClockGrid grid = ClockGrid::Explore);

/// The exploration of `project` (read from `projectFile`, which students' files are relative
/// to) on the MCUs of `catalog`, computed in the calling thread: the report and the command
/// line use it; the window uses `ExplorationEngine`. `catalog` must outlive the result.
std::shared_ptr<const Exploration> computeExploration(const Project& project,
                                                      const std::string& projectFile,
                                                      const McuCatalog& catalog,
                                                      ClockGrid grid = ClockGrid::Explore);

/// The exploration as the input of the sweep exports (CSV, JSON, HDF5) with `source` as the
/// file swept: the window's *Export Sweep Data* and `zipcnn-cli sweep` both write this, so the
/// same project gives the same bytes. `e` must outlive the result.
SweepExport explorationExport(const Exploration& e, const std::string& source);

} // namespace zipcnn
