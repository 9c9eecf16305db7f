#pragma once

namespace zipcnn::gui {

/// The `QUndoCommand::id()` of the commands that merge with their predecessor, so that a
/// slider or spin-box drag over one attribute of one layer is a single undo step. One value
/// per edited attribute: consecutive edits of different attributes stay separate steps.
enum class CommandId : int {
    None = -1, ///< never merges
    InputShape = 0x4c00,
    Filters,
    Units,
    InputUnits,
    Kernel,
    Strides,
    Dilation,
    Padding,
    Pads,
    Groups,
    DepthMultiplier,
    UseBias,
    Activation,
    Alpha,
    Center,
    Scale,
    Epsilon,
    Axis,
    TargetShape,
    Upsample,
    Interpolation,
    DropoutRate,
    PruneRate,
};

} // namespace zipcnn::gui
