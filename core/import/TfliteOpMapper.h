// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "import/ModelImport.h"
#include "import/TfliteModel.h"
#include "model/Network.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace zipcnn {

/// What mapping the first subgraph of a TFLite model onto the engine gives.
struct TfliteMapping {
    Network network;
    /// Operators with no engine equivalent (placeholders in `network` when kept).
    std::vector<UnsupportedLayer> unsupported;
    /// Index of the first operator of each unsupported class, for the refusal message.
    std::map<std::string, std::vector<std::size_t>> unsupportedOperators;
    std::map<std::string, int> operators; ///< operators of the subgraph by name ("CONV_2D")
    std::int64_t weightElements = 0;      ///< constants read as weights and biases
    std::int64_t weightTensors = 0;       ///< how many tensors those are
    std::int64_t otherConstants = 0;      ///< constants read otherwise (shapes, paddings, operands)
    std::int64_t unsupportedElements = 0; ///< constants of the unsupported operators
    int droppedConversions = 0;           ///< QUANTIZE / DEQUANTIZE operators left out
    /// Each layer with the TFLite tensor its output stands for (to check the inferred shapes).
    std::vector<std::pair<std::string, std::int32_t>> layerTensors;
    Diagnostics diagnostics; ///< errors stop the import; each names the operator
};

/// Maps the operators of `model`'s first subgraph onto engine layers, in the file's order
/// (TFLite stores operators in execution order). Weights are output-channels first (OHWI for
/// CONV_2D, [units, inputs] for FULLY_CONNECTED), depthwise weights 1HW(C*M). Layers read
/// from quantised tensors get their `quantization`. `keepUnsupported` turns operators without
/// an engine equivalent into Unsupported placeholders; otherwise they are only listed.
TfliteMapping mapTfliteModel(const TfliteModel& model, bool keepUnsupported);

} // namespace zipcnn
