#include "Sweep.h"

#include "Decomposition.h"
#include "MemoryModel.h"
#include "NetworkAnalysis.h"
#include "Pruning.h"

#include <algorithm>
#include <map>

namespace zipcnn {

CostVariant prepareVariant(const Network& base, std::string name, DType dtype, double prune,
                           bool keepDenseInputs) {
    CostVariant v;
    v.name = std::move(name);
    v.dtype = dtype;
    v.prune = prune;
    const Network* net = &base;
    PruneResult pruned;
    if (prune > 0.0) {
        pruned = zipcnn::prune(base, {prune, {}, keepDenseInputs});
        v.diagnostics = pruned.diagnostics;
        if (hasErrors(v.diagnostics))
            return v;
        net = &pruned.network;
    }
    const Analysis analysis = analyze(*net);
    v.diagnostics.insert(v.diagnostics.end(), analysis.diagnostics.begin(),
                         analysis.diagnostics.end());
    if (hasErrors(analysis.diagnostics))
        return v;
    const Decomposition d = decompose(*net, analysis);
    v.plan = makeCostPlan(*net, analysis, d);
    v.diagnostics.insert(v.diagnostics.end(), v.plan.diagnostics.begin(), v.plan.diagnostics.end());
    if (dtype == DType::INT8 && v.plan.hasSigmoidFamily)
        v.diagnostics.push_back(makeWarning(
            "int8-sigmoid", "no INT8 sigmoid/tanh was measured: those layers are costed in FP32"));
    v.flashBytes = estimateFlash(*net, analysis, d, dtype, defaultCodeSizeParams(dtype)).flashBytes;
    v.ramBytes = ramByThesisRule(*net, analysis, dtype).peakBytes;
    return v;
}

SweepPoint checkPoint(const CostPoint& cost, const CostVariant& v, const McuProfile& mcu,
                      const Constraints& c) {
    SweepPoint p;
    p.cost = cost;
    auto check = [&](const char* name, double value, std::optional<double> limit) {
        if (limit && value > *limit)
            p.violations.push_back({name, value, *limit});
    };
    check("latency", cost.latencyMs, c.maxLatencyMs);
    check("energy", cost.energyJ * 1e3, c.maxEnergyMj);
    check("power", cost.powerW * 1e3, c.maxPowerMw);
    check("flash", static_cast<double>(v.flashBytes) / 1024.0, mcu.flashKib - c.flashReserveKib);
    check("ram", static_cast<double>(v.ramBytes) / 1024.0, mcu.sramKib - c.ramReserveKib);
    p.feasible = cost.ok && p.violations.empty();
    return p;
}

SweepResult runSweep(const std::vector<CostVariant>& variants,
                     const std::vector<const McuProfile*>& mcus, const Constraints& constraints,
                     const std::vector<double>& freqsMhz) {
    SweepResult result;
    result.cells.reserve(variants.size() * mcus.size());
    for (std::size_t vi = 0; vi < variants.size(); ++vi) {
        const CostVariant& v = variants[vi];
        for (std::size_t mi = 0; mi < mcus.size(); ++mi) {
            const McuProfile& mcu = *mcus[mi];
            SweepCell cell;
            cell.variant = vi;
            cell.mcu = mi;
            if (!v.usable()) {
                result.cells.push_back(std::move(cell));
                continue;
            }
            const auto& freqs = freqsMhz.empty() ? mcu.freqsMhz : freqsMhz;
            cell.points.reserve(freqs.size());
            std::map<std::string, Violation> leastBad;
            const SweepPoint* best = nullptr;
            for (double f : freqs) {
                if (f < mcu.freqsMhz.front() || f > mcu.freqsMhz.back())
                    continue;
                cell.points.push_back(
                    checkPoint(estimatePoint(v.plan, mcu, v.dtype, f), v, mcu, constraints));
            }
            for (const auto& p : cell.points) {
                if (!p.cost.ok)
                    continue;
                if (p.feasible)
                    cell.feasibleFreqsMhz.push_back(p.cost.freqMhz);
                for (const auto& viol : p.violations) {
                    auto it = leastBad.find(viol.constraint);
                    if (it == leastBad.end() || viol.value < it->second.value)
                        leastBad[viol.constraint] = viol;
                }
            }
            const bool anyFeasible = !cell.feasibleFreqsMhz.empty();
            for (const auto& p : cell.points)
                if (p.cost.ok && (p.feasible || !anyFeasible) &&
                    (!best || p.cost.energyJ < best->cost.energyJ))
                    best = &p;
            if (best) {
                cell.minEnergyFreqMhz = best->cost.freqMhz;
                cell.minEnergyJ = best->cost.energyJ;
            }
            if (!anyFeasible) {
                // A constraint fails for the cell only if it fails at every clock.
                for (const auto& [name, viol] : leastBad) {
                    const bool everywhere = std::all_of(
                        cell.points.begin(), cell.points.end(), [&](const SweepPoint& p) {
                            return std::any_of(
                                p.violations.begin(), p.violations.end(),
                                [&](const Violation& x) { return x.constraint == name; });
                        });
                    if (everywhere)
                        cell.failing.push_back(viol);
                }
                if (cell.failing.empty()) // each clock breaks a different constraint
                    for (const auto& [name, viol] : leastBad)
                        cell.failing.push_back(viol);
            }
            result.cells.push_back(std::move(cell));
        }
    }
    return result;
}

} // namespace zipcnn
