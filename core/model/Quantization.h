// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string_view>

namespace zipcnn {

/// How a layer's weights share their quantisation scales.
enum class QuantScheme {
    PerTensor,  ///< one scale for the whole weight tensor
    PerChannel, ///< one scale per output channel
};

std::string_view quantSchemeName(QuantScheme s); ///< "per-tensor", "per-channel"
std::optional<QuantScheme> quantSchemeFromName(std::string_view name);

/// What a quantised model file says about one layer: information shown to the user and kept in
/// the network file; the cost model reads the network's baseline format (Network::baselineDType)
/// and not these.
struct LayerQuantization {
    QuantScheme scheme = QuantScheme::PerTensor; ///< of the weight scales
    int scales = 0;         ///< number of weight scales (0: the layer has no quantised weights)
    int weightBits = 0;     ///< bits of one stored weight (8), 0 when the weights are float
    int activationBits = 8; ///< bits of one output activation: 8, 16 (16x8 models) or 32 (float)

    bool operator==(const LayerQuantization&) const = default;
};

} // namespace zipcnn
