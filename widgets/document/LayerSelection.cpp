// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/LayerSelection.h"

#include "document/ProjectDocument.h"

namespace zipcnn::gui {

LayerSelection::LayerSelection(ProjectDocument* document, QObject* parent)
    : QObject(parent), document_(document),
      networkSize_(document ? document->project().network.size() : 0) {
    if (document_)
        connect(document_, &ProjectDocument::changed, this,
                [this](ProjectDocument::ChangeKind kind, const QString& layer) {
                    documentChanged(static_cast<int>(kind), layer);
                });
}

std::optional<std::size_t> LayerSelection::currentIndex() const {
    if (!document_ || current_.isEmpty())
        return std::nullopt;
    return document_->project().network.indexOf(current_.toStdString());
}

void LayerSelection::setCurrentLayer(const QString& name) {
    QString next = name;
    index_.reset();
    if (document_ && !next.isEmpty()) {
        index_ = document_->project().network.indexOf(next.toStdString());
        if (!index_)
            next.clear();
    }
    if (next == current_)
        return;
    current_ = next;
    emit currentLayerChanged(current_);
}

void LayerSelection::documentChanged(int kind, const QString& layer) {
    using Kind = ProjectDocument::ChangeKind;
    if (kind != static_cast<int>(Kind::Network) && kind != static_cast<int>(Kind::Reset))
        return;
    const Network& net = document_->project().network;
    const std::size_t oldSize = networkSize_;
    networkSize_ = net.size();
    if (current_.isEmpty())
        return;
    if (auto at = net.indexOf(current_.toStdString())) {
        index_ = at;
        return;
    }
    // A rename announces the new name; the layer keeps its place in the network.
    if (kind == static_cast<int>(Kind::Network) && index_ && oldSize == net.size() &&
        *index_ < net.size() && !layer.isEmpty() &&
        net.layers()[*index_].name == layer.toStdString()) {
        current_ = layer;
        emit currentLayerChanged(current_);
        return;
    }
    index_.reset();
    current_.clear();
    emit currentLayerChanged(current_);
}

} // namespace zipcnn::gui
