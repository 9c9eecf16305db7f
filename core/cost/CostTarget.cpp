// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/CostTarget.h"

#include "base/JoinList.h"

#include <algorithm>
#include <cmath>

namespace zipcnn {

std::optional<double> errorHeadline(const std::optional<ErrorSummary>& s) {
    if (!s)
        return std::nullopt;
    return s->medianPct ? *s->medianPct : s->meanPct;
}

CostTarget lutTarget(const McuProfile& mcu, const RuntimeProfile* thesis) {
    CostTarget t;
    t.spec = {mcu.name, kThesisRuntimeId};
    t.mcu = mcu.name;
    t.name = mcu.name;
    t.lut = &mcu;
    t.runtime = thesis;
    t.flashKib = mcu.flashKib;
    t.sramKib = mcu.sramKib;
    t.freqMinMhz = mcu.freqsMhz.empty() ? mcu.freqMinMhz : mcu.freqsMhz.front();
    t.freqMaxMhz = mcu.freqsMhz.empty() ? mcu.freqMaxMhz : mcu.freqsMhz.back();
    t.freqsMhz = mcu.freqsMhz;
    t.confidence.basis = McuBasis::Measured;
    if (thesis && thesis->calibration) {
        t.confidence.expectedErrorPct = errorHeadline(thesis->calibration->leaveOneModelOut);
        t.confidence.how = "the thesis validation's leave-one-configuration-out error, "
                           "measured on LeNet5 and ResNet-8";
    }
    return t;
}

std::vector<double> runtimeClocks(const McuFacts& m) {
    std::vector<double> f;
    for (const auto& s : m.waitStates)
        if (s.maxMhz >= m.freqMinMhz && s.maxMhz <= m.freqMaxMhz)
            f.push_back(s.maxMhz);
    if (f.empty())
        f = {m.freqMaxMhz / 4, m.freqMaxMhz / 2, m.freqMaxMhz};
    if (f.back() < m.freqMaxMhz)
        f.push_back(m.freqMaxMhz);
    return f;
}

TargetConfidence runtimeConfidence(const RuntimeProfile& runtime, const KernelCosts& costs,
                                   const McuFacts& mcu) {
    TargetConfidence c;
    const auto& cal = costs.calibration;
    if (!costs.mcu.empty()) {
        // The user's own calibration of this MCU under this runtime: its leave-one-network-out
        // figure when it could run; with one network the fit cannot tell how it generalises, so
        // the family's cross-validated figure is the floor.
        c.basis = McuBasis::UserCalibrated;
        if (!cal)
            return c;
        std::optional<double> base = errorHeadline(cal->leaveOneModelOut);
        c.how = "leave-one-network-out median of your calibration (" + std::to_string(cal->points) +
                " points)";
        if (!base) {
            base = errorHeadline(cal->inSample);
            c.how = "in-sample median of your calibration (one network: no cross-validation)";
            const KernelCosts* family = runtime.costsFor(costs.coreFamily);
            if (family && family->calibration) {
                const auto& fc = *family->calibration;
                const auto fam =
                    errorHeadline(fc.leaveOneModelOut ? fc.leaveOneModelOut : fc.inSample);
                if (fam && (!base || *fam > *base)) {
                    base = fam;
                    c.how += ", at least the " + runtime.id + " " + costs.coreFamily +
                             " leave-one-model-out median";
                }
            }
        }
        if (base)
            c.expectedErrorPct = std::round(*base * 10) / 10;
        return c;
    }
    const bool calibratedHere =
        cal && std::find(cal->mcus.begin(), cal->mcus.end(), mcu.name) != cal->mcus.end();
    c.basis = calibratedHere ? McuBasis::Benchmark
                             : (mcu.user ? McuBasis::UserDatasheet : McuBasis::Datasheet);
    if (!cal)
        return c;
    const auto& cv = cal->leaveOneModelOut ? cal->leaveOneModelOut : cal->inSample;
    double base = errorHeadline(cv).value_or(0.0);
    c.how = cal->leaveOneModelOut
                ? "leave-one-model-out median of " + runtime.id + " on " + mcu.coreFamily
                : "in-sample median (no cross-validation possible)";
    if (!calibratedHere) {
        if (cal->leaveOneBoardOut && cal->leaveOneBoardOut->medianPct)
            base = std::max(base, *cal->leaveOneBoardOut->medianPct);
        base *= kDatasheetWidening;
        c.how +=
            ", x1.5: this MCU is not among the calibration boards (" + joinList(cal->mcus) + ")";
        if (mcu.user) {
            base *= kUserDatasheetWidening;
            c.how += ", x1.5 again: an MCU you added, its datasheet facts checked by nobody else";
        }
    }
    c.expectedErrorPct = std::round(base * 10) / 10;
    return c;
}

std::optional<CostTarget> runtimeTarget(const McuFacts& mcu, const RuntimeProfile& runtime,
                                        std::string* why) {
    const KernelCosts* costs = runtime.costsFor(mcu.coreFamily, mcu.name);
    if (!costs) {
        if (why) {
            const auto families = runtime.coreFamilies();
            *why = runtime.id + " has no cost data for " + mcu.coreFamily + " (" + mcu.name +
                   "); it has data for " + (families.empty() ? "none" : joinList(families));
        }
        return std::nullopt;
    }
    CostTarget t;
    t.spec = {mcu.name, runtime.id};
    t.mcu = mcu.name;
    t.name = mcu.name + " · " + runtime.id;
    t.facts = &mcu;
    t.datasheet = &mcu;
    t.runtime = &runtime;
    t.costs = costs;
    t.flashKib = mcu.flashKib;
    t.sramKib = mcu.sramKib;
    t.freqMinMhz = mcu.freqMinMhz;
    t.freqMaxMhz = mcu.freqMaxMhz;
    t.freqsMhz = runtimeClocks(mcu);
    t.confidence = runtimeConfidence(runtime, *costs, mcu);
    return t;
}

} // namespace zipcnn
