// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/Hdf5Weights.h"
#include "import/ImporterRegistry.h"
#include "import/ModelImport.h"

#include <optional>
#include <string>

namespace zipcnn {

/// What a Keras container (legacy .h5 or .keras) yielded, before the graph is built.
struct KerasSource {
    std::string file;         ///< the path, for messages
    std::string importer;     ///< registry name of the importer
    std::string container;    ///< "HDF5" or ".keras archive", for the report
    std::string kerasVersion; ///< empty when the file does not say
    std::string configText;   ///< the model config JSON
    std::string configPlace;  ///< where the config came from, e.g. "attribute 'model_config'"
    std::optional<StoredWeights> weights; ///< empty when the file stores none
    bool weightsBySavePath = false;       ///< .keras: groups named by class, not by layer
};

/// The steps common to the Keras importers: parses the config, applies the user's decision
/// on unsupported layers, analyses the graph and checks it against the stored weights.
ImportResult buildKerasImport(const KerasSource& source, const ImportOptions& options);

/// A failed import by `importer` ("keras-hdf5"): no network, one error naming the file.
ImportResult kerasImportFailure(const std::string& importer, const std::string& code,
                                const std::string& message, const std::string& file);

/// A Keras importer's registry entry: every Keras container yields the same through
/// `buildKerasImport` (the graph, the stored weight shapes, nested models, unsupported layers);
/// only the name, the file patterns, the signature and the container reader differ.
Importer kerasImporter(std::string name, std::string description, std::vector<std::string> patterns,
                       bool (*sniff)(const std::string& head),
                       ImportResult (*import)(const std::string& path,
                                              const ImportOptions& options));

} // namespace zipcnn
