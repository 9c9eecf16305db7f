// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/KerasHdf5Importer.h"

#include "base/Hdf5File.h"
#include "import/Hdf5Weights.h"
#include "import/KerasImport.h"

namespace zipcnn {

namespace {

ImportResult failure(const std::string& code, const std::string& message, const std::string& file) {
    return kerasImportFailure("keras-hdf5", code, message, file);
}

std::string optionalString(const Hdf5File& f, const std::string& group, const char* name) {
    std::string ignored;
    if (!f.hasAttribute(group, name))
        return {};
    return f.stringAttribute(group, name, ignored).value_or("");
}

} // namespace

ImportResult importKerasHdf5(const std::string& path, const ImportOptions& options) {
    std::string error;
    auto file = Hdf5File::open(path, error);
    if (!file)
        return failure("keras-hdf5-unreadable", error, path);

    KerasSource source;
    source.file = path;
    source.importer = "keras-hdf5";
    source.container = "HDF5";
    source.configPlace = "the 'model_config' attribute";
    source.kerasVersion = optionalString(*file, "/", "keras_version");
    if (source.kerasVersion.empty() && file->isGroup("/model_weights"))
        source.kerasVersion = optionalString(*file, "/model_weights", "keras_version");

    if (!file->hasAttribute("/", "model_config")) {
        // save_weights puts layer_names at the root; a full save without its config is no
        // better: either way there are weights and no graph.
        if (file->hasAttribute("/", "layer_names") || file->isGroup("/model_weights"))
            return failure("keras-weights-only",
                           "holds weights only (no 'model_config' attribute, as written by "
                           "save_weights): the network graph is not in the file",
                           path);
        return failure("keras-no-model-config",
                       "is an HDF5 file but not a Keras model: it has no 'model_config' attribute",
                       path);
    }
    auto config = file->stringAttribute("/", "model_config", error);
    if (!config)
        return failure("keras-hdf5-unreadable", error, path);
    source.configText = std::move(*config);

    if (file->isGroup("/model_weights")) {
        source.weights = readLegacyHdf5Weights(*file, error);
        if (!source.weights)
            return failure("keras-hdf5-unreadable", "weights cannot be read: " + error, path);
    }
    file.reset(); // the HDF5 part is done: release the library before building the graph
    return buildKerasImport(source, options);
}

Importer kerasHdf5Importer() {
    return kerasImporter("keras-hdf5",
                         "Keras legacy HDF5 model (Keras 1.x, 2.x, and Keras 3's legacy .h5)",
                         {"*.h5", "*.hdf5"}, &Hdf5File::hasSignature, &importKerasHdf5);
}

} // namespace zipcnn
