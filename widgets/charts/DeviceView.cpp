// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/DeviceView.h"

#include "base/HumanUnits.h"
#include "charts/HumanLogTicker.h"
#include "common/ChartStyle.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "explore/Feasibility.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

namespace zipcnn::gui {

DeviceView::DeviceView(QWidget* parent)
    : QWidget(parent), message_(new QLabel(this)), life_(new QCustomPlot(this)),
      split_(new QCustomPlot(this)) {
    setObjectName(QStringLiteral("deviceView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    message_->setWordWrap(true);
    message_->setAlignment(Qt::AlignCenter);
    layout->addWidget(message_);
    layout->addWidget(life_, 3);
    layout->addWidget(split_, 1);
    life_->setMinimumHeight(160);
    split_->setMinimumHeight(90);
    for (QCPAxis* axis : {life_->xAxis, life_->yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->grid()->setSubGridVisible(true);
    }
    auto periods =
        QSharedPointer<HumanLogTicker>::create([](double s) { return humanDuration(s * 1e3); });
    periods->setPreferredTicks(HumanLogTicker::periodTicks());
    life_->xAxis->setTicker(periods);
    auto lives =
        QSharedPointer<HumanLogTicker>::create([](double h) { return batteryLifeText(h); });
    lives->setPreferredTicks(HumanLogTicker::batteryLifeTicks());
    life_->yAxis->setTicker(lives);
    life_->xAxis->setLabel(tr("One inference every"));
    life_->yAxis->setLabel(tr("Battery life"));
    life_->plotLayout()->insertRow(0);
    life_->plotLayout()->addElement(0, 0, new QCPTextElement(life_, QString()));
    split_->yAxis->setTicks(false);
    split_->yAxis->setTickLabels(false);
    split_->xAxis->setLabel(tr("Share of the energy of one period (%)"));
    split_->xAxis->setRange(0.0, 100.0);
    split_->yAxis->setRange(0.4, 1.6);
    split_->legend->setVisible(true);
    split_->legend->setFont(font());
    // The legend beside the bar, never over it: a column of its own.
    split_->axisRect()->insetLayout()->take(split_->legend);
    split_->plotLayout()->addElement(0, 1, split_->legend);
    split_->plotLayout()->setColumnStretchFactor(1, 0.001);
    chartstyle::applyPalette(life_, palette());
    chartstyle::applyPalette(split_, palette());
}

QString DeviceView::message() const {
    return message_->isHidden() ? QString() : message_->text();
}

void DeviceView::setExploration(std::shared_ptr<const Exploration> exploration,
                                const std::optional<ExplorationFocus>& focus) {
    exploration_ = std::move(exploration);
    focus_ = focus;
    draw();
}

void DeviceView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        chartstyle::applyPalette(life_, palette());
        chartstyle::applyPalette(split_, palette());
        draw();
    }
}

void DeviceView::draw() {
    life_->clearGraphs();
    life_->clearItems();
    split_->clearPlottables();
    const auto say = [this](const QString& text) {
        message_->setText(text);
        message_->show();
        life_->hide();
        split_->hide();
    };
    const Exploration* e = exploration_.get();
    if (!e || !e->device) {
        say(tr(
            "The project does not model the device: switch it on in the \"Device and battery\" "
            "panel to see battery life against the inference period and where the energy goes."));
        return;
    }
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->targetCount() ||
        e->sweep.cells.size() != e->variantCount() * e->targetCount()) {
        say(tr("Click a cell of the feasibility table to see its device."));
        return;
    }
    const SweepCell& cell = e->cell(focus_->variant, focus_->mcu);
    const double freq = focus_->freqMhz.value_or(
        cell.longestLifeFreqMhz.value_or(cell.minEnergyFreqMhz.value_or(0)));
    const SweepPoint* p = cell.costedPointAt(freq);
    if (!p || !p->device) {
        say(tr("No battery life for this configuration: it has no energy estimate at this clock."));
        return;
    }
    if (!p->device->ok && !p->device->periodTooShort) {
        // No sleep figure, a bad device value: every period would fail the same way.
        say(tr("No battery life for %1 on %2: %3.")
                .arg(variantLabel(e->specs[focus_->variant]), qs(e->targets[focus_->mcu].name),
                     qs(p->device->why)));
        return;
    }
    const CostTarget& target = e->targets[focus_->mcu];
    const DeviceModel& device = *e->device;
    const SleepFigure sleep = sleepFigure(device, target.datasheet);
    const double supplyV = targetSupplyV(target);
    message_->hide();
    life_->show();
    split_->show();

    // Battery life against the period, from just above the inference (and wake-up) to a day or
    // a hundred periods, whichever is longer.
    const double activeS = (p->cost.latencyMs + device.wakeUs * 1e-3) * 1e-3;
    const double lo = std::max(activeS * 1.05, 1e-4);
    const double hi = std::max({86400.0, device.periodS * 100.0, lo * 1e3});
    QVector<double> periods, lives;
    constexpr int kSteps = 80;
    for (int i = 0; i <= kSteps; ++i) {
        DeviceModel d = device;
        d.periodS = lo * std::pow(hi / lo, static_cast<double>(i) / kSteps);
        const DeviceEstimate est =
            estimateDevice(d, p->cost.latencyMs, p->cost.currentMa, supplyV, sleep);
        if (est.ok && est.batteryLifeH > 0.0 && std::isfinite(est.batteryLifeH)) {
            periods << d.periodS;
            lives << est.batteryLifeH;
        }
    }
    const QColor colour = chartstyle::mcuColour(static_cast<int>(focus_->mcu));
    QCPGraph* curve = life_->addGraph();
    curve->setPen(QPen(colour, 2.0));
    curve->setData(periods, lives, true);
    auto* title = static_cast<QCPTextElement*>(life_->plotLayout()->element(0, 0));
    title->setText(tr("%1 on %2 at %3")
                       .arg(variantLabel(e->specs[focus_->variant]), qs(target.name),
                            formatMhz(p->cost.freqMhz)));
    title->setTextColor(palette().color(QPalette::Text));
    if (p->device->ok) {
        QCPGraph* here = life_->addGraph();
        here->setLineStyle(QCPGraph::lsNone);
        here->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 9));
        here->setData(QVector<double>{device.periodS}, QVector<double>{p->device->batteryLifeH});
        auto* label = new QCPItemText(life_);
        label->position->setCoords(device.periodS, p->device->batteryLifeH);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(6, 4, 0, 0));
        label->setColor(palette().color(QPalette::Text));
        label->setText(tr("every %1: %2")
                           .arg(qs(humanDuration(device.periodS * 1e3)),
                                qs(batteryLifeText(p->device->batteryLifeH))));
    }
    if (e->constraints.minBatteryLifeH) {
        auto* limit = new QCPItemStraightLine(life_);
        limit->setPen(QPen(QColor(0xc0, 0x20, 0x20), 1.4, Qt::DashLine));
        limit->point1->setCoords(lo, *e->constraints.minBatteryLifeH);
        limit->point2->setCoords(hi, *e->constraints.minBatteryLifeH);
    }
    life_->xAxis->setRange(lo, hi);
    if (!lives.isEmpty()) {
        double yLo = *std::min_element(lives.begin(), lives.end());
        double yHi = *std::max_element(lives.begin(), lives.end());
        if (e->constraints.minBatteryLifeH) {
            yLo = std::min(yLo, *e->constraints.minBatteryLifeH);
            yHi = std::max(yHi, *e->constraints.minBatteryLifeH);
        }
        life_->yAxis->setRange(yLo / 1.5, yHi * 1.5);
    }
    life_->replot(QCustomPlot::rpQueuedReplot);

    // Where the energy of one period goes, at the focused clock.
    if (p->device->ok) {
        QCPBars* below = nullptr;
        int i = 0;
        for (const DeviceBlock& b : p->device->blocks) {
            if (!(b.energyJ > 0.0))
                continue; // no wake-up time: no block
            auto* bar = new QCPBars(split_->yAxis, split_->xAxis);
            const QColor c = b.name == "cnn" ? colour : chartstyle::mcuColour(3 + i++);
            bar->setPen(QPen(c.darker(130)));
            bar->setBrush(c);
            bar->setWidth(0.6);
            bar->setName(QStringLiteral("%1 %2 % (%3)")
                             .arg(b.name == "cnn" ? tr("inference") : qs(b.name))
                             .arg(100.0 * b.share, 0, 'f', b.share < 0.1 ? 1 : 0)
                             .arg(qs(humanEnergy(b.energyJ))));
            bar->setData(QVector<double>{1.0}, QVector<double>{100.0 * b.share});
            if (below)
                bar->moveAbove(below);
            below = bar;
        }
    }
    split_->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace zipcnn::gui
