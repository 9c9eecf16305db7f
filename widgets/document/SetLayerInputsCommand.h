// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUndoCommand>
#include <string>
#include <vector>

namespace zipcnn::gui {

class ProjectDocument;

/// Sets the inputs of one layer: how the graph editor connects and disconnects layers. Undo
/// restores the previous input list, order included.
class SetLayerInputsCommand : public QUndoCommand {
public:
    SetLayerInputsCommand(ProjectDocument* document, const QString& layer,
                          std::vector<std::string> inputs, QUndoCommand* parent = nullptr);

    /// Adds `from` as the last input of `to` ("Connect from to to").
    static SetLayerInputsCommand* connectLayers(ProjectDocument* document, const QString& from,
                                                const QString& to);
    /// Removes input number `slot` of `layer` ("Disconnect ... from ...").
    static SetLayerInputsCommand* disconnectInput(ProjectDocument* document, const QString& layer,
                                                  std::size_t slot);

    void redo() override;
    void undo() override;

private:
    bool apply(const std::vector<std::string>& inputs);

    ProjectDocument* document_;
    QString layer_;
    std::vector<std::string> old_;
    std::vector<std::string> new_;
    bool valid_ = false;
};

} // namespace zipcnn::gui
