// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImporterRegistry.h"

#include <string>

namespace zipcnn {

/// Keras legacy HDF5 (.h5, .hdf5) as written by Keras 1.x, 2.x and Keras 3's legacy writer:
/// the graph from the `model_config` root attribute, the weight shapes from /model_weights.
ImportResult importKerasHdf5(const std::string& path, const ImportOptions& options = {});

/// The registry entry ("keras-hdf5").
Importer kerasHdf5Importer();

} // namespace zipcnn
