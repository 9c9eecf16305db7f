// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/SetLayerAttrsCommand.h"

#include "document/ProjectDocument.h"

#include <QCoreApplication>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("SetLayerAttrsCommand", text);
}

QString size2(const Size2& s) {
    return QString::fromStdString(s.toString());
}

QString percent(double rate) {
    return QStringLiteral("%1 %").arg(rate * 100.0, 0, 'g', 3);
}

/// The new value of `field`, for the command's text; empty when it says nothing useful.
QString describeValue(CommandId field, const LayerAttrs& a) {
    switch (field) {
    case CommandId::InputShape:
        return QString::fromStdString(a.inputShape.toString());
    case CommandId::Filters:
        return QString::number(a.filters);
    case CommandId::Units:
        return QString::number(a.units);
    case CommandId::InputUnits:
        return QString::number(a.inputUnits);
    case CommandId::Kernel:
        return size2(a.kernel);
    case CommandId::Strides:
        return size2(a.strides);
    case CommandId::Dilation:
        return size2(a.dilation);
    case CommandId::Padding:
        return QString::fromStdString(std::string(paddingName(a.padding)));
    case CommandId::Groups:
        return QString::number(a.groups);
    case CommandId::DepthMultiplier:
        return QString::number(a.depthMultiplier);
    case CommandId::UseBias:
        return a.useBias ? tr("on") : tr("off");
    case CommandId::Activation:
        return QString::fromStdString(std::string(activationName(a.activation)));
    case CommandId::Alpha:
        return QString::number(a.alpha);
    case CommandId::Center:
        return a.center ? tr("on") : tr("off");
    case CommandId::Scale:
        return a.scale ? tr("on") : tr("off");
    case CommandId::Epsilon:
        return QString::number(a.epsilon);
    case CommandId::Axis:
        return QString::number(a.axis);
    case CommandId::Upsample:
        return size2(a.upsample);
    case CommandId::Interpolation:
        return QString::fromStdString(std::string(interpolationName(a.interpolation)));
    case CommandId::DropoutRate:
        return percent(a.rate);
    case CommandId::PruneRate:
        return a.pruneRate ? percent(*a.pruneRate) : tr("the global rate");
    case CommandId::Pads:
    case CommandId::TargetShape:
    case CommandId::Constraints: // not a layer attribute
    case CommandId::None:
        break;
    }
    return {};
}

} // namespace

SetLayerAttrsCommand::SetLayerAttrsCommand(ProjectDocument* document, const QString& layer,
                                           LayerAttrs attrs, CommandId field, QUndoCommand* parent)
    : QUndoCommand(parent), document_(document), layer_(layer), field_(field),
      new_(std::move(attrs)) {
    if (const Layer* l = document_->project().network.find(layer.toStdString())) {
        old_ = l->attrs;
        valid_ = true;
    }
    updateText();
}

QString SetLayerAttrsCommand::fieldName(CommandId field) {
    switch (field) {
    case CommandId::InputShape:
        return tr("input shape");
    case CommandId::Filters:
        return tr("filters");
    case CommandId::Units:
        return tr("units");
    case CommandId::InputUnits:
        return tr("deployed input units");
    case CommandId::Kernel:
        return tr("kernel");
    case CommandId::Strides:
        return tr("strides");
    case CommandId::Dilation:
        return tr("dilation");
    case CommandId::Padding:
        return tr("padding");
    case CommandId::Pads:
        return tr("padding sizes");
    case CommandId::Groups:
        return tr("groups");
    case CommandId::DepthMultiplier:
        return tr("depth multiplier");
    case CommandId::UseBias:
        return tr("bias");
    case CommandId::Activation:
        return tr("activation");
    case CommandId::Alpha:
        return tr("leaky ReLU slope");
    case CommandId::Center:
        return tr("center");
    case CommandId::Scale:
        return tr("scale");
    case CommandId::Epsilon:
        return tr("epsilon");
    case CommandId::Axis:
        return tr("axis");
    case CommandId::TargetShape:
        return tr("target shape");
    case CommandId::Upsample:
        return tr("upsampling factors");
    case CommandId::Interpolation:
        return tr("interpolation");
    case CommandId::DropoutRate:
        return tr("dropout rate");
    case CommandId::PruneRate:
        return tr("pruning rate");
    case CommandId::Constraints: // not a layer attribute
    case CommandId::None:
        break;
    }
    return tr("attributes");
}

void SetLayerAttrsCommand::updateText() {
    const QString value = describeValue(field_, new_);
    if (value.isEmpty())
        setText(tr("Change %1 of %2").arg(fieldName(field_), layer_));
    else
        setText(tr("Set %1 of %2 to %3").arg(fieldName(field_), layer_, value));
}

bool SetLayerAttrsCommand::mergeWith(const QUndoCommand* other) {
    // The stack only offers commands with the same id, so `other` is one of ours.
    const auto* o = static_cast<const SetLayerAttrsCommand*>(other);
    if (o->layer_ != layer_ || o->document_ != document_ || !valid_ || !o->valid_)
        return false;
    new_ = o->new_;
    updateText();
    // A drag back to where it started leaves nothing to undo: the stack drops the step.
    if (new_ == old_)
        setObsolete(true);
    return true;
}

bool SetLayerAttrsCommand::apply(const LayerAttrs& attrs) {
    const Network& net = document_->project().network;
    const auto index = net.indexOf(layer_.toStdString());
    if (!index)
        return false;
    Layer layer = net.layers()[*index];
    layer.attrs = attrs;
    return document_->setLayer(*index, std::move(layer));
}

void SetLayerAttrsCommand::redo() {
    // A change to nothing, or to a layer that is gone, must not leave a step that does nothing.
    if (!valid_ || new_ == old_ || !apply(new_))
        setObsolete(true);
}

void SetLayerAttrsCommand::undo() {
    apply(old_);
}

} // namespace zipcnn::gui
