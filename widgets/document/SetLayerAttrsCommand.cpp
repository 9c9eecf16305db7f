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

QString onOff(bool on) {
    return on ? tr("on") : tr("off");
}

/// An enum value's file name (paddingName, activationName, ...), as the file says it.
QString fileName(std::string_view name) {
    return QString::fromStdString(std::string(name));
}

QString percent(double rate) {
    return QStringLiteral("%1 %").arg(rate * 100.0, 0, 'g', 3);
}

/// The new value of `field`, for the command's text; empty when it says nothing useful.
QString describeValue(AttrField field, const LayerAttrs& a) {
    switch (field) {
    case AttrField::InputShape:
        return QString::fromStdString(a.inputShape.toString());
    case AttrField::Filters:
        return QString::number(a.filters);
    case AttrField::Units:
        return QString::number(a.units);
    case AttrField::InputUnits:
        return QString::number(a.inputUnits);
    case AttrField::Kernel:
        return size2(a.kernel);
    case AttrField::Strides:
        return size2(a.strides);
    case AttrField::Dilation:
        return size2(a.dilation);
    case AttrField::Padding:
        return fileName(paddingName(a.padding));
    case AttrField::Groups:
        return QString::number(a.groups);
    case AttrField::DepthMultiplier:
        return QString::number(a.depthMultiplier);
    case AttrField::UseBias:
        return onOff(a.useBias);
    case AttrField::Activation:
        return fileName(activationName(a.activation));
    case AttrField::Alpha:
        return QString::number(a.alpha);
    case AttrField::Center:
        return onOff(a.center);
    case AttrField::Scale:
        return onOff(a.scale);
    case AttrField::Epsilon:
        return QString::number(a.epsilon);
    case AttrField::Axis:
        return QString::number(a.axis);
    case AttrField::Upsample:
        return size2(a.upsample);
    case AttrField::Interpolation:
        return fileName(interpolationName(a.interpolation));
    case AttrField::Rate:
        return percent(a.rate);
    case AttrField::PruneRate:
        return a.pruneRate ? percent(*a.pruneRate) : tr("the global rate");
    case AttrField::Pads:
    case AttrField::TargetShape:
    case AttrField::SourceClass: // no editor
    case AttrField::OutputShape:
        break;
    }
    return {};
}

} // namespace

SetLayerAttrsCommand::SetLayerAttrsCommand(ProjectDocument* document, const QString& layer,
                                           LayerAttrs attrs, CommandId field, QUndoCommand* parent)
    : SetLayerPartCommand(document, layer, std::move(attrs), parent), field_(field) {
    updateText();
}

QString SetLayerAttrsCommand::fieldName(CommandId id) {
    const std::optional<AttrField> field = attributeOfCommand(id);
    if (!field)
        return tr("attributes");
    switch (*field) {
    case AttrField::InputShape:
        return tr("input shape");
    case AttrField::Filters:
        return tr("filters");
    case AttrField::Units:
        return tr("units");
    case AttrField::InputUnits:
        return tr("deployed input units");
    case AttrField::Kernel:
        return tr("kernel");
    case AttrField::Strides:
        return tr("strides");
    case AttrField::Dilation:
        return tr("dilation");
    case AttrField::Padding:
        return tr("padding");
    case AttrField::Pads:
        return tr("padding sizes");
    case AttrField::Groups:
        return tr("groups");
    case AttrField::DepthMultiplier:
        return tr("depth multiplier");
    case AttrField::UseBias:
        return tr("bias");
    case AttrField::Activation:
        return tr("activation");
    case AttrField::Alpha:
        return tr("leaky ReLU slope");
    case AttrField::Center:
        return tr("center");
    case AttrField::Scale:
        return tr("scale");
    case AttrField::Epsilon:
        return tr("epsilon");
    case AttrField::Axis:
        return tr("axis");
    case AttrField::TargetShape:
        return tr("target shape");
    case AttrField::Upsample:
        return tr("upsampling factors");
    case AttrField::Interpolation:
        return tr("interpolation");
    case AttrField::Rate:
        return tr("dropout rate");
    case AttrField::PruneRate:
        return tr("pruning rate");
    case AttrField::SourceClass: // no editor
    case AttrField::OutputShape:
        break;
    }
    return tr("attributes");
}

void SetLayerAttrsCommand::updateText() {
    const std::optional<AttrField> field = attributeOfCommand(field_);
    const QString value = field ? describeValue(*field, new_) : QString();
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

} // namespace zipcnn::gui
