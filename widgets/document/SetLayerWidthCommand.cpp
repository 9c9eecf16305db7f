// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/SetLayerWidthCommand.h"

#include "document/ProjectDocument.h"

#include <QCoreApplication>

namespace zipcnn::gui {

SetLayerWidthCommand::SetLayerWidthCommand(ProjectDocument* document, const QString& layer,
                                           int oldWidth, int newWidth, QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), layer_(layer), oldWidth_(oldWidth),
      newWidth_(newWidth) {
    setText(QCoreApplication::translate("SetLayerWidthCommand", "Set width of %1 to %2")
                .arg(layer)
                .arg(newWidth));
}

void SetLayerWidthCommand::redo() {
    if (!document_->setLayerWidth(layer_, newWidth_))
        setObsolete(true);
}

void SetLayerWidthCommand::undo() {
    document_->setLayerWidth(layer_, oldWidth_);
}

} // namespace zipcnn::gui
