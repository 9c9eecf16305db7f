// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TargetCatalogModel.h"

#include "common/Formatting.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"

#include <QUndoStack>
#include <algorithm>

namespace zipcnn::gui {

namespace {} // namespace

QString basisText(McuBasis basis) {
    switch (basis) {
    case McuBasis::Measured:
        return TargetCatalogModel::tr("measured");
    case McuBasis::Benchmark:
        return TargetCatalogModel::tr("benchmark");
    case McuBasis::Datasheet:
        return TargetCatalogModel::tr("datasheet");
    case McuBasis::UserDatasheet:
        return TargetCatalogModel::tr("datasheet (user)");
    case McuBasis::UserCalibrated:
        return TargetCatalogModel::tr("calibrated (user)");
    }
    return {};
}

QString basisExplanation(McuBasis basis) {
    switch (basis) {
    case McuBasis::Measured:
        return TargetCatalogModel::tr("look-up tables measured on this MCU (the thesis)");
    case McuBasis::Benchmark:
        return TargetCatalogModel::tr(
            "runtime calibrated on published benchmark results of a board with this MCU");
    case McuBasis::Datasheet:
        return TargetCatalogModel::tr("runtime calibrated on other MCUs of the same core; this "
                                      "MCU from its datasheet facts only");
    case McuBasis::UserDatasheet:
        return TargetCatalogModel::tr("an MCU you added from its datasheet; the runtime calibrated "
                                      "on other MCUs of the same core");
    case McuBasis::UserCalibrated:
        return TargetCatalogModel::tr("runtime calibrated on your own measurements of this MCU");
    }
    return {};
}

QString expectedErrorText(const TargetConfidence& c) {
    if (!c.expectedErrorPct)
        return TargetCatalogModel::tr("unknown");
    return QStringLiteral("±%1 %").arg(*c.expectedErrorPct, 0, 'f', 1);
}

TargetCatalogModel::TargetCatalogModel(ProjectDocument* document, const Catalogs* catalogs,
                                       QObject* parent)
    : QAbstractTableModel(parent), document_(document), catalogs_(catalogs),
      rows_(availableTargets(*catalogs)) {
    refreshCandidates();
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if (kind != ProjectDocument::ChangeKind::Targets &&
            kind != ProjectDocument::ChangeKind::Reset)
            return;
        refreshCandidates();
        if (rowCount() > 0)
            emit dataChanged(index(0, Name), index(rowCount() - 1, Name), {Qt::CheckStateRole});
    });
}

void TargetCatalogModel::setCatalogs(const Catalogs* catalogs) {
    beginResetModel();
    catalogs_ = catalogs;
    rows_ = availableTargets(*catalogs);
    refreshCandidates();
    endResetModel();
}

void TargetCatalogModel::refreshCandidates() {
    // Resolved once per change of the targets, not on every repaint of a check box.
    candidateOfRow_.assign(rows_.size(), -1);
    const auto& specs = document_->project().targets;
    for (std::size_t i = 0; i < specs.size(); ++i)
        if (const int row = rowOf(specs[i]); row >= 0)
            candidateOfRow_[static_cast<std::size_t>(row)] = static_cast<int>(i);
}

int TargetCatalogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TargetCatalogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

int TargetCatalogModel::rowOf(const TargetSpec& spec) const {
    auto resolved = resolveTarget(spec, *catalogs_);
    if (!resolved)
        return -1;
    for (std::size_t r = 0; r < rows_.size(); ++r)
        if (rows_[r].mcu == resolved->mcu && rows_[r].runtimeId() == resolved->runtimeId())
            return static_cast<int>(r);
    return -1;
}

const TargetSpec* TargetCatalogModel::candidate(const CostTarget& target) const {
    const auto row = static_cast<std::size_t>(&target - rows_.data());
    const auto& specs = document_->project().targets;
    const int i = row < candidateOfRow_.size() ? candidateOfRow_[row] : -1;
    return i >= 0 && static_cast<std::size_t>(i) < specs.size()
               ? &specs[static_cast<std::size_t>(i)]
               : nullptr;
}

QVariant TargetCatalogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CostTarget& t = targetAt(index.row());
    if (role == Qt::CheckStateRole && index.column() == Name)
        return candidate(t) ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::TextAlignmentRole &&
        (index.column() == Flash || index.column() == Sram || index.column() == Error))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        QString tip;
        if (t.lut) {
            tip = tr("%1: %2, %3\nthesis-c: the thesis's C kernels, costed from look-up tables "
                     "measured on this MCU (%4)\nSupply %5 V")
                      .arg(qs(t.mcu), qs(t.lut->core), qs(t.lut->fpu), qs(t.lut->file))
                      .arg(t.lut->supplyV);
            if (t.lut->calibration)
                tip += tr("\nCalibrated on %1").arg(qs(t.lut->calibration->source));
        } else {
            tip = tr("%1: %2 (%3)\n%4 %5, costed per kernel class on %6")
                      .arg(qs(t.mcu), qs(t.facts->core), qs(t.facts->vendor), qs(t.runtime->name),
                           qs(t.runtime->version), qs(t.facts->coreFamily));
            if (!t.facts->current)
                tip += tr("\nNo current model for this MCU: latency only, no energy or power");
        }
        tip += tr("\nBasis: %1 (%2)")
                   .arg(basisText(t.confidence.basis), basisExplanation(t.confidence.basis));
        if (t.confidence.expectedErrorPct)
            tip += tr("\nExpected latency error %1: %2")
                       .arg(expectedErrorText(t.confidence), qs(t.confidence.how));
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return qs(t.mcu);
    case Runtime:
        return qs(t.runtimeId());
    case Core:
        return t.lut ? qs(t.lut->core) : qs(t.facts->coreFamily);
    case Flash:
        return QStringLiteral("%1 KiB").arg(formatCount(t.flashKib));
    case Sram:
        return QStringLiteral("%1 KiB").arg(formatCount(t.sramKib));
    case Clocks:
        return formatMhzRange(t.freqMinMhz, t.freqMaxMhz);
    case Basis:
        return basisText(t.confidence.basis);
    case Error:
        return expectedErrorText(t.confidence);
    default:
        return {};
    }
}

bool TargetCatalogModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != Name ||
        role != Qt::CheckStateRole)
        return false;
    const bool tick = value.toInt() == Qt::Checked;
    const CostTarget& t = targetAt(index.row());
    const TargetSpec* current = candidate(t);
    if (tick == (current != nullptr))
        return true;
    // The candidates keep their order (the feasibility table's columns); a new one goes last.
    std::vector<TargetSpec> next = document_->project().targets;
    if (tick) {
        next.push_back({t.mcu, t.runtimeId()});
    } else {
        const TargetSpec drop = *current;
        next.erase(std::remove(next.begin(), next.end(), drop), next.end());
    }
    document_->undoStack()->push(new SetTargetsCommand(document_, std::move(next)));
    return true;
}

Qt::ItemFlags TargetCatalogModel::flags(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Name)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant TargetCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Error)
        return tr("Expected latency error of this runtime on this MCU: the cross-validated "
                  "error of its calibration (leave one network out), widened for an MCU it was "
                  "not calibrated on");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("MCU");
    case Runtime:
        return tr("Runtime");
    case Core:
        return tr("Core");
    case Flash:
        return tr("Flash");
    case Sram:
        return tr("SRAM");
    case Clocks:
        return tr("Clock range");
    case Basis:
        return tr("Basis");
    case Error:
        return tr("Expected error");
    default:
        return {};
    }
}

} // namespace zipcnn::gui
