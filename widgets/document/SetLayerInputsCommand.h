// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/SetLayerPartCommand.h"

#include <QString>
#include <string>
#include <vector>

namespace zipcnn::gui {

/// Sets the inputs of one layer: how the graph editor connects and disconnects layers. Undo
/// restores the previous input list, order included.
class SetLayerInputsCommand : public SetLayerPartCommand<std::vector<std::string>, &Layer::inputs> {
public:
    SetLayerInputsCommand(ProjectDocument* document, const QString& layer,
                          std::vector<std::string> inputs, QUndoCommand* parent = nullptr);

    /// Adds `from` as the last input of `to` ("Connect from to to").
    static SetLayerInputsCommand* connectLayers(ProjectDocument* document, const QString& from,
                                                const QString& to);
    /// Removes input number `slot` of `layer` ("Disconnect ... from ...").
    static SetLayerInputsCommand* disconnectInput(ProjectDocument* document, const QString& layer,
                                                  std::size_t slot);
};

} // namespace zipcnn::gui
