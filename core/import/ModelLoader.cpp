#include "import/ModelLoader.h"

#include "base/JsonReader.h"
#include "import/ImporterRegistry.h"
#include "io/ProjectJson.h"
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
    if (const Importer* importer = builtinImporters().forFile(spec)) {
        ImportResult imported = importer->import(spec, options);
        result.network = std::move(imported.network);
        result.diagnostics = std::move(imported.diagnostics);
        result.import = std::move(imported.report);
        return result;
    }
    auto j = readJsonFile(spec, result.diagnostics);
    if (!j)
        return result;
    // A project file carries its network under "network".
    if (j->is_object() && j->value("format", "") == "zipcnn-project") {
        ProjectLoadResult p = projectFromJson(*j, spec);
        result.diagnostics = std::move(p.diagnostics);
        if (p.project)
            result.network = std::move(p.project->network);
        return result;
    }
    NetworkLoadResult n = networkFromJson(*j, spec);
    result.network = std::move(n.network);
    result.diagnostics = std::move(n.diagnostics);
    return result;
}

} // namespace zipcnn
