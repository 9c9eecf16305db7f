// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/TfliteModel.h"

#include <optional>
#include <string>

namespace zipcnn {

/// What `readTflite` gives: the model, or the one-line reason it could not be read.
struct TfliteReadResult {
    std::optional<TfliteModel> model;
    /// Empty on success; otherwise the cause with its place in the file, e.g.
    /// "the flatbuffer fails verification at model.subgraphs[0].tensors[12].shape".
    std::string error;
};

/// Reads a TensorFlow Lite model (FlatBuffer with the "TFL3" identifier) from the bytes of a
/// file. Every table and field the importer uses goes through flatbuffers::Verifier before it
/// is read, and every index (operator code, tensor, buffer) is checked against what it points
/// into: whatever the bytes, the result is a model whose indices are valid, or an error.
TfliteReadResult readTflite(std::string bytes);

/// True when `head` (the first bytes of a file) carries the TFLite identifier at bytes 4..7.
bool hasTfliteIdentifier(const std::string& head);

} // namespace zipcnn
