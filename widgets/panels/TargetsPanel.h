// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QTableView;

namespace zipcnn::gui {

class TargetCatalogModel;

/// The targets the catalogues offer, (MCU, runtime) pairs with their memories, clock ranges,
/// basis and expected error, behind a filter; tick the candidates.
class TargetsPanel : public QWidget {
    Q_OBJECT

public:
    explicit TargetsPanel(TargetCatalogModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return view_; }

signals:
    /// The "Add MCU..." button: the window opens its dialog.
    void addMcuRequested();

private:
    QTableView* view_;
};

} // namespace zipcnn::gui
