// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/AbacusChartData.h"

#include <QStringList>
#include <qcustomplot.h>
#include <vector>

namespace zipcnn::gui {

/// One abacus chart (latency, energy or power against the clock, log-log): a curve per visible
/// (MCU, variant) with the MCU's colour and the variant's line style, characterised clocks
/// marked, interpolated stretches thinner, feasible ranges highlighted, the minimum-energy
/// clock starred and the constraint drawn as a line. Hovering shows the exact values; clicking
/// a curve asks to focus it.
class AbacusChart : public QCustomPlot {
    Q_OBJECT

public:
    explicit AbacusChart(AbacusMetric metric, QWidget* parent = nullptr);

    AbacusMetric abacusMetric() const { return metric_; }
    /// The MCU names in catalogue order: an MCU's colour is its place in this list.
    /// Draws `data` (replot is queued, so bursts of updates paint once).
    void setChartData(AbacusChartData data);
    const AbacusChartData& chartData() const { return data_; }
    /// The text the hover read-out shows for `curve`'s point `point`.
    QString readout(const AbacusCurve& curve, const AbacusPoint& point) const;
    /// The curve point nearest to `pos` (pixels) within `radius`, as (curve, point) indexes.
    std::optional<std::pair<std::size_t, std::size_t>> pointAt(const QPointF& pos,
                                                               double radius = 10.0) const;
    /// Shows or hides the legend.
    void setLegendShown(bool shown);
    bool legendShown() const;
    /// How many times the curves were rebuilt from scratch (tests and the benchmark check that a
    /// constraint change redraws only the bands and marks).
    int fullRebuilds() const { return fullRebuilds_; }
    /// How many times a change redrew only the bands and marks.
    int marksUpdates() const { return marksUpdates_; }

signals:
    /// The user clicked a point of a curve.
    void curveClicked(std::size_t variant, std::size_t mcu, double freqMhz);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    /// Updates what a constraint changes (feasible bands, stars, the limit line) and, when the
    /// axes are kept, redraws only their layers.
    void updateMarks(bool axesKept);
    void updateLimit();
    void setupLayers();
    void addCurve(const AbacusCurve& curve);
    void addLegendKeys();
    QColor colourOf(const AbacusCurve& curve) const;

    AbacusMetric metric_;
    AbacusChartData data_;
    QCPTextElement* title_ = nullptr;
    QCPLayoutGrid* legendGrid_ = nullptr; ///< right of the axis rect: the legend, then a spacer
    QCPItemStraightLine* limitLine_ = nullptr;
    QCPItemText* limitLabel_ = nullptr;
    QCPItemTracer* tracer_ = nullptr;
    QCPLayer* bandsLayer_ = nullptr; ///< the feasible bands, buffered below the curves
    QCPLayer* marksLayer_ = nullptr; ///< stars, limit line and hover tracer, buffered on top
    std::vector<QCPGraph*> bands_;   ///< per curve of data_
    std::vector<QCPGraph*> stars_;   ///< per curve of data_ (empty data: no star)
    int fullRebuilds_ = 0;
    int marksUpdates_ = 0;
    QPoint pressPos_;
};

} // namespace zipcnn::gui
