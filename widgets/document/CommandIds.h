// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/LayerCatalog.h"

#include <optional>

namespace zipcnn::gui {

/// The `QUndoCommand::id()` of every command that merges with its predecessor, in one enum so
/// two families can never share an id: a slider or spin-box drag over one attribute of one
/// layer, or over one constraint, is a single undo step. Each layer attribute (AttrField of the
/// layer catalogue) has its own id, `attributeCommandId`: consecutive edits of different
/// attributes stay separate steps.
enum class CommandId : int {
    None = -1, ///< never merges
    /// The first layer-attribute id; the others follow, one per AttrField.
    FirstAttribute = 0x4c00,
    /// A constraint slider of the exploration panel (SetConstraintsCommand).
    Constraints = 0x4d00,
};

static_assert(static_cast<int>(CommandId::FirstAttribute) + kAttrFieldCount <=
                  static_cast<int>(CommandId::Constraints),
              "the layer-attribute ids must not reach the constraint id");

/// The id of the edits of one layer attribute.
constexpr CommandId attributeCommandId(AttrField field) {
    return static_cast<CommandId>(static_cast<int>(CommandId::FirstAttribute) +
                                  static_cast<int>(field));
}

/// The attribute an id is about; nullopt for the ids that are not a layer attribute's.
constexpr std::optional<AttrField> attributeOfCommand(CommandId id) {
    const int offset = static_cast<int>(id) - static_cast<int>(CommandId::FirstAttribute);
    if (offset < 0 || offset >= kAttrFieldCount)
        return std::nullopt;
    return static_cast<AttrField>(offset);
}

} // namespace zipcnn::gui
