// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/ChartsPanel.h"

#include "charts/AbacusChart.h"
#include "charts/DeviceView.h"
#include "charts/MemoryView.h"
#include "charts/ParetoChart.h"
#include "common/ChartStyle.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace zipcnn::gui {

ChartsPanel::ChartsPanel(QWidget* parent)
    : QWidget(parent), tabs_(new QTabWidget(this)), memory_(new MemoryView(this)),
      device_(new DeviceView(this)), pareto_(new ParetoChart(this)),
      legend_(new QAction(tr("Show &legend"), this)),
      export_(new QAction(tr("E&xport chart..."), this)) {
    stale_.fill(true);
    for (AbacusMetric m : kAbacusMetrics) {
        auto* chart = new AbacusChart(m, this);
        charts_[static_cast<int>(m)] = chart;
        tabs_->addTab(chart, abacusName(m));
        connect(chart, &AbacusChart::curveClicked, this, &ChartsPanel::curveClicked);
    }
    tabs_->addTab(memory_, tr("Memory"));
    tabs_->addTab(device_, tr("Device"));
    tabs_->addTab(pareto_, tr("Accuracy"));
    tabs_->setTabToolTip(tabs_->indexOf(pareto_),
                         tr("Accuracy against cost on the focused target, and the Pareto front"));
    connect(pareto_, &ParetoChart::pointClicked, this, &ChartsPanel::curveClicked);
    connect(tabs_, &QTabWidget::currentChanged, this, &ChartsPanel::refreshCurrent);
    legend_->setCheckable(true);
    legend_->setChecked(true);
    legend_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    export_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(legend_, &QAction::toggled, this, [this](bool on) {
        for (AbacusChart* chart : charts_)
            chart->setLegendShown(on);
        pareto_->plot()->legend->setVisible(on);
        pareto_->plot()->replot(QCustomPlot::rpQueuedReplot);
    });
    connect(export_, &QAction::triggered, this, &ChartsPanel::chooseExport);

    auto* legendButton = new QToolButton(this);
    legendButton->setDefaultAction(legend_);
    auto* exportButton = new QToolButton(this);
    exportButton->setDefaultAction(export_);
    auto* corner = new QWidget(this);
    auto* cornerLayout = new QHBoxLayout(corner);
    cornerLayout->setContentsMargins(0, 0, 0, 0);
    cornerLayout->addWidget(legendButton);
    cornerLayout->addWidget(exportButton);
    tabs_->setCornerWidget(corner, Qt::TopRightCorner);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs_);
}

void ChartsPanel::setExploration(std::shared_ptr<const Exploration> exploration,
                                 const std::optional<ExplorationFocus>& focus) {
    exploration_ = std::move(exploration);
    focus_ = focus;
    stale_.fill(true);
    refreshCurrent();
}

void ChartsPanel::refreshCurrent() {
    const int tab = tabs_->currentIndex();
    if (!exploration_ || tab < 0 || tab >= static_cast<int>(stale_.size()) ||
        !stale_[static_cast<std::size_t>(tab)])
        return;
    stale_[static_cast<std::size_t>(tab)] = false;
    if (tab < static_cast<int>(charts_.size())) {
        AbacusChart* chart = charts_[static_cast<std::size_t>(tab)];
        chart->setChartData(buildAbacusData(*exploration_, chart->abacusMetric(), focus_));
    } else if (tabs_->widget(tab) == device_) {
        device_->setExploration(exploration_, focus_);
    } else if (tabs_->widget(tab) == pareto_) {
        pareto_->setExploration(exploration_, focus_, accuracyMetric_);
    } else
        memory_->setExploration(exploration_, focus_);
}

void ChartsPanel::setAccuracyMetric(const QString& metric) {
    if (metric == accuracyMetric_)
        return;
    accuracyMetric_ = metric;
    stale_[static_cast<std::size_t>(tabs_->indexOf(pareto_))] = true;
    refreshCurrent();
}

bool ChartsPanel::showTab(const QString& name) {
    for (int i = 0; i < tabs_->count(); ++i)
        if (tabs_->tabText(i).remove(QLatin1Char('&')).compare(name, Qt::CaseInsensitive) == 0) {
            tabs_->setCurrentIndex(i);
            return true;
        }
    return false;
}

void ChartsPanel::setDragging(bool dragging) {
    if (dragging == dragging_)
        return;
    dragging_ = dragging;
    for (AbacusChart* chart : charts_) {
        if (dragging)
            chart->setNotAntialiasedElements(QCP::aeAll);
        else
            chart->setNotAntialiasedElements(QCP::aeNone);
        if (!dragging)
            chart->replot(QCustomPlot::rpQueuedReplot);
    }
}

QString ChartsPanel::exportCurrent(const QString& path) {
    refreshCurrent();
    QWidget* page = tabs_->currentWidget();
    if (auto* chart = qobject_cast<AbacusChart*>(page))
        return chartstyle::exportPlot(chart, path);
    if (page == memory_)
        return chartstyle::exportPlot(memory_->budgetPlot(), path);
    if (page == device_ && device_->message().isEmpty())
        return chartstyle::exportPlot(device_->lifePlot(), path);
    if (page == pareto_)
        return chartstyle::exportPlot(pareto_->plot(), path);
    return tr("No chart to export");
}

void ChartsPanel::chooseExport() {
    const QString name = tabs_->tabText(tabs_->currentIndex()).remove(QLatin1Char('&')).toLower();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export chart"), QDir(exportFolder_).filePath(name + QStringLiteral(".svg")),
        chartstyle::exportFilter());
    if (path.isEmpty())
        return;
    const QString error = exportCurrent(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace zipcnn::gui
