// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "model/Layer.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// One leaf layer of a Keras model config, as the config parser hands it over.
struct KerasLayerSpec {
    std::string name;           ///< the name the layer gets in the graph
    std::string className;      ///< "class_name"
    std::string registeredName; ///< "registered_name" (Keras >= 2.13), empty when absent/null
    std::string module;         ///< "module" (Keras >= 2.13), empty when absent
    const nlohmann::json* config = nullptr; ///< its "config" object
    std::string jsonPath;                   ///< where it is, e.g. "config.layers[3]"
    std::string file;                       ///< for messages
};

/// Computes a data-movement layer's output shape from its input's (Permute, channels_first moves).
using ShapeRule = std::function<std::optional<Shape>(const Shape& input)>;

/// How one Keras layer maps onto the engine.
struct KerasLayerMapping {
    /// The engine layers, in order: the first reads the Keras layer's inputs, each next one the
    /// one before; the last is the Keras layer's output. Inputs are left empty (the parser
    /// connects them). Empty for an InputLayer, which the parser handles.
    std::vector<Layer> layers;
    std::size_t weightLayer = 0; ///< the layer carrying the Keras layer's weights
    /// Unsupported placeholders among `layers` (their class is in `attrs.sourceClass`): name ->
    /// why the engine cannot cost them.
    std::map<std::string, std::string> unsupportedReasons;
    /// Placeholders whose output shape follows from their input's: name -> rule.
    std::map<std::string, ShapeRule> shapeRules;
};

/// True for the classes of models that may appear as layers (flattened by the parser).
bool isKerasModelClass(const std::string& className);

/// Maps a leaf layer (not an InputLayer, not a model). Attribute errors (wrong types, bad
/// values) go to `diags`, naming the file, the layer and the JSON path.
KerasLayerMapping mapKerasLayer(const KerasLayerSpec& spec, Diagnostics& diags);

/// The shape (without the batch dimension) an InputLayer or a first layer declares, from
/// "batch_input_shape" (Keras 1/2), "batch_shape" (Keras 3), "input_shape" or "input_dim";
/// nullopt when it declares none. Unknown (null) dimensions are returned as -1.
std::optional<std::vector<std::int64_t>> kerasDeclaredInputShape(const nlohmann::json& config);

/// The number stored under `key`, leniently (Keras writes 1 for true, 6.0 for 6); nullopt when
/// absent or null.
std::optional<double> kerasNumber(const nlohmann::json& config, const char* key);

} // namespace zipcnn
