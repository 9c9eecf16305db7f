// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A tiny Keras .h5 model (input 16x16x3 -> conv 3x3x8 relu -> GAP -> dense 4), written by the
// tests that open "a model file" without ../shared: openInput's, the explorer's command line and
// the CLI's.
#include "core/KerasTestFiles.h"

#include <string>

namespace zipcnn::kerastest {

inline nlohmann::json tinyLayer(const std::string& cls, const std::string& name,
                                nlohmann::json config, const std::vector<std::string>& inputs) {
    config["name"] = name;
    nlohmann::json node = nlohmann::json::array();
    for (const auto& i : inputs)
        node.push_back(nlohmann::json::array({i, 0, 0, nlohmann::json::object()}));
    return {{"class_name", cls},
            {"config", config},
            {"name", name},
            {"inbound_nodes",
             inputs.empty() ? nlohmann::json::array() : nlohmann::json::array({node})}};
}

/// Writes the model to `path` (any name: the content says it is HDF5); 260 parameters. With a
/// `customClass`, a layer of that (unknown) class, "my_norm", stands between conv and GAP.
inline void writeTinyKerasH5(const std::string& path, const std::string& customClass = {}) {
    using nlohmann::json;
    json layers = json::array();
    layers.push_back(
        tinyLayer("InputLayer", "in", {{"batch_input_shape", {nullptr, 16, 16, 3}}}, {}));
    layers.push_back(tinyLayer("Conv2D", "conv",
                               {{"filters", 8},
                                {"kernel_size", {3, 3}},
                                {"padding", "same"},
                                {"activation", "relu"},
                                {"use_bias", true}},
                               {"in"}));
    std::string last = "conv";
    if (!customClass.empty()) {
        layers.push_back(tinyLayer(customClass, "my_norm", json::object(), {"conv"}));
        last = "my_norm";
    }
    layers.push_back(tinyLayer("GlobalAveragePooling2D", "gap", json::object(), {last}));
    layers.push_back(
        tinyLayer("Dense", "dense", {{"units", 4}, {"activation", "softmax"}}, {"gap"}));
    const json config = {{"class_name", "Functional"},
                         {"config",
                          {{"name", "tiny"},
                           {"layers", layers},
                           {"input_layers", {{"in", 0, 0}}},
                           {"output_layers", {{"dense", 0, 0}}}}}};
    writeKerasH5(path, config,
                 {{"in", {}},
                  {"conv", {{"conv/kernel:0", {3, 3, 3, 8}}, {"conv/bias:0", {8}}}},
                  {"gap", {}},
                  {"dense", {{"dense/kernel:0", {8, 4}}, {"dense/bias:0", {4}}}}});
}

} // namespace zipcnn::kerastest
