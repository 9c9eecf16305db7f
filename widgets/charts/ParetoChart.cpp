// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/ParetoChart.h"

#include "charts/HumanLogTicker.h"
#include "common/ChartStyle.h"
#include "common/Formatting.h"
#include "common/ScaledFont.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QStyle>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace zipcnn::gui {

namespace {

/// The accuracy as typed: "98.2", "99.02".
QString accuracyText(double pct) {
    return QString::number(pct, 'g', 6);
}

QColor dominatedGrey() {
    return QColor(0x8a, 0x8f, 0x96);
}

QColor breaksRed() {
    return QColor(0xc0, 0x20, 0x20);
}

} // namespace

ParetoChart::ParetoChart(QWidget* parent)
    : QWidget(parent), axisCombo_(new QComboBox(this)), clockCombo_(new QComboBox(this)),
      plot_(new QCustomPlot(this)), missing_(new QLabel(this)), axes_(builtinCostAxes()) {
    setObjectName(QStringLiteral("pareto"));
    plot_->setObjectName(QStringLiteral("pareto-plot"));
    plot_->setMinimumSize(320, 220);
    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, QString(),
                                QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
    plot_->xAxis->grid()->setSubGridVisible(true);
    plot_->yAxis->setNumberFormat(QStringLiteral("f"));

    // The front: a step line (the best accuracy to be had for a given cost) through filled
    // markers. Dominated variants: hollow and grey. A red ring: breaks a constraint there.
    front_ = plot_->addGraph();
    front_->setName(tr("Pareto front"));
    dominated_ = plot_->addGraph();
    dominated_->setName(tr("dominated"));
    dominated_->setLineStyle(QCPGraph::lsNone);
    breaks_ = plot_->addGraph();
    breaks_->setName(tr("breaks a constraint"));
    breaks_->setLineStyle(QCPGraph::lsNone);
    breaks_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(breaksRed(), 1.6), Qt::NoBrush, 15));
    for (QCPGraph* g : {front_, dominated_, breaks_})
        g->setSelectable(QCP::stNone);
    plot_->legend->setVisible(true);
    plot_->legend->setFont(scaledFont(font(), 0.85));
    // The legend in a row of its own under the axes, one line: inside the axes it would hide
    // whichever variant happens to lie in its corner.
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->addElement(2, 0, plot_->legend);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->plotLayout()->setRowStretchFactor(2, 0.001);
    empty_ = new QCPItemText(plot_);
    empty_->position->setType(QCPItemPosition::ptAxisRectRatio);
    empty_->position->setCoords(0.5, 0.5);
    empty_->setPositionAlignment(Qt::AlignCenter);
    empty_->setSelectable(false);
    connect(plot_, &QCustomPlot::afterLayout, this, &ParetoChart::placeLabels);
    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);

    for (const CostAxis& a : axes_)
        axisCombo_->addItem(qs(a.name), qs(a.id));
    clockCombo_->addItem(tr("each variant at its least-energy clock"),
                         static_cast<int>(AccuracyClock::LeastEnergy));
    clockCombo_->addItem(tr("all at the focused clock"), static_cast<int>(AccuracyClock::Focused));
    axisCombo_->setToolTip(tr("The cost plotted against the accuracy"));
    clockCombo_->setToolTip(tr("The clock each variant's cost is read at on the focused target"));
    connect(axisCombo_, &QComboBox::currentIndexChanged, this, &ParetoChart::rebuild);
    connect(clockCombo_, &QComboBox::currentIndexChanged, this, &ParetoChart::rebuild);

    missing_->setWordWrap(true);
    missing_->setTextFormat(Qt::PlainText);
    missing_->setObjectName(QStringLiteral("pareto-missing"));
    missing_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(4, 2, 4, 0);
    controls->addWidget(new QLabel(tr("Cost:"), this));
    controls->addWidget(axisCombo_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Clock:"), this));
    controls->addWidget(clockCombo_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 2);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);
    layout->addWidget(missing_);
    chartstyle::applyPalette(plot_, palette());
    rebuild();
}

void ParetoChart::setExploration(std::shared_ptr<const Exploration> exploration,
                                 const std::optional<ExplorationFocus>& focus,
                                 const QString& accuracyMetric) {
    exploration_ = std::move(exploration);
    focus_ = focus;
    metric_ = accuracyMetric;
    // Battery life joins the axes while the project models the device.
    const bool device = exploration_ && exploration_->device;
    const bool hasBattery = std::any_of(axes_.begin(), axes_.end(),
                                        [](const CostAxis& a) { return a.id == "battery"; });
    if (exploration_ && (device || hasBattery)) {
        setAxes(costAxesFor(*exploration_)); // the device model may have changed: new values
        return;
    }
    rebuild();
}

void ParetoChart::setAxes(std::vector<CostAxis> axes) {
    const QString current = axisCombo_->currentData().toString();
    axes_ = std::move(axes);
    {
        const QSignalBlocker block(axisCombo_);
        axisCombo_->clear();
        for (const CostAxis& a : axes_)
            axisCombo_->addItem(qs(a.name), qs(a.id));
        const int keep = axisCombo_->findData(current);
        axisCombo_->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    rebuild();
}

bool ParetoChart::setAxis(const std::string& id) {
    const int index = axisCombo_->findData(qs(id));
    if (index < 0)
        return false;
    axisCombo_->setCurrentIndex(index);
    return true;
}

void ParetoChart::setClock(AccuracyClock clock) {
    clockCombo_->setCurrentIndex(clockCombo_->findData(static_cast<int>(clock)));
}

void ParetoChart::rebuild() {
    const int axisIndex = std::max(0, axisCombo_->currentIndex());
    const auto clock = static_cast<AccuracyClock>(clockCombo_->currentData().toInt());
    const std::size_t target = focus_ ? focus_->mcu : 0;
    const std::optional<double> focusedFreq = focus_ ? focus_->freqMhz : std::nullopt;
    data_ = AccuracyCost{};
    if (exploration_ && axisIndex < static_cast<int>(axes_.size()))
        data_ = accuracyCost(*exploration_, target, axes_[static_cast<std::size_t>(axisIndex)],
                             clock, focusedFreq);
    clockCombo_->setItemText(
        1, focusedFreq ? tr("all at the focused clock (%1)").arg(formatMhz(*focusedFreq))
                       : tr("all at the focused clock"));

    const QColor colour = chartstyle::mcuColour(static_cast<int>(target));
    front_->setPen(QPen(colour, 2.0));
    front_->setLineStyle(data_.axis.higherIsBetter ? QCPGraph::lsStepRight : QCPGraph::lsStepLeft);
    front_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, 9));
    dominated_->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(dominatedGrey(), 1.6), palette().color(QPalette::Base), 9));

    QVector<double> fk, fv, dk, dv, bk, bv;
    for (std::size_t i : data_.front) {
        fk << *data_.points[i].cost;
        fv << *data_.points[i].accuracyPct;
    }
    for (std::size_t i : data_.dominated) {
        dk << *data_.points[i].cost;
        dv << *data_.points[i].accuracyPct;
    }
    for (const AccuracyCostPoint& p : data_.points)
        if (p.cost && p.accuracyPct && !p.meetsConstraints) {
            bk << *p.cost;
            bv << *p.accuracyPct;
        }
    front_->setData(fk, fv);
    dominated_->setData(dk, dv);
    breaks_->setData(bk, bv);
    breaks_->removeFromLegend();
    if (!bk.isEmpty())
        breaks_->addToLegend();
    dominated_->removeFromLegend();
    if (!dk.isEmpty())
        dominated_->addToLegend();

    // Labels: one per placed point, put where they cover neither a point nor another label
    // once the layout is known (placeLabels).
    for (QCPItemText* label : labels_)
        plot_->removeItem(label);
    labels_.clear();
    labelPoints_.clear();
    const QColor text = palette().color(QPalette::Text);
    for (std::size_t i = 0; i < data_.points.size(); ++i) {
        const AccuracyCostPoint& p = data_.points[i];
        if (p.status != ParetoStatus::Front && p.status != ParetoStatus::Dominated)
            continue;
        auto* label = new QCPItemText(plot_);
        label->setText(qs(p.name));
        label->setFont(scaledFont(font(), 0.85));
        label->setColor(p.status == ParetoStatus::Front ? text : dominatedGrey());
        label->setClipToAxisRect(false);
        label->setSelectable(false);
        label->position->setType(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(*p.cost, *p.accuracyPct);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        labels_.push_back(label);
        labelPoints_.push_back(i);
    }

    // Ranges: a margin around the placed points (log on cost, linear on accuracy).
    double cLo = 0, cHi = 0, aLo = 0, aHi = 0;
    bool any = false;
    for (std::size_t i : labelPoints_) {
        const double c = *data_.points[i].cost, a = *data_.points[i].accuracyPct;
        if (c <= 0.0)
            continue;
        cLo = any ? std::min(cLo, c) : c;
        cHi = any ? std::max(cHi, c) : c;
        aLo = any ? std::min(aLo, a) : a;
        aHi = any ? std::max(aHi, a) : a;
        any = true;
    }
    if (any) {
        // Room on the right for the labels of the dearest points.
        plot_->xAxis->setRange(cLo / 1.6, cHi * 2.4);
        const double pad = std::max(0.3, 0.15 * (aHi - aLo));
        plot_->yAxis->setRange(aLo - pad, aHi + pad);
        // As many decimals as the ticks need to differ: "98.2", not "98.200000".
        const double span = aHi - aLo + 2.0 * pad;
        plot_->yAxis->setNumberPrecision(span < 1.0 ? 2 : span < 10.0 ? 1 : 0);
    } else {
        plot_->xAxis->setRange(0.1, 10.0);
        plot_->yAxis->setRange(0.0, 100.0);
        plot_->yAxis->setNumberPrecision(0);
    }

    const CostAxis& axis = data_.axis;
    auto format = axis.format;
    plot_->xAxis->setTicker(QSharedPointer<HumanLogTicker>::create(format));
    const QString clockText =
        clock == AccuracyClock::Focused
            ? (focusedFreq ? tr("all at %1").arg(formatMhz(*focusedFreq)) : tr("focused clock"))
            : tr("each at its least-energy clock");
    plot_->xAxis->setLabel(axis.name.empty() ? QString()
                                             : tr("%1 (%2)").arg(qs(axis.name), clockText));
    plot_->yAxis->setLabel(metric_.isEmpty() ? qs(kDefaultAccuracyMetric) : metric_);
    title_->setText(
        data_.targetName.empty()
            ? tr("Accuracy against cost")
            : tr("Accuracy against %1 on %2").arg(qs(axis.name).toLower(), qs(data_.targetName)));
    // An empty chart says why, in the middle, and points to the list below it.
    empty_->setVisible(!any && !data_.points.empty());
    empty_->setColor(palette().color(QPalette::Text));
    empty_->setText(
        data_.anyAccuracy()
            ? tr("No variant with an accuracy runs on %1 (see below)").arg(qs(data_.targetName))
            : tr("No variant has an accuracy yet"));
    missing_->setText(missingText());
    missing_->setVisible(!missing_->text().isEmpty());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString ParetoChart::missingText() const {
    QStringList lines;
    if (!data_.points.empty() && !data_.anyAccuracy())
        lines << tr("No variant has an accuracy yet: enter it in the Variants panel to see "
                    "which variants are worth their cost.");
    else if (!data_.withoutAccuracy.empty()) {
        QStringList names;
        for (std::size_t i : data_.withoutAccuracy)
            names << qs(data_.points[i].name);
        lines << tr("No accuracy entered: %1").arg(names.join(QStringLiteral(", ")));
    }
    if (!data_.notRun.empty()) {
        QStringList parts;
        for (std::size_t i : data_.notRun)
            parts << tr("%1 (%2)").arg(qs(data_.points[i].name), qs(data_.points[i].why));
        lines
            << tr("Not run on %1: %2").arg(qs(data_.targetName), parts.join(QStringLiteral("; ")));
    }
    return lines.join(QLatin1Char('\n'));
}

QString ParetoChart::emptyText() const {
    return empty_->visible() ? empty_->text() : QString();
}

void ParetoChart::placeLabels() {
    if (labels_.empty())
        return;
    const QRectF area = plot_->axisRect()->rect();
    auto pixel = [this](std::size_t i) {
        return QPointF(plot_->xAxis->coordToPixel(*data_.points[i].cost),
                       plot_->yAxis->coordToPixel(*data_.points[i].accuracyPct));
    };
    // What a label must not cover: every marker, the front's step line and the legend.
    std::vector<QRectF> taken;
    for (std::size_t i : labelPoints_) {
        const QPointF c = pixel(i);
        taken.emplace_back(c.x() - 7.0, c.y() - 7.0, 14.0, 14.0);
    }
    const bool stepLeft = !data_.axis.higherIsBetter;
    std::vector<QPointF> front;
    for (std::size_t i : data_.front)
        front.push_back(pixel(i));
    std::sort(front.begin(), front.end(),
              [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    for (std::size_t k = 0; k + 1 < front.size(); ++k) {
        const QPointF a = front[k], b = front[k + 1];
        const double y = stepLeft ? a.y() : b.y(); // the horizontal run's height
        taken.push_back(QRectF(QPointF(a.x(), y - 2.0), QPointF(b.x(), y + 2.0)).normalized());
        taken.push_back(
            QRectF(QPointF(b.x() - 2.0, a.y()), QPointF(b.x() + 2.0, b.y())).normalized());
        if (!stepLeft) // lsStepRight climbs at the left point
            taken.back() =
                QRectF(QPointF(a.x() - 2.0, a.y()), QPointF(a.x() + 2.0, b.y())).normalized();
    }

    for (std::size_t k = 0; k < labels_.size(); ++k) {
        QCPItemText* label = labels_[k];
        const QPointF c = pixel(labelPoints_[k]);
        const QFontMetricsF fm(label->font());
        const QSizeF size(fm.horizontalAdvance(label->text()) + 4.0, fm.height());
        const double gap = 9.0, d = gap * 0.7;
        const QPointF right(c.x() + gap, c.y() - size.height() / 2),
            left(c.x() - gap - size.width(), c.y() - size.height() / 2),
            above(c.x() - size.width() / 2, c.y() - gap - size.height()),
            below(c.x() - size.width() / 2, c.y() + gap),
            upRight(c.x() + d, c.y() - d - size.height()), downRight(c.x() + d, c.y() + d),
            upLeft(c.x() - d - size.width(), c.y() - d - size.height()),
            downLeft(c.x() - d - size.width(), c.y() + d);
        // A front point has the unattainable corner (cheaper and more accurate) free above it on
        // the cheap side; a dominated one lies below the front, so below and beside it first.
        const bool onFront = data_.points[labelPoints_[k]].status == ParetoStatus::Front;
        const std::vector<QPointF> candidates =
            onFront ? (stepLeft ? std::vector<QPointF>{upLeft, above, left, upRight, right,
                                                       downRight, below, downLeft}
                                : std::vector<QPointF>{upRight, above, right, upLeft, left,
                                                       downLeft, below, downRight})
                    : std::vector<QPointF>{right,    downRight, below,  left,
                                           downLeft, upRight,   upLeft, above};
        QRectF best;
        double bestOverlap = -1.0;
        for (const QPointF& topLeft : candidates) {
            const QRectF r(topLeft, size);
            double overlap = 0.0;
            for (const QRectF& t : taken) {
                const QRectF x = r.intersected(t);
                if (!x.isEmpty())
                    overlap += x.width() * x.height();
            }
            // Outside the plot area counts as overlap too: the label would be cut or stray.
            const QRectF inside = r.intersected(area);
            overlap += r.width() * r.height() - inside.width() * inside.height();
            if (bestOverlap < 0.0 || overlap < bestOverlap - 1e-9) {
                bestOverlap = overlap;
                best = r;
            }
            if (overlap <= 0.0)
                break;
        }
        label->position->setType(QCPItemPosition::ptAbsolute);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->position->setCoords(best.left() + 2.0, best.top());
        taken.push_back(best);
    }
}

QString ParetoChart::readout(const AccuracyCostPoint& p) const {
    QString text = qs(p.name);
    if (p.accuracyPct)
        text += QStringLiteral("\n%1 %2").arg(
            accuracyText(*p.accuracyPct), metric_.isEmpty() ? qs(kDefaultAccuracyMetric) : metric_);
    if (p.cost && data_.axis.format)
        text +=
            tr("\n%1 at %2")
                .arg(qs(data_.axis.format(*p.cost)), p.freqMhz ? formatMhz(*p.freqMhz) : QString());
    switch (p.status) {
    case ParetoStatus::Front:
        text += tr("\non the Pareto front");
        break;
    case ParetoStatus::Dominated:
        text += tr("\ndominated by %1").arg(qs(data_.dominatorNames(p)));
        break;
    case ParetoStatus::NoAccuracy:
        text += tr("\nno accuracy entered");
        break;
    case ParetoStatus::NotRun:
        text += tr("\nnot run: %1").arg(qs(p.why));
        break;
    }
    if (p.cost && !p.meetsConstraints)
        text += tr("\nbreaks a constraint at this clock");
    return text;
}

std::optional<std::size_t> ParetoChart::pointAt(const QPointF& pos, double radius) const {
    std::optional<std::size_t> best;
    double bestDist = radius * radius;
    for (std::size_t i : labelPoints_) {
        const double x = plot_->xAxis->coordToPixel(*data_.points[i].cost);
        const double y = plot_->yAxis->coordToPixel(*data_.points[i].accuracyPct);
        const double d = (x - pos.x()) * (x - pos.x()) + (y - pos.y()) * (y - pos.y());
        if (d <= bestDist) {
            bestDist = d;
            best = i;
        }
    }
    return best;
}

bool ParetoChart::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_) {
        if (event->type() == QEvent::MouseMove) {
            const auto* e = static_cast<QMouseEvent*>(event);
            if (const auto hit = pointAt(e->position()))
                QToolTip::showText(e->globalPosition().toPoint(), readout(data_.points[*hit]),
                                   plot_);
            else
                QToolTip::hideText();
        } else if (event->type() == QEvent::MouseButtonRelease) {
            const auto* e = static_cast<QMouseEvent*>(event);
            if (e->button() == Qt::LeftButton)
                if (const auto hit = pointAt(e->position())) {
                    const AccuracyCostPoint& p = data_.points[*hit];
                    emit pointClicked(p.variant, data_.target, p.freqMhz.value_or(0.0));
                }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ParetoChart::layOutAt(int w, int h) {
    // The viewport, not resize(): a hidden widget gets its resize event only when shown, and
    // the labels are placed by the layout of this size.
    plot_->setViewport(QRect(0, 0, w, h));
    plot_->replot(QCustomPlot::rpImmediateRefresh);
}

void ParetoChart::drawTo(QPainter* painter, int w, int h) {
    layOutAt(w, h);
    plot_->toPainter(static_cast<QCPPainter*>(painter), w, h);
}

void ParetoChart::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        chartstyle::applyPalette(plot_, palette());
        rebuild();
    }
}

} // namespace zipcnn::gui
