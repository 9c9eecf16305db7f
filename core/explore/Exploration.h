// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/CostTarget.h"
#include "cost/Sweep.h"
#include "explore/Targets.h"
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
    /// Each target at its own clocks only: the characterised clocks of a measured MCU (no
    /// interpolated estimate), the wait-state band edges of a runtime target.
    Characterised,
};

/// "explore" or "characterised".
const char* clockGridName(ClockGrid grid);
/// The grid called `name` ("explore", "characterised"); nullopt for anything else.
std::optional<ClockGrid> clockGridFromName(const std::string& name);

/// One state of the exploration, computed from one state of the project: the variants made
/// ready for costing, the candidate targets and the sweep of every (variant, target) over the
/// clocks.
/// A plain value, built on a worker thread and handed whole to the views, which only read it.
struct Exploration {
    std::vector<VariantSpec> specs; ///< the project's variants this was computed for
    /// Prepared variants, index for index with `specs`; shared because constraint changes
    /// re-sweep them without preparing them again.
    std::shared_ptr<const std::vector<CostVariant>> variants;
    std::vector<CostTarget> targets;         ///< the candidates that resolved, in order
    std::vector<std::string> missingTargets; ///< those that did not, each with why
    Constraints constraints;
    /// The application model the sweep's points carry their device estimate for; none: the
    /// inference alone (no battery life, no device constraints).
    std::optional<DeviceModel> device;
    ClockGrid grid = ClockGrid::Explore;
    std::vector<double> freqsMhz; ///< every clock swept (each MCU keeps those in its range)
    SweepResult sweep;            ///< variant-major, then target (see `cell()`)
    int generation = 0;           ///< increases with every state computed

    std::size_t variantCount() const { return specs.size(); }
    std::size_t targetCount() const { return targets.size(); }
    const CostVariant& variant(std::size_t v) const { return (*variants)[v]; }
    /// The sweep of variant `v` on target `t`.
    const SweepCell& cell(std::size_t v, std::size_t t) const {
        return sweep.cells[v * targets.size() + t];
    }
    /// Index of the target called `name` (its display name, or an MCU name that one target
    /// alone carries, or "MCU under runtime"), if it is a candidate.
    std::optional<std::size_t> targetIndex(const std::string& name) const;
    /// Number of (variant, MCU, clock) estimates in the sweep.
    std::size_t pointCount() const;
};

/// The clocks an exploration sweeps for `targets`: every clock any of them is known at, and
/// between two of those that are far apart (ratio above 1.3), clocks at even steps on a log
/// scale, so curves and feasible ranges are not drawn from a handful of points. A measured
/// MCU's estimate at a clock it was not characterised at is interpolated (and flagged so).
std::vector<double> explorationFreqs(const std::vector<CostTarget>& targets);

/// Every clock any of `targets` is known at, increasing, without repeats.
std::vector<double> characterisedFreqs(const std::vector<CostTarget>& targets);

/// Sweeps `variants` on `targets` under `constraints` on `grid`: at `explorationFreqs`, or each
/// target at its own clocks. `freqsOut` receives the clocks of the grid. With a `device`
/// model every point also gets its device estimate and the device constraints.
SweepResult sweepExploration(const std::vector<CostVariant>& variants,
                             const std::vector<CostTarget>& targets, const Constraints& constraints,
                             std::vector<double>* freqsOut, ClockGrid grid = ClockGrid::Explore,
                             const DeviceModel* device = nullptr);

/// The exploration of variants already prepared on targets already resolved (those that did
/// not resolve are `missing`): every variant is swept on every target. The window re-sweeps
/// with this on a constraint change; `computeExploration` prepares first. `specs` and
/// `variants` go index for index; the catalogues behind `targets` must outlive the result.
std::shared_ptr<Exploration>
exploreVariants(std::vector<VariantSpec> specs,
                std::shared_ptr<const std::vector<CostVariant>> variants, ResolvedTargets targets,
                const Constraints& constraints, ClockGrid grid = ClockGrid::Explore,
                std::optional<DeviceModel> device = std::nullopt);

/// The exploration of `project` (read from `projectFile`, which students' files are relative
/// to) on its targets resolved against `catalogs`, computed in the calling thread: the report
/// and the command line use it; the window uses `ExplorationEngine`. `catalogs` must outlive
/// the result. The project's device model, when it has one, comes along.
std::shared_ptr<const Exploration> computeExploration(const Project& project,
                                                      const std::string& projectFile,
                                                      const Catalogs& catalogs,
                                                      ClockGrid grid = ClockGrid::Explore);

/// The exploration as the input of the sweep exports (CSV, JSON, HDF5) with `source` as the
/// file swept: the window's *Export Sweep Data* and `zipcnn-cli sweep` both write this, so the
/// same project gives the same bytes. `e` must outlive the result.
SweepExport explorationExport(const Exploration& e, const std::string& source);

} // namespace zipcnn
