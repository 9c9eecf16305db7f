// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "import/ModelImport.h"
#include "model/Project.h"

#include <optional>
#include <string>

namespace zipcnn {

/// What a file given to the program is.
enum class InputKind {
    Unknown, ///< unreadable, or nothing recognised it
    Project, ///< a ZIP-CNN project file ("format": "zipcnn-project")
    Network, ///< a network JSON file
    Model,   ///< a model file an importer of `builtinImporters()` reads (Keras .h5, .keras...)
};

/// "project", "network", "model" or "unknown".
const char* inputKindName(InputKind kind);

/// A file opened by `openInput`: what it is, the project it gives and what was found on the way.
struct OpenedInput {
    InputKind kind = InputKind::Unknown;
    /// A project file's project, or a new project around the network of a network or model
    /// file (`defaultProject`). Set whenever the reader produced something, even with errors.
    std::optional<Project> project;
    /// Each names the file, the place and the cause.
    Diagnostics diagnostics;
    /// What the importer found, for a model file.
    std::optional<ImportReport> import;

    /// True when the project was read without errors.
    bool ok() const { return project.has_value() && !hasErrors(diagnostics); }
};

/// Decides what `path` is from its content, not its name, and reads it: a JSON document is a
/// project when its "format" says so and a network otherwise; a file whose first bytes an
/// importer recognises (HDF5, ZIP) is a model. Only a file neither starts like is sent by its
/// name (an importer's pattern, else the JSON readers), so that the reader that should have
/// read it says why it cannot. The one way in for the window (command line, Open, Import,
/// drag-and-drop), the command line and the report.
OpenedInput openInput(const std::string& path, const ImportOptions& options = {});

/// What `path` is, from its first bytes (and its name when they say nothing), without reading
/// it all; `Unknown` when it cannot be opened.
InputKind detectInputKind(const std::string& path);

/// A new project around `network`: the thesis's three MCUs, no limits but the reserves of the
/// examples, and the default variants (what opening a network or model file gives).
Project defaultProject(std::string name, Network network);

} // namespace zipcnn
