// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ModelLoader.h"

#include "import/OpenInput.h"
#include "model/ModelZoo.h"

#include <filesystem>

namespace zipcnn {

ModelLoadResult loadModel(const std::string& spec, const ImportOptions& options) {
    ModelLoadResult result;
    if (auto zoo = zooModel(spec)) {
        result.network = std::move(*zoo);
        return result;
    }
    std::error_code ec;
    if (!std::filesystem::exists(spec, ec)) {
        std::string names;
        for (const auto& n : zooModelNames())
            names += (names.empty() ? "" : ", ") + n;
        Diagnostic d = makeError("unknown-model",
                                 "neither a file nor a zoo model (zoo models: " + names + ")");
        d.file = spec;
        result.diagnostics.push_back(std::move(d));
        return result;
    }
    // A file: what it is is decided in one place (openInput); a project gives its network.
    OpenedInput opened = openInput(spec, options);
    result.diagnostics = std::move(opened.diagnostics);
    result.import = std::move(opened.import);
    if (opened.project)
        result.network = std::move(opened.project->network);
    return result;
}

} // namespace zipcnn
