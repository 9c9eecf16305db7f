// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zipcnn {

/// The layer kinds the engine understands (Keras names). What the program knows about each is
/// its entry in the layer catalogue (model/LayerCatalog.h, same order); `Unsupported` stays
/// last (the catalogue's tests count the kinds up to it).
enum class LayerType {
    Input,
    Conv2D,
    DepthwiseConv2D,
    SeparableConv2D,
    /// Keras Conv2DTranspose (a "deconvolution"): each input pixel scatters a kernel-sized window
    /// of every filter into an output `strides` times larger.
    Conv2DTranspose,
    Dense,
    AveragePooling2D,
    MaxPooling2D,
    GlobalAveragePooling2D,
    GlobalMaxPooling2D,
    BatchNormalization,
    Activation,
    Add,
    Multiply,
    Concatenate,
    Flatten,
    Reshape,
    ZeroPadding2D,
    /// Keras Cropping2D: drops rows and columns at the borders (data movement).
    Cropping2D,
    UpSampling2D,
    Dropout,
    /// A layer of an imported model that the engine cannot cost (kept on request): it passes a
    /// shape through (its input's, or the one the importer stated) and costs nothing.
    Unsupported,
};

/// Element-wise activation functions, standalone or fused into a layer.
enum class ActivationKind {
    Linear,
    Relu,
    Relu6,
    Sigmoid,
    Tanh,
    Softmax,
    HardSigmoid,
    HardSwish,
    Swish,
    LeakyRelu,
};

enum class Padding { Valid, Same, Explicit };
enum class Interpolation { Nearest, Bilinear };

std::string_view layerTypeName(LayerType t);
std::optional<LayerType> layerTypeFromName(std::string_view name);
const std::vector<LayerType>& allLayerTypes();

std::string_view activationName(ActivationKind a);
std::optional<ActivationKind> activationFromName(std::string_view name);
const std::vector<ActivationKind>& allActivations();

std::string_view paddingName(Padding p);
std::optional<Padding> paddingFromName(std::string_view name);

std::string_view interpolationName(Interpolation i);
std::optional<Interpolation> interpolationFromName(std::string_view name);

/// Layers whose output has the same shape as their (single) input, element by element.
bool isElementwise(LayerType t);
/// Layers that carry a kernel and may carry a fused activation.
bool hasFusedActivation(LayerType t);

} // namespace zipcnn
