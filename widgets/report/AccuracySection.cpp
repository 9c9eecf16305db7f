// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/AccuracySection.h"

#include "charts/ParetoChart.h"
#include "common/ChartStyle.h"
#include "common/Formatting.h"

#include <QApplication>
#include <QCoreApplication>
#include <QPainter>
#include <QStyle>
#include <algorithm>
#include <qcustomplot.h>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("AccuracySection", text);
}
QString html(const QString& text) {
    return text.toHtmlEscaped();
}

const QColor kFrontShade(0xdc, 0xf0, 0xdc);

} // namespace

AccuracySection::AccuracySection(const ReportInput& in) : in_(in) {
    chart_ = std::make_unique<ParetoChart>();
    const QPalette light = QApplication::style()->standardPalette();
    chart_->setPalette(light);
    // Energy where the focused target gives it; a runtime without a current model gives
    // latency only, and latency is then the cost weighed against accuracy.
    const Exploration& e = *in.exploration;
    const std::size_t target = in.focus ? in.focus->mcu : 0;
    const bool energy = target < e.targetCount() && e.targets[target].hasEnergy();
    chart_->setAxis(energy ? "energy" : "latency");
    chart_->setClock(AccuracyClock::LeastEnergy);
    chart_->setExploration(in.exploration, in.focus, qs(in.project.accuracyMetric));
    chartstyle::applyPalette(chart_->plot(), light);
    data_ = chart_->data();
}

AccuracySection::~AccuracySection() = default;

QString AccuracySection::noAccuracySentence() const {
    if (data_.anyAccuracy())
        return {};
    return tr("No variant has an accuracy entered, so accuracy is not weighed against cost "
              "here.");
}

ReportTable AccuracySection::table() const {
    ReportTable t;
    const QString metric = qs(in_.project.accuracyMetric);
    t.header = {tr("Variant"), metric, qs(data_.axis.name), tr("Clock"), tr("Standing")};
    t.widths = {1.6, 0.9, 1.1, 0.8, 2.6};
    t.align = {Qt::AlignLeft, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignLeft};
    for (const AccuracyCostPoint& p : data_.points) {
        QString standing;
        switch (p.status) {
        case ParetoStatus::Front:
            standing = tr("Pareto front");
            break;
        case ParetoStatus::Dominated:
            standing = tr("dominated by %1").arg(qs(data_.dominatorNames(p)));
            break;
        case ParetoStatus::NoAccuracy:
            standing = tr("no accuracy entered");
            break;
        case ParetoStatus::NotRun:
            standing = tr("not run: %1").arg(qs(p.why));
            break;
        }
        if (p.cost && !p.meetsConstraints)
            standing += tr("; breaks a constraint");
        t.rows.push_back({qs(p.name),
                          p.accuracyPct ? QString::number(*p.accuracyPct, 'g', 6) : tr("-"),
                          p.cost && data_.axis.format ? qs(data_.axis.format(*p.cost)) : tr("-"),
                          p.freqMhz && p.cost ? formatMhz(*p.freqMhz) : tr("-"), standing});
        t.shade.push_back(p.status == ParetoStatus::Front ? std::vector<QColor>(5, kFrontShade)
                                                          : std::vector<QColor>(5, QColor()));
    }
    t.caption = tr("Each visible variant on %1 at its least-energy clock (among the clocks that "
                   "meet every constraint when there are any); the front shaded.")
                    .arg(qs(data_.targetName));
    return t;
}

void AccuracySection::layOut(ReportFlow& flow) const {
    flow.heading(1, tr("Accuracy against cost"));
    if (!data_.anyAccuracy()) {
        flow.paragraph(html(noAccuracySentence()));
        return;
    }
    flow.paragraph(html(
        tr("The accuracy entered for each variant (%1; the cost model does not predict it) "
           "against its %2 on %3, the focused target, each variant at its least-energy clock. "
           "A variant is on the Pareto front when no other is at least as accurate and at least "
           "as cheap while better in one of the two; the others are dominated, drawn hollow, and "
           "the table names the variants that dominate them. A red ring marks a variant that "
           "breaks a constraint at that clock.")
            .arg(qs(in_.project.accuracyMetric), qs(data_.axis.name).toLower(),
                 qs(data_.targetName))));
    const double h = flow.contentRect().width() * kChartH / kChartW;
    ParetoChart* chart = chart_.get();
    flow.figure(
        h,
        [chart](QPainter* p, const QRectF& r) {
            p->save();
            p->translate(r.topLeft());
            const double s = std::min(r.width() / kChartW, r.height() / kChartH);
            p->translate((r.width() - kChartW * s) / 2.0, 0.0);
            p->scale(s, s);
            chart->drawTo(p, kChartW, kChartH);
            p->restore();
        },
        tr("Accuracy against %1 on %2; the step line is the Pareto front.")
            .arg(qs(data_.axis.name).toLower(), qs(data_.targetName)));
    flow.table(table());
}

} // namespace zipcnn::gui
