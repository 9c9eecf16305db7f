// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/CommandIds.h"
#include "document/SetLayerPartCommand.h"
#include "model/Layer.h"

#include <QString>

namespace zipcnn::gui {

/// Changes the attributes of one layer (filters, kernel, activation, pruning rate...); undo
/// restores the attributes the layer had when the command was made. Consecutive commands on the
/// same layer and the same `field` merge into one undo step, so dragging a slider or holding a
/// spin-box arrow is undone at once.
class SetLayerAttrsCommand : public SetLayerPartCommand<LayerAttrs, &Layer::attrs> {
public:
    /// `attrs` is the layer's whole new attribute set; `field` says which attribute the edit is
    /// about, for the merge and the command's text (`CommandId::None` never merges).
    SetLayerAttrsCommand(ProjectDocument* document, const QString& layer, LayerAttrs attrs,
                         CommandId field = CommandId::None, QUndoCommand* parent = nullptr);

    int id() const override { return static_cast<int>(field_); }
    bool mergeWith(const QUndoCommand* other) override;

    /// The attribute named in command texts ("filters", "pruning rate").
    static QString fieldName(CommandId field);

private:
    void updateText();

    CommandId field_;
};

} // namespace zipcnn::gui
