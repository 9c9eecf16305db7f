// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QTableView;

namespace zipcnn::gui {

class McuCatalogModel;

/// The MCU catalogue with its memories, clock ranges and LUT sources; tick the candidates.
class TargetsPanel : public QWidget {
    Q_OBJECT

public:
    explicit TargetsPanel(McuCatalogModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return view_; }

private:
    QTableView* view_;
};

} // namespace zipcnn::gui
