// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/RuntimeValidation.h"

#include "analysis/NetworkAnalysis.h"
#include "cost/RuntimeCostModel.h"
#include "model/ModelZoo.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace zipcnn {

std::optional<ErrorSummary> summarize(const std::vector<double>& e) {
    if (e.empty())
        return std::nullopt;
    std::vector<double> s = e;
    std::sort(s.begin(), s.end());
    const std::size_t n = s.size();
    ErrorSummary out;
    out.points = static_cast<int>(n);
    out.medianPct = n % 2 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    double sum = 0.0;
    for (double v : s)
        sum += v;
    out.meanPct = sum / static_cast<double>(n);
    return out;
}

std::vector<FitPoint> fitPoints(const BenchmarkSelection& selection, const RuntimeProfile& runtime,
                                const McuFactsCatalog& mcus, Diagnostics& diagnostics) {
    std::map<std::string, std::optional<RuntimeFeatures>> features;
    std::vector<FitPoint> out;
    for (const auto& p : selection.points) {
        auto it = features.find(p.zooModel);
        if (it == features.end()) {
            std::optional<RuntimeFeatures> f;
            if (auto net = zooModel(p.zooModel)) {
                const Analysis a = analyze(*net);
                LoweredGraph g =
                    lowerNetwork(*net, a, runtime.lowering, runtime.unsupportedLayers, runtime.id);
                if (a.ok() && !hasErrors(g.diagnostics))
                    f = g.features();
                else
                    diagnostics.insert(diagnostics.end(), g.diagnostics.begin(),
                                       g.diagnostics.end());
            }
            it = features.emplace(p.zooModel, f).first;
        }
        if (!it->second)
            continue;
        FitPoint fp;
        fp.point = p;
        fp.features = *it->second;
        if (const McuFacts* m = mcus.find(p.mcu))
            fp.waitStates = m->waitStatesAt(p.clockMhz).value_or(0);
        out.push_back(std::move(fp));
    }
    return out;
}

namespace {

double absPct(double predicted, double measured) {
    return std::abs(predicted / measured - 1.0) * 100.0;
}

template <class Pred> std::vector<FitPoint> filtered(const std::vector<FitPoint>& pts, Pred keep) {
    std::vector<FitPoint> out;
    for (const auto& p : pts)
        if (keep(p))
            out.push_back(p);
    return out;
}

/// What a calibration covers: its point count, boards, MCUs and clocks (each sorted).
void setCoverage(RuntimeCalibration& cal, std::size_t points, const std::set<std::string>& boards,
                 const std::set<std::string>& mcuNames, const std::set<double>& clocks) {
    cal.points = static_cast<int>(points);
    cal.boards.assign(boards.begin(), boards.end());
    cal.mcus.assign(mcuNames.begin(), mcuNames.end());
    cal.clocksMhz.assign(clocks.begin(), clocks.end());
}

/// The leave-one-out errors over `groups`: for each group (a network, a board), the kernel costs
/// fitted without its points predict its points. `group` is the point's member naming it.
std::vector<double> leaveOneOut(const std::vector<FitPoint>& pts, const std::string& family,
                                const std::set<std::string>& groups,
                                std::string BenchmarkPoint::*group) {
    std::vector<double> errors;
    for (const auto& g : groups) {
        const auto train = filtered(pts, [&](const FitPoint& p) { return p.point.*group != g; });
        const KernelCosts k = fitKernelCosts(train, family);
        for (const auto& p : pts)
            if (p.point.*group == g)
                errors.push_back(absPct(predictCycles(k, p), p.measuredCycles()));
    }
    return errors;
}

RuntimeGroupReport calibrateGroup(const std::string& runtimeId, const std::string& family,
                                  const std::vector<FitPoint>& pts, const McuFactsCatalog& mcus) {
    RuntimeGroupReport rep;
    rep.runtimeId = runtimeId;
    RuntimeCalibration cal;
    rep.costs = fitKernelCosts(pts, family, &cal.notes);
    std::set<std::string> boards, mcuNames, nets;
    std::set<double> clocks;
    std::vector<double> inSample, energy;
    for (const auto& p : pts) {
        boards.insert(p.point.board);
        mcuNames.insert(p.point.mcu);
        nets.insert(p.point.zooModel);
        clocks.insert(p.point.clockMhz);
        const double cycles = predictCycles(rep.costs, p);
        const double ms = cycles / (p.point.clockMhz * 1000.0);
        inSample.push_back(absPct(ms, p.point.latencyMs));
        rep.residuals.push_back({p, ms, (ms / p.point.latencyMs - 1.0) * 100.0});
        const McuFacts* m = mcus.find(p.point.mcu);
        if (m && m->current)
            for (const auto& e : p.point.energy) {
                const double uj = e.voltageV * m->current->currentMa(p.point.clockMhz) * ms;
                energy.push_back(absPct(uj, e.energyUj));
            }
    }
    setCoverage(cal, pts.size(), boards, mcuNames, clocks);
    cal.inSample = summarize(inSample);
    cal.energyInSample = summarize(energy);
    rep.inSample = inSample;
    rep.energy = energy;
    if (nets.size() >= 2) {
        rep.leaveOneModelOut = leaveOneOut(pts, family, nets, &BenchmarkPoint::zooModel);
        cal.leaveOneModelOut = summarize(rep.leaveOneModelOut);
    } else {
        cal.notes.push_back("leave-one-model-out cannot run: one network only");
    }
    if (boards.size() >= 2) {
        rep.leaveOneBoardOut = leaveOneOut(pts, family, boards, &BenchmarkPoint::board);
        cal.leaveOneBoardOut = summarize(rep.leaveOneBoardOut);
        if (mcuNames.size() == 1)
            cal.notes.push_back("leave-one-board-out: the boards carry the same MCU (" +
                                *mcuNames.begin() +
                                "), so it checks board, build and version "
                                "changes, not another chip");
    } else {
        cal.notes.push_back("leave-one-board-out cannot run: one board only (" +
                            (boards.empty() ? std::string("none") : *boards.begin()) + ")");
    }
    if (!cal.energyInSample)
        cal.notes.push_back("no energy figure: no energy run in the data for these boards, or no "
                            "current model for their MCU");
    rep.costs.calibration = std::move(cal);
    return rep;
}

} // namespace

RuntimeCalibrationResult calibrateRuntime(const RuntimeProfile& runtime, const BenchmarkData& data,
                                          const McuFactsCatalog& mcus) {
    RuntimeCalibrationResult res;
    res.profile = runtime;
    if (runtime.isThesisLut())
        return res;
    res.selection = selectBenchmarkPoints(data, runtime, mcus);
    const auto pts = fitPoints(res.selection, runtime, mcus, res.diagnostics);
    std::set<std::string> families;
    for (const auto& p : pts)
        families.insert(p.point.coreFamily);
    res.profile.costs.clear();
    for (const auto& fam : families) {
        auto group = calibrateGroup(
            runtime.id, fam,
            filtered(pts, [&](const FitPoint& p) { return p.point.coreFamily == fam; }), mcus);
        res.profile.costs.push_back(group.costs);
        res.groups.push_back(std::move(group));
    }
    RuntimeCalibration pooled;
    std::vector<double> in, lomo, lobo, en;
    std::set<std::string> boards, mcuNames;
    std::set<double> clocks;
    for (const auto& g : res.groups) {
        in.insert(in.end(), g.inSample.begin(), g.inSample.end());
        lomo.insert(lomo.end(), g.leaveOneModelOut.begin(), g.leaveOneModelOut.end());
        lobo.insert(lobo.end(), g.leaveOneBoardOut.begin(), g.leaveOneBoardOut.end());
        en.insert(en.end(), g.energy.begin(), g.energy.end());
        const auto& c = *g.costs.calibration;
        boards.insert(c.boards.begin(), c.boards.end());
        mcuNames.insert(c.mcus.begin(), c.mcus.end());
        clocks.insert(c.clocksMhz.begin(), c.clocksMhz.end());
    }
    setCoverage(pooled, in.size(), boards, mcuNames, clocks);
    pooled.inSample = summarize(in);
    pooled.leaveOneModelOut = summarize(lomo);
    pooled.leaveOneBoardOut = summarize(lobo);
    pooled.energyInSample = summarize(en);
    pooled.notes.push_back("pooled over the core families; leave-one-board-out only over the "
                           "families with two boards or more");
    if (!res.groups.empty())
        res.profile.calibration = pooled;
    // Sorted by the Cortex-M number, M0+ first.
    auto rank = [](const std::string& f) {
        static const std::vector<std::string> order{"cortex-m0plus", "cortex-m4",  "cortex-m33",
                                                    "cortex-m7",     "cortex-m55", "cortex-m85"};
        auto it = std::find(order.begin(), order.end(), f);
        return it == order.end() ? order.size() : static_cast<std::size_t>(it - order.begin());
    };
    std::stable_sort(res.profile.costs.begin(), res.profile.costs.end(),
                     [&](const KernelCosts& a, const KernelCosts& b) {
                         return rank(a.coreFamily) < rank(b.coreFamily);
                     });
    std::stable_sort(res.groups.begin(), res.groups.end(),
                     [&](const RuntimeGroupReport& a, const RuntimeGroupReport& b) {
                         return rank(a.costs.coreFamily) < rank(b.costs.coreFamily);
                     });
    return res;
}

} // namespace zipcnn
