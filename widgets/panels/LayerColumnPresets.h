// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QComboBox>

class QTableView;

namespace zipcnn::gui {

/// Which columns of the layer table are on show: a 150-layer network in a docked tab has room
/// for three or four columns, so the user picks the question (shapes, size, memory, cost)
/// rather than scrolling sideways. The header's context menu still toggles any column.
class LayerColumnPresets : public QComboBox {
    Q_OBJECT

public:
    enum Preset { Shapes, Size, Memory, All, PresetCount };

    /// Drives `view`, whose model has LayerTableModel's columns; starts on `Shapes`.
    explicit LayerColumnPresets(QTableView* view, QWidget* parent = nullptr);

    /// The LayerTableModel columns `preset` shows (the name always).
    static QList<int> columnsOf(Preset preset);
    void apply(Preset preset);

private:
    QTableView* view_;
};

} // namespace zipcnn::gui
