// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUndoCommand>

namespace zipcnn::gui {

class ProjectDocument;

/// Renames a layer and every reference to it; undo restores the old name everywhere.
class RenameLayerCommand : public QUndoCommand {
public:
    RenameLayerCommand(ProjectDocument* document, const QString& from, const QString& to,
                       QUndoCommand* parent = nullptr);

    void redo() override;
    void undo() override;

private:
    ProjectDocument* document_;
    QString from_;
    QString to_;
};

} // namespace zipcnn::gui
