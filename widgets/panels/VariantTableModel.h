// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace zipcnn::gui {

class ProjectDocument;

/// The project's variants: shown on the charts or not, name, format, pruning rate, student and
/// the accuracy the user entered. Edits push undo commands.
class VariantTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Format, Pruning, Student, Accuracy, ColumnCount };

    explicit VariantTableModel(ProjectDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    ProjectDocument* document_;
};

} // namespace zipcnn::gui
