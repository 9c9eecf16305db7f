// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/LayerColumnPresets.h"

#include "panels/LayerTableModel.h"

#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace zipcnn::gui {

using Col = LayerTableModel::Column;

LayerColumnPresets::LayerColumnPresets(QTableView* view, QWidget* parent)
    : QComboBox(parent), view_(view) {
    setObjectName(QStringLiteral("layerColumnPresets"));
    addItem(tr("Columns: type and shape"), Shapes);
    addItem(tr("Columns: size (parameters, MACs)"), Size);
    addItem(tr("Columns: memory (RAM, parameters)"), Memory);
    addItem(tr("Columns: all"), All);
    setToolTip(tr("Which columns the layer table shows; right-click its header for any column"));
    connect(this, &QComboBox::currentIndexChanged, this,
            [this](int i) { apply(static_cast<Preset>(itemData(i).toInt())); });

    // Any single column, from the header's context menu.
    QHeaderView* header = view_->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint& at) {
        QMenu menu;
        QAbstractItemModel* model = view_->model();
        for (int c = 1; c < model->columnCount(); ++c) {
            QAction* a = menu.addAction(model->headerData(c, Qt::Horizontal).toString());
            a->setCheckable(true);
            a->setChecked(!view_->isColumnHidden(c));
            connect(a, &QAction::toggled, this,
                    [this, c](bool on) { view_->setColumnHidden(c, !on); });
        }
        menu.exec(header->mapToGlobal(at));
    });
    apply(Shapes);
}

QList<int> LayerColumnPresets::columnsOf(Preset preset) {
    switch (preset) {
    case Shapes:
        return {Col::NameColumn, Col::TypeColumn, Col::OutputColumn, Col::WidthColumn};
    case Size:
        return {Col::NameColumn, Col::ParamsColumn, Col::MacsColumn, Col::PrimitivesColumn};
    case Memory:
        return {Col::NameColumn, Col::OutputColumn, Col::RamColumn, Col::ParamsColumn};
    case All:
    case PresetCount:
        break;
    }
    QList<int> all;
    for (int c = 0; c < Col::ColumnCount; ++c)
        all << c;
    return all;
}

void LayerColumnPresets::apply(Preset preset) {
    const QList<int> shown = columnsOf(preset);
    for (int c = 0; c < view_->model()->columnCount(); ++c)
        view_->setColumnHidden(c, !shown.contains(c));
    const int index = findData(preset);
    if (index != currentIndex())
        setCurrentIndex(index);
}

} // namespace zipcnn::gui
