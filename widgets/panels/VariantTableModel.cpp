// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/VariantTableModel.h"

#include "common/VariantLabel.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"

#include <QUndoStack>

namespace zipcnn::gui {

VariantTableModel::VariantTableModel(ProjectDocument* document, QObject* parent)
    : QAbstractTableModel(parent), document_(document) {
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        using Kind = ProjectDocument::ChangeKind;
        if (kind == Kind::Variants || kind == Kind::Reset) {
            // Rows may have come or gone.
            beginResetModel();
            endResetModel();
        } else if (kind == Kind::VariantDisplay && rowCount() > 0) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        }
        // The accuracy column is headed by the project's metric, which may have been renamed.
        if (kind == Kind::VariantDisplay || kind == Kind::Reset)
            emit headerDataChanged(Qt::Horizontal, Accuracy, Accuracy);
    });
}

int VariantTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(document_->project().variants.size());
}

int VariantTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VariantTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const VariantSpec& v = document_->project().variants[static_cast<std::size_t>(index.row())];
    if (role == Qt::CheckStateRole && index.column() == Name)
        return v.visible ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ToolTipRole)
        return variantDescription(v);
    if (role == Qt::TextAlignmentRole && (index.column() == Pruning || index.column() == Accuracy))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Name:
        return variantLabel(v);
    case Format:
        return QString::fromLatin1(dtypeName(v.dtype).data(),
                                   static_cast<int>(dtypeName(v.dtype).size()))
            .toUpper();
    case Pruning:
        if (role == Qt::EditRole)
            return v.prune * 100.0;
        return v.prune > 0.0 ? QStringLiteral("%1 %").arg(v.prune * 100.0, 0, 'g', 3)
                             : QStringLiteral("-");
    case Student: {
        const QString student = studentDescription(v.student);
        return student.isEmpty() ? QStringLiteral("-") : student;
    }
    case Accuracy:
        if (!v.accuracyPct)
            return role == Qt::EditRole ? QVariant(QString()) : QVariant(QStringLiteral("-"));
        return role == Qt::EditRole ? QVariant(*v.accuracyPct)
                                    : QVariant(QStringLiteral("%1 %").arg(*v.accuracyPct));
    default:
        return {};
    }
}

bool VariantTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    const auto row = static_cast<std::size_t>(index.row());
    VariantSpec v = document_->project().variants[row];
    QString text;
    if (role == Qt::CheckStateRole && index.column() == Name) {
        v.visible = value.toInt() == Qt::Checked;
        text = v.visible ? tr("Show %1") : tr("Hide %1");
    } else if (role == Qt::EditRole) {
        switch (index.column()) {
        case Name: {
            const QString name = value.toString().trimmed();
            if (name.isEmpty())
                return false;
            v.name = name.toStdString();
            text = tr("Rename variant %1");
            break;
        }
        case Format: {
            const auto dtype = dtypeFromName(value.toString().trimmed().toLower().toStdString());
            if (!dtype)
                return false;
            v.dtype = *dtype;
            text = tr("Change format of %1");
            break;
        }
        case Pruning: {
            bool ok = false;
            const double pct = value.toString().remove(QLatin1Char('%')).trimmed().toDouble(&ok);
            if (!ok || pct < 0.0 || pct >= 100.0)
                return false;
            v.prune = pct / 100.0;
            text = tr("Change pruning of %1");
            break;
        }
        case Accuracy: {
            const QString s = value.toString().remove(QLatin1Char('%')).trimmed();
            if (s.isEmpty()) {
                v.accuracyPct.reset();
            } else {
                bool ok = false;
                const double pct = s.toDouble(&ok);
                if (!ok || pct < 0.0 || pct > 100.0)
                    return false;
                v.accuracyPct = pct;
            }
            text = tr("Set accuracy of %1");
            break;
        }
        default:
            return false;
        }
    } else {
        return false;
    }
    if (v == document_->project().variants[row])
        return true;
    document_->undoStack()->push(
        new SetVariantCommand(document_, row, v, text.arg(variantLabel(v))));
    return true;
}

Qt::ItemFlags VariantTableModel::flags(const QModelIndex& index) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Name)
        f |= Qt::ItemIsUserCheckable;
    if (index.column() != Student)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant VariantTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Name)
        return tr("Tick to show the variant on the charts");
    if (role == Qt::ToolTipRole && section == Accuracy)
        return tr("Accuracy you measured for this variant, as %1 (the cost model does not "
                  "predict it); empty when not measured")
            .arg(QString::fromStdString(document_->project().accuracyMetric));
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Variant");
    case Format:
        return tr("Format");
    case Pruning:
        return tr("Pruning");
    case Student:
        return tr("Student");
    case Accuracy:
        return QString::fromStdString(document_->project().accuracyMetric);
    default:
        return {};
    }
}

} // namespace zipcnn::gui
