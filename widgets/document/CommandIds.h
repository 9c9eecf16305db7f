// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace zipcnn::gui {

/// The `QUndoCommand::id()` of every command that merges with its predecessor, in one enum so
/// two families can never share an id: a slider or spin-box drag over one attribute of one
/// layer, or over one constraint, is a single undo step. One value per edited attribute:
/// consecutive edits of different attributes stay separate steps.
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
    /// A constraint slider of the exploration panel (SetConstraintsCommand).
    Constraints = 0x4d00,
};

} // namespace zipcnn::gui
