// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/Exploration.h"

#include "base/EnumNames.h"
#include "explore/ProjectVariants.h"

#include <algorithm>
#include <cmath>

namespace zipcnn {

namespace {
constexpr auto kClockGridNames = std::to_array<EnumName<ClockGrid>>({
    {ClockGrid::Explore, "explore"},
    {ClockGrid::Characterised, "characterised"},
});
} // namespace

const char* clockGridName(ClockGrid grid) {
    return nameOf(kClockGridNames, grid, "explore");
}

std::optional<ClockGrid> clockGridFromName(const std::string& name) {
    return fromName(kClockGridNames, name);
}

std::optional<std::size_t> Exploration::targetIndex(const std::string& name) const {
    for (std::size_t t = 0; t < targets.size(); ++t)
        if (targets[t].name == name || targetText(targets[t].spec) == name)
            return t;
    std::optional<std::size_t> byMcu;
    for (std::size_t t = 0; t < targets.size(); ++t)
        if (lowerAscii(targets[t].mcu) == lowerAscii(name) ||
            lowerAscii(targets[t].spec.mcu) == lowerAscii(name)) {
            if (byMcu)
                return std::nullopt; // the MCU is a candidate under several runtimes
            byMcu = t;
        }
    return byMcu;
}

std::size_t Exploration::pointCount() const {
    std::size_t n = 0;
    for (const SweepCell& c : sweep.cells)
        n += c.points.size();
    return n;
}

std::vector<double> characterisedFreqs(const std::vector<CostTarget>& targets) {
    std::vector<double> measured;
    for (const CostTarget& t : targets)
        measured.insert(measured.end(), t.freqsMhz.begin(), t.freqsMhz.end());
    std::sort(measured.begin(), measured.end());
    measured.erase(std::unique(measured.begin(), measured.end()), measured.end());
    return measured;
}

std::vector<double> explorationFreqs(const std::vector<CostTarget>& targets) {
    const std::vector<double> measured = characterisedFreqs(targets);
    constexpr double kMaxRatio = 1.3;
    std::vector<double> out;
    for (std::size_t i = 0; i < measured.size(); ++i) {
        out.push_back(measured[i]);
        if (i + 1 == measured.size())
            break;
        const double ratio = measured[i + 1] / measured[i];
        if (ratio <= kMaxRatio)
            continue;
        const int steps = static_cast<int>(std::ceil(std::log(ratio) / std::log(kMaxRatio)));
        for (int s = 1; s < steps; ++s) {
            // Rounded to 0.01 MHz so the clocks read well in tables and exports.
            const double f = measured[i] * std::pow(ratio, static_cast<double>(s) / steps);
            out.push_back(std::round(f * 100.0) / 100.0);
        }
    }
    return out;
}

SweepResult sweepExploration(const std::vector<CostVariant>& variants,
                             const std::vector<CostTarget>& mcus, const Constraints& constraints,
                             std::vector<double>* freqsOut, ClockGrid grid,
                             const DeviceModel* device) {
    SweepResult result;
    if (grid == ClockGrid::Characterised) {
        // No clock list: runSweep takes each MCU's own characterised clocks.
        result = runSweep(variants, mcus, constraints, {}, device);
        if (freqsOut)
            *freqsOut = characterisedFreqs(mcus);
        return result;
    }
    std::vector<double> freqs = explorationFreqs(mcus);
    result = runSweep(variants, mcus, constraints, freqs, device);
    if (freqsOut)
        *freqsOut = std::move(freqs);
    return result;
}

std::shared_ptr<Exploration>
exploreVariants(std::vector<VariantSpec> specs,
                std::shared_ptr<const std::vector<CostVariant>> variants, ResolvedTargets targets,
                const Constraints& constraints, ClockGrid grid, std::optional<DeviceModel> device) {
    auto e = std::make_shared<Exploration>();
    e->specs = std::move(specs);
    e->variants =
        variants ? std::move(variants) : std::make_shared<const std::vector<CostVariant>>();
    e->targets = std::move(targets.targets);
    e->missingTargets = std::move(targets.missing);
    e->constraints = constraints;
    e->device = std::move(device);
    e->grid = grid;
    e->sweep = sweepExploration(*e->variants, e->targets, e->constraints, &e->freqsMhz, grid,
                                e->device ? &*e->device : nullptr);
    return e;
}

std::shared_ptr<const Exploration> computeExploration(const Project& project,
                                                      const std::string& projectFile,
                                                      const Catalogs& catalogs, ClockGrid grid) {
    ResolvedTargets targets = resolveTargets(project.targets, catalogs);
    auto variants = std::make_shared<const std::vector<CostVariant>>(
        prepareProjectVariants(project, projectFile, targetRuntimes(targets.targets)));
    auto e = exploreVariants(project.variants, std::move(variants), std::move(targets),
                             project.constraints, grid, project.device);
    e->generation = 1;
    return e;
}

SweepExport explorationExport(const Exploration& e, const std::string& source) {
    return SweepExport{source,        e.variants.get(), &e.targets,
                       e.constraints, &e.sweep,         e.device ? &*e.device : nullptr};
}

} // namespace zipcnn
