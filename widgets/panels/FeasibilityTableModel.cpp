// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/FeasibilityTableModel.h"

#include "base/HumanUnits.h"
#include "charts/AbacusChartData.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "explore/EstimateConfidence.h"
#include "explore/Feasibility.h"
#include "panels/TargetCatalogModel.h"

#include <QBrush>
#include <QColor>

namespace zipcnn::gui {

QString constraintLabel(const std::string& constraint) {
    if (constraint == "flash")
        return FeasibilityTableModel::tr("Flash");
    if (constraint == "ram")
        return FeasibilityTableModel::tr("RAM");
    if (constraint == "latency")
        return FeasibilityTableModel::tr("latency");
    if (constraint == "energy")
        return FeasibilityTableModel::tr("energy");
    if (constraint == "power")
        return FeasibilityTableModel::tr("power");
    return QString::fromStdString(constraint);
}

QString violationLabel(const Violation& v) {
    // The device's constraints read as sentences: "battery 7.2 months, need 12".
    if (v.constraint == "period" || v.constraint == "battery")
        return QString::fromStdString(zipcnn::violationText(v));
    // No room at all (the reserve takes everything): a percentage of nothing means nothing.
    if (v.limit <= 0.0)
        return FeasibilityTableModel::tr("%1 +%2 %3 (none available)")
            .arg(constraintLabel(v.constraint), formatNumber(v.value),
                 v.constraint == "flash" || v.constraint == "ram" ? QStringLiteral("KiB")
                                                                  : QString());
    return QStringLiteral("%1 %2").arg(constraintLabel(v.constraint),
                                       QString::fromStdString(humanExcess(v.excessPct())));
}

FeasibilityTableModel::FeasibilityTableModel(QObject* parent) : QAbstractTableModel(parent) {}

namespace {

/// Whether two explorations have the same columns (a constraint moved, nothing else).
bool sameTargets(const Exploration& a, const Exploration& b) {
    if (a.targetCount() != b.targetCount())
        return false;
    for (std::size_t t = 0; t < a.targetCount(); ++t)
        if (a.targets[t].name != b.targets[t].name)
            return false;
    return true;
}

} // namespace

void FeasibilityTableModel::setExploration(std::shared_ptr<const Exploration> exploration) {
    const bool sameShape = exploration_ && exploration &&
                           exploration_->variantCount() == exploration->variantCount() &&
                           sameTargets(*exploration_, *exploration);
    if (sameShape) {
        // A constraint moved: same rows and columns, new contents.
        exploration_ = std::move(exploration);
        if (rowCount() > 0 && columnCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        emit headerDataChanged(Qt::Vertical, 0, std::max(0, rowCount() - 1));
        return;
    }
    beginResetModel();
    exploration_ = std::move(exploration);
    endResetModel();
}

int FeasibilityTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || !exploration_)
        return 0;
    return static_cast<int>(exploration_->variantCount());
}

int FeasibilityTableModel::columnCount(const QModelIndex& parent) const {
    if (parent.isValid() || !exploration_)
        return 0;
    return static_cast<int>(exploration_->targetCount());
}

QString FeasibilityTableModel::compactText(std::size_t v, std::size_t m) const {
    const CostVariant& variant = exploration_->variant(v);
    if (!variant.usable())
        return tr("✗ cannot be costed");
    const SweepCell& cell = exploration_->cell(v, m);
    if (cell.points.empty())
        return tr("not run");
    if (cell.feasible())
        return QStringLiteral("✓ ") + QString::fromStdString(feasibleRangesText(cell));
    if (cell.failing.empty())
        return QStringLiteral("✗");
    // Memory first: no clock fixes Flash or RAM; then the constraint missed by the most.
    auto memory = [](const Violation& x) {
        return x.constraint == "flash" || x.constraint == "ram";
    };
    const auto worst = std::max_element(cell.failing.begin(), cell.failing.end(),
                                        [&](const Violation& a, const Violation& b) {
                                            if (memory(a) != memory(b))
                                                return memory(b);
                                            return a.excessPct() < b.excessPct();
                                        });
    // A duty cycle that cannot be met is said in full in the tooltip; the cell stays short.
    QString text = worst->constraint == "period" ? tr("✗ longer than the period")
                                                 : QStringLiteral("✗ ") + violationLabel(*worst);
    if (cell.failing.size() > 1)
        text += QStringLiteral(" (+%1)").arg(cell.failing.size() - 1);
    return text;
}

QString FeasibilityTableModel::cellText(std::size_t v, std::size_t m) const {
    const CostVariant& variant = exploration_->variant(v);
    if (!variant.usable())
        return tr("cannot be costed");
    const SweepCell& cell = exploration_->cell(v, m);
    if (cell.points.empty())
        return cell.note.empty() ? tr("no clock to estimate") : tr("not run by this runtime");
    if (!cell.feasible()) {
        QStringList reasons;
        for (const Violation& viol : cell.failing)
            reasons << violationLabel(viol);
        return tr("no: %1").arg(reasons.join(QStringLiteral(", ")));
    }
    QString text = tr("fits %1").arg(QString::fromStdString(feasibleRangesText(cell)));
    if (cell.minEnergyFreqMhz)
        text += tr("; least energy at %1 (%2)")
                    .arg(formatMhz(*cell.minEnergyFreqMhz),
                         QString::fromStdString(humanEnergy(cell.minEnergyJ)));
    if (cell.longestLifeFreqMhz)
        text += tr("; longest battery life at %1 (%2)")
                    .arg(formatMhz(*cell.longestLifeFreqMhz),
                         QString::fromStdString(batteryLifeText(cell.longestLifeH)));
    return text;
}

QString FeasibilityTableModel::cellDetails(std::size_t v, std::size_t m) const {
    const CostVariant& variant = exploration_->variant(v);
    const CostTarget& mcu = exploration_->targets[m];
    QStringList lines;
    lines << QStringLiteral("%1 on %2")
                 .arg(variantLabel(exploration_->specs[v]), QString::fromStdString(mcu.name));
    if (!variant.usable()) {
        lines << tr("Basis: %1 (%2); expected latency error %3")
                     .arg(basisText(mcu.confidence.basis), basisExplanation(mcu.confidence.basis),
                          expectedErrorText(mcu.confidence));
        for (const Diagnostic& d : variant.diagnostics)
            if (d.severity == Severity::Error)
                lines << QString::fromStdString(d.toString());
        return lines.join(QLatin1Char('\n'));
    }
    // The confidence of this network on this target, at its least-energy clock (else its top).
    const SweepCell& confCell = exploration_->cell(v, m);
    const EstimateConfidence conf =
        estimateConfidence(variant, mcu, confCell.minEnergyFreqMhz.value_or(mcu.freqMaxMhz));
    lines << tr("Confidence: %1").arg(QString::fromStdString(conf.summary()));
    lines << QString::fromStdString(conf.details());
    const Constraints& c = exploration_->constraints;
    lines << tr("Flash %1 of %2 KiB available (%3 KiB reserved)")
                 .arg(formatKib(variant.flashBytes))
                 .arg(mcu.flashKib - c.flashReserveKib)
                 .arg(c.flashReserveKib);
    lines << tr("RAM %1 of %2 KiB available (%3 KiB reserved)")
                 .arg(formatKib(variantRamBytes(variant, mcu)))
                 .arg(mcu.sramKib - c.ramReserveKib)
                 .arg(c.ramReserveKib);
    const SweepCell& cell = exploration_->cell(v, m);
    if (!cell.note.empty())
        lines << QString::fromStdString(cell.note);
    if (cell.points.empty())
        return lines.join(QLatin1Char('\n'));
    if (cell.feasible()) {
        lines << tr("Feasible at %n clock(s) of the sweep", nullptr,
                    static_cast<int>(cell.feasibleFreqsMhz.size()));
    } else {
        for (const Violation& viol : cell.failing)
            lines << tr("%1: %2 against a limit of %3 at its best clock")
                         .arg(constraintLabel(viol.constraint), formatNumber(viol.value),
                              formatNumber(viol.limit));
    }
    if (cell.minEnergyFreqMhz)
        lines << tr("Least energy: %1 mJ at %2")
                     .arg(formatNumber(cell.minEnergyJ * 1e3), formatMhz(*cell.minEnergyFreqMhz));
    for (const Diagnostic& d : variant.diagnostics)
        if (d.severity == Severity::Warning)
            lines << QString::fromStdString(d.message);
    return lines.join(QLatin1Char('\n'));
}

QVariant FeasibilityTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto v = static_cast<std::size_t>(index.row());
    const auto m = static_cast<std::size_t>(index.column());
    const bool usable = exploration_->variant(v).usable();
    const SweepCell& cell = exploration_->cell(v, m);
    switch (role) {
    case Qt::DisplayRole:
        return compactText(v, m);
    case Qt::ToolTipRole:
        return cellText(v, m) + QStringLiteral("\n\n") + cellDetails(v, m);
    case Qt::BackgroundRole: {
        if (usable && cell.points.empty()) // not run by the target's runtime: no verdict
            return QBrush(QColor(128, 128, 128, 40));
        QColor colour =
            usable && cell.feasible() ? QColor(0x2c, 0xa0, 0x2c) : QColor(0xd6, 0x27, 0x28);
        colour.setAlpha(exploration_->specs[v].visible ? 60 : 25);
        return QBrush(colour);
    }
    case Qt::ForegroundRole:
        if (!exploration_->specs[v].visible)
            return QBrush(QColor(128, 128, 128));
        return {};
    case VariantRole:
        return index.row();
    case McuRole:
        return index.column();
    case FeasibleRole:
        return usable && cell.feasible();
    case MinEnergyFreqRole:
        return cell.minEnergyFreqMhz ? QVariant(*cell.minEnergyFreqMhz) : QVariant();
    default:
        return {};
    }
}

QVariant FeasibilityTableModel::headerData(int section, Qt::Orientation orientation,
                                           int role) const {
    if (!exploration_ || section < 0)
        return {};
    const auto s = static_cast<std::size_t>(section);
    if (orientation == Qt::Horizontal && s < exploration_->targetCount()) {
        const CostTarget& t = exploration_->targets[s];
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1\n%2").arg(QString::fromStdString(t.mcu),
                                                QString::fromStdString(t.runtimeId()));
        if (role == Qt::ToolTipRole)
            return tr("%1 under %2: %3 KiB Flash, %4 KiB SRAM\nBasis: %5 (%6)\nExpected "
                      "latency error %7%8")
                .arg(QString::fromStdString(t.mcu), QString::fromStdString(t.runtimeId()))
                .arg(t.flashKib)
                .arg(t.sramKib)
                .arg(basisText(t.confidence.basis), basisExplanation(t.confidence.basis),
                     expectedErrorText(t.confidence),
                     t.confidence.how.empty()
                         ? QString()
                         : QStringLiteral(": ") + QString::fromStdString(t.confidence.how));
    }
    if (orientation == Qt::Vertical && s < exploration_->variantCount()) {
        if (role == Qt::DisplayRole)
            return variantLabel(exploration_->specs[s]);
        if (role == Qt::ToolTipRole)
            return variantDescription(exploration_->specs[s]);
    }
    return {};
}

} // namespace zipcnn::gui
