#include "graph/LayerPalette.h"

#include <QMenu>
#include <algorithm>
#include <set>

namespace zipcnn::gui {

namespace {

struct Family {
    const char* title;
    std::vector<LayerType> types;
};

const std::vector<Family>& families() {
    static const std::vector<Family> f = {
        {QT_TRANSLATE_NOOP("LayerPalette", "Convolution"),
         {LayerType::Conv2D, LayerType::DepthwiseConv2D, LayerType::SeparableConv2D}},
        {QT_TRANSLATE_NOOP("LayerPalette", "Dense"), {LayerType::Dense}},
        {QT_TRANSLATE_NOOP("LayerPalette", "Pooling"),
         {LayerType::MaxPooling2D, LayerType::AveragePooling2D, LayerType::GlobalAveragePooling2D,
          LayerType::GlobalMaxPooling2D}},
        {QT_TRANSLATE_NOOP("LayerPalette", "Normalisation and activation"),
         {LayerType::BatchNormalization, LayerType::Activation, LayerType::Dropout}},
        {QT_TRANSLATE_NOOP("LayerPalette", "Merge"),
         {LayerType::Add, LayerType::Multiply, LayerType::Concatenate}},
        {QT_TRANSLATE_NOOP("LayerPalette", "Shape"),
         {LayerType::Flatten, LayerType::Reshape, LayerType::ZeroPadding2D,
          LayerType::UpSampling2D}},
        {QT_TRANSLATE_NOOP("LayerPalette", "Input"), {LayerType::Input}},
    };
    return f;
}

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
    for (const Family& f : families()) {
        menu_->addSection(tr(f.title));
        for (LayerType t : f.types)
            addType(t);
    }
    // A kind the core learns later still gets a place.
    bool other = false;
    for (LayerType t : allLayerTypes())
        // An imported layer the engine cannot cost is kept from a model, never added by hand.
        if (!listed.count(t) && layerTypeName(t) != "Unsupported") {
            if (!other)
                menu_->addSection(tr("Other"));
            other = true;
            addType(t);
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
