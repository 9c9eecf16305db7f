// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/Validation.h"

#include "base/EnumNames.h"
#include "calibration/Calibration.h"
#include "cost/Estimator.h"

#include <cmath>
#include <map>
#include <set>

namespace zipcnn {

namespace {
constexpr auto kValidationModeNames = std::to_array<EnumName<ValidationMode>>({
    {ValidationMode::InSample, "in-sample"},
    {ValidationMode::LeaveNetworkOut, "leave-one-network-out"},
    {ValidationMode::LeaveConfigOut, "leave-one-configuration-out"},
});
} // namespace

const char* validationModeName(ValidationMode m) {
    return nameOf(kValidationModeNames, m);
}

const ValidationRow* ValidationReport::find(const std::string& mcu, const std::string& set,
                                            const std::string& config) const {
    for (const auto& r : rows)
        if (r.mcu == mcu && r.set == set && r.config == config)
            return &r;
    return nullptr;
}

namespace {

/// Running sums of ErrorStats.
struct Accumulator {
    ErrorStats s;
    void add(const PointError& e, const MeasuredPoint& m) {
        ++s.points;
        s.latencyPct += std::abs(e.latencyPct);
        s.currentPct += std::abs(e.currentPct);
        s.energyPct += std::abs(e.energyPct);
        const auto lat = m.get(Metric::Latency), cur = m.get(Metric::Current);
        const auto rl = m.ref(Metric::Latency), rc = m.ref(Metric::Current);
        if (!rl || !rc)
            return;
        ++s.referencePoints;
        s.referenceLatencyPct += 100.0 * std::abs(*rl - *lat) / *lat;
        s.referenceCurrentPct += 100.0 * std::abs(*rc - *cur) / *cur;
        s.referenceEnergyPct += 100.0 * std::abs(*rl * *rc - *lat * *cur) / (*lat * *cur);
    }
    ErrorStats mean() const {
        ErrorStats m = s;
        const double n = std::max(1, s.points), r = std::max(1, s.referencePoints);
        m.latencyPct /= n, m.currentPct /= n, m.energyPct /= n;
        m.referenceLatencyPct /= r, m.referenceCurrentPct /= r, m.referenceEnergyPct /= r;
        return m;
    }
};

} // namespace

ValidationReport validate(const McuCatalog& catalog, const CalibrationData& data,
                          ValidationMode mode) {
    ValidationReport report;
    report.mode = mode;
    using Key = std::tuple<std::string, std::string, std::string>;
    std::map<Key, Accumulator> acc;
    std::vector<Key> order;
    std::map<Key, std::string> notes;
    auto add = [&](const Key& k, const PointError& e, const MeasuredPoint& m) {
        if (!acc.count(k))
            order.push_back(k);
        acc[k].add(e, m);
    };
    std::set<std::string> mcusSeen;
    for (const auto& cp : data.points)
        mcusSeen.insert(cp.measured.mcu);
    for (const auto& mcuName : mcusSeen) {
        const McuProfile* mcu = catalog.find(mcuName);
        if (!mcu) {
            report.diagnostics.push_back(
                makeWarning("unknown-mcu",
                            "no look-up table for " + mcuName + ": its measurements are skipped"));
            continue;
        }
        // The groups left out in turn: one group holding everything for in-sample.
        std::map<std::string, std::vector<std::size_t>> groups;
        for (std::size_t i = 0; i < data.points.size(); ++i) {
            const auto& cp = data.points[i];
            if (cp.measured.mcu != mcuName)
                continue;
            const auto& c = data.cases[cp.caseIndex];
            const std::string g = mode == ValidationMode::InSample ? std::string()
                                  : mode == ValidationMode::LeaveNetworkOut
                                      ? c.set
                                      : c.set + "/" + c.config;
            groups[g].push_back(i);
        }
        for (const auto& [group, indices] : groups) {
            CostParams params;
            if (mode == ValidationMode::InSample) {
                if (!mcu->calibration)
                    report.diagnostics.push_back(makeWarning(
                        "not-calibrated", mcuName + " has no calibration: uncalibrated recipes"));
                params = costParamsOf(*mcu);
            } else {
                const std::string g = group;
                auto cal = calibrateMcu(*mcu, data, [&](const CalibrationCase& c) {
                    return (mode == ValidationMode::LeaveNetworkOut ? c.set
                                                                    : c.set + "/" + c.config) != g;
                });
                if (!cal.calibration) {
                    for (std::size_t i : indices) {
                        const auto& c = data.cases[data.points[i].caseIndex];
                        const bool whole = mode == ValidationMode::LeaveNetworkOut;
                        notes[{mcuName, c.set, whole ? "all" : c.config}] =
                            "cannot calibrate without it: " +
                            (cal.diagnostics.empty() ? std::string("no data")
                                                     : cal.diagnostics.back().message);
                    }
                    continue;
                }
                params = cal.calibration->params;
            }
            for (std::size_t i : indices) {
                const auto& cp = data.points[i];
                const auto& c = data.cases[cp.caseIndex];
                const PointError e = pointError(c, cp.measured, *mcu, params);
                if (!e.ok)
                    continue;
                add({mcuName, c.set, c.config}, e, cp.measured);
                add({mcuName, "all", "all"}, e, cp.measured);
                add({"all", c.set, "all"}, e, cp.measured);
                add({"all", "all", "all"}, e, cp.measured);
            }
        }
    }
    // Detail rows first (in data order), then per-MCU totals, per-set totals, the overall total.
    auto rank = [](const Key& k) {
        return std::get<0>(k) == "all" ? (std::get<1>(k) == "all" ? 3 : 2)
                                       : (std::get<1>(k) == "all" ? 1 : 0);
    };
    for (int level = 0; level < 4; ++level)
        for (const auto& k : order)
            if (rank(k) == level)
                report.rows.push_back(
                    {std::get<0>(k), std::get<1>(k), std::get<2>(k), acc[k].mean(), ""});
    for (const auto& [k, note] : notes)
        report.rows.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), {}, note});
    return report;
}

} // namespace zipcnn
