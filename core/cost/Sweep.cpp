// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/Sweep.h"

#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"

#include <algorithm>
#include <map>

namespace zipcnn {

CostVariant costVariant(const Network& net, const Analysis& analysis,
                        const Decomposition& decomposition, std::string name, DType dtype,
                        double prune) {
    CostVariant v;
    v.name = std::move(name);
    v.dtype = dtype;
    v.prune = prune;
    v.plan = makeCostPlan(net, analysis, decomposition);
    v.diagnostics = v.plan.diagnostics;
    if (dtype == DType::INT8 && v.plan.hasSigmoidFamily)
        v.diagnostics.push_back(makeWarning(
            "int8-sigmoid", "no INT8 sigmoid/tanh was measured: those layers are costed in FP32"));
    v.flashBytes =
        estimateFlash(net, analysis, decomposition, dtype, defaultCodeSizeParams(dtype)).flashBytes;
    RamRuleEstimate ram = ramByThesisRule(net, analysis, dtype);
    v.ramBytes = ram.peakBytes;
    v.ramLayers = std::move(ram.layers);
    v.ramPeakLayer = std::move(ram.peakLayer);
    return v;
}

CostVariant prepareVariant(const Network& base, std::string name, DType dtype, double prune,
                           bool keepDenseInputs) {
    Diagnostics diags;
    const Network* net = &base;
    PruneResult pruned;
    if (prune > 0.0) {
        pruned = zipcnn::prune(base, {prune, {}, keepDenseInputs});
        diags = pruned.diagnostics;
        net = &pruned.network;
    }
    std::optional<Analysis> analysis;
    if (!hasErrors(diags)) {
        analysis = analyze(*net);
        diags.insert(diags.end(), analysis->diagnostics.begin(), analysis->diagnostics.end());
    }
    if (hasErrors(diags)) {
        CostVariant v;
        v.name = std::move(name);
        v.dtype = dtype;
        v.prune = prune;
        v.diagnostics = std::move(diags);
        return v;
    }
    CostVariant v =
        costVariant(*net, *analysis, decompose(*net, *analysis), std::move(name), dtype, prune);
    v.diagnostics.insert(v.diagnostics.begin(), diags.begin(), diags.end());
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

namespace {

/// Fills the cell's feasible clocks, minimum-energy clock and failing constraints from its points.
void summarise(SweepCell& cell) {
    // Per constraint: at how many clocks it is broken, and where it is broken least.
    struct Broken {
        int clocks = 0;
        Violation leastBad;
    };
    std::map<std::string, Broken> broken;
    int costed = 0;
    for (const auto& p : cell.points) {
        if (!p.cost.ok)
            continue;
        ++costed;
        if (p.feasible)
            cell.feasibleFreqsMhz.push_back(p.cost.freqMhz);
        for (const auto& viol : p.violations) {
            Broken& b = broken[viol.constraint];
            if (b.clocks++ == 0 || viol.value < b.leastBad.value)
                b.leastBad = viol;
        }
    }
    const bool anyFeasible = cell.feasible();
    const SweepPoint* best = nullptr;
    for (const auto& p : cell.points)
        if (p.cost.ok && (p.feasible || !anyFeasible) &&
            (!best || p.cost.energyJ < best->cost.energyJ))
            best = &p;
    if (best) {
        cell.minEnergyFreqMhz = best->cost.freqMhz;
        cell.minEnergyJ = best->cost.energyJ;
    }
    if (!anyFeasible) {
        // A constraint fails for the cell when it fails at every clock; if none does
        // (each clock breaks another one), all the broken ones are listed.
        for (const auto& [name, b] : broken)
            if (b.clocks == costed)
                cell.failing.push_back(b.leastBad);
        if (cell.failing.empty())
            for (const auto& [name, b] : broken)
                cell.failing.push_back(b.leastBad);
    }
}

} // namespace

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
            for (double f : freqs)
                if (f >= mcu.freqsMhz.front() && f <= mcu.freqsMhz.back())
                    cell.points.push_back(
                        checkPoint(estimatePoint(v.plan, mcu, v.dtype, f), v, mcu, constraints));
            summarise(cell);
            result.cells.push_back(std::move(cell));
        }
    }
    return result;
}

} // namespace zipcnn
