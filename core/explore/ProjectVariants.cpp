// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/ProjectVariants.h"

#include "analysis/Distillation.h"
#include "import/ModelLoader.h"

#include <filesystem>

namespace zipcnn {

std::optional<Network> variantBaseNetwork(const Project& project, const VariantSpec& spec,
                                          const std::string& projectFile, Diagnostics& out) {
    auto fail = [&](const std::string& why) -> std::optional<Network> {
        out.push_back(makeError("bad-variant", "variant '" + spec.name + "': " + why));
        return std::nullopt;
    };
    const StudentRef& s = spec.student;
    switch (s.kind) {
    case StudentKind::None:
        return project.network;
    case StudentKind::Derived: {
        auto r = deriveStudent(project.network, {s.widthMultiplier, s.dropBlocksPerStage});
        if (const Diagnostic* e = firstError(r.diagnostics))
            return fail("student: " + e->message);
        return std::move(r.network);
    }
    case StudentKind::Zoo:
    case StudentKind::File: {
        std::string model = s.kind == StudentKind::Zoo ? s.model : s.path;
        if (s.kind == StudentKind::File && !std::filesystem::path(model).is_absolute())
            model = (std::filesystem::path(projectFile).parent_path() / model).string();
        auto r = loadModel(model);
        if (const Diagnostic* e = firstError(r.diagnostics))
            return fail("student: " + e->toString());
        if (!r.network)
            return fail("student '" + model + "' cannot be read");
        return std::move(*r.network);
    }
    }
    return fail("unknown student kind");
}

std::vector<CostVariant>
prepareProjectVariants(const Project& project, const std::string& projectFile,
                       const std::vector<const RuntimeProfile*>& runtimes) {
    std::vector<CostVariant> out;
    for (const auto& spec : project.variants) {
        Diagnostics diags;
        auto base = variantBaseNetwork(project, spec, projectFile, diags);
        if (!base) {
            CostVariant v;
            v.name = spec.name;
            v.dtype = spec.dtype;
            v.prune = spec.prune;
            v.diagnostics = std::move(diags);
            out.push_back(std::move(v));
            continue;
        }
        out.push_back(prepareVariant(*base, spec.name, spec.dtype, spec.prune, false, runtimes));
    }
    return out;
}

} // namespace zipcnn
