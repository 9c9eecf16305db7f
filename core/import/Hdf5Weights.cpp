// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Hdf5Weights.h"

#include <algorithm>
#include <cctype>

namespace zipcnn {

namespace {

StoredTensor toTensor(std::string name, Hdf5Dataset d) {
    StoredTensor t;
    t.name = std::move(name);
    t.location = std::move(d.path);
    t.shape = std::move(d.shape);
    t.elements = d.elements;
    return t;
}

bool addTotals(const Hdf5File& file, const std::string& root, StoredWeights& out,
               std::string& error) {
    auto all = file.datasetsUnder(root, error);
    if (!all)
        return false;
    for (const auto& d : *all) {
        out.totalElements += d.elements;
        ++out.datasets;
    }
    return true;
}

bool isIndex(const std::string& s) {
    return !s.empty() && s.size() < 10 &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

/// .keras: a group that holds "vars" (and maybe "layers") is a layer; a group that holds
/// neither is part of a layer name with "/" in it ("layer1" of "layer1/conv").
bool visitV3(const Hdf5File& file, const std::string& group, std::vector<std::string> keyPath,
             const std::string& name, int depth, StoredWeights& out, std::string& error) {
    if (depth > 64) {
        error = "group '" + group + "' is nested too deep";
        return false;
    }
    auto members = file.members(group, error);
    if (!members)
        return false;
    const bool hasVars = std::count(members->begin(), members->end(), "vars") > 0;
    const auto sub = std::find_if(members->begin(), members->end(), [](const std::string& m) {
        return m == "layers" || m == "_layer_checkpoint_dependencies";
    });
    if (!hasVars && sub == members->end()) {
        for (const auto& m : *members)
            if (file.isGroup(group + "/" + m) &&
                !visitV3(file, group + "/" + m, keyPath, name + "/" + m, depth + 1, out, error))
                return false;
        return true;
    }
    keyPath.push_back(name);
    if (hasVars) {
        auto vars = file.members(group + "/vars", error);
        if (!vars)
            return false;
        std::vector<std::string> indices;
        for (const auto& v : *vars)
            if (isIndex(v))
                indices.push_back(v);
        std::sort(indices.begin(), indices.end(), [](const std::string& a, const std::string& b) {
            return std::stoi(a) < std::stoi(b);
        });
        StoredLayerWeights lw;
        lw.path = keyPath;
        for (const auto& v : indices) {
            auto d = file.dataset(group + "/vars/" + v, error);
            if (!d)
                return false;
            lw.tensors.push_back(toTensor(v, std::move(*d)));
        }
        out.layers.push_back(std::move(lw));
    }
    if (sub != members->end()) {
        const std::string layersGroup = group + "/" + *sub;
        auto children = file.members(layersGroup, error);
        if (!children)
            return false;
        for (const auto& c : *children)
            if (file.isGroup(layersGroup + "/" + c) &&
                !visitV3(file, layersGroup + "/" + c, keyPath, c, depth + 1, out, error))
                return false;
    }
    return true;
}

} // namespace

std::optional<StoredWeights> readLegacyHdf5Weights(const Hdf5File& file, std::string& error) {
    StoredWeights out;
    out.root = file.isGroup("/model_weights") ? "/model_weights" : "/";
    auto names = file.stringListAttribute(out.root, "layer_names", error);
    if (!names)
        return std::nullopt;
    const std::string base = out.root == "/" ? "" : out.root;
    for (const auto& layer : *names) {
        StoredLayerWeights lw;
        lw.path = {layer};
        const std::string group = base + "/" + layer;
        if (!file.isGroup(group)) {
            error = "group '" + group + "' listed in 'layer_names' is missing";
            return std::nullopt;
        }
        if (file.hasAttribute(group, "weight_names")) {
            auto weights = file.stringListAttribute(group, "weight_names", error);
            if (!weights)
                return std::nullopt;
            for (const auto& w : *weights) {
                auto d = file.dataset(group + "/" + w, error);
                if (!d)
                    return std::nullopt;
                lw.tensors.push_back(toTensor(w, std::move(*d)));
            }
        }
        out.layers.push_back(std::move(lw));
    }
    if (!addTotals(file, out.root, out, error))
        return std::nullopt;
    return out;
}

std::optional<StoredWeights> readKerasV3Weights(const Hdf5File& file, std::string& error) {
    StoredWeights out;
    out.root = "/layers";
    if (!file.isGroup("/layers")) {
        error = "has no '/layers' group (not the weights of a Keras 3 model)";
        return std::nullopt;
    }
    auto members = file.members("/layers", error);
    if (!members)
        return std::nullopt;
    for (const auto& m : *members)
        if (file.isGroup("/layers/" + m) && !visitV3(file, "/layers/" + m, {}, m, 0, out, error))
            return std::nullopt;
    if (!addTotals(file, "/layers", out, error))
        return std::nullopt;
    // Weights the model holds itself (not through a layer).
    if (file.isGroup("/vars") && !addTotals(file, "/vars", out, error))
        return std::nullopt;
    return out;
}

} // namespace zipcnn
