// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/LayerType.h"

#include <QToolButton>

class QMenu;

namespace zipcnn::gui {

/// The layer kinds a user can add, as a tool button with a menu grouped by family
/// (convolution, pooling, merge...). It only reports the choice; the graph view inserts the
/// layer.
class LayerPalette : public QToolButton {
    Q_OBJECT

public:
    explicit LayerPalette(QWidget* parent = nullptr);

    /// The menu of layer kinds; each action's data is the `LayerType` as an int and its object
    /// name the type's Keras name ("Conv2D").
    QMenu* typeMenu() const { return menu_; }
    /// The action that adds `type`.
    QAction* actionFor(LayerType type) const;

signals:
    void layerTypeChosen(zipcnn::LayerType type);

private:
    QMenu* menu_;
};

} // namespace zipcnn::gui
