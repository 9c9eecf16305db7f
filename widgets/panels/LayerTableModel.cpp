// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/LayerTableModel.h"

#include "common/Formatting.h"
#include "document/RenameLayerCommand.h"
#include "document/SetLayerWidthCommand.h"

#include <QBrush>
#include <QFont>
#include <QPalette>
#include <QUndoStack>

namespace zipcnn::gui {

LayerTableModel::LayerTableModel(ProjectDocument* document, QObject* parent)
    : QAbstractTableModel(parent), document_(document),
      rows_(static_cast<int>(document->project().network.size())) {
    connect(document_, &ProjectDocument::changed, this,
            [this](ProjectDocument::ChangeKind kind, const QString&) { documentChanged(kind); });
}

int LayerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows_;
}

int LayerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Layer");
        case TypeColumn:
            return tr("Type");
        case OutputColumn:
            return tr("Output");
        case WidthColumn:
            return tr("Filters/units");
        case ParamsColumn:
            return tr("Parameters");
        case MacsColumn:
            return tr("MACs");
        case RamColumn:
            return tr("RAM rule (B)");
        case PrimitivesColumn:
            return tr("Primitives");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case WidthColumn:
            return tr("Output channels of a convolution or outputs of a dense layer (editable)");
        case RamColumn:
            return tr("Thesis RAM rule, FP32: inputs + output of a compute layer, in bytes. "
                      "The layer setting the peak is in bold.");
        case PrimitivesColumn:
            return tr("The look-up-table primitives the layer decomposes into, with their "
                      "application counts");
        }
    } else if (role == Qt::TextAlignmentRole) {
        switch (section) {
        case WidthColumn:
        case ParamsColumn:
        case MacsColumn:
        case RamColumn:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
    }
    return {};
}

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const {
    // Views ask about the invalid index (the root); that is an answer, not a misuse.
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const auto& layers = document_->project().network.layers();
    const auto row = static_cast<std::size_t>(index.row());
    if (row >= layers.size())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    const Layer& layer = layers[row];
    if (index.column() == NameColumn ||
        (index.column() == WidthColumn && ProjectDocument::layerWidth(layer)))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid())
        return {};
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    if (row >= document_->project().network.size())
        return {};
    const NetworkSummary& s = document_->summary();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::EditRole:
        if (index.column() == NameColumn)
            return QString::fromStdString(document_->project().network.layers()[row].name);
        if (index.column() == WidthColumn)
            if (auto w = ProjectDocument::layerWidth(document_->project().network.layers()[row]))
                return *w;
        return {};
    case SortRole:
        return sortData(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row);
    case Qt::FontRole:
        if (s.ramPeakLayer() == row) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (s.layerHasError(row))
            return QBrush(Qt::red);
        return {};
    case Qt::TextAlignmentRole:
        return headerData(index.column(), Qt::Horizontal, role);
    }
    return {};
}

QVariant LayerTableModel::displayData(std::size_t row, int column) const {
    const Layer& layer = document_->project().network.layers()[row];
    const NetworkSummary& s = document_->summary();
    const LayerInfo* info = row < s.analysis.layers.size() ? &s.analysis.layers[row] : nullptr;
    const bool known = info && info->shapeKnown;
    switch (column) {
    case NameColumn:
        return QString::fromStdString(layer.name);
    case TypeColumn:
        return QString::fromStdString(std::string(layerTypeName(layer.type)));
    case OutputColumn:
        return known ? QString::fromStdString(info->outputShape.toString()) : QStringLiteral("?");
    case WidthColumn:
        if (auto w = ProjectDocument::layerWidth(layer))
            return formatCount(*w);
        return {};
    case ParamsColumn:
        return known ? formatCount(info->params) : QString();
    case MacsColumn:
        return known ? formatCount(info->macs) : QString();
    case RamColumn:
        if (const RamRuleLayer* r = s.ramRuleOf(row))
            return formatCount(r->bytes);
        return {};
    case PrimitivesColumn:
        if (const LayerPrimitives* p = s.primitivesOf(row))
            return formatPrimitives(*p);
        return {};
    }
    return {};
}

QVariant LayerTableModel::sortData(std::size_t row, int column) const {
    const NetworkSummary& s = document_->summary();
    const LayerInfo* info = row < s.analysis.layers.size() ? &s.analysis.layers[row] : nullptr;
    switch (column) {
    case WidthColumn:
        if (auto w = ProjectDocument::layerWidth(document_->project().network.layers()[row]))
            return *w;
        return {};
    case ParamsColumn:
        return info ? QVariant(static_cast<qlonglong>(info->params)) : QVariant();
    case MacsColumn:
        return info ? QVariant(static_cast<qlonglong>(info->macs)) : QVariant();
    case RamColumn:
        if (const RamRuleLayer* r = s.ramRuleOf(row))
            return static_cast<qlonglong>(r->bytes);
        return {};
    }
    return displayData(row, column);
}

QString LayerTableModel::toolTip(std::size_t row) const {
    const NetworkSummary& s = document_->summary();
    const std::string& name = document_->project().network.layers()[row].name;
    QStringList lines;
    for (const auto& d : s.diagnostics)
        if (d.layer == name && d.severity != Severity::Info)
            lines << QStringLiteral("%1: %2").arg(QString::fromLatin1(severityName(d.severity)),
                                                  QString::fromStdString(d.message));
    if (s.ramPeakLayer() == row)
        lines << tr("Sets the RAM peak of the thesis rule.");
    return lines.join(QLatin1Char('\n'));
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const auto& network = document_->project().network;
    if (static_cast<std::size_t>(index.row()) >= network.size())
        return false;
    const Layer& layer = network.layers()[static_cast<std::size_t>(index.row())];
    const QString name = QString::fromStdString(layer.name);
    if (index.column() == NameColumn) {
        const QString to = value.toString().trimmed();
        if (to.isEmpty() || to == name || network.indexOf(to.toStdString()))
            return false;
        document_->undoStack()->push(new RenameLayerCommand(document_, name, to));
        return true;
    }
    if (index.column() == WidthColumn) {
        const auto old = ProjectDocument::layerWidth(layer);
        bool ok = false;
        const int width = value.toInt(&ok);
        if (!old || !ok || width < 1 || width == *old)
            return false;
        document_->undoStack()->push(new SetLayerWidthCommand(document_, name, *old, width));
        return true;
    }
    return false;
}

int LayerTableModel::rowOfLayer(const QString& name) const {
    if (auto i = document_->project().network.indexOf(name.toStdString()))
        return static_cast<int>(*i);
    return -1;
}

void LayerTableModel::documentChanged(ProjectDocument::ChangeKind kind) {
    using Kind = ProjectDocument::ChangeKind;
    if (kind != Kind::Reset && kind != Kind::Network)
        return;
    const int rows = static_cast<int>(document_->project().network.size());
    if (kind == Kind::Reset || rows != rows_) {
        beginResetModel();
        rows_ = rows;
        endResetModel();
        return;
    }
    // An edit of one layer can change the shapes, counts and RAM of every layer downstream,
    // and move the RAM peak, so every cell is refreshed.
    if (rows_ > 0)
        emit dataChanged(index(0, 0), index(rows_ - 1, ColumnCount - 1));
}

} // namespace zipcnn::gui
