// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/AbacusChartData.h"
#include "explore/Exploration.h"

#include <QWidget>
#include <array>
#include <memory>

class QTabWidget;
class QAction;

namespace zipcnn::gui {

class AbacusChart;
class DeviceView;
class MemoryView;
class ParetoChart;

/// The abacus charts (latency, energy, power), the memory view and the accuracy against cost
/// chart, in tabs, with the legend toggle and the export of the chart on show.
class ChartsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ChartsPanel(QWidget* parent = nullptr);

    /// Rebuilds every chart from `exploration`, the focused curve drawn on top.
    void setExploration(std::shared_ptr<const Exploration> exploration,
                        const std::optional<ExplorationFocus>& focus);

    AbacusChart* chart(AbacusMetric metric) const { return charts_[static_cast<int>(metric)]; }
    MemoryView* memoryView() const { return memory_; }
    DeviceView* deviceView() const { return device_; }
    ParetoChart* paretoChart() const { return pareto_; }
    /// Names the accuracy axis of the accuracy chart ("top-1 %"); applied on the next
    /// `setExploration`.
    void setAccuracyMetric(const QString& metric);
    /// Shows the tab whose title is `name` (case-insensitive, without its '&'); false when none.
    bool showTab(const QString& name);
    QTabWidget* tabs() const { return tabs_; }
    QAction* legendAction() const { return legend_; }
    QAction* exportAction() const { return export_; }
    /// While a slider is dragged, charts draw without antialiasing (several times faster);
    /// the drag's end draws them smooth again.
    void setDragging(bool dragging);
    /// Writes the chart on show to `path` (PNG, SVG or PDF). Empty string, or the error.
    QString exportCurrent(const QString& path);
    /// Where the export dialog starts (the project's or the imported model's folder).
    void setExportFolder(const QString& folder) { exportFolder_ = folder; }

signals:
    void curveClicked(std::size_t variant, std::size_t mcu, double freqMhz);

private:
    void chooseExport();
    /// Rebuilds the chart on show if the exploration changed since it was last drawn; charts in
    /// hidden tabs wait until they are shown.
    void refreshCurrent();

    QTabWidget* tabs_;
    std::array<AbacusChart*, std::size(kAbacusMetrics)> charts_{};
    MemoryView* memory_;
    DeviceView* device_;
    ParetoChart* pareto_;
    QString accuracyMetric_;
    QAction* legend_;
    QAction* export_;
    std::shared_ptr<const Exploration> exploration_;
    std::optional<ExplorationFocus> focus_;
    /// Per tab: the abacus charts (latency, energy, power, battery life), memory, device,
    /// accuracy.
    std::array<bool, std::size(kAbacusMetrics) + 3> stale_{};
    bool dragging_ = false;
    QString exportFolder_;
};

} // namespace zipcnn::gui
