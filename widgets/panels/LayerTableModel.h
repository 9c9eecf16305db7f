// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/ProjectDocument.h"

#include <QAbstractTableModel>

namespace zipcnn::gui {

/// The layers of the document's network, one row per layer in network order, with what the
/// analysis learned about each. The name and the width (filters/units) are editable; edits
/// become undo commands on the document's stack.
class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        TypeColumn,
        OutputColumn,
        WidthColumn, ///< filters of a convolution, units of a dense layer
        ParamsColumn,
        MacsColumn,
        RamColumn, ///< thesis-rule RAM of a compute layer, FP32 bytes
        PrimitivesColumn,
        ColumnCount
    };

    enum Role {
        /// The raw value behind a cell (a number for numeric columns), for sorting proxies.
        SortRole = Qt::UserRole + 1,
    };

    explicit LayerTableModel(ProjectDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    /// The row of the layer called `name`, or -1.
    int rowOfLayer(const QString& name) const;

private:
    void documentChanged(ProjectDocument::ChangeKind kind);
    QVariant displayData(std::size_t row, int column) const;
    QVariant sortData(std::size_t row, int column) const;
    QString toolTip(std::size_t row) const;

    ProjectDocument* document_;
    // The row count the views were last told about: the network changes before the model
    // hears of it, and between the two the model must keep answering with the old count.
    int rows_ = 0;
};

} // namespace zipcnn::gui
