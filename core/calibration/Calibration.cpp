// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/Calibration.h"

#include "base/HumanUnits.h"
#include "calibration/RobustFit.h"
#include "cost/Estimator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace zipcnn {

PointError pointError(const CalibrationCase& c, const MeasuredPoint& m, const McuProfile& mcu,
                      const CostParams& params) {
    PointError e;
    const CostPoint p = estimatePoint(c.plan, mcu, params, c.dtype, m.freqMhz);
    const auto lat = m.get(Metric::Latency), cur = m.get(Metric::Current);
    if (!p.ok || !lat || !cur)
        return e;
    e.latencyPct = 100.0 * (p.latencyMs - *lat) / *lat;
    e.currentPct = 100.0 * (p.currentMa - *cur) / *cur;
    const double measuredEnergy = mcu.supplyV * *cur * 1e-3 * *lat * 1e-3;
    e.energyPct = 100.0 * (p.energyJ - measuredEnergy) / measuredEnergy;
    e.ok = true;
    return e;
}

namespace {

/// One usable measured point of the MCU, with its features at its clock.
struct FitPoint {
    const CalibrationCase* c = nullptr;
    const MeasuredPoint* m = nullptr;
    ClockOps ops;
    CostFeatures features;
    double cycles = 0.0; ///< measured latency in cycles
};

enum Theta { SConv, OConv, SFc, BFc, OSig, BSig, C0, MTcm, ThetaCount };

std::vector<double> thetaRow(const CostFeatures& f) {
    return {f.convR, f.convN, f.fcR, f.fcW, f.sigN, f.sigW, 1.0, f.convM};
}

void setTheta(CostParams& p, const std::vector<double>& x) {
    p.sConv = x[SConv], p.oConv = x[OConv], p.sFc = x[SFc], p.bFc = x[BFc];
    p.oSig = x[OSig], p.bSig = x[BSig], p.c0 = x[C0], p.mTcm = x[MTcm];
}

std::vector<FitPoint> fitPoints(const McuProfile& mcu, const CalibrationData& data,
                                const CaseFilter& use, const CostParams& base, DType int8Source,
                                Diagnostics& diags) {
    std::vector<FitPoint> out;
    CostParams params = base;
    params.int8MacCyclesFrom = int8Source;
    for (const auto& cp : data.points) {
        const CalibrationCase& c = data.cases[cp.caseIndex];
        if (cp.measured.mcu != mcu.name || (use && !use(c)))
            continue;
        FitPoint p;
        p.c = &c;
        p.m = &cp.measured;
        p.ops = clockOps(mcu, c.dtype, cp.measured.freqMhz, params);
        if (!p.ops.ok) {
            Diagnostic d = makeWarning("point-skipped", c.set + "/" + c.config + ": " + p.ops.why);
            d.line = cp.measured.line;
            diags.push_back(std::move(d));
            continue;
        }
        for (const auto& item : c.plan.sums)
            p.features += itemFeatures(item, p.ops);
        p.cycles = *cp.measured.get(Metric::Latency) * cp.measured.freqMhz * 1e3;
        out.push_back(std::move(p));
    }
    return out;
}

double fixedCycles(const CostFeatures& f) {
    return f.sigR + f.elR;
}

/// Mean |relative error| of the INT8 latency with `params`.
double fitQ8(std::vector<FitPoint>& pts, CostParams& params) {
    FitProblem q;
    for (const auto& p : pts) {
        if (p.c->dtype != DType::INT8)
            continue;
        const double mac = params.sConv * p.features.convR + params.sFc * p.features.fcR;
        CostParams one = params;
        one.q8 = 1.0;
        const double rest = evaluate(p.features, one, DType::INT8).cycles + params.c0 - mac;
        q.rows.push_back({mac});
        q.target.push_back(p.cycles - rest);
        q.measured.push_back(p.cycles);
    }
    if (q.rows.empty())
        return -1.0;
    params.q8 = fitRelativeL1(q)[0];
    double err = 0.0;
    for (std::size_t i = 0; i < q.rows.size(); ++i)
        err += std::abs(q.rows[i][0] * params.q8 - q.target[i]) / q.measured[i];
    return err / static_cast<double>(q.rows.size());
}

} // namespace

CalibrationResult calibrateMcu(const McuProfile& mcu, const CalibrationData& data,
                               const CaseFilter& use) {
    CalibrationResult result;
    auto& diags = result.diagnostics;
    CostParams params;
    if (mcu.calibration)
        params.referenceFreqMhz = mcu.calibration->params.referenceFreqMhz;
    if (std::find(mcu.freqsMhz.begin(), mcu.freqsMhz.end(), params.referenceFreqMhz) ==
        mcu.freqsMhz.end())
        params.referenceFreqMhz = mcu.freqsMhz.front();

    // 1. FP32 latency: s_conv, o_conv, s_fc, b_fc, o_sig, b_sig, C0.
    std::vector<FitPoint> pts = fitPoints(mcu, data, use, params, DType::INT8, diags);
    FitProblem lat;
    std::set<double> convTaps;
    for (const auto& p : pts) {
        if (p.c->dtype != DType::FP32)
            continue;
        lat.rows.push_back(thetaRow(p.features));
        lat.target.push_back(p.cycles - fixedCycles(p.features));
        lat.measured.push_back(p.cycles);
        for (const auto& item : p.c->plan.byPrimitive)
            if (item.recipe.family == CostFamily::Conv)
                convTaps.insert(item.recipe.op(Op::Mul));
    }
    if (lat.rows.empty()) {
        diags.push_back(
            makeError("no-data", "no FP32 measurement of the " + mcu.name + " to calibrate on"));
        return result;
    }
    McuCalibration cal;
    const char* const names[] = {"s_conv", "o_conv", "s_fc", "b_fc",
                                 "o_sig",  "b_sig",  "c0",   "m_tcm"};
    const char* const why[] = {"no convolution",
                               "fewer than two kernel sizes",
                               "no dense layer",
                               "no dense layer at a clock with Flash stalls",
                               "no sigmoid",
                               "no sigmoid at a clock with Flash stalls",
                               "",
                               "no layer whose activations exceed the DTCM"};
    // A single configuration (one network) shows one mix of work: the per-family scales, the
    // overheads and the fixed cost cannot be told apart. Keep one MAC scale shared by conv and
    // fc, o_conv when there are two kernel sizes, and one current factor.
    std::set<const CalibrationCase*> fp32Cases;
    for (const auto& p : pts)
        if (p.c->dtype == DType::FP32)
            fp32Cases.insert(p.c);
    const bool single = fp32Cases.size() < 2;
    if (single) {
        const bool spill = std::any_of(lat.rows.begin(), lat.rows.end(),
                                       [](const auto& row) { return row[MTcm] != 0.0; });
        for (auto& row : lat.rows) {
            row[SConv] += row[SFc];
            row[SFc] = row[BFc] = row[OSig] = row[BSig] = row[C0] = 0.0;
            row[MTcm] = 0.0;
        }
        cal.notes.push_back("one FP32 configuration only: s_fc tied to s_conv, one current "
                            "factor, b_fc, o_sig, b_sig and c0 fixed at 0");
        if (spill)
            cal.notes.push_back("m_tcm fixed at 0: one FP32 configuration cannot tell it from "
                                "s_conv");
    }
    std::vector<bool> hasData(ThetaCount, false);
    for (const auto& row : lat.rows)
        for (int j = 0; j < ThetaCount; ++j)
            hasData[j] = hasData[j] || row[j] != 0.0;
    if (convTaps.size() < 2) {
        hasData[OConv] = false; // one kernel size cannot tell o_conv from s_conv
        for (auto& row : lat.rows)
            row[OConv] = 0.0;
    }
    // Without a DTCM the memory term does not exist: it is 0 by the MCU's facts, not for lack of
    // data, so it gets no note.
    for (int j = 0; j < ThetaCount && !single; ++j)
        if (!hasData[j] && why[j][0] && (j != MTcm || mcu.dtcmKib > 0))
            cal.notes.push_back(std::string(names[j]) + " fixed at 0: " + why[j] +
                                " in the FP32 measurements");
    setTheta(params, fitRelativeL1(lat));
    if (single)
        params.sFc = params.sConv;

    // 2. INT8: q8, and the op table that gives the INT8 MAC cycles.
    double best = -1.0;
    for (DType source : {DType::INT8, DType::FP32}) {
        std::vector<FitPoint> p8 = fitPoints(mcu, data, use, params, source, diags);
        CostParams trial = params;
        trial.int8MacCyclesFrom = source;
        const double err = fitQ8(p8, trial);
        if (err >= 0.0 && (best < 0.0 || err < best)) {
            best = err;
            params = trial;
            pts = std::move(p8);
        }
    }
    if (best < 0.0)
        cal.notes.push_back("q8 fixed at 1: no INT8 measurement");
    else
        cal.notes.push_back(
            "INT8 MAC cycles from the " + std::string(dtypeName(params.int8MacCyclesFrom)) +
            " op table (lower INT8 latency error: " + plainNumber(100 * best, 3) + " %)");

    // 3. Current factors per family.
    FitProblem cur;
    for (const auto& p : pts) {
        const CostTotals t = evaluate(p.features, params, p.c->dtype);
        const double cycles = t.cycles + params.c0;
        const FamilyCharge q = familyCharge(p.features, params, p.c->dtype, p.ops);
        const double current = *p.m->get(Metric::Current);
        if (single)
            cur.rows.push_back({(q.conv + q.fc + q.el) / cycles, 0.0, 0.0, 0.0});
        else // the last column is the static current i0, in mA
            cur.rows.push_back({q.conv / cycles, q.fc / cycles, q.el / cycles, 1.0});
        cur.target.push_back(current);
        cur.measured.push_back(current);
    }
    const auto kappa = fitRelativeL1(cur);
    // A factor whose family never ran keeps the neutral 1; one fitted at 0 stays 0.
    std::array<bool, 3> ran{};
    for (const auto& row : cur.rows)
        for (std::size_t k = 0; k < 3; ++k)
            ran[k] = ran[k] || row[k] != 0.0;
    params.kappaConv = ran[0] ? kappa[0] : 1.0;
    params.kappaFc = ran[1] ? kappa[1] : 1.0;
    params.kappaEl = ran[2] ? kappa[2] : 1.0;
    params.i0Ma = kappa[3];
    if (single)
        params.kappaFc = params.kappaEl = params.kappaConv;
    cal.params = params;

    // Residuals per configuration and overall.
    std::map<std::pair<std::string, std::string>, FitResidual> per;
    FitResidual all{"", "all", 0, 0, 0, 0};
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& p : pts) {
        const PointError e = pointError(*p.c, *p.m, mcu, params);
        if (!e.ok)
            continue;
        auto key = std::pair{p.c->set, p.c->config};
        if (!per.count(key))
            order.push_back(key);
        FitResidual& r = per[key];
        r.set = key.first, r.config = key.second;
        for (FitResidual* x : {&r, &all}) {
            ++x->points;
            x->latencyPct += std::abs(e.latencyPct);
            x->currentPct += std::abs(e.currentPct);
            x->energyPct += std::abs(e.energyPct);
        }
    }
    for (auto& key : order)
        cal.residuals.push_back(per[key]);
    cal.residuals.push_back(all);
    for (auto& r : cal.residuals) {
        const double n = std::max(1, r.points);
        r.latencyPct /= n, r.currentPct /= n, r.energyPct /= n;
    }
    cal.source = data.source.empty() ? data.file : data.source;
    result.calibration = std::move(cal);
    return result;
}

} // namespace zipcnn
