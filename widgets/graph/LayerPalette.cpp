// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/LayerPalette.h"

#include "model/LayerCatalog.h"

#include <QMenu>
#include <algorithm>
#include <set>

namespace zipcnn::gui {

namespace {

/// The sections in menu order; which kind belongs to which is the catalogue's `family`
/// (model/LayerCatalog.h). A family not listed here goes under "Other".
const char* const kFamilies[] = {
    QT_TRANSLATE_NOOP("LayerPalette", "Convolution"),
    QT_TRANSLATE_NOOP("LayerPalette", "Dense"),
    QT_TRANSLATE_NOOP("LayerPalette", "Pooling"),
    QT_TRANSLATE_NOOP("LayerPalette", "Normalisation and activation"),
    QT_TRANSLATE_NOOP("LayerPalette", "Merge"),
    QT_TRANSLATE_NOOP("LayerPalette", "Shape"),
    QT_TRANSLATE_NOOP("LayerPalette", "Input"),
};

} // namespace

LayerPalette::LayerPalette(QWidget* parent) : QToolButton(parent), menu_(new QMenu(this)) {
    setText(tr("Add layer \u25be"));
    // The arrow is in the text: the style's indicator would overlap it in a tool bar.
    setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; }"));
    setToolTip(tr("Add a layer after the selected one, between it and its consumers"));
    setPopupMode(InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setMenu(menu_);

    std::set<LayerType> listed;
    auto addType = [this, &listed](LayerType t) {
        const QString name = QString::fromUtf8(layerTypeName(t).data(),
                                               static_cast<qsizetype>(layerTypeName(t).size()));
        QAction* a = menu_->addAction(name);
        a->setObjectName(name);
        a->setData(static_cast<int>(t));
        connect(a, &QAction::triggered, this, [this, t] { emit layerTypeChosen(t); });
        listed.insert(t);
    };
    for (const char* family : kFamilies) {
        menu_->addSection(tr(family));
        for (const LayerKind& k : layerCatalog())
            if (k.addable && k.family == family)
                addType(k.type);
    }
    // A kind the core learns later still gets a place.
    bool other = false;
    for (const LayerKind& k : layerCatalog())
        if (k.addable && !listed.count(k.type)) {
            if (!other)
                menu_->addSection(tr("Other"));
            other = true;
            addType(k.type);
        }
}

QAction* LayerPalette::actionFor(LayerType type) const {
    const auto actions = menu_->actions();
    auto it = std::find_if(actions.begin(), actions.end(), [type](QAction* a) {
        return !a->isSeparator() && a->data().isValid() && a->data().toInt() == int(type);
    });
    return it == actions.end() ? nullptr : *it;
}

} // namespace zipcnn::gui
