// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/Sweep.h"

#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"
#include "cost/RuntimeCostModel.h"

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

const RuntimeVariant* CostVariant::runtime(const std::string& id) const {
    for (const auto& r : runtimes)
        if (r.runtime == id)
            return &r;
    return nullptr;
}

RuntimeVariant lowerVariant(const CostVariant& v, const Network& net, const Analysis& analysis,
                            const RuntimeProfile& runtime) {
    RuntimeVariant r;
    r.runtime = runtime.id;
    const std::string format(dtypeName(v.dtype));
    if (std::find(runtime.dtypes.begin(), runtime.dtypes.end(), format) == runtime.dtypes.end()) {
        std::string runs;
        for (const auto& d : runtime.dtypes)
            runs += (runs.empty() ? "" : ", ") + d;
        r.unavailable = runtime.id + " has cost data for " + runs + " only, not " + format;
        return r;
    }
    const LoweredGraph g =
        lowerNetwork(net, analysis, runtime.lowering, runtime.unsupportedLayers, runtime.id);
    if (const Diagnostic* e = firstError(g.diagnostics)) {
        r.unavailable = e->message;
        return r;
    }
    r.features = g.features();
    r.layers = g.layers;
    r.ram = runtimeRam(net, analysis, v.dtype, runtime, v.ramBytes);
    return r;
}

CostVariant prepareVariant(const Network& base, std::string name, DType dtype, double prune,
                           bool keepDenseInputs,
                           const std::vector<const RuntimeProfile*>& runtimes) {
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
    for (const RuntimeProfile* r : runtimes)
        if (r && !r->isThesisLut() && !v.runtime(r->id))
            v.runtimes.push_back(lowerVariant(v, *net, *analysis, *r));
    return v;
}

std::int64_t variantRamBytes(const CostVariant& v, const CostTarget& target) {
    if (target.usesLut())
        return v.ramBytes;
    const RuntimeVariant* r = v.runtime(target.runtimeId());
    return r && r->unavailable.empty() ? r->ram.bytes : v.ramBytes;
}

CostPoint estimateOnTarget(const CostVariant& v, const CostTarget& target, double freqMhz) {
    if (target.usesLut())
        return estimatePoint(v.plan, *target.lut, v.dtype, freqMhz);
    CostPoint c;
    c.freqMhz = freqMhz;
    const RuntimeVariant* r = v.runtime(target.runtimeId());
    if (!r || !target.facts || !target.costs) {
        c.why = "the variant was not prepared for " + target.runtimeId();
        return c;
    }
    if (!r->unavailable.empty()) {
        c.why = r->unavailable;
        return c;
    }
    const RuntimePoint p = estimateRuntimePoint(r->features, *target.costs, *target.facts, freqMhz);
    c.ok = p.ok;
    c.why = p.why;
    c.cycles = p.cycles; // flash stalls included
    c.latencyMs = p.latencyMs;
    c.hasEnergy = p.currentMa.has_value();
    c.currentMa = p.currentMa.value_or(0.0);
    c.powerW = p.powerW;
    c.energyJ = p.energyJ;
    return c;
}

CostBreakdown breakdownOnTarget(const CostVariant& v, const CostTarget& target, double freqMhz) {
    if (target.usesLut())
        return estimateBreakdown(v.plan, *target.lut, v.dtype, freqMhz);
    CostBreakdown b;
    b.point = estimateOnTarget(v, target, freqMhz);
    const RuntimeVariant* r = v.runtime(target.runtimeId());
    if (!b.point.ok || !r || !(b.point.cycles > 0.0))
        return b;
    const KernelCosts& c = *target.costs;
    const int waitStates = target.facts->waitStatesAt(freqMhz).value_or(0);
    // Latency and energy split in proportion to cycles: the current is one figure per clock.
    auto share = [&](std::string name, double cycles) {
        const double f = cycles / b.point.cycles;
        return CostShare{std::move(name), cycles, f * b.point.latencyMs,
                         b.point.hasEnergy ? f * b.point.energyJ : 0.0};
    };
    std::map<std::string, double> byClass;
    for (const LoweredLayer& l : r->layers) {
        const double cycles = loweredLayerCycles(l, c, waitStates);
        // "block/dw" is the depthwise half of the separable layer "block".
        const std::string source = l.name.substr(0, l.name.find('/'));
        if (!b.byLayer.empty() && b.byLayer.back().name == source) {
            CostShare& last = b.byLayer.back();
            last = share(source, last.cycles + cycles);
        } else {
            b.byLayer.push_back(share(source, cycles));
        }
        byClass[kernelClassName(l.kind)] += cycles;
    }
    for (const auto& [name, cycles] : byClass)
        b.byPrimitive.push_back(share(name, cycles));
    b.byLayer.push_back(share("(per-inference overhead)", c.inferenceCycles));
    b.byPrimitive.push_back(share("(per-inference overhead)", c.inferenceCycles));
    return b;
}

const SweepPoint* SweepCell::costedPointAt(double freqMhz) const {
    for (const SweepPoint& p : points)
        if (p.cost.ok && p.cost.freqMhz == freqMhz)
            return &p;
    return nullptr;
}

SweepPoint checkPoint(const CostPoint& cost, std::int64_t flashBytes, std::int64_t ramBytes,
                      const CostTarget& target, const Constraints& c) {
    SweepPoint p;
    p.cost = cost;
    auto check = [&](const char* name, double value, std::optional<double> limit) {
        if (limit && value > *limit)
            p.violations.push_back({name, value, *limit});
    };
    check("latency", cost.latencyMs, c.maxLatencyMs);
    if (cost.hasEnergy) {
        check("energy", cost.energyJ * 1e3, c.maxEnergyMj);
        check("power", cost.powerW * 1e3, c.maxPowerMw);
    }
    check("flash", static_cast<double>(flashBytes) / 1024.0, target.flashKib - c.flashReserveKib);
    check("ram", static_cast<double>(ramBytes) / 1024.0, target.sramKib - c.ramReserveKib);
    p.feasible = cost.ok && p.violations.empty();
    return p;
}

void checkDevice(SweepPoint& p, const DeviceModel& device, const SleepFigure& sleep, double supplyV,
                 const Constraints& c) {
    if (!p.cost.ok || !p.cost.hasEnergy)
        return;
    p.device = estimateDevice(device, p.cost.latencyMs, p.cost.currentMa, supplyV, sleep);
    const DeviceEstimate& d = *p.device;
    if (d.periodTooShort)
        p.violations.push_back({"period", d.activeMs, d.periodMs});
    else if (d.ok && c.minBatteryLifeH && d.batteryLifeH < *c.minBatteryLifeH)
        p.violations.push_back({"battery", d.batteryLifeH, *c.minBatteryLifeH, true});
    p.feasible = p.cost.ok && p.violations.empty();
}

double targetSupplyV(const CostTarget& target) {
    if (target.lut)
        return target.lut->supplyV;
    return target.facts ? target.facts->nominalV : 0.0;
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
            const bool better =
                viol.atLeast ? viol.value > b.leastBad.value : viol.value < b.leastBad.value;
            if (b.clocks++ == 0 || better)
                b.leastBad = viol;
        }
    }
    const bool anyFeasible = cell.feasible();
    const SweepPoint* best = nullptr;
    for (const auto& p : cell.points)
        if (p.cost.ok && p.cost.hasEnergy && (p.feasible || !anyFeasible) &&
            (!best || p.cost.energyJ < best->cost.energyJ))
            best = &p;
    if (best) {
        cell.minEnergyFreqMhz = best->cost.freqMhz;
        cell.minEnergyJ = best->cost.energyJ;
    }
    const SweepPoint* longest = nullptr;
    for (const auto& p : cell.points)
        if (p.cost.ok && p.device && p.device->ok && (p.feasible || !anyFeasible) &&
            (!longest || p.device->batteryLifeH > longest->device->batteryLifeH))
            longest = &p;
    if (longest) {
        cell.longestLifeFreqMhz = longest->cost.freqMhz;
        cell.longestLifeH = longest->device->batteryLifeH;
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
                     const std::vector<CostTarget>& targets, const Constraints& constraints,
                     const std::vector<double>& freqsMhz, const DeviceModel* device) {
    SweepResult result;
    result.cells.reserve(variants.size() * targets.size());
    for (std::size_t vi = 0; vi < variants.size(); ++vi) {
        const CostVariant& v = variants[vi];
        for (std::size_t ti = 0; ti < targets.size(); ++ti) {
            const CostTarget& target = targets[ti];
            SweepCell cell;
            cell.variant = vi;
            cell.mcu = ti;
            if (!v.usable() || target.freqsMhz.empty()) {
                result.cells.push_back(std::move(cell));
                continue;
            }
            if (!target.usesLut()) {
                const RuntimeVariant* r = v.runtime(target.runtimeId());
                if (!r || !r->unavailable.empty()) {
                    cell.note = r ? r->unavailable
                                  : "the variant was not prepared for " + target.runtimeId();
                    result.cells.push_back(std::move(cell));
                    continue;
                }
                if (!target.hasEnergy())
                    cell.note = "no current model for " + target.mcu +
                                ": latency only, energy and power constraints not checked";
            }
            const std::int64_t ram = variantRamBytes(v, target);
            const auto& freqs = freqsMhz.empty() ? target.freqsMhz : freqsMhz;
            cell.points.reserve(freqs.size());
            const SleepFigure sleep =
                device ? sleepFigure(*device, target.datasheet) : SleepFigure{};
            for (double f : freqs)
                if (f >= target.freqMinMhz && f <= target.freqMaxMhz) {
                    cell.points.push_back(checkPoint(estimateOnTarget(v, target, f), v.flashBytes,
                                                     ram, target, constraints));
                    if (device)
                        checkDevice(cell.points.back(), *device, sleep, targetSupplyV(target),
                                    constraints);
                }
            if (device && target.hasEnergy() && !sleep.ua) {
                const std::string why = "no low-power current for " + target.mcu +
                                        " in the catalogue: no battery life (give the sleep "
                                        "current)";
                cell.note = cell.note.empty() ? why : cell.note + "; " + why;
            }
            summarise(cell);
            result.cells.push_back(std::move(cell));
        }
    }
    return result;
}

} // namespace zipcnn
