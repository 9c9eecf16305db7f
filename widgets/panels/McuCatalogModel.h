// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/McuCatalog.h"

#include <QAbstractTableModel>

namespace zipcnn::gui {

class ProjectDocument;

/// The MCU catalogue as a table with a check box per MCU: ticked MCUs are the project's
/// candidates. Measured (calibrated) profiles come first. Ticking pushes an undo command.
class McuCatalogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Core, Flash, Sram, Clocks, Calibrated, Source, ColumnCount };

    McuCatalogModel(ProjectDocument* document, const McuCatalog* catalog,
                    QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const McuProfile& mcuAt(int row) const { return *rows_[static_cast<std::size_t>(row)]; }
    /// The catalogue's MCU names in display order (the order that sets chart colours).
    QStringList names() const;
    /// The display order: measured (calibrated) profiles first, then by name. Charts colour
    /// an MCU by its place in it, in the window and in the report alike.
    static std::vector<const McuProfile*> displayOrder(const McuCatalog& catalog);

private:
    bool isCandidate(const McuProfile& mcu) const;

    ProjectDocument* document_;
    std::vector<const McuProfile*> rows_;
};

} // namespace zipcnn::gui
