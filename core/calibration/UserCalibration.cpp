// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/UserCalibration.h"

#include "analysis/NetworkAnalysis.h"
#include "base/JoinList.h"
#include "calibration/RobustFit.h"
#include "calibration/RuntimeValidation.h"
#include "cost/Lowering.h"
#include "import/ModelLoader.h"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace zipcnn {

namespace fs = std::filesystem;

namespace {

using K = KernelClass;

std::string fixed1(double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << v;
    return s.str();
}

/// A user point before the fit: its FitPoint and what else was measured.
struct UserPoint {
    FitPoint fit;
    std::string file;
    int line = 0;
    double voltageV = 0.0;
    std::optional<double> currentMa; ///< measured, or derived from power / energy
};

double convMacs(const RuntimeFeatures& f) {
    return f.macs[static_cast<std::size_t>(K::Conv)] +
           f.macs[static_cast<std::size_t>(K::Pointwise)] +
           f.macs[static_cast<std::size_t>(K::Depthwise)];
}

/// The current of one measured point: current_ma, else power_w / V, else energy_j / (V t).
std::optional<double> currentOf(const MeasuredPoint& p, double voltageV) {
    if (auto i = p.get(Metric::Current))
        return *i;
    if (auto w = p.get(Metric::Power))
        return *w / voltageV * 1000.0;
    if (auto e = p.get(Metric::Energy); e && p.get(Metric::Latency))
        return *e / (voltageV * *p.get(Metric::Latency) / 1000.0) * 1000.0;
    return std::nullopt;
}

double predictMs(const KernelCosts& k, const FitPoint& p) {
    return predictCycles(k, p) / (p.point.clockMhz * 1000.0);
}

} // namespace

UserCalibrationResult calibrateUserProfile(const std::vector<MeasurementTable>& tables,
                                           const McuFactsCatalog& mcus,
                                           const RuntimeCatalog& runtimes,
                                           const std::string& mcuName,
                                           const std::string& runtimeId) {
    UserCalibrationResult res;
    auto refuse = [&](const std::string& msg) {
        res.diagnostics.push_back(makeError("user-calibration", msg));
        return res;
    };
    for (const auto& t : tables)
        res.diagnostics.insert(res.diagnostics.end(), t.diagnostics.begin(), t.diagnostics.end());
    if (hasErrors(res.diagnostics))
        return res;
    // Which MCU and runtime: as asked, or the only one the data names.
    std::set<std::string> mcusSeen, runtimesSeen;
    for (const auto& t : tables)
        for (const auto& p : t.points) {
            const McuFacts* m = mcus.find(p.mcu);
            mcusSeen.insert(m ? m->name : p.mcu);
            if (!p.runtime.empty()) {
                const RuntimeProfile* r = runtimes.find(p.runtime);
                runtimesSeen.insert(r ? r->id : p.runtime);
            }
        }
    std::string wantedMcu = mcuName, wantedRuntime = runtimeId;
    if (wantedMcu.empty()) {
        if (mcusSeen.size() != 1)
            return refuse("the data names " + std::to_string(mcusSeen.size()) + " MCUs (" +
                          joinList({mcusSeen.begin(), mcusSeen.end()}) +
                          "): say which one with --mcu");
        wantedMcu = *mcusSeen.begin();
    }
    if (wantedRuntime.empty()) {
        if (runtimesSeen.size() != 1)
            return refuse(runtimesSeen.empty()
                              ? std::string("the data has no 'runtime' column: say which runtime "
                                            "ran with --runtime")
                              : "the data names " + std::to_string(runtimesSeen.size()) +
                                    " runtimes (" +
                                    joinList({runtimesSeen.begin(), runtimesSeen.end()}) +
                                    "): say which one with --runtime");
        wantedRuntime = *runtimesSeen.begin();
    }
    const McuFacts* mcu = mcus.find(wantedMcu);
    if (!mcu)
        return refuse("unknown MCU '" + wantedMcu +
                      "': add it first (zipcnn-cli mcu add, or Tools > Add MCU)");
    const RuntimeProfile* rt = runtimes.find(wantedRuntime);
    if (!rt)
        return refuse("unknown runtime '" + wantedRuntime + "' (valid: " + runtimes.idList() + ")");
    if (rt->isThesisLut())
        return refuse("thesis-c is costed by measured look-up tables, not kernel costs: "
                      "calibrate it with 'zipcnn-cli calibrate MANIFEST --lut FILE'");
    // The points of that pair, each with its lowered network's sums.
    std::map<std::string, std::optional<RuntimeFeatures>> features; // by model spec
    std::vector<UserPoint> points;
    int otherRows = 0;
    for (const auto& t : tables) {
        const fs::path base = fs::path(t.file).parent_path();
        for (const auto& p : t.points) {
            const McuFacts* m = mcus.find(p.mcu);
            const RuntimeProfile* r = p.runtime.empty() ? rt : runtimes.find(p.runtime);
            if (m != mcu || r != rt) {
                ++otherRows;
                continue;
            }
            const auto latency = p.get(Metric::Latency);
            if (!latency) {
                res.diagnostics.push_back(
                    atLine(makeWarning("user-calibration",
                                       "field 'metric': no latency_ms for " + p.config + " at " +
                                           fixed1(p.freqMhz) + " MHz: the point is not fitted"),
                           t.file, p.line));
                continue;
            }
            std::string spec = p.config;
            std::error_code ec;
            if (fs::exists(base / spec, ec))
                spec = (base / spec).string();
            auto it = features.find(spec);
            if (it == features.end()) {
                std::optional<RuntimeFeatures> f;
                auto loaded = loadModel(spec);
                if (const Diagnostic* e = firstError(loaded.diagnostics); e || !loaded.network) {
                    res.diagnostics.push_back(
                        atLine(makeError("user-calibration",
                                         "field 'config': '" + p.config +
                                             "' is not a network (a zoo name or a model file "
                                             "relative to the CSV): " +
                                             (e ? e->message : std::string("could not be loaded"))),
                               t.file, p.line));
                } else {
                    const Analysis a = analyze(*loaded.network);
                    const LoweredGraph g = lowerNetwork(*loaded.network, a, rt->lowering,
                                                        rt->unsupportedLayers, rt->id);
                    if (const Diagnostic* le = firstError(a.diagnostics)
                                                   ? firstError(a.diagnostics)
                                                   : firstError(g.diagnostics))
                        res.diagnostics.push_back(atLine(
                            makeError("user-calibration",
                                      "field 'config': network '" + p.config + "': " + le->message),
                            t.file, p.line));
                    else
                        f = g.features();
                }
                it = features.emplace(spec, f).first;
            }
            if (!it->second)
                continue;
            UserPoint u;
            u.file = t.file;
            u.line = p.line;
            u.voltageV = p.voltageV.value_or(mcu->nominalV);
            u.currentMa = currentOf(p, u.voltageV);
            u.fit.features = *it->second;
            u.fit.waitStates = mcu->waitStatesAt(p.freqMhz).value_or(0);
            u.fit.point.runtimeId = rt->id;
            u.fit.point.mcu = mcu->name;
            u.fit.point.coreFamily = mcu->coreFamily;
            u.fit.point.board = "user";
            u.fit.point.benchmark = p.config;
            u.fit.point.zooModel = p.config; // the network's identity for the fit's rules
            u.fit.point.clockMhz = p.freqMhz;
            u.fit.point.latencyMs = *latency;
            u.fit.point.lines = {p.line};
            points.push_back(std::move(u));
        }
    }
    if (hasErrors(res.diagnostics))
        return res;
    if (otherRows > 0)
        res.diagnostics.push_back(makeWarning(
            "user-calibration", std::to_string(otherRows) + " measured points of another MCU or "
                                                            "runtime are left out"));
    if (points.empty())
        return refuse("no latency measured for " + mcu->name + " under " + rt->id);
    std::vector<FitPoint> fitPts;
    std::set<std::string> nets;
    double convWork = 0.0;
    for (const auto& u : points) {
        fitPts.push_back(u.fit);
        nets.insert(u.fit.point.zooModel);
        convWork += convMacs(u.fit.features);
    }
    res.networks.assign(nets.begin(), nets.end());
    if (!(convWork > 0.0))
        return refuse("cycles_per_mac.conv cannot be determined: no measured network has a "
                      "convolution (" +
                      joinList(res.networks) +
                      "); every estimate of a convolutional network rests on it: measure one");
    // The fit: the project's robust fit, with its rules of what the data can identify.
    KernelCosts k = fitKernelCosts(fitPts, mcu->coreFamily, &res.notes);
    k.mcu = mcu->name;
    // The fit is non-negative: a parameter at its bound means the data contradicts the model.
    if (!(k.convCyclesPerMac > 0.0))
        return refuse("cycles_per_mac.conv came out at 0, the fit's lower bound: the measured "
                      "latencies do not grow with the convolutions' work; check the data");
    if (!(k.fcCyclesPerMac > 0.0))
        res.notes.push_back("cycles_per_mac.fc came out at 0, the fit's lower bound: the "
                            "dense-layer network ran faster than the other networks predict; "
                            "check its measurements (dense networks will be estimated too fast)");
    std::vector<std::string> csvs;
    for (const auto& t : tables)
        csvs.push_back(fs::path(t.file).filename().string());
    for (auto& [param, text] : k.provenance) {
        const std::string from = "MLPerf Tiny points (data/benchmarks/mlperf_tiny.csv)";
        if (auto at = text.find(from); at != std::string::npos)
            text.replace(at, from.size(),
                         "points you measured on " + mcu->name + " (" + joinList(csvs) + ")");
        const std::string four = "four networks";
        if (auto at = text.find(four); at != std::string::npos)
            text.replace(at, four.size(), "the network totals");
    }
    // Residuals, in sample and leave one network out.
    std::map<std::string, KernelCosts> without;
    if (nets.size() >= 2)
        for (const auto& n : nets) {
            std::vector<FitPoint> train;
            for (const auto& p : fitPts)
                if (p.point.zooModel != n)
                    train.push_back(p);
            without[n] = fitKernelCosts(train, mcu->coreFamily);
        }
    else
        res.notes.push_back("leave-one-network-out cannot run: one network only (" + *nets.begin() +
                            "); the expected error falls back to the runtime's own figure");
    std::vector<double> inSample, lono;
    std::set<double> clocks;
    for (const auto& u : points) {
        UserResidual r;
        r.network = u.fit.point.zooModel;
        r.file = u.file;
        r.line = u.line;
        r.freqMhz = u.fit.point.clockMhz;
        r.measuredMs = u.fit.point.latencyMs;
        r.predictedMs = predictMs(k, u.fit);
        r.errorPct = (r.predictedMs / r.measuredMs - 1.0) * 100.0;
        inSample.push_back(std::abs(r.errorPct));
        if (auto w = without.find(r.network); w != without.end()) {
            r.lonoPredictedMs = predictMs(w->second, u.fit);
            r.lonoErrorPct = (*r.lonoPredictedMs / r.measuredMs - 1.0) * 100.0;
            lono.push_back(std::abs(*r.lonoErrorPct));
        }
        r.measuredMa = u.currentMa;
        clocks.insert(r.freqMhz);
        res.residuals.push_back(std::move(r));
    }
    res.inSample = summarize(inSample);
    res.leaveOneNetworkOut = summarize(lono);
    // The current line, I(f) = static + slope x f, on the points with a current.
    std::optional<CurrentModel> current;
    std::set<double> currentClocks;
    FitProblem cp;
    for (const auto& u : points)
        if (u.currentMa) {
            currentClocks.insert(u.fit.point.clockMhz);
            cp.rows.push_back({1.0, u.fit.point.clockMhz / 1000.0});
            cp.target.push_back(*u.currentMa);
            cp.measured.push_back(*u.currentMa);
        }
    if (!cp.rows.empty()) {
        if (currentClocks.size() == 1) {
            for (auto& row : cp.rows)
                row[0] = 0.0;
            res.notes.push_back("current_model.static_ma fixed at 0: currents at one clock only (" +
                                fixed1(*currentClocks.begin()) +
                                " MHz) cannot separate the static part from the per-MHz part "
                                "(as for the benchmark MCUs); measure two clocks or more");
        }
        const std::vector<double> x = fitRelativeL1(cp);
        if (!(x[1] > 0.0)) {
            res.notes.push_back("current_model.ua_per_mhz not fitted: the measured current does "
                                "not rise with the clock; the MCU keeps its current model");
        } else {
            CurrentModel cm;
            cm.basis = McuBasis::UserCalibrated;
            cm.staticMa = x[0];
            cm.uaPerMhz = x[1];
            current = cm;
        }
    }
    std::vector<double> currentErr, energyErr;
    if (current)
        for (auto& r : res.residuals)
            if (r.measuredMa) {
                r.predictedMa = current->currentMa(r.freqMhz);
                r.currentErrorPct = (*r.predictedMa / *r.measuredMa - 1.0) * 100.0;
                currentErr.push_back(std::abs(*r.currentErrorPct));
                energyErr.push_back(
                    std::abs(*r.predictedMa * r.predictedMs / (*r.measuredMa * r.measuredMs) -
                             1.0) *
                    100.0);
            }
    res.currentInSample = summarize(currentErr);
    RuntimeCalibration cal;
    cal.points = static_cast<int>(points.size());
    cal.boards = {"user"};
    cal.mcus = {mcu->name};
    cal.clocksMhz.assign(clocks.begin(), clocks.end());
    cal.inSample = res.inSample;
    cal.leaveOneModelOut = res.leaveOneNetworkOut;
    cal.energyInSample = summarize(energyErr);
    cal.notes = res.notes;
    k.calibration = cal;
    UserProfile prof;
    prof.mcu = mcu->name;
    prof.runtime = rt->id;
    const double mean = res.inSample ? res.inSample->meanPct : 0.0;
    prof.source = "calibrated by the user on " + std::to_string(points.size()) +
                  " points, mean error " + fixed1(mean) + " %";
    if (res.leaveOneNetworkOut)
        prof.source += ", leave one network out " + fixed1(res.leaveOneNetworkOut->meanPct) + " %";
    for (const auto& t : tables)
        prof.measurements.push_back(t.file);
    prof.costs = k;
    if (current) {
        current->source = "calibrated by the user on " + std::to_string(currentErr.size()) +
                          " measured currents at " + std::to_string(currentClocks.size()) +
                          (currentClocks.size() == 1 ? " clock" : " clocks") + ", mean error " +
                          fixed1(res.currentInSample ? res.currentInSample->meanPct : 0.0) + " %";
        prof.current = current;
    }
    for (const auto& r : res.residuals)
        prof.points.push_back(
            {r.network, r.freqMhz, r.measuredMs, r.predictedMs, r.measuredMa, r.predictedMa});
    res.profile = std::move(prof);
    return res;
}

} // namespace zipcnn
