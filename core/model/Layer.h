// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/LayerType.h"
#include "model/Quantization.h"
#include "model/Shape.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// A pair of sizes along height and width.
struct Size2 {
    int h = 1;
    int w = 1;
    bool operator==(const Size2&) const = default;
    bool isSquare() const { return h == w; }
    std::string toString() const; ///< "3x3"
};

/// Explicit zero padding on the four sides of an image.
struct Pad4 {
    int top = 0;
    int bottom = 0;
    int left = 0;
    int right = 0;
    bool operator==(const Pad4&) const = default;
};

/// Typed attributes of a layer. Each layer kind reads the fields that concern it (see
/// `docs/network-format.md`); the others keep their defaults.
struct LayerAttrs {
    Shape inputShape;     ///< Input: shape without batch
    int filters = 0;      ///< Conv2D, SeparableConv2D: output channels
    int units = 0;        ///< Dense: outputs
    int inputUnits = 0;   ///< Dense: deployed input width when larger than the tensor (0 = tensor)
    Size2 kernel{1, 1};   ///< convs: kernel size; pools: pool size
    Size2 strides{1, 1};  ///< convs and pools (pools default to the pool size)
    Size2 dilation{1, 1}; ///< convs
    Padding padding = Padding::Valid;
    Pad4 pads;               ///< Padding::Explicit and ZeroPadding2D
    int groups = 1;          ///< Conv2D
    int depthMultiplier = 1; ///< DepthwiseConv2D, SeparableConv2D
    bool useBias = true;     ///< convs, Dense
    ActivationKind activation =
        ActivationKind::Linear;            ///< fused, or the Activation layer's function
    double alpha = 0.3;                    ///< leaky_relu slope
    bool center = true;                    ///< BatchNormalization beta
    bool scale = true;                     ///< BatchNormalization gamma
    double epsilon = 1e-3;                 ///< BatchNormalization
    int axis = -1;                         ///< Concatenate
    std::vector<std::int64_t> targetShape; ///< Reshape (-1 allowed once)
    Size2 upsample{2, 2};                  ///< UpSampling2D factors
    Interpolation interpolation = Interpolation::Nearest;
    double rate = 0.0;               ///< Dropout
    std::string sourceClass;         ///< Unsupported: the layer's class in the source model
    Shape outputShape;               ///< Unsupported: output shape when known (empty: the input's)
    std::optional<double> pruneRate; ///< per-layer override of the global pruning rate

    bool operator==(const LayerAttrs&) const = default;
};

/// One node of the network graph. Edges are the names listed in `inputs`.
struct Layer {
    std::string name;
    LayerType type = LayerType::Input;
    std::vector<std::string> inputs;
    LayerAttrs attrs;
    /// Set by an importer reading a quantised model (information, see model/Quantization.h).
    std::optional<LayerQuantization> quantization = std::nullopt;

    bool operator==(const Layer&) const = default;
};

} // namespace zipcnn
