// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/AccuracyCost.h"
#include "explore/ExplorationFocus.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemText;
class QCPTextElement;
class QLabel;
class QPainter;

namespace zipcnn::gui {

/// Accuracy against cost on the focused target: each visible variant's accuracy (the user's)
/// against its energy or latency per inference (log scale), the Pareto front drawn as a step
/// line and the dominated variants hollow and grey; those breaking a constraint ringed in red.
/// A line below lists the variants without an accuracy and those the target does not run, so
/// none is silently dropped. Clicking a point focuses its variant.
class ParetoChart : public QWidget {
    Q_OBJECT

public:
    explicit ParetoChart(QWidget* parent = nullptr);

    /// Draws the variants of `exploration` on the focused target (the first when there is no
    /// focus). `accuracyMetric` names the accuracy axis ("top-1 %").
    void setExploration(std::shared_ptr<const Exploration> exploration,
                        const std::optional<ExplorationFocus>& focus,
                        const QString& accuracyMetric);

    /// The cost axes the combo offers (default `builtinCostAxes()`: energy, latency); a battery
    /// life axis is one more entry. Keeps the chosen axis when its id is still offered.
    void setAxes(std::vector<CostAxis> axes);
    const std::vector<CostAxis>& axes() const { return axes_; }
    /// Chooses the axis with id `id` ("energy", "latency"); false when none has it.
    bool setAxis(const std::string& id);
    void setClock(AccuracyClock clock);

    /// What is drawn, as a value (tests read it).
    const AccuracyCost& data() const { return data_; }
    QCustomPlot* plot() const { return plot_; }
    QCPGraph* frontGraph() const { return front_; }
    QCPGraph* dominatedGraph() const { return dominated_; }
    QCPGraph* breaksGraph() const { return breaks_; }
    /// The variant labels on the chart, in the order of `data().points` placed on it.
    const std::vector<QCPItemText*>& labels() const { return labels_; }
    /// The line listing variants without an accuracy and variants not run.
    QLabel* missingLabel() const { return missing_; }
    QString missingText() const;
    /// The sentence in the middle of an empty chart; empty when points are placed.
    QString emptyText() const;
    QComboBox* axisCombo() const { return axisCombo_; }
    QComboBox* clockCombo() const { return clockCombo_; }
    /// The tooltip text of a point of `data().points`.
    QString readout(const AccuracyCostPoint& point) const;
    /// Lays the plot out at `w` x `h` pixels and places the labels for that size.
    void layOutAt(int w, int h);
    /// Draws at `w` x `h` pixels into `painter` (the report), laid out for that size.
    void drawTo(QPainter* painter, int w, int h);

signals:
    /// The user clicked a variant's point.
    void pointClicked(std::size_t variant, std::size_t target, double freqMhz);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void placeLabels();
    std::optional<std::size_t> pointAt(const QPointF& pos, double radius = 10.0) const;

    QComboBox* axisCombo_;
    QComboBox* clockCombo_;
    QCustomPlot* plot_;
    QLabel* missing_;
    QCPTextElement* title_ = nullptr;
    QCPItemText* empty_ = nullptr; ///< says why nothing is placed, when nothing is
    QCPGraph* front_ = nullptr;
    QCPGraph* dominated_ = nullptr;
    QCPGraph* breaks_ = nullptr;
    std::vector<QCPItemText*> labels_;
    std::vector<std::size_t> labelPoints_; ///< labels_[i] names data_.points[labelPoints_[i]]
    std::vector<CostAxis> axes_;
    std::shared_ptr<const Exploration> exploration_;
    std::optional<ExplorationFocus> focus_;
    QString metric_;
    AccuracyCost data_;
};

} // namespace zipcnn::gui
