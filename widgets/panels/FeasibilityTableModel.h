// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Exploration.h"
#include "explore/Feasibility.h"

#include <QAbstractTableModel>
#include <memory>

namespace zipcnn::gui {

/// The feasibility table: a row per variant, a column per candidate MCU; each cell says whether
/// the variant fits the MCU under the constraints, over which clock range, and at which clock
/// the energy is least, or which constraint fails and by how much.
class FeasibilityTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    /// Extra roles: the cell's variant and MCU indexes (int), and whether it is feasible (bool).
    enum Role { VariantRole = Qt::UserRole + 1, McuRole, FeasibleRole, MinEnergyFreqRole };

    explicit FeasibilityTableModel(QObject* parent = nullptr);

    void setExploration(std::shared_ptr<const Exploration> exploration);
    const Exploration* exploration() const { return exploration_.get(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// The cell's text: "fits 16 - 80 MHz, least energy at 48 MHz (0.42 mJ)" or
    /// "no: Flash +35 %, RAM +12 %".
    QString cellText(std::size_t variant, std::size_t mcu) const;
    /// What the cell shows: a verdict mark and the feasible range ("✓ 16 - 80 MHz"), or the
    /// failing constraint that matters most (Flash or RAM first, then the largest excess) and
    /// how many more ("✗ Flash +63 % (+1)"); short enough not to
    /// be cut in the default layout. The full text is `cellText` (tooltip, copy, report).
    QString compactText(std::size_t variant, std::size_t mcu) const;
    /// The cell's tool tip: every reason in full.
    QString cellDetails(std::size_t variant, std::size_t mcu) const;

private:
    std::shared_ptr<const Exploration> exploration_;
};

/// "Flash", "RAM", "latency"... as the table shows a constraint's name.
QString constraintLabel(const std::string& constraint);
/// "Flash +35 %" for a violation at its best clock.
QString violationLabel(const Violation& v);

} // namespace zipcnn::gui
