// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/LayerType.h"

#include "base/EnumNames.h"
#include "model/LayerCatalog.h"

namespace zipcnn {

namespace {

constexpr auto kActivationNames = std::to_array<EnumName<ActivationKind>>({
    {ActivationKind::Linear, "linear"},
    {ActivationKind::Relu, "relu"},
    {ActivationKind::Relu6, "relu6"},
    {ActivationKind::Sigmoid, "sigmoid"},
    {ActivationKind::Tanh, "tanh"},
    {ActivationKind::Softmax, "softmax"},
    {ActivationKind::HardSigmoid, "hard_sigmoid"},
    {ActivationKind::HardSwish, "hard_swish"},
    {ActivationKind::Swish, "swish"},
    {ActivationKind::LeakyRelu, "leaky_relu"},
});

constexpr auto kPaddingNames = std::to_array<EnumName<Padding>>({
    {Padding::Valid, "valid"},
    {Padding::Same, "same"},
    {Padding::Explicit, "explicit"},
});

constexpr auto kInterpolationNames = std::to_array<EnumName<Interpolation>>({
    {Interpolation::Nearest, "nearest"},
    {Interpolation::Bilinear, "bilinear"},
});

} // namespace

// The kinds and their names live in the catalogue (model/LayerCatalog.h): one place per kind.
std::string_view layerTypeName(LayerType t) {
    const auto i = static_cast<std::size_t>(t);
    return i < layerCatalog().size() ? layerCatalog()[i].name : std::string_view("?");
}
std::optional<LayerType> layerTypeFromName(std::string_view name) {
    if (const LayerKind* k = layerKindByName(name))
        return k->type;
    return std::nullopt;
}
const std::vector<LayerType>& allLayerTypes() {
    static const std::vector<LayerType> all = [] {
        std::vector<LayerType> v;
        for (const auto& k : layerCatalog())
            v.push_back(k.type);
        return v;
    }();
    return all;
}

std::string_view activationName(ActivationKind a) {
    return nameOf(kActivationNames, a);
}
std::optional<ActivationKind> activationFromName(std::string_view name) {
    if (name == "silu")
        return ActivationKind::Swish; // Keras alias
    return fromName(kActivationNames, name);
}
const std::vector<ActivationKind>& allActivations() {
    static const std::vector<ActivationKind> all = valuesOf(kActivationNames);
    return all;
}

std::string_view paddingName(Padding p) {
    return nameOf(kPaddingNames, p);
}
std::optional<Padding> paddingFromName(std::string_view name) {
    return fromName(kPaddingNames, name);
}

// Anything but Nearest has always been named bilinear.
std::string_view interpolationName(Interpolation i) {
    return nameOf(kInterpolationNames, i, "bilinear");
}
std::optional<Interpolation> interpolationFromName(std::string_view name) {
    return fromName(kInterpolationNames, name);
}

bool isElementwise(LayerType t) {
    return layerKind(t).elementwise;
}

bool hasFusedActivation(LayerType t) {
    return layerKind(t).fusedActivation;
}

} // namespace zipcnn
