// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUndoCommand>

namespace zipcnn::gui {

class ProjectDocument;

/// Changes the width of one layer: the filters of a convolution or the units of a dense layer.
class SetLayerWidthCommand : public QUndoCommand {
public:
    /// `oldWidth` is the width before the change, which undo restores.
    SetLayerWidthCommand(ProjectDocument* document, const QString& layer, int oldWidth,
                         int newWidth, QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    QString layer_;
    int oldWidth_;
    int newWidth_;
};

} // namespace zipcnn::gui
