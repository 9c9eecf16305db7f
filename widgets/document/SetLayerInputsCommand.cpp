// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/SetLayerInputsCommand.h"

#include "document/ProjectDocument.h"

#include <QCoreApplication>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("SetLayerInputsCommand", text);
}

} // namespace

SetLayerInputsCommand::SetLayerInputsCommand(ProjectDocument* document, const QString& layer,
                                             std::vector<std::string> inputs, QUndoCommand* parent)
    : SetLayerPartCommand(document, layer, std::move(inputs), parent) {
    setText(tr("Set inputs of %1").arg(layer));
}

SetLayerInputsCommand* SetLayerInputsCommand::connectLayers(ProjectDocument* document,
                                                            const QString& from,
                                                            const QString& to) {
    std::vector<std::string> inputs;
    if (const Layer* l = document->project().network.find(to.toStdString()))
        inputs = l->inputs;
    inputs.push_back(from.toStdString());
    auto* command = new SetLayerInputsCommand(document, to, std::move(inputs));
    command->setText(tr("Connect %1 to %2").arg(from, to));
    return command;
}

SetLayerInputsCommand* SetLayerInputsCommand::disconnectInput(ProjectDocument* document,
                                                              const QString& layer,
                                                              std::size_t slot) {
    std::vector<std::string> inputs;
    QString from;
    if (const Layer* l = document->project().network.find(layer.toStdString()))
        inputs = l->inputs;
    if (slot < inputs.size()) {
        from = QString::fromStdString(inputs[slot]);
        inputs.erase(inputs.begin() + static_cast<std::ptrdiff_t>(slot));
    }
    auto* command = new SetLayerInputsCommand(document, layer, std::move(inputs));
    if (!from.isEmpty())
        command->setText(tr("Disconnect %1 from %2").arg(from, layer));
    return command;
}

} // namespace zipcnn::gui
