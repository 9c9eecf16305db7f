// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/SummaryPanel.h"

#include "common/Formatting.h"

#include <QFormLayout>
#include <QLabel>
#include <algorithm>

namespace zipcnn::gui {

namespace {

enum Line { NetworkLine, ParamsLine, MacsLine, FlashLine, RamRuleLine, PlannerLine, IssuesLine };

/// "1 error", "3 errors": spelled out because the application ships no English translation
/// that would resolve Qt's "%n error(s)" plurals.
QString counted(int n, const QString& one, const QString& many) {
    return n == 1 ? one : many.arg(n);
}

QString bothFormats(qint64 fp32, qint64 int8) {
    return QObject::tr("FP32 %1, INT8 %2").arg(formatKib(fp32), formatKib(int8));
}

} // namespace

SummaryPanel::SummaryPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    auto* form = new QFormLayout(this);
    form->setLabelAlignment(Qt::AlignLeft);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QStringList names = {tr("Network"),
                               tr("Parameters"),
                               tr("MACs"),
                               tr("Flash (weights + code)"),
                               tr("RAM, thesis rule"),
                               tr("RAM, tensor planner"),
                               tr("Problems")};
    for (const QString& name : names) {
        auto* label = new QLabel(name + QLatin1Char(':'), this);
        auto* value = new QLabel(this);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(label, value);
        names_ << label;
        values_ << value;
    }
    values_[FlashLine]->setToolTip(
        tr("Estimated Flash: weights in the format plus the code of the primitives used "
           "(first fit of the code-size model, not yet calibrated)"));
    values_[RamRuleLine]->setToolTip(
        tr("The thesis rule: the largest inputs + output of one compute layer"));
    values_[PlannerLine]->setToolTip(
        tr("Activation arena of a greedy tensor-lifetime planner (TFLite Micro's rule)"));
    connect(document_, &ProjectDocument::changed, this,
            [this](ProjectDocument::ChangeKind kind, const QString&) {
                if (kind == ProjectDocument::ChangeKind::Reset ||
                    kind == ProjectDocument::ChangeKind::Network)
                    refresh();
            });
    refresh();
}

QStringList SummaryPanel::lines() const {
    QStringList out;
    for (qsizetype i = 0; i < names_.size(); ++i)
        out << names_[i]->text() + QLatin1Char(' ') + values_[i]->text();
    return out;
}

void SummaryPanel::refresh() {
    const Network& net = document_->project().network;
    const NetworkSummary& s = document_->summary();
    if (net.size() == 0) {
        // Nothing to analyse: dashes read better than a column of zeros and an error.
        values_[NetworkLine]->setText(tr("no layers (open a project with Ctrl+O)"));
        for (qsizetype i = ParamsLine; i < values_.size(); ++i)
            values_[i]->setText(QStringLiteral("\u2013"));
        values_[IssuesLine]->setToolTip({});
        return;
    }
    const bool onlyInputs = std::all_of(net.layers().begin(), net.layers().end(),
                                        [](const Layer& l) { return l.type == LayerType::Input; });
    if (onlyInputs)
        values_[NetworkLine]->setText(
            tr("only its input: import a model (Ctrl+I) or add layers in the graph"));
    else
        values_[NetworkLine]->setText(
            (net.name().empty() ? QString()
                                : QString::fromStdString(net.name()) + QStringLiteral(", ")) +
            counted(static_cast<int>(net.size()), tr("1 layer"), tr("%1 layers")));
    values_[ParamsLine]->setText(formatCount(s.analysis.params));
    values_[MacsLine]->setText(formatCount(s.analysis.macs));
    values_[FlashLine]->setText(bothFormats(s.flashFp32.flashBytes, s.flashInt8.flashBytes));
    QString ram = bothFormats(s.ramRuleFp32.peakBytes, s.ramRuleInt8.peakBytes);
    if (!s.ramRuleFp32.peakLayer.empty())
        ram += tr(", peak at layer %1").arg(QString::fromStdString(s.ramRuleFp32.peakLayer));
    values_[RamRuleLine]->setText(ram);
    values_[PlannerLine]->setText(bothFormats(s.plannerFp32.peakBytes, s.plannerInt8.peakBytes));

    int errors = 0;
    int warnings = 0;
    QStringList details;
    for (const auto& d : s.diagnostics) {
        if (d.severity == Severity::Info)
            continue;
        (d.severity == Severity::Error ? errors : warnings) += 1;
        details << QString::fromStdString(d.toString());
    }
    if (details.isEmpty()) {
        values_[IssuesLine]->setText(tr("none"));
    } else {
        QStringList counts;
        if (errors > 0)
            counts << counted(errors, tr("1 error"), tr("%1 errors"));
        if (warnings > 0)
            counts << counted(warnings, tr("1 warning"), tr("%1 warnings"));
        // The first problem in full, the others in the tooltip, so a long list does not push
        // the table out of the window.
        values_[IssuesLine]->setText(counts.join(QStringLiteral(", ")) + QStringLiteral(": ") +
                                     details.front());
    }
    values_[IssuesLine]->setToolTip(details.join(QLatin1Char('\n')));
}

} // namespace zipcnn::gui
