// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "model/Network.h"
#include "model/Shape.h"

#include <cstdint>
#include <vector>

namespace zipcnn {

/// What shape inference learned about one layer.
struct LayerInfo {
    std::vector<Shape> inputShapes;
    Shape outputShape;
    std::int64_t params = 0;
    std::int64_t macs = 0;
    bool shapeKnown = false; ///< false when an error upstream or here left the shape undefined
};

/// Shape inference, parameter and MAC counts and validation of a network (Keras rules,
/// channels last). `layers` is indexed like `Network::layers()`.
struct Analysis {
    std::vector<LayerInfo> layers;
    std::vector<std::size_t> order; ///< topological order (layers on a cycle are left out)
    std::int64_t params = 0;
    std::int64_t macs = 0;
    Diagnostics diagnostics;

    bool ok() const { return !hasErrors(diagnostics); }
};

Analysis analyze(const Network& net);

/// Whether `analysis` knows the shape of layer `i`. A pass over the layers skips a layer whose
/// shape is unknown and says so with this one "not-costed" warning, "<skipped>: its shape could
/// not be inferred" (`skipped` names what the pass did not do, e.g. "not planned").
bool shapeKnownOrWarn(const Network& net, const Analysis& analysis, std::size_t i,
                      const char* skipped, Diagnostics& out);

} // namespace zipcnn
