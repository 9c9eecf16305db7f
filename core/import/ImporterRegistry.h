// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ModelImport.h"

#include <functional>
#include <string>
#include <vector>

namespace zipcnn {

/// What an importer can read from its files.
struct ImporterCapabilities {
    bool graph = true;              ///< builds the network graph
    bool weightShapes = false;      ///< reads the stored weight tensors' shapes (checks params)
    bool nestedModels = false;      ///< flattens models used as layers
    bool unsupportedLayers = false; ///< names unknown/custom layers; can keep placeholders

    /// "graph, weight shapes, ..." for listings.
    std::string describe() const;
};

/// One model-file format: its name, the files it claims and how to import them.
struct Importer {
    std::string name;                  ///< stable id, e.g. "keras-hdf5"
    std::string description;           ///< one line for listings
    std::vector<std::string> patterns; ///< file-name patterns, e.g. "*.h5" (case-insensitive)
    ImporterCapabilities capabilities;
    /// Optional: recognises the first bytes of a file whose name matches no pattern.
    std::function<bool(const std::string& head)> sniff;
    std::function<ImportResult(const std::string& path, const ImportOptions& options)> import;

    bool matchesName(const std::string& path) const;
};

/// The importers the CLI and the GUI offer. Formats are added by registering an Importer; the
/// built-in ones (Keras .h5/.hdf5 and .keras) are in `builtinImporters()`.
class ImporterRegistry {
public:
    /// Adds (or replaces, by name) an importer.
    void add(Importer importer);
    const std::vector<Importer>& importers() const { return importers_; }
    const Importer* find(const std::string& name) const;
    /// The importer for `path`: by file-name pattern, else by the file's first bytes; nullptr
    /// when none claims it (the caller then reads it as a network/project JSON file).
    const Importer* forFile(const std::string& path) const;
    /// "*.h5 *.hdf5 *.keras" for file dialogs.
    std::string patternList() const;

private:
    std::vector<Importer> importers_;
};

/// The registry with the built-in importers.
const ImporterRegistry& builtinImporters();

/// Imports `path` with the importer that claims it; an error when none does.
ImportResult importModelFile(const std::string& path, const ImportOptions& options = {},
                             const ImporterRegistry& registry = builtinImporters());

} // namespace zipcnn
