#include "ModelLoader.h"

#include "JsonReader.h"
#include "ModelZoo.h"
#include "ProjectJson.h"

#include <filesystem>

namespace zipcnn {

NetworkLoadResult loadModel(const std::string& spec) {
    NetworkLoadResult result;
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
    return networkFromJson(*j, spec);
}

} // namespace zipcnn
