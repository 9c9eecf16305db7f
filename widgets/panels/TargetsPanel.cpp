// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TargetsPanel.h"

#include "panels/McuCatalogModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace zipcnn::gui {

TargetsPanel::TargetsPanel(McuCatalogModel* model, QWidget* parent)
    : QWidget(parent), view_(new QTableView(this)) {
    view_->setObjectName(QStringLiteral("targetView"));
    view_->setModel(model);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setWordWrap(false);
    view_->resizeColumnsToContents();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_);
    if (model->rowCount() == 0) {
        auto* empty =
            new QLabel(tr("No MCU look-up table was found. Put LUT files in a folder named by the "
                          "ZIPCNN_LUT_PATH environment variable."),
                       this);
        empty->setWordWrap(true);
        layout->addWidget(empty);
    }
}

} // namespace zipcnn::gui
