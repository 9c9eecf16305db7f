// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/AddLayerCommand.h"

#include "document/ProjectDocument.h"
#include "model/LayerCatalog.h"

#include <QCoreApplication>
#include <algorithm>

namespace zipcnn::gui {

namespace {

/// Sets every layer of `layers` (by name) to its value there, in one go.
void setLayers(ProjectDocument* document, const std::vector<Layer>& layers) {
    for (const Layer& l : layers)
        if (auto at = document->project().network.indexOf(l.name))
            document->setLayer(*at, l);
}

} // namespace

AddLayerCommand::AddLayerCommand(ProjectDocument* document, Layer layer, std::size_t index,
                                 const QString& spliceAfter, QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), layer_(std::move(layer)), index_(index) {
    setText(QCoreApplication::translate("AddLayerCommand", "Add %1 %2")
                .arg(QString::fromStdString(std::string(layerTypeName(layer_.type))),
                     QString::fromStdString(layer_.name)));
    if (spliceAfter.isEmpty())
        return;
    const std::string after = spliceAfter.toStdString();
    const Network& net = document_->project().network;
    for (const std::string& name : net.consumers(after)) {
        const Layer& consumer = *net.find(name);
        Layer rewired = consumer;
        std::replace(rewired.inputs.begin(), rewired.inputs.end(), after, layer_.name);
        consumersBefore_.push_back(consumer);
        consumersAfter_.push_back(std::move(rewired));
    }
}

AddLayerCommand* AddLayerCommand::insertAfter(ProjectDocument* document, LayerType type,
                                              const QString& after) {
    const Network& net = document->project().network;
    Layer layer = defaultLayer(type);
    layer.name = net.uniqueName(baseName(type));
    if (type == LayerType::Input)
        return new AddLayerCommand(document, std::move(layer), 0);

    std::string source = after.toStdString();
    if (!net.indexOf(source)) {
        const auto outs = net.outputs();
        source = outs.empty() ? std::string() : outs.back();
    }
    if (source.empty())
        return new AddLayerCommand(document, std::move(layer), net.size());
    layer.inputs = {source};
    const std::size_t at = *net.indexOf(source) + 1;
    return new AddLayerCommand(document, std::move(layer), at, QString::fromStdString(source));
}

Layer AddLayerCommand::defaultLayer(LayerType type) {
    Layer l;
    l.type = type;
    LayerAttrs& a = l.attrs;
    switch (type) {
    case LayerType::Input:
        a.inputShape = Shape{32, 32, 3};
        break;
    case LayerType::Conv2D:
    case LayerType::SeparableConv2D:
    case LayerType::Conv2DTranspose:
        a.filters = 16;
        [[fallthrough]];
    case LayerType::DepthwiseConv2D:
        a.kernel = {3, 3};
        a.padding = Padding::Same;
        a.activation = ActivationKind::Relu;
        break;
    case LayerType::Dense:
        a.units = 64;
        a.activation = ActivationKind::Relu;
        break;
    case LayerType::AveragePooling2D:
    case LayerType::MaxPooling2D:
        a.kernel = {2, 2};
        a.strides = {2, 2};
        break;
    case LayerType::Activation:
        a.activation = ActivationKind::Relu;
        break;
    case LayerType::Reshape:
        a.targetShape = {-1};
        break;
    case LayerType::ZeroPadding2D:
    case LayerType::Cropping2D:
        a.pads = {1, 1, 1, 1};
        break;
    case LayerType::Dropout:
        a.rate = 0.2;
        break;
    default:
        break;
    }
    if (type == LayerType::Conv2DTranspose)
        a.strides = {2, 2}; // what one is for: doubling the height and width
    return l;
}

std::string AddLayerCommand::baseName(LayerType type) {
    // An activation layer is named after its function ("relu1"), as NetworkBuilder names it.
    if (type == LayerType::Activation)
        return std::string(activationName(defaultLayer(type).attrs.activation));
    return std::string(layerKind(type).baseName);
}

void AddLayerCommand::redo() {
    ProjectDocument::NetworkEditBatch batch(document_);
    if (!document_->insertLayer(index_, layer_)) {
        // Name taken or place gone: nothing was changed, and the stack drops the step.
        setObsolete(true);
        return;
    }
    setLayers(document_, consumersAfter_);
}

void AddLayerCommand::undo() {
    ProjectDocument::NetworkEditBatch batch(document_);
    setLayers(document_, consumersBefore_);
    if (auto at = document_->project().network.indexOf(layer_.name))
        document_->removeLayerAt(*at);
}

} // namespace zipcnn::gui
