// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/AccuracyCost.h"

#include "base/HumanUnits.h"
#include "cost/DeviceEstimate.h"
#include "cost/Sweep.h"
#include "explore/Feasibility.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace zipcnn {

CostAxis energyAxis() {
    CostAxis a;
    a.id = "energy";
    a.name = "Energy per inference";
    a.unit = "mJ";
    a.value = [](const CostPoint& p, const CostTarget& t) {
        if (!p.hasEnergy)
            return AxisValue{std::nullopt, "no energy figure on " + t.name + " (latency only)"};
        return AxisValue{p.energyJ * 1e3, {}};
    };
    a.format = [](double mj) { return humanEnergy(mj * 1e-3); };
    return a;
}

CostAxis batteryLifeAxis(const DeviceModel& device) {
    CostAxis a;
    a.id = "battery";
    a.name = "Battery life";
    a.unit = "h";
    a.higherIsBetter = true;
    a.value = [device](const CostPoint& p, const CostTarget& t) {
        if (!p.hasEnergy)
            return AxisValue{std::nullopt, "no energy figure on " + t.name + " (latency only)"};
        const DeviceEstimate d = estimateDevice(device, p.latencyMs, p.currentMa, targetSupplyV(t),
                                                sleepFigure(device, t.datasheet));
        if (!d.ok)
            return AxisValue{std::nullopt, d.why};
        return AxisValue{d.batteryLifeH, {}};
    };
    a.format = [](double h) { return batteryLifeText(h); };
    return a;
}

std::vector<CostAxis> costAxesFor(const Exploration& exploration) {
    std::vector<CostAxis> axes = builtinCostAxes();
    if (exploration.device)
        axes.push_back(batteryLifeAxis(*exploration.device));
    return axes;
}

CostAxis latencyAxis() {
    CostAxis a;
    a.id = "latency";
    a.name = "Latency per inference";
    a.unit = "ms";
    a.value = [](const CostPoint& p, const CostTarget&) { return AxisValue{p.latencyMs, {}}; };
    a.format = [](double ms) { return humanDuration(ms); };
    return a;
}

std::vector<CostAxis> builtinCostAxes() {
    return {energyAxis(), latencyAxis()};
}

const char* accuracyClockName(AccuracyClock clock) {
    return clock == AccuracyClock::Focused ? "focused clock" : "least-energy clock";
}

const AccuracyCostPoint* AccuracyCost::find(std::size_t variant) const {
    for (const AccuracyCostPoint& p : points)
        if (p.variant == variant)
            return &p;
    return nullptr;
}

std::string AccuracyCost::dominatorNames(const AccuracyCostPoint& p) const {
    std::string names;
    for (std::size_t v : p.dominatedBy)
        if (const AccuracyCostPoint* d = find(v))
            names += (names.empty() ? "" : ", ") + d->name;
    return names;
}

bool AccuracyCost::anyAccuracy() const {
    return std::any_of(points.begin(), points.end(),
                       [](const AccuracyCostPoint& p) { return p.accuracyPct.has_value(); });
}

ParetoSplit paretoSplit(const std::vector<ParetoEntry>& entries, bool higherCostIsBetter) {
    // Cost as "smaller is better" whichever way the axis points.
    auto cost = [&](std::size_t i) {
        return higherCostIsBetter ? -entries[i].cost : entries[i].cost;
    };
    auto dominates = [&](std::size_t a, std::size_t b) {
        const double accA = entries[a].accuracy, accB = entries[b].accuracy;
        return accA >= accB && cost(a) <= cost(b) && (accA > accB || cost(a) < cost(b));
    };
    ParetoSplit split;
    split.dominatedBy.resize(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        bool dominated = false;
        for (std::size_t j = 0; j < entries.size() && !dominated; ++j)
            dominated = j != i && dominates(j, i);
        if (!dominated)
            split.front.push_back(i);
    }
    std::stable_sort(split.front.begin(), split.front.end(), [&](std::size_t a, std::size_t b) {
        if (cost(a) != cost(b))
            return cost(a) < cost(b);
        return entries[a].accuracy < entries[b].accuracy;
    });
    // Every dominated entry is dominated by one on the front (dominance is transitive and the
    // set is finite), so naming the front's dominators is enough to say "dominated by which";
    // they are named in the front's order, the best cost first.
    for (std::size_t i = 0; i < entries.size(); ++i)
        for (std::size_t f : split.front)
            if (dominates(f, i))
                split.dominatedBy[i].push_back(f);
    return split;
}

namespace {

/// The point of `cell` at `freqMhz` (clocks of one grid compare exactly, but a clock typed or
/// read back from a file may differ in the last digits).
const SweepPoint* pointAt(const SweepCell& cell, double freqMhz) {
    for (const SweepPoint& p : cell.points)
        if (p.cost.ok && std::abs(p.cost.freqMhz - freqMhz) <= 1e-9 * std::max(1.0, freqMhz))
            return &p;
    return nullptr;
}

/// The least-energy clock's point; on a target without energy, the least-latency one, among
/// the feasible points or among all when none is feasible (the rule of `SweepCell`).
const SweepPoint* leastEnergyPoint(const SweepCell& cell) {
    if (cell.minEnergyFreqMhz)
        return pointAt(cell, *cell.minEnergyFreqMhz);
    const SweepPoint* best = nullptr;
    const bool anyFeasible = cell.feasible();
    for (const SweepPoint& p : cell.points)
        if (p.cost.ok && (p.feasible || !anyFeasible) &&
            (!best || p.cost.latencyMs < best->cost.latencyMs))
            best = &p;
    return best;
}

/// "RAM +35 %" when `point` does not fit the target's Flash or RAM, else empty.
std::string memoryMiss(const SweepPoint& point) {
    std::string text;
    for (const Violation& v : point.violations) {
        if (v.constraint != "flash" && v.constraint != "ram")
            continue;
        if (!text.empty())
            text += ", ";
        text += (v.constraint == "ram" ? "RAM " : "Flash ") + humanExcess(v.excessPct());
    }
    return text;
}

/// "33 MHz", "0.25 MHz": three significant digits without trailing zeros.
std::string clockText(double mhz) {
    std::string text = significant(mhz);
    if (text.find('.') != std::string::npos) {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
            text.pop_back();
    }
    return text + " MHz";
}

} // namespace

AccuracyCost accuracyCost(const Exploration& e, std::size_t target, const CostAxis& axis,
                          AccuracyClock clock, std::optional<double> focusedFreqMhz) {
    AccuracyCost out;
    out.target = target;
    out.axis = axis;
    out.clock = clock;
    out.focusedFreqMhz = focusedFreqMhz;
    if (target >= e.targetCount() || e.sweep.cells.size() != e.variantCount() * e.targetCount())
        return out;
    const CostTarget& t = e.targets[target];
    out.targetName = t.name;
    for (std::size_t v = 0; v < e.variantCount(); ++v) {
        const VariantSpec& spec = e.specs[v];
        if (!spec.visible)
            continue;
        AccuracyCostPoint p;
        p.variant = v;
        p.name = spec.name;
        p.accuracyPct = spec.accuracyPct;
        const SweepCell& cell = e.cell(v, target);
        const SweepPoint* point = nullptr;
        if (e.variants && v < e.variants->size() && !e.variant(v).usable()) {
            const Diagnostics& d = e.variant(v).diagnostics;
            const auto err = std::find_if(d.begin(), d.end(), [](const Diagnostic& x) {
                return x.severity == Severity::Error;
            });
            p.why = "could not be prepared" + (err != d.end() ? ": " + err->message : "");
        } else if (cell.points.empty()) {
            p.why = cell.note.empty() ? "no estimate on " + t.name : cell.note;
        } else if (clock == AccuracyClock::Focused) {
            if (!focusedFreqMhz)
                p.why = "no focused clock";
            else if (!(point = pointAt(cell, *focusedFreqMhz)))
                p.why = "no estimate at " + clockText(*focusedFreqMhz);
        } else if (!(point = leastEnergyPoint(cell))) {
            p.why = "no estimate on " + t.name;
        }
        if (point) {
            p.freqMhz = point->cost.freqMhz;
            p.meetsConstraints = point->feasible;
            if (const std::string miss = memoryMiss(*point); !miss.empty()) {
                p.why = "does not fit: " + miss;
            } else {
                const AxisValue value = axis.value(point->cost, t);
                if (value.value && std::isfinite(*value.value))
                    p.cost = value.value;
                else
                    p.why = value.why.empty() ? "no " + axis.id + " figure" : value.why;
            }
        }
        if (!p.cost)
            p.status = ParetoStatus::NotRun;
        else if (!p.accuracyPct)
            p.status = ParetoStatus::NoAccuracy;
        else
            p.status = ParetoStatus::Dominated; // settled below
        out.points.push_back(std::move(p));
    }

    std::vector<ParetoEntry> entries;
    std::vector<std::size_t> placed; // entry -> index into out.points
    for (std::size_t i = 0; i < out.points.size(); ++i) {
        const AccuracyCostPoint& p = out.points[i];
        if (!p.accuracyPct)
            out.withoutAccuracy.push_back(i);
        if (p.status == ParetoStatus::NotRun)
            out.notRun.push_back(i);
        if (p.status == ParetoStatus::Dominated) {
            entries.push_back({*p.accuracyPct, *p.cost});
            placed.push_back(i);
        }
    }
    const ParetoSplit split = paretoSplit(entries, axis.higherIsBetter);
    for (std::size_t f : split.front) {
        out.points[placed[f]].status = ParetoStatus::Front;
        out.front.push_back(placed[f]);
    }
    for (std::size_t k = 0; k < entries.size(); ++k) {
        AccuracyCostPoint& p = out.points[placed[k]];
        if (p.status != ParetoStatus::Dominated)
            continue;
        out.dominated.push_back(placed[k]);
        for (std::size_t f : split.dominatedBy[k])
            p.dominatedBy.push_back(out.points[placed[f]].variant);
    }
    return out;
}

} // namespace zipcnn
