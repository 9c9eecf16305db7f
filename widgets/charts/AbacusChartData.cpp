// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/AbacusChartData.h"

#include "base/HumanUnits.h"
#include "common/VariantLabel.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("AbacusChartData", text);
}

/// Widens [lo, hi] to whole decades' neighbours on a log axis, with a little air.
std::pair<double, double> logRange(double lo, double hi) {
    if (!(lo > 0.0) || !(hi > 0.0) || !std::isfinite(lo) || !std::isfinite(hi))
        return {1.0, 10.0};
    if (hi <= lo)
        hi = lo * 10.0;
    const double margin = std::pow(hi / lo, 0.05);
    return {lo / margin, hi * margin};
}

/// What the chart shows of each metric: the cost point's field, its scale to the chart's unit,
/// the unit and the metric's name, in one row so that they cannot drift apart.
struct MetricFacts {
    AbacusMetric metric;
    double CostPoint::*field;
    double scale;
    const char* unit;
    const char* name;
};

constexpr MetricFacts kMetricFacts[] = {
    {AbacusMetric::Latency, &CostPoint::latencyMs, 1.0, "ms",
     QT_TRANSLATE_NOOP("AbacusChartData", "Latency")},
    {AbacusMetric::Energy, &CostPoint::energyJ, 1e3, "mJ",
     QT_TRANSLATE_NOOP("AbacusChartData", "Energy")},
    {AbacusMetric::Power, &CostPoint::powerW, 1e3, "mW",
     QT_TRANSLATE_NOOP("AbacusChartData", "Power")},
    // Not a field of the cost point: the device estimate's (abacusValue).
    {AbacusMetric::BatteryLife, nullptr, 1.0, "h",
     QT_TRANSLATE_NOOP("AbacusChartData", "Battery life")},
};

const MetricFacts* factsOf(AbacusMetric metric) {
    for (const auto& f : kMetricFacts)
        if (f.metric == metric)
            return &f;
    return nullptr;
}

} // namespace

double abacusValue(AbacusMetric metric, const SweepPoint& point) {
    if (metric == AbacusMetric::BatteryLife)
        return point.device && point.device->ok ? point.device->batteryLifeH : 0.0;
    const MetricFacts* f = factsOf(metric);
    return f && f->field ? point.cost.*(f->field) * f->scale : 0.0;
}

QString abacusUnit(AbacusMetric metric) {
    const MetricFacts* f = factsOf(metric);
    return f ? QString::fromLatin1(f->unit) : QString();
}

QString abacusName(AbacusMetric metric) {
    const MetricFacts* f = factsOf(metric);
    return f ? tr(f->name) : QString();
}

std::vector<std::pair<double, double>> feasibleRanges(const std::vector<AbacusPoint>& points) {
    std::vector<std::pair<double, double>> out;
    bool open = false;
    for (const AbacusPoint& p : points) {
        if (p.feasible && !open) {
            out.push_back({p.freqMhz, p.freqMhz});
            open = true;
        } else if (p.feasible) {
            out.back().second = p.freqMhz;
        } else {
            open = false;
        }
    }
    return out;
}

AbacusChartData buildAbacusData(const Exploration& exploration, AbacusMetric metric,
                                const std::optional<ExplorationFocus>& focus) {
    AbacusChartData data;
    data.metric = metric;
    data.unit = abacusUnit(metric);
    data.axisLabel = QStringLiteral("%1 (%2)").arg(abacusName(metric), data.unit);
    switch (metric) {
    case AbacusMetric::Latency:
        data.title = tr("Latency per inference");
        data.limit = exploration.constraints.maxLatencyMs;
        break;
    case AbacusMetric::Energy:
        data.title = tr("Energy per inference");
        data.limit = exploration.constraints.maxEnergyMj;
        break;
    case AbacusMetric::Power:
        data.title = tr("Average power during inference");
        data.limit = exploration.constraints.maxPowerMw;
        break;
    case AbacusMetric::BatteryLife:
        data.title =
            exploration.device
                ? tr("Battery life, one inference every %1")
                      .arg(QString::fromStdString(humanDuration(exploration.device->periodS * 1e3)))
                : tr("Battery life: switch the device model on (Device and battery)");
        data.limit = exploration.device ? exploration.constraints.minBatteryLifeH : std::nullopt;
        break;
    }
    const bool battery = metric == AbacusMetric::BatteryLife;

    double xLo = HUGE_VAL, xHi = 0.0, yLo = HUGE_VAL, yHi = 0.0;
    const bool cellsReady =
        exploration.sweep.cells.size() == exploration.variantCount() * exploration.targetCount();
    for (std::size_t v = 0; cellsReady && v < exploration.variantCount(); ++v) {
        if (!exploration.specs[v].visible)
            continue;
        for (std::size_t m = 0; m < exploration.targetCount(); ++m) {
            const SweepCell& cell = exploration.cell(v, m);
            AbacusCurve curve;
            curve.variant = v;
            curve.mcu = m;
            curve.target = QString::fromStdString(exploration.targets[m].name);
            curve.variantName = variantLabel(exploration.specs[v]);
            curve.label = QStringLiteral("%1 · %2").arg(curve.target, curve.variantName);
            curve.focused = focus && focus->variant == v && focus->mcu == m;
            for (const SweepPoint& p : cell.points) {
                if (!p.cost.ok)
                    continue;
                const double value = abacusValue(metric, p);
                if (!(value > 0.0))
                    continue; // nothing to draw on a log axis
                curve.points.push_back({p.cost.freqMhz, value, p.cost.interpolated, p.feasible});
                xLo = std::min(xLo, p.cost.freqMhz);
                xHi = std::max(xHi, p.cost.freqMhz);
                yLo = std::min(yLo, value);
                yHi = std::max(yHi, value);
            }
            if (curve.points.empty())
                continue;
            curve.feasibleRanges = feasibleRanges(curve.points);
            const std::optional<double> best =
                battery ? cell.longestLifeFreqMhz : cell.minEnergyFreqMhz;
            if (best)
                for (const AbacusPoint& p : curve.points)
                    if (p.freqMhz == *best)
                        curve.minEnergy = p;
            data.curves.push_back(std::move(curve));
        }
    }
    // The focused curve is drawn last, on top of the others.
    std::stable_partition(data.curves.begin(), data.curves.end(),
                          [](const AbacusCurve& c) { return !c.focused; });
    if (data.limit && *data.limit > 0.0) {
        yLo = std::min(yLo, *data.limit);
        yHi = std::max(yHi, *data.limit);
    }
    std::tie(data.xMin, data.xMax) = logRange(xLo, xHi);
    std::tie(data.yMin, data.yMax) = logRange(yLo, yHi);
    return data;
}

} // namespace zipcnn::gui
