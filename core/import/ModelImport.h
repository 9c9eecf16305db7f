// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "model/Network.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// What the user decided before importing a model file.
struct ImportOptions {
    /// false: a layer the engine cannot cost stops the import (one error lists them all).
    /// true: each such layer becomes an `Unsupported` placeholder that passes its shape on and
    /// costs nothing, with a warning naming it.
    bool keepUnsupported = false;
    /// The input shape, batch first, for a model whose input size is left open (a symbolic or
    /// null height, width...): Keras 1x96x96x3 (channels last); ONNX in the model's order
    /// (1x3x96x96), or channels last, whichever fits the sizes the model does state. Ignored
    /// when the model states every size. Without it such a model is refused, saying to give it.
    std::optional<std::vector<std::int64_t>> inputShape;
};

/// Ends the error that stops an import on unsupported layers. Says what the choice is, not how a
/// front end offers it: the command line and the window each add their own way to make it.
inline constexpr const char* kUnsupportedStopsImport =
    "; the import stops (they can be kept as zero-cost placeholders, each flagged)";

/// A layer of the source model that the engine has no equivalent for.
struct UnsupportedLayer {
    std::string name;              ///< the layer's name in the imported graph
    std::string className;         ///< its class in the source model ("PReLU", "qkeras>QDense")
    std::string reason;            ///< why it is not supported
    std::int64_t storedParams = 0; ///< elements of its stored weight tensors (not in the graph)
};

/// What an importer found in a file, beside the graph.
struct ImportReport {
    std::string importer;               ///< registry name, e.g. "keras-hdf5"
    std::string format;                 ///< e.g. "Keras 2.4.0 HDF5, Functional model"
    std::string producerVersion;        ///< e.g. the keras_version attribute
    std::string modelClass;             ///< e.g. "Functional", "Sequential"
    std::int64_t graphParams = 0;       ///< parameters of the imported graph (its analysis)
    std::int64_t storedParams = -1;     ///< elements of all stored weight tensors; -1: not read
    std::int64_t unsupportedParams = 0; ///< stored elements of the Unsupported placeholders
    /// Stored elements that are constants but not weights (TFLite/ONNX shape, axis and padding
    /// operands, clip bounds, quantisation scales and zero points, constant operands of
    /// element-wise operations).
    std::int64_t nonWeightConstants = 0;
    std::int64_t weightTensors = 0;          ///< number of stored weight tensors
    std::map<std::string, int> layerClasses; ///< source layers by class (nested models' too)
    std::vector<std::string> nestedModels;   ///< names of the nested models (flattened)
    std::vector<UnsupportedLayer> unsupported;

    // Formats storing constants other than weights (ONNX, TFLite).
    std::int64_t initializerElements = 0;  ///< ONNX: elements of the graph initializers
    std::int64_t constantNodeElements = 0; ///< ONNX: elements of the Constant nodes' values
    /// How the file is quantised, e.g. "QDQ: 4 QuantizeLinear, 6 DequantizeLinear; weights INT8
    /// per-channel (3 tensors); activations UINT8"; empty for a float model. A fully 8-bit
    /// file also sets the network's baseline format to INT8 (`Network::baselineDType`).
    std::string quantization;
    /// True when weights and activations are 8-bit integers (a fully quantised file).
    bool baselineInt8 = false;

    /// True when the graph accounts for every stored weight:
    /// graphParams + unsupportedParams + nonWeightConstants == storedParams.
    bool paramsMatch() const {
        return storedParams >= 0 &&
               graphParams + unsupportedParams + nonWeightConstants == storedParams;
    }
};

/// The result of importing a model file.
struct ImportResult {
    std::optional<Network> network; ///< empty when the import failed
    Diagnostics diagnostics;        ///< each names the file, the place and the cause
    ImportReport report;
};

} // namespace zipcnn
