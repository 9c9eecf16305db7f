// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/ExplorationCommands.h"

#include "document/CommandIds.h"
#include "document/ProjectDocument.h"

#include <QCoreApplication>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ExplorationCommands", text);
}

} // namespace

SetTargetsCommand::SetTargetsCommand(ProjectDocument* document, std::vector<TargetSpec> targets,
                                     QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), old_(document->project().targets),
      new_(std::move(targets)) {
    setText(tr("Change candidate targets"));
}

void SetTargetsCommand::redo() {
    document_->setTargets(new_);
}

void SetTargetsCommand::undo() {
    document_->setTargets(old_);
}

SetConstraintsCommand::SetConstraintsCommand(ProjectDocument* document,
                                             const Constraints& constraints, const QString& text,
                                             int dragSession, QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), old_(document->project().constraints),
      new_(constraints), dragSession_(dragSession) {}

void SetConstraintsCommand::redo() {
    document_->setConstraints(new_);
}

void SetConstraintsCommand::undo() {
    document_->setConstraints(old_);
}

int SetConstraintsCommand::id() const {
    return static_cast<int>(CommandId::Constraints);
}

bool SetConstraintsCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = static_cast<const SetConstraintsCommand*>(other);
    if (dragSession_ == 0 || o->dragSession_ != dragSession_)
        return false;
    new_ = o->new_;
    setObsolete(new_ == old_);
    return true;
}

SetDeviceCommand::SetDeviceCommand(ProjectDocument* document, std::optional<DeviceModel> device,
                                   const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), old_(document->project().device),
      new_(std::move(device)) {}

void SetDeviceCommand::redo() {
    document_->setDevice(new_);
}

void SetDeviceCommand::undo() {
    document_->setDevice(old_);
}

SetVariantCommand::SetVariantCommand(ProjectDocument* document, std::size_t index,
                                     VariantSpec variant, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), document_(document), index_(index),
      old_(index < document->project().variants.size() ? document->project().variants[index]
                                                       : VariantSpec{}),
      new_(std::move(variant)) {}

void SetVariantCommand::redo() {
    if (!document_->setVariant(index_, new_))
        setObsolete(true);
}

void SetVariantCommand::undo() {
    document_->setVariant(index_, old_);
}

SetAccuracyMetricCommand::SetAccuracyMetricCommand(ProjectDocument* document, std::string metric,
                                                   QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), old_(document->project().accuracyMetric),
      new_(std::move(metric)) {
    setText(QCoreApplication::translate("SetAccuracyMetricCommand", "Name the accuracy \"%1\"")
                .arg(QString::fromStdString(new_)));
}

void SetAccuracyMetricCommand::redo() {
    document_->setAccuracyMetric(new_);
}

void SetAccuracyMetricCommand::undo() {
    document_->setAccuracyMetric(old_);
}

AddRemoveVariantCommand::AddRemoveVariantCommand(ProjectDocument* document, std::size_t index,
                                                 VariantSpec variant, QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), index_(index), variant_(std::move(variant)),
      adds_(true) {
    setText(tr("Add variant %1").arg(QString::fromStdString(variant_.name)));
}

AddRemoveVariantCommand::AddRemoveVariantCommand(ProjectDocument* document, std::size_t index,
                                                 QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), index_(index), adds_(false) {
    if (index < document->project().variants.size())
        variant_ = document->project().variants[index];
    setText(tr("Remove variant %1").arg(QString::fromStdString(variant_.name)));
}

void AddRemoveVariantCommand::redo() {
    adds_ ? add() : remove();
}

void AddRemoveVariantCommand::undo() {
    adds_ ? remove() : add();
}

void AddRemoveVariantCommand::add() {
    if (!document_->insertVariant(index_, variant_))
        setObsolete(true);
}

void AddRemoveVariantCommand::remove() {
    if (!document_->removeVariant(index_))
        setObsolete(true);
}

} // namespace zipcnn::gui
