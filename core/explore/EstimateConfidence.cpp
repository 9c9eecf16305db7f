// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/EstimateConfidence.h"

#include "base/JoinList.h"
#include "cost/Estimator.h"
#include "cost/RuntimeCostModel.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace zipcnn {

namespace {

std::string pct(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", v);
    return buf;
}

/// Cycles of `variant` under a runtime target that no benchmark network validated, and the
/// source layers they belong to. The fit may price a kind of work the benchmarks barely have at
/// nothing (a per-element cost of 0); such a layer is counted at no less than one convolution
/// MAC per element it touches, and `extra` receives what that adds to the estimate.
double unvalidatedRuntimeCycles(const CostVariant& variant, const CostTarget& target,
                                double freqMhz, std::vector<std::string>& names, double& extra) {
    const RuntimeVariant* r = variant.runtime(target.runtimeId());
    if (!r || !target.costs || !target.facts)
        return 0.0;
    const int waitStates = target.facts->waitStatesAt(freqMhz).value_or(0);
    double cycles = 0.0;
    std::set<std::string> seen;
    for (const LoweredLayer& l : r->layers) {
        if (l.benchmarked)
            continue;
        const double model = loweredLayerCycles(l, *target.costs, waitStates);
        const double floor = static_cast<double>(l.elements) * target.costs->convCyclesPerMac;
        cycles += std::max(model, floor);
        extra += std::max(0.0, floor - model);
        const std::string source = l.name.substr(0, l.name.find('/'));
        if (seen.insert(source).second)
            names.push_back(source);
    }
    return cycles;
}

/// The same for a LUT target: the primitives with no thesis algorithm.
double unvalidatedLutCycles(const CostVariant& variant, const CostBreakdown& b,
                            std::vector<std::string>& names) {
    double cycles = 0.0;
    const auto& prims = variant.plan.byPrimitive;
    for (std::size_t i = 0; i < prims.size() && i < b.byPrimitive.size(); ++i)
        if (!prims[i].recipe.validated) {
            cycles += b.byPrimitive[i].cycles;
            names.push_back(prims[i].primitive);
        }
    return cycles;
}

} // namespace

const char* basisLongName(McuBasis basis) {
    switch (basis) {
    case McuBasis::Measured:
        return "measured";
    case McuBasis::Benchmark:
        return "benchmark-calibrated";
    case McuBasis::Datasheet:
        return "datasheet-derived";
    case McuBasis::UserDatasheet:
        return "datasheet-derived (your MCU)";
    case McuBasis::UserCalibrated:
        return "calibrated on your measurements";
    }
    return "";
}

EstimateConfidence estimateConfidence(const CostVariant& variant, const CostTarget& target,
                                      double freqMhz) {
    EstimateConfidence c;
    c.target = target.confidence;
    c.expectedErrorPct = target.confidence.expectedErrorPct;
    c.freqMhz = freqMhz;
    if (!variant.usable())
        return c;
    const CostBreakdown b = breakdownOnTarget(variant, target, freqMhz);
    if (!b.point.ok || !(b.point.cycles > 0.0))
        return c;
    c.interpolatedClock = target.usesLut() && b.point.interpolated;
    double extra = 0.0;
    const double unvalidated =
        target.usesLut() ? unvalidatedLutCycles(variant, b, c.unvalidated)
                         : unvalidatedRuntimeCycles(variant, target, freqMhz, c.unvalidated, extra);
    c.unvalidatedSharePct = 100.0 * unvalidated / (b.point.cycles + extra);
    if (c.expectedErrorPct && c.unvalidatedSharePct > 0.0)
        *c.expectedErrorPct += kUnvalidatedUncertainty * c.unvalidatedSharePct;
    return c;
}

std::string EstimateConfidence::summary() const {
    std::string s = basisLongName(target.basis);
    if (!expectedErrorPct)
        return s + ", expected latency error unknown";
    s += ", expected latency error ±" + pct(*expectedErrorPct);
    if (unvalidatedSharePct > 0.0 && target.expectedErrorPct)
        s += " (" + pct(*target.expectedErrorPct) + " + " +
             pct(*expectedErrorPct - *target.expectedErrorPct) + " for unvalidated " +
             (unvalidated.size() == 1 ? "part" : "parts") + ")";
    return s;
}

std::string EstimateConfidence::details() const {
    std::string s;
    switch (target.basis) {
    case McuBasis::Measured:
        s = "Measured: the thesis's look-up tables of this board, calibrated on its measurements.";
        break;
    case McuBasis::Benchmark:
        s = "Benchmark-calibrated: the runtime's kernel costs were fitted on published MLPerf "
            "Tiny runs of this MCU.";
        break;
    case McuBasis::Datasheet:
        s = "Datasheet-derived: the runtime's kernel costs come from other MCUs of the same core "
            "family; this MCU enters through its datasheet (clock, flash wait states, current).";
        break;
    case McuBasis::UserDatasheet:
        s = "Datasheet-derived, an MCU you added: the runtime's kernel costs come from other MCUs "
            "of the same core family; this MCU enters through the datasheet facts you gave.";
        break;
    case McuBasis::UserCalibrated:
        s = "Calibrated on your measurements: the runtime's kernel costs were fitted on the "
            "latencies you measured on this MCU.";
        break;
    }
    if (!target.how.empty())
        s += "\nExpected error: " + target.how + ".";
    if (unvalidatedSharePct > 0.0) {
        std::vector<std::string> shown(
            unvalidated.begin(),
            unvalidated.begin() +
                static_cast<std::ptrdiff_t>(std::min<std::size_t>(unvalidated.size(), 6)));
        std::string list = joinList(shown, ", ");
        if (unvalidated.size() > shown.size())
            list += " and " + std::to_string(unvalidated.size() - shown.size()) + " more";
        s += "\n" + pct(unvalidatedSharePct) + " of the cycles are in " + list +
             ", whose cost no measurement validated; counted at ±" +
             pct(100.0 * kUnvalidatedUncertainty) + " of itself in the expected error.";
    }
    if (interpolatedClock)
        s += "\nThe clock lies between characterised clocks: the tables are interpolated.";
    return s;
}

} // namespace zipcnn
