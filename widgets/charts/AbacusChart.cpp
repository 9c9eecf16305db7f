// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/AbacusChart.h"

#include "base/HumanUnits.h"
#include "charts/HumanLogTicker.h"
#include "common/ChartStyle.h"
#include "common/Formatting.h"
#include "common/ScaledFont.h"
#include "explore/Feasibility.h"

#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

namespace zipcnn::gui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The tick labels of `metric`'s axis (or of the clock axis), in the unit people read.
std::function<std::string(double)> tickFormat(AbacusMetric metric, bool clock) {
    if (clock)
        return [](double mhz) { return formatMhz(mhz).toStdString(); };
    switch (metric) {
    case AbacusMetric::Latency:
        return [](double ms) { return humanDuration(ms); };
    case AbacusMetric::Energy:
        return [](double mj) { return humanEnergy(mj * 1e-3); };
    case AbacusMetric::Power:
        return [](double mw) { return humanPower(mw * 1e-3); };
    case AbacusMetric::BatteryLife:
        return [](double h) { return batteryLifeText(h); };
    }
    return {};
}

/// Whether the axes of `a` and `b` span the same ranges.
bool sameRanges(const AbacusChartData& a, const AbacusChartData& b) {
    return a.xMin == b.xMin && a.xMax == b.xMax && a.yMin == b.yMin && a.yMax == b.yMax;
}

/// Whether `a` and `b` draw the same curves: then only what a constraint changes (feasibility,
/// stars, the limit and with it perhaps the axis ranges) differs and the graphs can stay.
bool sameCurves(const AbacusChartData& a, const AbacusChartData& b) {
    if (a.metric != b.metric || a.title != b.title || a.unit != b.unit ||
        a.curves.size() != b.curves.size())
        return false;
    for (std::size_t c = 0; c < a.curves.size(); ++c) {
        const AbacusCurve& x = a.curves[c];
        const AbacusCurve& y = b.curves[c];
        if (x.variant != y.variant || x.mcu != y.mcu || x.focused != y.focused ||
            x.label != y.label || x.target != y.target || x.variantName != y.variantName ||
            x.points.size() != y.points.size())
            return false;
        for (std::size_t i = 0; i < x.points.size(); ++i)
            if (x.points[i].freqMhz != y.points[i].freqMhz ||
                x.points[i].value != y.points[i].value ||
                x.points[i].interpolated != y.points[i].interpolated)
                return false;
    }
    return true;
}

/// The band's values: the curve where it is feasible, gaps elsewhere.
void setBandData(QCPGraph* band, const AbacusCurve& curve) {
    const int n = static_cast<int>(curve.points.size());
    QVector<double> keys(n), feasible(n);
    for (int i = 0; i < n; ++i) {
        const AbacusPoint& p = curve.points[static_cast<std::size_t>(i)];
        keys[i] = p.freqMhz;
        // A feasible point alone still shows as a short highlighted dot.
        feasible[i] = p.feasible ? p.value : kNaN;
    }
    band->setData(keys, feasible, true);
}

void setStarData(QCPGraph* star, const AbacusCurve& curve) {
    if (curve.minEnergy)
        star->setData(QVector<double>{curve.minEnergy->freqMhz},
                      QVector<double>{curve.minEnergy->value}, true);
    else
        star->data()->clear();
}

} // namespace

AbacusChart::AbacusChart(AbacusMetric metric, QWidget* parent)
    : QCustomPlot(parent), metric_(metric) {
    setObjectName(QStringLiteral("abacus-%1").arg(abacusName(metric).toLower()));
    setMinimumSize(320, 220);
    setNoAntialiasingOnDrag(true);
    setupLayers();
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, QString(),
                                QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    title_->setLayer(QStringLiteral("axes"));
    plotLayout()->addElement(0, 0, title_);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        auto ticker = QSharedPointer<HumanLogTicker>::create(tickFormat(metric, axis == xAxis));
        if (metric == AbacusMetric::BatteryLife && axis == yAxis)
            ticker->setPreferredTicks(HumanLogTicker::batteryLifeTicks());
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("g"));
        axis->setNumberPrecision(6);
        axis->grid()->setSubGridVisible(true);
    }
    xAxis->setLabel(tr("Clock (MHz)"));
    legend->setVisible(true);
    legend->setIconSize(28, 10);
    legend->setFont(scaledFont(font(), 0.85));
    // The legend stands right of the plot, never over the curves: a column of its own, the
    // legend at its top and an empty element taking the rest of the height.
    legendGrid_ = new QCPLayoutGrid;
    plotLayout()->addElement(1, 1, legendGrid_);
    axisRect()->insetLayout()->take(legend);
    legendGrid_->addElement(0, 0, legend);
    legendGrid_->addElement(1, 0, new QCPLayoutElement(this));
    legendGrid_->setRowStretchFactor(0, 0.001);
    legendGrid_->setMargins(QMargins(0, 6, 6, 6));
    plotLayout()->setColumnStretchFactor(1, 0.001);

    setCurrentLayer(marksLayer_);
    limitLine_ = new QCPItemStraightLine(this);
    limitLine_->setPen(QPen(QColor(0xc0, 0x20, 0x20), 1.6, Qt::DashLine));
    limitLine_->setSelectable(false);
    limitLabel_ = new QCPItemText(this);
    limitLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    limitLabel_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    limitLabel_->setColor(QColor(0xc0, 0x20, 0x20));
    tracer_ = new QCPItemTracer(this);
    tracer_->setStyle(QCPItemTracer::tsCircle);
    tracer_->setSize(11);
    tracer_->setVisible(false);
    setCurrentLayer(QStringLiteral("main"));
    setMouseTracking(true);
    chartstyle::applyPalette(this, palette());
    rebuild();
}

void AbacusChart::setupLayers() {
    // Three buffered layers over one for the frame: the feasible bands, the curves, the marks.
    // A constraint change redraws the bands and marks alone and composes them over the kept
    // curves (issue 16: a slider step repaints every abacus chart within one frame). The axes,
    // legend and title sit below them: they never overlap the plotted area.
    moveLayer(layer(QStringLiteral("axes")), layer(QStringLiteral("grid")), limAbove);
    moveLayer(layer(QStringLiteral("legend")), layer(QStringLiteral("axes")), limAbove);
    QCPLayer* overlay = layer(QStringLiteral("overlay"));
    overlay->setMode(QCPLayer::lmLogical);
    moveLayer(overlay, layer(QStringLiteral("legend")), limAbove);
    addLayer(QStringLiteral("bands"), overlay, limAbove);
    bandsLayer_ = layer(QStringLiteral("bands"));
    addLayer(QStringLiteral("marks"), layer(QStringLiteral("main")), limAbove);
    marksLayer_ = layer(QStringLiteral("marks"));
    for (QCPLayer* buffered : {bandsLayer_, layer(QStringLiteral("main")), marksLayer_})
        buffered->setMode(QCPLayer::lmBuffered);
}

void AbacusChart::setChartData(AbacusChartData data) {
    const bool marksOnly = bands_.size() == data.curves.size() && sameCurves(data_, data);
    const bool axesKept = sameRanges(data_, data);
    data_ = std::move(data);
    if (marksOnly)
        updateMarks(axesKept);
    else
        rebuild();
}

void AbacusChart::updateMarks(bool axesKept) {
    for (std::size_t c = 0; c < data_.curves.size(); ++c) {
        setBandData(bands_[c], data_.curves[c]);
        setStarData(stars_[c], data_.curves[c]);
    }
    updateLimit();
    if (!axesKept) {
        // The limit left the curves' span: new ranges, everything moves.
        xAxis->setRange(data_.xMin, data_.xMax);
        yAxis->setRange(data_.yMin, data_.yMax);
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // Each redraws its own buffer (or, when the buffers are stale, the whole plot).
    ++marksUpdates_;
    bandsLayer_->replot();
    marksLayer_->replot();
}

QColor AbacusChart::colourOf(const AbacusCurve& curve) const {
    // The candidate target's place: the memory view and the report colour it the same way.
    return chartstyle::mcuColour(static_cast<int>(curve.mcu));
}

void AbacusChart::addCurve(const AbacusCurve& curve) {
    const QColor colour = colourOf(curve);
    const int style = static_cast<int>(curve.variant);
    const double width = curve.focused ? 2.0 : 1.0;
    const int n = static_cast<int>(curve.points.size());
    QVector<double> keys(n), all(n), measured(n);
    for (int i = 0; i < n; ++i) {
        const AbacusPoint& p = curve.points[static_cast<std::size_t>(i)];
        keys[i] = p.freqMhz;
        all[i] = p.value;
        measured[i] = p.interpolated ? kNaN : p.value;
    }

    // Feasible ranges under the curve: a wide translucent band of the MCU's colour.
    QCPGraph* band = addGraph();
    band->setLayer(bandsLayer_);
    QColor bandColour = colour;
    bandColour.setAlpha(curve.focused ? 110 : 70);
    band->setPen(QPen(bandColour, 9, Qt::SolidLine, Qt::RoundCap));
    setBandData(band, curve);
    band->removeFromLegend();
    band->setSelectable(QCP::stNone);
    bands_.push_back(band);

    // The whole curve, thin: between characterised clocks it is interpolated.
    QPen thin(colour, width);
    if (const QVector<qreal> dashes = chartstyle::variantDashes(style); !dashes.isEmpty())
        thin.setDashPattern(dashes);
    QCPGraph* line = addGraph();
    line->setPen(thin);
    line->setData(keys, all, true);
    line->setName(curve.label);
    line->removeFromLegend();
    line->setSelectable(QCP::stNone);

    // Stretches between characterised clocks, thicker, with the characterised points marked.
    QPen thick = thin;
    thick.setWidthF(width + 1.4);
    QCPGraph* exact = addGraph();
    exact->setPen(thick);
    exact->setScatterStyle(
        QCPScatterStyle(chartstyle::variantMarker(style), colour, colour, curve.focused ? 7 : 5));
    exact->setData(keys, measured, true);
    exact->removeFromLegend();
    exact->setSelectable(QCP::stNone);
    // The legend shows the line and the marker together.
    line->setScatterStyle(exact->scatterStyle());

    // The best clock's star: always a graph, so that a constraint change only moves it.
    QCPGraph* star = addGraph();
    star->setLayer(marksLayer_);
    star->setLineStyle(QCPGraph::lsNone);
    star->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(colour, 2), QBrush(colour),
                                          curve.focused ? 16 : 12));
    setStarData(star, curve);
    star->removeFromLegend();
    star->setSelectable(QCP::stNone);
    stars_.push_back(star);
}

void AbacusChart::rebuild() {
    ++fullRebuilds_;
    clearGraphs();
    bands_.clear();
    stars_.clear();
    title_->setText(data_.title.isEmpty() ? abacusName(metric_) : data_.title);
    // The ticks carry the units (HumanLogTicker).
    yAxis->setLabel(abacusName(metric_));
    xAxis->setLabel(tr("Clock"));
    for (const AbacusCurve& curve : data_.curves)
        addCurve(curve);
    addLegendKeys();
    xAxis->setRange(data_.xMin, data_.xMax);
    yAxis->setRange(data_.yMin, data_.yMax);
    updateLimit();
    tracer_->setGraph(nullptr);
    tracer_->setVisible(false);
    replot(QCustomPlot::rpQueuedReplot);
}

void AbacusChart::updateLimit() {
    const bool hasLimit = data_.limit && *data_.limit > 0.0;
    limitLine_->setVisible(hasLimit);
    limitLabel_->setVisible(hasLimit);
    if (hasLimit) {
        limitLine_->point1->setCoords(data_.xMin, *data_.limit);
        limitLine_->point2->setCoords(data_.xMax, *data_.limit);
        limitLabel_->position->setCoords(0.01, *data_.limit);
        // In the axis's own words: "limit 250 ms", "limit 2 months".
        limitLabel_->setText(
            tr("limit %1")
                .arg(HumanLogTicker::trimZeros(tickFormat(metric_, false)(*data_.limit))));
    }
}

void AbacusChart::addLegendKeys() {
    // A key per MCU (its colour) and per variant (its line and marker) instead of one entry per
    // curve: 3 MCUs x 12 variants would bury the chart under 36 entries.
    std::vector<std::size_t> mcusSeen, variantsSeen;
    for (const AbacusCurve& curve : data_.curves) {
        if (std::find(mcusSeen.begin(), mcusSeen.end(), curve.mcu) == mcusSeen.end()) {
            mcusSeen.push_back(curve.mcu);
            QCPGraph* key = addGraph();
            key->setPen(QPen(colourOf(curve), 3));
            key->setName(curve.target);
        }
    }
    const QColor neutral = palette().color(QPalette::Text);
    for (const AbacusCurve& curve : data_.curves) {
        if (std::find(variantsSeen.begin(), variantsSeen.end(), curve.variant) !=
            variantsSeen.end())
            continue;
        variantsSeen.push_back(curve.variant);
        const int style = static_cast<int>(curve.variant);
        QPen pen(neutral, 1.5);
        if (!chartstyle::variantDashes(style).isEmpty())
            pen.setDashPattern(chartstyle::variantDashes(style));
        QCPGraph* key = addGraph();
        key->setPen(pen);
        key->setScatterStyle(
            QCPScatterStyle(chartstyle::variantMarker(style), neutral, neutral, 5));
        key->setName(curve.variantName);
    }
}

QString AbacusChart::readout(const AbacusCurve& curve, const AbacusPoint& point) const {
    QString text =
        QStringLiteral("%1\n%2 MHz: %3 %4")
            .arg(curve.label, formatNumber(point.freqMhz), formatNumber(point.value), data_.unit);
    text += point.interpolated ? tr(" (interpolated)") : tr(" (characterised clock)");
    text += point.feasible ? tr("\nmeets every constraint") : tr("\nbreaks a constraint");
    if (curve.minEnergy && curve.minEnergy->freqMhz == point.freqMhz)
        text += tr("\nminimum-energy clock");
    return text;
}

std::optional<std::pair<std::size_t, std::size_t>> AbacusChart::pointAt(const QPointF& pos,
                                                                        double radius) const {
    std::optional<std::pair<std::size_t, std::size_t>> best;
    double bestDist = radius * radius;
    for (std::size_t c = 0; c < data_.curves.size(); ++c) {
        const auto& points = data_.curves[c].points;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const double x = xAxis->coordToPixel(points[i].freqMhz);
            const double y = yAxis->coordToPixel(points[i].value);
            const double d = (x - pos.x()) * (x - pos.x()) + (y - pos.y()) * (y - pos.y());
            if (d <= bestDist) {
                bestDist = d;
                best = std::make_pair(c, i);
            }
        }
    }
    return best;
}

void AbacusChart::mouseMoveEvent(QMouseEvent* event) {
    QCustomPlot::mouseMoveEvent(event);
    const auto hit = pointAt(event->position());
    if (!hit) {
        if (tracer_->visible()) {
            tracer_->setVisible(false);
            QToolTip::hideText();
            marksLayer_->replot();
        }
        return;
    }
    const AbacusCurve& curve = data_.curves[hit->first];
    const AbacusPoint& point = curve.points[hit->second];
    tracer_->position->setCoords(point.freqMhz, point.value);
    tracer_->setPen(QPen(colourOf(curve), 2));
    tracer_->setVisible(true);
    QToolTip::showText(event->globalPosition().toPoint(), readout(curve, point), this);
    marksLayer_->replot();
}

void AbacusChart::mouseReleaseEvent(QMouseEvent* event) {
    QCustomPlot::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    if (const auto hit = pointAt(event->position())) {
        const AbacusCurve& curve = data_.curves[hit->first];
        emit curveClicked(curve.variant, curve.mcu, curve.points[hit->second].freqMhz);
    }
}

void AbacusChart::leaveEvent(QEvent* event) {
    QCustomPlot::leaveEvent(event);
    tracer_->setVisible(false);
    marksLayer_->replot();
}

void AbacusChart::changeEvent(QEvent* event) {
    QCustomPlot::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        chartstyle::applyPalette(this, palette());
        replot(QCustomPlot::rpQueuedReplot);
    }
}

void AbacusChart::setLegendShown(bool shown) {
    legend->setVisible(shown);
    // A hidden legend gives its column back to the plot.
    legendGrid_->setMaximumSize(shown ? QWIDGETSIZE_MAX : 0, QWIDGETSIZE_MAX);
    legendGrid_->setMargins(shown ? QMargins(0, 6, 6, 6) : QMargins());
    replot(QCustomPlot::rpQueuedReplot);
}

bool AbacusChart::legendShown() const {
    return legend->visible();
}

} // namespace zipcnn::gui
