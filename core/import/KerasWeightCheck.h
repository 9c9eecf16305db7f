// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "import/Hdf5Weights.h"
#include "import/KerasConfigParser.h"
#include "import/ModelImport.h"

#include <string>

namespace zipcnn {

struct WeightCheckOptions {
    std::string file; ///< for messages
    /// Keras 1 stores Theano-ordered kernels: accept a kernel whose dimensions are a
    /// permutation of the expected ones.
    bool anyKernelOrder = false;
    /// .keras archives name weight groups by `KerasLayerRecord::savePath`, not by layer name.
    bool bySavePath = false;
};

/// Compares the imported graph with the stored weight tensors: each layer's tensors against
/// the shapes its attributes give, and the totals. Fills `report` (stored, graph and
/// placeholder parameter counts) and adds a warning per mismatch, naming the layer, the HDF5
/// path and both shapes, and one for a total that differs.
void checkKerasWeights(const KerasModelConfig& model, const Network& net, const Analysis& analysis,
                       const StoredWeights& stored, const WeightCheckOptions& options,
                       ImportReport& report, Diagnostics& diags);

/// The weight tensor shapes the engine's layer implies (Keras order: kernel, bias; BN gamma,
/// beta, moving mean, moving variance).
std::vector<std::vector<std::int64_t>> expectedWeightShapes(const Layer& layer,
                                                            const LayerInfo& info);

} // namespace zipcnn
