// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/RemoveLayerCommand.h"

#include "document/ProjectDocument.h"

#include <QCoreApplication>
#include <algorithm>

namespace zipcnn::gui {

RemoveLayerCommand::RemoveLayerCommand(ProjectDocument* document, const QString& layer,
                                       QUndoCommand* parent)
    : QUndoCommand(parent), document_(document) {
    setText(QCoreApplication::translate("RemoveLayerCommand", "Delete %1").arg(layer));
    const Network& net = document_->project().network;
    const std::string name = layer.toStdString();
    const auto at = net.indexOf(name);
    if (!at)
        return;
    valid_ = true;
    index_ = *at;
    layer_ = net.layers()[*at];
    const bool bridge = layer_.inputs.size() == 1;
    for (const std::string& consumerName : net.consumers(name)) {
        const Layer& consumer = *net.find(consumerName);
        Layer after = consumer;
        if (bridge)
            std::replace(after.inputs.begin(), after.inputs.end(), name, layer_.inputs.front());
        else
            std::erase(after.inputs, name);
        consumersBefore_.push_back(consumer);
        consumersAfter_.push_back(std::move(after));
    }
}

void RemoveLayerCommand::redo() {
    if (!valid_) {
        setObsolete(true);
        return;
    }
    ProjectDocument::NetworkEditBatch batch(document_);
    for (const Layer& l : consumersAfter_)
        if (auto at = document_->project().network.indexOf(l.name))
            document_->setLayer(*at, l);
    document_->removeLayerAt(index_);
}

void RemoveLayerCommand::undo() {
    if (!valid_)
        return;
    ProjectDocument::NetworkEditBatch batch(document_);
    document_->insertLayer(index_, layer_);
    for (const Layer& l : consumersBefore_)
        if (auto at = document_->project().network.indexOf(l.name))
            document_->setLayer(*at, l);
}

} // namespace zipcnn::gui
