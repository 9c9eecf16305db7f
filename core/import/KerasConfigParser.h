// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "import/KerasLayerMapper.h"
#include "import/ModelImport.h"
#include "model/Network.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// One leaf layer of the Keras model (nested models' layers included), as imported.
struct KerasLayerRecord {
    /// Keras names from the top-level model down to the layer: {"conv2d"}, or
    /// {"sequential_2", "model_2", "layer1/conv"} for a layer of nested models.
    std::vector<std::string> path;
    /// Where Keras 3 saves its weights in a .keras archive: snake_case class names numbered per
    /// model ({"conv2d_3"}, {"functional", "dense_1"}); empty for a Sequential's InputLayer.
    std::vector<std::string> savePath;
    std::string className;
    std::string jsonPath;     ///< where its config is, e.g. "config.layers[3]"
    std::string weightLayer;  ///< the graph layer holding its weights; empty for an InputLayer
    bool unsupported = false; ///< the weight layer is an Unsupported placeholder
};

/// A Keras model config turned into an engine graph. Independent of HDF5: the input is the
/// JSON of `model_config` (legacy .h5) or `config.json` (.keras).
struct KerasModelConfig {
    std::optional<Network> network; ///< empty when the config could not be turned into a graph
    std::string modelClass;         ///< "Sequential", "Functional", "Model"
    std::vector<KerasLayerRecord> layers;
    std::map<std::string, int> layerClasses; ///< leaf layers by class, InputLayers included
    std::vector<std::string> nestedModels;   ///< "sequential_2", "sequential_2/model_2"
    std::vector<UnsupportedLayer> unsupported;
    /// Placeholders whose shape is computable, and reshapes whose target follows their input.
    std::map<std::string, ShapeRule> shapeRules;
    Diagnostics diagnostics;
};

/// Builds the graph of a Keras model config: Sequential (bare list of Keras <= 2.2.2, or
/// {"layers"}), Functional/Model with Keras 1/2 or Keras 3 inbound nodes, and models used as
/// layers, flattened with their names as prefixes ("model_2/conv"). Unknown classes become
/// Unsupported placeholders listed in `unsupported`; what to do with them is the caller's call.
/// `file` is only used in messages.
/// `inputShape` (batch first, or without it) fills an input whose declared sizes are open.
KerasModelConfig
parseKerasConfig(const nlohmann::json& config, const std::string& file,
                 const std::optional<std::vector<std::int64_t>>& inputShape = std::nullopt);
/// Parses the JSON text first (an error naming the file and the line when it is not JSON).
KerasModelConfig
parseKerasConfigText(const std::string& text, const std::string& file,
                     const std::optional<std::vector<std::int64_t>>& inputShape = std::nullopt);

/// Gives each placeholder with a shape rule its output shape, and each reshape with one (a
/// Permute, the moves around a channels_first layer) its target shape, in topological order
/// (the rules need their input's shape). Layers whose input shape is unknown keep theirs.
void applyShapeRules(Network& net, const std::map<std::string, ShapeRule>& rules);

} // namespace zipcnn
