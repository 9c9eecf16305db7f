// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Hdf5File.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// One stored weight tensor.
struct StoredTensor {
    std::string name;     ///< its weight name ("conv2d/kernel:0", "kernel", "0")
    std::string location; ///< the HDF5 dataset path
    std::vector<std::int64_t> shape;
    std::int64_t elements = 0;
};

/// The weights stored for one Keras layer, or for a nested model as a whole (legacy .h5 keeps
/// a nested model's weights in one group, named by layer in the weight names).
struct StoredLayerWeights {
    /// Keras names from the top-level model down: {"conv2d"}, {"sequential_2"} (legacy .h5
    /// nested model), {"sequential_2", "model_2", "layer1/conv"} (.keras).
    std::vector<std::string> path;
    std::vector<StoredTensor> tensors; ///< in the layer's weight order
};

/// The weights of a Keras file, read as shapes only (no values).
struct StoredWeights {
    std::string root; ///< "/model_weights" or "/layers"
    std::vector<StoredLayerWeights> layers;
    std::int64_t totalElements = 0; ///< every dataset under the weight root(s)
    std::int64_t datasets = 0;      ///< how many datasets that is
};

/// Legacy .h5 (Keras 1/2, and Keras 3's legacy writer): the `layer_names` of /model_weights,
/// each layer group's `weight_names` in order. nullopt with `error` naming the HDF5 path.
std::optional<StoredWeights> readLegacyHdf5Weights(const Hdf5File& file, std::string& error);

/// The model.weights.h5 of a .keras archive: /layers/<name>/vars/0..n, nested models under
/// /layers/<model>/layers/<name>.
std::optional<StoredWeights> readKerasV3Weights(const Hdf5File& file, std::string& error);

} // namespace zipcnn
