// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImporterRegistry.h"

#include <string>

namespace zipcnn {

/// Keras 3 archives (.keras): a zip holding config.json, metadata.json and model.weights.h5.
ImportResult importKerasArchive(const std::string& path, const ImportOptions& options = {});

/// The registry entry ("keras-v3").
Importer kerasArchiveImporter();

} // namespace zipcnn
