// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/TargetsPanel.h"

#include "panels/TargetCatalogModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace zipcnn::gui {

TargetsPanel::TargetsPanel(TargetCatalogModel* model, QWidget* parent)
    : QWidget(parent), view_(new QTableView(this)) {
    view_->setObjectName(QStringLiteral("targetView"));
    // Some seventy (MCU, runtime) pairs: a filter on any column ("m7", "x-cube", "STM32U5").
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterKeyColumn(-1);
    auto* filter = new QLineEdit(this);
    filter->setObjectName(QStringLiteral("targetFilter"));
    filter->setPlaceholderText(tr("Filter targets: MCU, runtime, core, basis..."));
    filter->setClearButtonEnabled(true);
    connect(filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
    view_->setModel(proxy);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setWordWrap(false);
    view_->resizeColumnsToContents();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // Your own MCU, from its datasheet (Tools > Add MCU... as well).
    auto* add = new QPushButton(tr("Add MCU..."), this);
    add->setObjectName(QStringLiteral("addMcuButton"));
    add->setToolTip(tr("Add a microcontroller from its datasheet to the catalogue"));
    connect(add, &QPushButton::clicked, this, &TargetsPanel::addMcuRequested);
    auto* row = new QHBoxLayout;
    row->addWidget(filter, 1);
    row->addWidget(add);
    layout->addLayout(row);
    layout->addWidget(view_);
    if (model->rowCount() == 0) {
        auto* empty =
            new QLabel(tr("No MCU look-up table, MCU catalogue or runtime profile was found. Put "
                          "LUT files in a folder named by the ZIPCNN_LUT_PATH environment "
                          "variable, or reinstall the package."),
                       this);
        empty->setWordWrap(true);
        layout->addWidget(empty);
    }
}

} // namespace zipcnn::gui
