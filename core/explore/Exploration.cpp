// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/Exploration.h"

#include "explore/ProjectVariants.h"

#include <algorithm>
#include <cmath>

namespace zipcnn {

const char* clockGridName(ClockGrid grid) {
    switch (grid) {
    case ClockGrid::Explore:
        return "explore";
    case ClockGrid::Characterised:
        return "characterised";
    }
    return "explore";
}

std::optional<ClockGrid> clockGridFromName(const std::string& name) {
    for (ClockGrid g : {ClockGrid::Explore, ClockGrid::Characterised})
        if (name == clockGridName(g))
            return g;
    return std::nullopt;
}

std::optional<std::size_t> Exploration::mcuIndex(const std::string& name) const {
    for (std::size_t m = 0; m < mcus.size(); ++m)
        if (mcus[m]->name == name)
            return m;
    return std::nullopt;
}

std::size_t Exploration::pointCount() const {
    std::size_t n = 0;
    for (const SweepCell& c : sweep.cells)
        n += c.points.size();
    return n;
}

std::vector<double> characterisedFreqs(const std::vector<const McuProfile*>& mcus) {
    std::vector<double> measured;
    for (const McuProfile* mcu : mcus)
        measured.insert(measured.end(), mcu->freqsMhz.begin(), mcu->freqsMhz.end());
    std::sort(measured.begin(), measured.end());
    measured.erase(std::unique(measured.begin(), measured.end()), measured.end());
    return measured;
}

std::vector<double> explorationFreqs(const std::vector<const McuProfile*>& mcus) {
    const std::vector<double> measured = characterisedFreqs(mcus);
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
                             const std::vector<const McuProfile*>& mcus,
                             const Constraints& constraints, std::vector<double>* freqsOut,
                             ClockGrid grid) {
    SweepResult result;
    if (grid == ClockGrid::Characterised) {
        // No clock list: runSweep takes each MCU's own characterised clocks.
        result = runSweep(variants, mcus, constraints);
        if (freqsOut)
            *freqsOut = characterisedFreqs(mcus);
        return result;
    }
    std::vector<double> freqs = explorationFreqs(mcus);
    result = runSweep(variants, mcus, constraints, freqs);
    if (freqsOut)
        *freqsOut = std::move(freqs);
    return result;
}

std::shared_ptr<Exploration>
exploreVariants(std::vector<VariantSpec> specs,
                std::shared_ptr<const std::vector<CostVariant>> variants,
                const std::vector<std::string>& mcuNames, const McuCatalog& catalog,
                const Constraints& constraints, ClockGrid grid) {
    auto e = std::make_shared<Exploration>();
    e->specs = std::move(specs);
    e->variants =
        variants ? std::move(variants) : std::make_shared<const std::vector<CostVariant>>();
    for (const std::string& name : mcuNames) {
        if (const McuProfile* mcu = catalog.find(name))
            e->mcus.push_back(mcu);
        else
            e->missingMcus.push_back(name);
    }
    e->constraints = constraints;
    e->grid = grid;
    e->sweep = sweepExploration(*e->variants, e->mcus, e->constraints, &e->freqsMhz, grid);
    return e;
}

std::shared_ptr<const Exploration> computeExploration(const Project& project,
                                                      const std::string& projectFile,
                                                      const McuCatalog& catalog, ClockGrid grid) {
    auto e = exploreVariants(project.variants,
                             std::make_shared<const std::vector<CostVariant>>(
                                 prepareProjectVariants(project, projectFile)),
                             project.mcus, catalog, project.constraints, grid);
    e->generation = 1;
    return e;
}

SweepExport explorationExport(const Exploration& e, const std::string& source) {
    return SweepExport{source, e.variants.get(), e.mcus, e.constraints, &e.sweep};
}

} // namespace zipcnn
