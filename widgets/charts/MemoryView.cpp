// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/MemoryView.h"

#include "common/ChartStyle.h"
#include "common/Formatting.h"
#include "common/ScaledFont.h"
#include "common/VariantLabel.h"

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace zipcnn::gui {

namespace {

constexpr double kKib = 1024.0;
/// Labels of the per-layer profile beyond which only every k-th layer is named.
constexpr int kMaxProfileLabels = 30;

/// Tick labels for `labels` at 0, 1, 2...: all of them when there are few; for a long network
/// every k-th (at most `maxLabels`) plus `always` (the peak), so that the names stay readable.
/// Every bar's name is on hover (MemoryView's tooltip).
QSharedPointer<QCPAxisTickerText> labelTicker(const QStringList& labels, int maxLabels = 1000,
                                              int always = -1) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const int stride = std::max(1, (static_cast<int>(labels.size()) + maxLabels - 1) / maxLabels);
    for (int i = 0; i < labels.size(); ++i)
        if (i % stride == 0 || i == always)
            ticker->addTick(i, labels[i]);
    return ticker;
}

} // namespace

MemoryView::MemoryView(QWidget* parent)
    : QWidget(parent), budget_(new QCustomPlot(this)), profile_(new QCustomPlot(this)) {
    setObjectName(QStringLiteral("memoryView"));
    budget_->setObjectName(QStringLiteral("memoryBudget"));
    profile_->setObjectName(QStringLiteral("memoryProfile"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(budget_, 3);
    layout->addWidget(profile_, 2);
    budget_->setMinimumHeight(200);
    profile_->setMinimumHeight(150);
    // The layouts are built once; redrawing only replaces bars, lines and labels.
    const QFont bold(font().family(), font().pointSize(), QFont::Bold);
    budget_->plotLayout()->clear();
    budgetTitle_ = new QCPTextElement(
        budget_, tr("Flash and RAM per variant, against each MCU's capacity less the reserve"),
        bold);
    budget_->plotLayout()->addElement(0, 0, budgetTitle_);
    flashRect_ = new QCPAxisRect(budget_);
    ramRect_ = new QCPAxisRect(budget_);
    auto* row = new QCPLayoutGrid;
    budget_->plotLayout()->addElement(1, 0, row);
    row->addElement(0, 0, flashRect_);
    row->addElement(0, 1, ramRect_);
    profile_->plotLayout()->insertRow(0);
    profileTitle_ = new QCPTextElement(profile_, tr("Live memory per layer"), bold);
    profile_->plotLayout()->addElement(0, 0, profileTitle_);
    profile_->legend->setVisible(false);
    // A long network labels only some bars: every bar names its layer on hover.
    profile_->setMouseTracking(true);
    connect(profile_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        const double key = profile_->xAxis->pixelToCoord(event->position().x());
        const int i = static_cast<int>(std::lround(key));
        if (i < 0 || i >= profileLabels_.size() || std::fabs(key - i) > 0.4) {
            QToolTip::hideText();
            return;
        }
        QToolTip::showText(event->globalPosition().toPoint(), profileLabels_[i], profile_);
    });
}

QColor MemoryView::targetColour(const Exploration& e, const CostTarget& target) {
    // The candidate's place, as the abacus curves are coloured.
    return chartstyle::mcuColour(static_cast<int>(&target - e.targets.data()));
}

void MemoryView::setExploration(std::shared_ptr<const Exploration> exploration,
                                const std::optional<ExplorationFocus>& focus) {
    exploration_ = std::move(exploration);
    focus_ = focus;
    drawBudget();
    drawProfile();
}

void MemoryView::drawBars(QCPAxisRect* rect, const QString& title, bool flash) {
    const Exploration& e = *exploration_;
    const Constraints& c = e.constraints;
    QStringList labels;
    QVector<double> keys, values;
    QVector<double> fitKeys, fitValues;
    double hi = 1.0, lo = 1e12;
    for (std::size_t v = 0; v < e.variantCount(); ++v) {
        const CostVariant& variant = e.variant(v);
        if (!e.specs[v].visible || !variant.usable())
            continue;
        const double kib =
            static_cast<double>(flash ? variant.flashBytes : variant.ramBytes) / kKib;
        labels << variantLabel(e.specs[v]);
        keys << labels.size() - 1;
        values << kib;
        hi = std::max(hi, kib);
        lo = std::min(lo, kib);
    }
    QCPBars* bars = new QCPBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QColor fill = palette().color(QPalette::Text);
    fill.setAlpha(110);
    bars->setBrush(fill);
    bars->setPen(Qt::NoPen);
    bars->setWidth(0.6);
    bars->setData(keys, values, true);
    bars->setName(title);
    bars->removeFromLegend();
    // The bar value written above each bar.
    for (int i = 0; i < keys.size(); ++i) {
        auto* text = new QCPItemText(budget_);
        text->setClipAxisRect(rect);
        text->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        text->position->setCoords(keys[i], values[i]);
        text->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        text->setText(formatNumber(values[i]));
        text->setColor(palette().color(QPalette::Text));
        text->setFont(scaledFont(font(), 0.8));
    }
    // One line per budget; MCUs with the same budget share it and its label (the same MCU
    // under two runtimes has one budget).
    std::vector<std::pair<double, std::vector<const CostTarget*>>> budgets;
    for (const CostTarget& target : e.targets) {
        const CostTarget* mcu = &target;
        const double budget =
            flash ? mcu->flashKib - c.flashReserveKib : mcu->sramKib - c.ramReserveKib;
        if (budget <= 0.0)
            continue;
        auto same = std::find_if(budgets.begin(), budgets.end(),
                                 [&](const auto& b) { return b.first == budget; });
        if (same == budgets.end())
            budgets.push_back({budget, {mcu}});
        else if (std::none_of(same->second.begin(), same->second.end(),
                              [&](const CostTarget* t) { return t->mcu == mcu->mcu; }))
            same->second.push_back(mcu);
    }
    for (const auto& [budget, mcus] : budgets) {
        auto* line = new QCPItemStraightLine(budget_);
        line->setClipAxisRect(rect);
        line->point1->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        line->point2->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        line->point1->setCoords(-1, budget);
        line->point2->setCoords(1, budget);
        line->setPen(QPen(targetColour(e, *mcus.front()), 2, Qt::DashLine));
        QStringList names;
        for (const CostTarget* mcu : mcus)
            names << QString::fromStdString(mcu->mcu);
        auto* label = new QCPItemText(budget_);
        label->setClipAxisRect(rect);
        label->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        label->position->setCoords(-0.45, budget);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(QStringLiteral("%1: %2 KiB")
                           .arg(names.join(QStringLiteral(", ")), formatNumber(budget)));
        label->setColor(targetColour(e, *mcus.front()));
        hi = std::max(hi, budget);
        lo = std::min(lo, budget);
    }
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setTicker(labelTicker(labels));
    x->setTickLabelRotation(labels.size() > 3 ? 40 : 0);
    x->setTickLabelFont(scaledFont(font(), 0.85));
    x->setRange(-0.6, std::max(0.6, labels.size() - 0.4));
    x->grid()->setVisible(false);
    y->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> log(new QCPAxisTickerLog);
    y->setTicker(log);
    y->setNumberFormat(QStringLiteral("g"));
    y->setLabel(title + QStringLiteral(" (KiB)"));
    y->setRange(std::max(0.1, lo / 2.0), hi * 2.5);
}

void MemoryView::drawBudget() {
    budget_->clearPlottables();
    budget_->clearItems();
    if (!exploration_)
        return;
    drawBars(flashRect_, tr("Flash"), true);
    drawBars(ramRect_, tr("RAM"), false);
    chartstyle::applyPalette(budget_, palette());
    budgetTitle_->setTextColor(palette().color(QPalette::Text));
    budget_->replot(QCustomPlot::rpQueuedReplot);
}

void MemoryView::drawProfile() {
    profile_->clearPlottables();
    profile_->clearItems();
    chartstyle::applyPalette(profile_, palette());
    QCPTextElement* title = profileTitle_;
    title->setTextColor(palette().color(QPalette::Text));
    if (!exploration_ || exploration_->variantCount() == 0) {
        title->setText(tr("Live memory per layer"));
        profile_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const std::size_t v =
        focus_ && focus_->variant < exploration_->variantCount() ? focus_->variant : 0;
    const CostVariant& variant = exploration_->variant(v);
    title->setText(tr("Live memory per layer (thesis rule: inputs + output), %1")
                       .arg(variantLabel(exploration_->specs[v])));
    QVector<double> keys, values, peakKeys, peakValues;
    QStringList labels;
    double hi = 1.0;
    for (const RamRuleLayer& layer : variant.ramLayers) {
        const double kib = static_cast<double>(layer.bytes) / kKib;
        labels << QString::fromStdString(layer.name);
        (layer.name == variant.ramPeakLayer ? peakKeys : keys) << labels.size() - 1;
        (layer.name == variant.ramPeakLayer ? peakValues : values) << kib;
        hi = std::max(hi, kib);
    }
    QColor fill = palette().color(QPalette::Text);
    fill.setAlpha(100);
    auto* bars = new QCPBars(profile_->xAxis, profile_->yAxis);
    bars->setBrush(fill);
    bars->setPen(Qt::NoPen);
    bars->setData(keys, values, true);
    bars->setWidth(0.7);
    auto* peak = new QCPBars(profile_->xAxis, profile_->yAxis);
    peak->setBrush(QColor(0xd6, 0x27, 0x28));
    peak->setPen(Qt::NoPen);
    peak->setData(peakKeys, peakValues, true);
    peak->setWidth(0.7);
    peak->setName(tr("peak"));
    for (const CostTarget& mcu : exploration_->targets) {
        const double budget = mcu.sramKib - exploration_->constraints.ramReserveKib;
        auto* line = new QCPItemStraightLine(profile_);
        line->point1->setCoords(-1, budget);
        line->point2->setCoords(1, budget);
        line->setPen(QPen(targetColour(*exploration_, mcu), 1.5, Qt::DashLine));
        hi = std::max(hi, budget);
    }
    profileLabels_ = labels;
    const int peakIndex = peakKeys.isEmpty() ? -1 : static_cast<int>(peakKeys.front());
    profile_->xAxis->setTicker(labelTicker(labels, kMaxProfileLabels, peakIndex));
    profile_->xAxis->setTickLabelRotation(labels.size() > 8 ? 60 : 0);
    profile_->xAxis->grid()->setVisible(false);
    profile_->xAxis->setRange(-0.6, std::max(0.6, labels.size() - 0.4));
    profile_->yAxis->setLabel(tr("RAM (KiB)"));
    profile_->yAxis->setRange(0, hi * 1.1);
    profile_->replot(QCustomPlot::rpQueuedReplot);
}

void MemoryView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && exploration_) {
        drawBudget();
        drawProfile();
    }
}

} // namespace zipcnn::gui
