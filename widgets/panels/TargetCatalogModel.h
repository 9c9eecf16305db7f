// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Targets.h"

#include <QAbstractTableModel>

namespace zipcnn::gui {

class ProjectDocument;

/// Every target the catalogues offer, an (MCU, runtime) pair a row, with a check box: ticked
/// rows are the project's candidates. The thesis's measured MCUs come first (under thesis-c),
/// then each catalogue MCU under each runtime with cost data for its core. Ticking pushes an
/// undo command.
class TargetCatalogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Runtime, Core, Flash, Sram, Clocks, Basis, Error, ColumnCount };

    TargetCatalogModel(ProjectDocument* document, const Catalogs* catalogs,
                       QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// Lists the targets of `catalogs` instead (an MCU or a calibration was added).
    void setCatalogs(const Catalogs* catalogs);

    const CostTarget& targetAt(int row) const { return rows_[static_cast<std::size_t>(row)]; }
    /// The row of the target the project names `spec` (aliases resolved), or -1.
    int rowOf(const TargetSpec& spec) const;

private:
    /// The project's entry for the row's target, if it is a candidate.
    const TargetSpec* candidate(const CostTarget& target) const;
    /// Recomputes candidateOfRow_ from the project's targets.
    void refreshCandidates();

    ProjectDocument* document_;
    const Catalogs* catalogs_;
    std::vector<CostTarget> rows_;
    std::vector<int> candidateOfRow_; ///< per row: its index in the project's targets, or -1
};

/// "measured", "benchmark", "datasheet" as the window shows them, with what each means.
QString basisText(McuBasis basis);
QString basisExplanation(McuBasis basis);
/// "±9.7 %" or "unknown", and the tooltip saying where it comes from.
QString expectedErrorText(const TargetConfidence& c);

} // namespace zipcnn::gui
