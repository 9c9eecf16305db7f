// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "model/Network.h"

#include <cstdint>
#include <string>
#include <vector>

namespace zipcnn {

/// One row of the characterisation kit's layer table (kit/kit.h, `kit_layer_t`): what the
/// reference kernels need to run the layer. Images are H x W x C; a vector of N is 1 x 1 x N.
struct KitLayer {
    std::string name;
    LayerType type = LayerType::Input;
    std::string kind;                ///< the C enumerator: "KIT_CONV2D", "KIT_ALIAS", ...
    std::string act = "KIT_LINEAR";  ///< fused (or the Activation layer's) function
    std::vector<std::int64_t> inOff; ///< arena byte offsets of the inputs
    std::int64_t outOff = 0;         ///< arena byte offset of the output
    int inH = 1, inW = 1, inC = 1, outH = 1, outW = 1, outC = 1;
    int kH = 1, kW = 1, sH = 1, sW = 1, padTop = 0, padLeft = 0;
    int depthMult = 1;
    int shift = 0; ///< INT8 requantisation right shift (synthetic scales)
    std::int64_t wOff = 0, nW = 0, bOff = 0, nB = 0;
    std::int64_t fanIn = 0; ///< inputs per output value (weights' scale)
};

/// A network as the kit runs it: the layers in execution order with their buffers planned
/// in one arena (a Flatten, Reshape or Dropout shares its input's bytes).
struct KitNetwork {
    std::string name;
    std::vector<KitLayer> layers;
    std::int64_t arenaBytes = 0;
    std::int64_t weightCount = 0; ///< weights and biases, one array per numeric format
    Diagnostics diagnostics;      ///< errors name the layer and why the kit cannot run it
    bool ok() const { return !hasErrors(diagnostics); }
};

/// The kit's view of an analysed network. A layer kind, activation or configuration the
/// reference kernels do not implement is an error naming the layer (docs/kit.md lists them).
KitNetwork buildKitNetwork(const Network& net, const Analysis& analysis);

/// What the generated files say besides the network.
struct KitOptions {
    std::string model;              ///< the MODEL argument, for the comments
    std::string mcu;                ///< the CSV's mcu column (a LUT name), "" when not given
    std::string core = "cortex-m4"; ///< a name of kitCores()
    std::vector<double> clocksMhz;  ///< the clocks the run tries, in order
    int repeats = 10;
    int opLoops = 10000;
};

/// kit_network.h: the layer table and the build constants of the network.
std::string kitHeaderText(const KitNetwork& net, const KitOptions& options);
/// kit_weights.c: deterministic synthetic weights, FP32 and INT8, as const arrays (Flash).
std::string kitWeightsText(const KitNetwork& net);

/// A C string literal's contents for `s` (quotes and backslashes escaped, controls as \ooo).
std::string cStringBody(const std::string& s);

} // namespace zipcnn
