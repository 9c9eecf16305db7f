// SPDX-License-Identifier: GPL-3.0-or-later
// The abacus chart's fast path (issue 16: three charts in one frame): a constraint change that
// keeps the curves only updates the feasible bands, the stars and the limit line, and what it
// draws is what a rebuild from scratch draws; anything else rebuilds.
#include "charts/AbacusChart.h"

#include <QCoreApplication>
#include <QImage>
#include <cmath>
#include <gtest/gtest.h>
#include <qcustomplot.h>

namespace zipcnn::gui::test {
namespace {

AbacusCurve curve(std::size_t variant, std::size_t mcu, double scale, double feasibleBelowMhz) {
    AbacusCurve c;
    c.variant = variant;
    c.mcu = mcu;
    c.target = QStringLiteral("MCU %1").arg(mcu);
    c.variantName = QStringLiteral("variant %1").arg(variant);
    c.label = c.target + QStringLiteral(" · ") + c.variantName;
    for (double f : {2.0, 4.0, 8.0, 16.0, 32.0, 64.0}) {
        const bool feasible = f < feasibleBelowMhz;
        c.points.push_back({f, scale / f, f == 8.0, feasible});
    }
    c.feasibleRanges = feasibleRanges(c.points);
    c.minEnergy = c.points[3];
    return c;
}

AbacusChartData chartData(double feasibleBelowMhz, double limit) {
    AbacusChartData d;
    d.metric = AbacusMetric::Latency;
    d.title = QStringLiteral("Latency per inference");
    d.unit = QStringLiteral("ms");
    d.curves = {curve(0, 0, 1000.0, feasibleBelowMhz), curve(1, 1, 300.0, feasibleBelowMhz)};
    d.limit = limit;
    d.xMin = 1.0;
    d.xMax = 100.0;
    d.yMin = 1.0;
    d.yMax = 1000.0;
    return d;
}

/// The band graph of curve `c` (the first graph added for it): its values where it is drawn.
std::vector<double> bandValues(AbacusChart& chart, int graphIndex) {
    std::vector<double> out;
    for (const QCPGraphData& p : *chart.graph(graphIndex)->data())
        out.push_back(p.value);
    return out;
}

/// Shows `chart` and lets it settle (resize, first full replot): its layers' buffers are then
/// valid, as in the window.
void settle(AbacusChart& chart) {
    chart.resize(640, 400);
    chart.show();
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    chart.replot(QCustomPlot::rpImmediateRefresh);
}

/// What the widget shows: its paint event composes the layers' buffers as they are.
QImage grabbed(AbacusChart& chart) {
    return chart.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

TEST(AbacusChartUpdate, AConstraintChangeMovesOnlyTheBandsStarsAndLimit) {
    AbacusChart chart(AbacusMetric::Latency);
    chart.resize(640, 400);
    chart.setChartData(chartData(10.0, 50.0));
    const int rebuilds = chart.fullRebuilds();
    const int graphs = chart.graphCount();
    ASSERT_EQ(chart.marksUpdates(), 0);
    // Graph 0 is the first curve's band: feasible at 2, 4 and 8 MHz only.
    std::vector<double> band = bandValues(chart, 0);
    ASSERT_EQ(band.size(), 6u);
    EXPECT_DOUBLE_EQ(band[2], 1000.0 / 8.0);
    EXPECT_TRUE(std::isnan(band[3]));

    // The limit moves inside the axes: more clocks become feasible, nothing is rebuilt.
    chart.setChartData(chartData(40.0, 80.0));
    EXPECT_EQ(chart.fullRebuilds(), rebuilds);
    EXPECT_EQ(chart.marksUpdates(), 1);
    EXPECT_EQ(chart.graphCount(), graphs);
    band = bandValues(chart, 0);
    EXPECT_DOUBLE_EQ(band[3], 1000.0 / 16.0);
    EXPECT_DOUBLE_EQ(band[4], 1000.0 / 32.0);
    EXPECT_TRUE(std::isnan(band[5]));

    // The limit leaves the span: the axes follow, the graphs stay.
    AbacusChartData wide = chartData(40.0, 5000.0);
    wide.yMax = 10000.0;
    chart.setChartData(wide);
    EXPECT_EQ(chart.fullRebuilds(), rebuilds);
    EXPECT_DOUBLE_EQ(chart.yAxis->range().upper, 10000.0);

    // Another focus (a thicker curve drawn last) or another set of curves rebuilds.
    AbacusChartData focused = wide;
    focused.curves[1].focused = true;
    chart.setChartData(focused);
    EXPECT_EQ(chart.fullRebuilds(), rebuilds + 1);
    AbacusChartData fewer = focused;
    fewer.curves.pop_back();
    chart.setChartData(fewer);
    EXPECT_EQ(chart.fullRebuilds(), rebuilds + 2);
    AbacusChartData moved = fewer;
    moved.curves[0].points[1].value *= 2.0;
    chart.setChartData(moved);
    EXPECT_EQ(chart.fullRebuilds(), rebuilds + 3);
}

TEST(AbacusChartUpdate, TheFastPathDrawsWhatARebuildDraws) {
    // One chart reaches the second state through the fast path, the other from scratch: the
    // pictures are the same pixel for pixel (bands, stars and limit line included).
    AbacusChart updated(AbacusMetric::Latency);
    updated.setChartData(chartData(10.0, 50.0));
    settle(updated);
    updated.setChartData(chartData(40.0, 80.0));
    ASSERT_EQ(updated.marksUpdates(), 1);

    AbacusChart fresh(AbacusMetric::Latency);
    fresh.setChartData(chartData(40.0, 80.0));
    settle(fresh);

    const QImage a = grabbed(updated);
    const QImage b = grabbed(fresh);
    ASSERT_EQ(a.size(), b.size());
    EXPECT_TRUE(a == b);
    // And the change is visible: the first state differs.
    AbacusChart before(AbacusMetric::Latency);
    before.setChartData(chartData(10.0, 50.0));
    settle(before);
    EXPECT_FALSE(grabbed(before) == b);
}

} // namespace
} // namespace zipcnn::gui::test
