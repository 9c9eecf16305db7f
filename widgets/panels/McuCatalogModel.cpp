// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/McuCatalogModel.h"

#include "common/Formatting.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"

#include <QUndoStack>
#include <algorithm>

namespace zipcnn::gui {

McuCatalogModel::McuCatalogModel(ProjectDocument* document, const McuCatalog* catalog,
                                 QObject* parent)
    : QAbstractTableModel(parent), document_(document) {
    rows_ = displayOrder(*catalog);
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if ((kind == ProjectDocument::ChangeKind::Targets ||
             kind == ProjectDocument::ChangeKind::Reset) &&
            rowCount() > 0)
            emit dataChanged(index(0, Name), index(rowCount() - 1, Name), {Qt::CheckStateRole});
    });
}

std::vector<const McuProfile*> McuCatalogModel::displayOrder(const McuCatalog& catalog) {
    std::vector<const McuProfile*> rows;
    for (const McuProfile& mcu : catalog.mcus)
        rows.push_back(&mcu);
    std::stable_sort(rows.begin(), rows.end(), [](const McuProfile* a, const McuProfile* b) {
        return a->calibration.has_value() > b->calibration.has_value();
    });
    return rows;
}

QStringList McuCatalogModel::names() const {
    QStringList out;
    for (const McuProfile* mcu : rows_)
        out << QString::fromStdString(mcu->name);
    return out;
}

int McuCatalogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int McuCatalogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

bool McuCatalogModel::isCandidate(const McuProfile& mcu) const {
    const auto& mcus = document_->project().mcus;
    return std::find(mcus.begin(), mcus.end(), mcu.name) != mcus.end();
}

QVariant McuCatalogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const McuProfile& mcu = mcuAt(index.row());
    if (role == Qt::CheckStateRole && index.column() == Name)
        return isCandidate(mcu) ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::TextAlignmentRole && (index.column() == Flash || index.column() == Sram))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        QString tip = tr("%1: %2, %3\nLUT: %4\nRuntime assumed: %5\nSupply %6 V")
                          .arg(QString::fromStdString(mcu.name), QString::fromStdString(mcu.core),
                               QString::fromStdString(mcu.fpu), QString::fromStdString(mcu.file),
                               QString::fromStdString(mcu.runtime))
                          .arg(mcu.supplyV);
        if (mcu.calibration)
            tip += tr("\nCalibrated on %1").arg(QString::fromStdString(mcu.calibration->source));
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return QString::fromStdString(mcu.name);
    case Core:
        return QString::fromStdString(mcu.core);
    case Flash:
        return QStringLiteral("%1 KiB").arg(formatCount(mcu.flashKib));
    case Sram:
        return QStringLiteral("%1 KiB").arg(formatCount(mcu.sramKib));
    case Clocks:
        return formatMhzRange(mcu.freqMinMhz, mcu.freqMaxMhz);
    case Calibrated:
        return mcu.calibration ? tr("measured") : tr("op LUT only");
    case Source:
        return QString::fromStdString(mcu.source());
    default:
        return {};
    }
}

bool McuCatalogModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != Name ||
        role != Qt::CheckStateRole)
        return false;
    const bool tick = value.toInt() == Qt::Checked;
    const McuProfile& mcu = mcuAt(index.row());
    if (tick == isCandidate(mcu))
        return true;
    // The candidates keep their order (the feasibility table's columns); a new one goes last.
    std::vector<std::string> next = document_->project().mcus;
    if (tick)
        next.push_back(mcu.name);
    else
        next.erase(std::remove(next.begin(), next.end(), mcu.name), next.end());
    document_->undoStack()->push(new SetTargetsCommand(document_, std::move(next)));
    return true;
}

Qt::ItemFlags McuCatalogModel::flags(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Name)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant McuCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("MCU");
    case Core:
        return tr("Core");
    case Flash:
        return tr("Flash");
    case Sram:
        return tr("SRAM");
    case Clocks:
        return tr("Clock range");
    case Calibrated:
        return tr("Cost model");
    case Source:
        return tr("LUT source");
    default:
        return {};
    }
}

} // namespace zipcnn::gui
