// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/RenameLayerCommand.h"

#include "document/ProjectDocument.h"

#include <QCoreApplication>

namespace zipcnn::gui {

RenameLayerCommand::RenameLayerCommand(ProjectDocument* document, const QString& from,
                                       const QString& to, QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), from_(from), to_(to) {
    setText(QCoreApplication::translate("RenameLayerCommand", "Rename %1 to %2").arg(from, to));
}

void RenameLayerCommand::redo() {
    // A rename the network refuses (name taken meanwhile) must not leave a step that undoes
    // nothing, so the stack is told to drop it.
    if (!document_->renameLayer(from_, to_))
        setObsolete(true);
}

void RenameLayerCommand::undo() {
    document_->renameLayer(to_, from_);
}

} // namespace zipcnn::gui
