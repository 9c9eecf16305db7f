// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/AbacusChartData.h"

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

} // namespace

double abacusValue(AbacusMetric metric, const CostPoint& point) {
    switch (metric) {
    case AbacusMetric::Latency:
        return point.latencyMs;
    case AbacusMetric::Energy:
        return point.energyJ * 1e3;
    case AbacusMetric::Power:
        return point.powerW * 1e3;
    }
    return 0.0;
}

QString abacusUnit(AbacusMetric metric) {
    switch (metric) {
    case AbacusMetric::Latency:
        return QStringLiteral("ms");
    case AbacusMetric::Energy:
        return QStringLiteral("mJ");
    case AbacusMetric::Power:
        return QStringLiteral("mW");
    }
    return {};
}

QString abacusName(AbacusMetric metric) {
    switch (metric) {
    case AbacusMetric::Latency:
        return tr("Latency");
    case AbacusMetric::Energy:
        return tr("Energy");
    case AbacusMetric::Power:
        return tr("Power");
    }
    return {};
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
    }

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
                const double value = abacusValue(metric, p.cost);
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
            if (cell.minEnergyFreqMhz)
                for (const AbacusPoint& p : curve.points)
                    if (p.freqMhz == *cell.minEnergyFreqMhz)
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
