// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ModelImport.h"
#include "io/NetworkJson.h"

#include <optional>
#include <string>

namespace zipcnn {

/// A loaded MODEL; `import` is set when the file went through an importer (Keras, ...).
struct ModelLoadResult : NetworkLoadResult {
    std::optional<ImportReport> import;
};

/// Resolves a MODEL argument as the command line and the GUI understand it: a model-zoo name
/// ("resnet8"), a model file claimed by an importer of `builtinImporters()` (.h5, .hdf5,
/// .keras, ...), or a path to a network file (.json; a project file's network is taken too).
/// The result names the file and the cause of any problem.
ModelLoadResult loadModel(const std::string& spec, const ImportOptions& options = {});

} // namespace zipcnn
