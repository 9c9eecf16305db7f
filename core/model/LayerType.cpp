// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/LayerType.h"

#include "model/LayerCatalog.h"

#include <array>
#include <utility>

namespace zipcnn {

namespace {

constexpr std::array<std::pair<ActivationKind, std::string_view>, 10> kActivationNames{{
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
}};

template <typename E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E v) {
    for (const auto& [e, n] : table)
        if (e == v)
            return n;
    return "?";
}

template <typename E, std::size_t N>
std::optional<E> fromName(const std::array<std::pair<E, std::string_view>, N>& table,
                          std::string_view name) {
    for (const auto& [e, n] : table)
        if (n == name)
            return e;
    return std::nullopt;
}

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
    static const std::vector<ActivationKind> all = [] {
        std::vector<ActivationKind> v;
        for (const auto& p : kActivationNames)
            v.push_back(p.first);
        return v;
    }();
    return all;
}

std::string_view paddingName(Padding p) {
    switch (p) {
    case Padding::Valid:
        return "valid";
    case Padding::Same:
        return "same";
    case Padding::Explicit:
        return "explicit";
    }
    return "?";
}
std::optional<Padding> paddingFromName(std::string_view name) {
    if (name == "valid")
        return Padding::Valid;
    if (name == "same")
        return Padding::Same;
    if (name == "explicit")
        return Padding::Explicit;
    return std::nullopt;
}

std::string_view interpolationName(Interpolation i) {
    return i == Interpolation::Nearest ? "nearest" : "bilinear";
}
std::optional<Interpolation> interpolationFromName(std::string_view name) {
    if (name == "nearest")
        return Interpolation::Nearest;
    if (name == "bilinear")
        return Interpolation::Bilinear;
    return std::nullopt;
}

bool isElementwise(LayerType t) {
    return layerKind(t).elementwise;
}

bool hasFusedActivation(LayerType t) {
    return layerKind(t).fusedActivation;
}

} // namespace zipcnn
