// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/FocusPanel.h"

#include "base/HumanUnits.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "explore/EstimateConfidence.h"
#include "explore/Feasibility.h"
#include "panels/FeasibilityTableModel.h"

#include <cmath>

namespace zipcnn::gui {

namespace {

QString escapedText(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped();
}

/// The point of `cell` at `freqMhz` (the nearest clock of the sweep).
const SweepPoint* pointAt(const SweepCell& cell, double freqMhz) {
    const SweepPoint* best = nullptr;
    for (const SweepPoint& p : cell.points)
        if (!best || std::fabs(p.cost.freqMhz - freqMhz) < std::fabs(best->cost.freqMhz - freqMhz))
            best = &p;
    return best;
}

QString budgetLine(const QString& what, std::int64_t used, int capacityKib, double reserveKib) {
    const double availableKib = capacityKib - reserveKib;
    const double usedKib = static_cast<double>(used) / 1024.0;
    const bool fits = usedKib <= availableKib;
    return FocusPanel::tr("%1 %2 of %3 available (%4 KiB on the chip, %5 KiB reserved)%6")
        .arg(what, QString::fromStdString(humanBytes(used)),
             availableKib > 0 ? QString::fromStdString(
                                    humanBytes(static_cast<std::int64_t>(availableKib * 1024.0)))
                              : FocusPanel::tr("nothing"))
        .arg(capacityKib)
        .arg(formatNumber(reserveKib))
        .arg(fits ? QString() : FocusPanel::tr(" <b>does not fit</b>"));
}

} // namespace

FocusPanel::FocusPanel(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("focusPanel"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setMargin(4);
    setText(tr("Click a cell of the table to see its answer in full."));
}

void FocusPanel::showFocus(const std::shared_ptr<const Exploration>& exploration,
                           const std::optional<ExplorationFocus>& focus) {
    if (!exploration || !focus || focus->variant >= exploration->variantCount() ||
        focus->mcu >= exploration->targetCount()) {
        setText(tr("Click a cell of the table to see its answer in full."));
        return;
    }
    setText(focusHtml(*exploration, *focus));
}

QString FocusPanel::deviceLine(const SweepCell& cell, const SweepPoint& p) {
    if (!p.device)
        return tr("Battery: no estimate (no energy at this clock)");
    const DeviceEstimate& d = *p.device;
    if (!d.ok)
        return tr("Battery: %1").arg(escapedText(d.why));
    QString line = tr("Battery: %1, average %2 (the inference is %3 % of the energy per period)")
                       .arg(escapedText(batteryLifeText(d.batteryLifeH)),
                            QString::fromStdString(humanCurrent(d.avgCurrentMa)))
                       .arg(100.0 * d.cnnShare(), 0, 'f', d.cnnShare() < 0.1 ? 1 : 0);
    if (cell.longestLifeFreqMhz && *cell.longestLifeFreqMhz != p.cost.freqMhz)
        line += tr("; longest life %1 at %2")
                    .arg(escapedText(batteryLifeText(cell.longestLifeH)),
                         formatMhz(*cell.longestLifeFreqMhz));
    else if (cell.longestLifeFreqMhz)
        line += tr(" (the longest-life clock)");
    return line;
}

QString FocusPanel::focusHtml(const Exploration& e, const ExplorationFocus& focus) {
    const CostVariant& variant = e.variant(focus.variant);
    const CostTarget& target = e.targets[focus.mcu];
    const SweepCell& cell = e.cell(focus.variant, focus.mcu);
    QStringList lines;
    QString head =
        tr("<b>%1</b> on <b>%2</b>: ")
            .arg(variantLabel(e.specs[focus.variant]).toHtmlEscaped(), escapedText(target.name));
    if (!variant.usable()) {
        lines << head + tr("<span style='color:#d62728'>cannot be costed</span>");
        for (const Diagnostic& d : variant.diagnostics)
            if (d.severity == Severity::Error)
                lines << escapedText(d.message);
        return lines.join(QStringLiteral("<br>"));
    }
    if (cell.points.empty()) {
        lines << head + tr("not run by this runtime") +
                     (cell.note.empty() ? QString()
                                        : QStringLiteral(" (") + escapedText(cell.note) + ")");
        return lines.join(QStringLiteral("<br>"));
    }
    if (cell.feasible()) {
        head += tr("<span style='color:#2ca02c'>✓ fits</span> at %1")
                    .arg(escapedText(feasibleRangesText(cell)));
    } else {
        QStringList why;
        for (const Violation& v : cell.failing)
            why << violationLabel(v).toHtmlEscaped();
        head += tr("<span style='color:#d62728'>✗ does not fit</span>: %1 (at the clock where "
                   "each fails least)")
                    .arg(why.join(QStringLiteral(", ")));
    }
    lines << head;
    const double freq = focus.freqMhz.value_or(cell.minEnergyFreqMhz.value_or(target.freqMaxMhz));
    if (const SweepPoint* p = pointAt(cell, freq); p && p->cost.ok) {
        QString at = tr("At %1%2: latency %3")
                         .arg(formatMhz(p->cost.freqMhz),
                              cell.minEnergyFreqMhz && *cell.minEnergyFreqMhz == p->cost.freqMhz
                                  ? tr(" (least energy)")
                                  : QString(),
                              QString::fromStdString(humanDuration(p->cost.latencyMs)));
        if (p->cost.hasEnergy)
            at += tr(", energy %1, power %2")
                      .arg(QString::fromStdString(humanEnergy(p->cost.energyJ)),
                           QString::fromStdString(humanPower(p->cost.powerW)));
        else
            at += tr(" (no current model for this MCU: no energy or power)");
        lines << at;
        if (e.device)
            lines << deviceLine(cell, *p);
    }
    const Constraints& c = e.constraints;
    lines << budgetLine(tr("Flash"), variant.flashBytes, target.flashKib, c.flashReserveKib);
    lines << budgetLine(tr("RAM"), variantRamBytes(variant, target), target.sramKib,
                        c.ramReserveKib);
    const EstimateConfidence conf = estimateConfidence(variant, target, freq);
    lines << tr("Confidence: %1").arg(escapedText(conf.summary()));
    return lines.join(QStringLiteral("<br>"));
}

} // namespace zipcnn::gui
