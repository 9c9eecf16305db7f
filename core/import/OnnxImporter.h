// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImporterRegistry.h"
#include "import/ModelImport.h"

#include <string>

namespace zipcnn {

/// Files larger than this are refused before parsing (the largest model the tool is meant for
/// is a few MiB; protobuf itself stops at 2 GiB).
inline constexpr std::size_t kOnnxMaxFileBytes = std::size_t{512} << 20;

/// True when `head` (the first bytes of a file) starts like a serialised ONNX ModelProto: a
/// first field that is ModelProto's ir_version (tag 0x08, a small varint), then fields with
/// ModelProto's numbers and wire types as far as the bytes go.
bool looksLikeOnnx(const std::string& head);

/// Imports the ONNX model in `bytes` (the content of `file`, which names it in messages).
ImportResult importOnnxBytes(const std::string& bytes, const std::string& file,
                             const ImportOptions& options);

/// Imports an .onnx file (read whole, size-limited).
ImportResult importOnnxFile(const std::string& path, const ImportOptions& options);

/// The registry entry: "onnx", *.onnx, sniffed by `looksLikeOnnx`.
Importer onnxImporter();

} // namespace zipcnn
