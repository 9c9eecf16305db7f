// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/KerasArchiveImporter.h"

#include "base/Hdf5File.h"
#include "base/JsonReader.h"
#include "base/ZipArchive.h"
#include "import/Hdf5Weights.h"
#include "import/KerasImport.h"

#include <nlohmann/json.hpp>

namespace zipcnn {

namespace {

constexpr std::uint64_t kMaxConfigBytes = 64u << 20;
constexpr std::uint64_t kMaxWeightsBytes = 2048ull << 20;

ImportResult failure(const std::string& code, const std::string& message, const std::string& file) {
    return kerasImportFailure("keras-v3", code, message, file);
}

} // namespace

ImportResult importKerasArchive(const std::string& path, const ImportOptions& options) {
    std::string error;
    auto zip = ZipArchive::open(path, error);
    if (!zip)
        return failure("keras-archive-unreadable", error, path);
    if (!zip->contains("config.json"))
        return failure("keras-archive-unreadable",
                       "is a zip archive but not a Keras 3 model: it has no 'config.json'", path);

    KerasSource source;
    source.file = path;
    source.importer = "keras-v3";
    source.container = ".keras archive";
    source.configPlace = "'config.json'";
    source.weightsBySavePath = true;
    auto config = zip->read("config.json", kMaxConfigBytes, error);
    if (!config)
        return failure("keras-archive-unreadable", error, path);
    source.configText = std::move(*config);

    if (zip->contains("metadata.json"))
        if (auto meta = zip->read("metadata.json", kMaxConfigBytes, error)) {
            Diagnostics ignored; // the version is only informative: an unreadable one is left out
            const auto j =
                parseJsonText(*meta, path + ":metadata.json", ignored).value_or(nlohmann::json());
            if (j.is_object() && j.contains("keras_version") && j["keras_version"].is_string())
                source.kerasVersion = j["keras_version"].get<std::string>();
        }

    if (zip->contains("model.weights.h5")) {
        auto bytes = zip->read("model.weights.h5", kMaxWeightsBytes, error);
        if (!bytes)
            return failure("keras-archive-unreadable", error, path);
        const std::string inner = path + ":model.weights.h5";
        {
            auto h5 = Hdf5File::openImage(std::move(*bytes), inner, error);
            if (!h5)
                return failure("keras-archive-unreadable", "'model.weights.h5' " + error, path);
            source.weights = readKerasV3Weights(*h5, error);
        } // closes the HDF5 image (and releases the library) before the graph is built
        if (!source.weights)
            return failure("keras-archive-unreadable", "'model.weights.h5' " + error, path);
    }
    zip.reset();
    return buildKerasImport(source, options);
}

Importer kerasArchiveImporter() {
    return kerasImporter("keras-v3",
                         "Keras 3 model archive (.keras: config.json + model.weights.h5)",
                         {"*.keras"}, &ZipArchive::hasSignature, &importKerasArchive);
}

} // namespace zipcnn
