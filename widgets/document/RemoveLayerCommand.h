// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Layer.h"

#include <QString>
#include <QUndoCommand>
#include <vector>

namespace zipcnn::gui {

class ProjectDocument;

/// Deletes one layer. When it had exactly one input, its consumers are bridged to that input
/// (deleting a BatchNormalization between a conv and a ReLU keeps the chain whole); otherwise
/// they just lose the input. Undo puts the layer back at its place and restores the consumers
/// exactly.
class RemoveLayerCommand : public QUndoCommand {
public:
    RemoveLayerCommand(ProjectDocument* document, const QString& layer,
                       QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    Layer layer_;
    std::size_t index_ = 0;
    bool valid_ = false;
    std::vector<Layer> consumersBefore_;
    std::vector<Layer> consumersAfter_;
};

} // namespace zipcnn::gui
