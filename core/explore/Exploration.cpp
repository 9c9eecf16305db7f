#include "explore/Exploration.h"

#include "explore/ProjectVariants.h"

#include <algorithm>
#include <cmath>

namespace zipcnn {

std::optional<std::size_t> Exploration::mcuIndex(const std::string& name) const {
    for (std::size_t m = 0; m < mcus.size(); ++m)
        if (mcus[m]->name == name)
            return m;
    return std::nullopt;
}

std::vector<double> explorationFreqs(const std::vector<const McuProfile*>& mcus) {
    std::vector<double> measured;
    for (const McuProfile* mcu : mcus)
        measured.insert(measured.end(), mcu->freqsMhz.begin(), mcu->freqsMhz.end());
    std::sort(measured.begin(), measured.end());
    measured.erase(std::unique(measured.begin(), measured.end()), measured.end());

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
                             const Constraints& constraints, std::vector<double>* freqsOut) {
    std::vector<double> freqs = explorationFreqs(mcus);
    SweepResult result = runSweep(variants, mcus, constraints, freqs);
    if (freqsOut)
        *freqsOut = std::move(freqs);
    return result;
}

std::shared_ptr<const Exploration> computeExploration(const Project& project,
                                                      const std::string& projectFile,
                                                      const McuCatalog& catalog) {
    auto e = std::make_shared<Exploration>();
    e->specs = project.variants;
    e->variants = std::make_shared<const std::vector<CostVariant>>(
        prepareProjectVariants(project, projectFile));
    for (const std::string& name : project.mcus) {
        if (const McuProfile* mcu = catalog.find(name))
            e->mcus.push_back(mcu);
        else
            e->missingMcus.push_back(name);
    }
    e->constraints = project.constraints;
    e->sweep = sweepExploration(*e->variants, e->mcus, e->constraints, &e->freqsMhz);
    e->generation = 1;
    return e;
}

} // namespace zipcnn
