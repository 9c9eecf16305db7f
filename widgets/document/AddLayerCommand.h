// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Layer.h"

#include <QString>
#include <QUndoCommand>
#include <vector>

namespace zipcnn::gui {

class ProjectDocument;

/// Adds one layer to the network, optionally spliced in after an existing layer: the layers
/// that consumed that layer then consume the new one instead. Undo removes the layer and gives
/// the consumers back their inputs, exactly.
class AddLayerCommand : public QUndoCommand {
public:
    /// Inserts `layer` (named, with its inputs set) before position `index` of
    /// `Network::layers()`. When `spliceAfter` names a layer, every other consumer of it reads
    /// `layer` instead.
    AddLayerCommand(ProjectDocument* document, Layer layer, std::size_t index,
                    const QString& spliceAfter = {}, QUndoCommand* parent = nullptr);

    /// The command a palette runs: a layer of `type` with `defaultLayer()`'s attributes and a
    /// fresh name, placed right after `after` and spliced between it and its consumers. With no
    /// `after`, the layer goes after the last network output. An Input layer has no inputs and
    /// is placed first.
    static AddLayerCommand* insertAfter(ProjectDocument* document, LayerType type,
                                        const QString& after);

    /// A layer of `type` with the attributes a user most likely wants first (Conv2D: 16 filters,
    /// 3x3, same padding, ReLU); no name and no inputs.
    static Layer defaultLayer(LayerType type);
    /// The base of the names given to new layers of `type` ("conv", "maxpool").
    static std::string baseName(LayerType type);

    /// The name of the layer this command adds.
    QString layerName() const { return QString::fromStdString(layer_.name); }

    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    Layer layer_;
    std::size_t index_;
    // The consumers rewired to the new layer, as they are before and after.
    std::vector<Layer> consumersBefore_;
    std::vector<Layer> consumersAfter_;
};

} // namespace zipcnn::gui
