// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/ProjectDocument.h"

#include <QString>
#include <QUndoCommand>
#include <utility>

namespace zipcnn::gui {

/// Replaces one part of a named layer (`Layer::*member`: its attributes, its inputs); undo puts
/// back the part the layer had when the command was made. A command that would change nothing,
/// or whose layer is gone, leaves no undo step. The family's shared half; the commands add
/// their texts (and merging).
template <class Part, Part Layer::*member> class SetLayerPartCommand : public QUndoCommand {
public:
    void redo() override {
        if (!valid_ || new_ == old_ || !apply(new_))
            setObsolete(true);
    }
    void undo() override { apply(old_); }

protected:
    SetLayerPartCommand(ProjectDocument* document, const QString& layer, Part value,
                        QUndoCommand* parent)
        : QUndoCommand(parent), document_(document), layer_(layer), new_(std::move(value)) {
        if (const Layer* l = document_->project().network.find(layer.toStdString())) {
            old_ = l->*member;
            valid_ = true;
        }
    }

    bool apply(const Part& value) {
        return document_->editLayer(layer_, [&](Layer& l) { l.*member = value; });
    }

    ProjectDocument* document_;
    QString layer_;
    Part old_;
    Part new_;
    bool valid_ = false;
};

} // namespace zipcnn::gui
