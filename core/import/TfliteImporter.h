// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImporterRegistry.h"

#include <string>

namespace zipcnn {

/// Imports a TensorFlow Lite model file (.tflite, FlatBuffer identifier "TFL3"): the first
/// subgraph becomes the network, stored constants are counted, and the file's quantisation
/// (INT8, hybrid, 16x8) sets the network's baseline format and its layers' quantisation info.
ImportResult importTflite(const std::string& path, const ImportOptions& options = {});

/// The same from the file's bytes (`file` names it in messages): tests and the fuzzer.
ImportResult importTfliteBytes(std::string bytes, const std::string& file,
                               const ImportOptions& options = {});

/// The registry entry ("tflite", *.tflite, sniffed by "TFL3" at bytes 4..7).
Importer tfliteImporter();

} // namespace zipcnn
