// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "model/Network.h"

#include <map>
#include <string>
#include <vector>

namespace zipcnn {

/// Structured filter pruning request (estimation-model.md section 5).
struct PruneSpec {
    double rate = 0.0; ///< global fraction of filters removed, in [0, 0.95]
    std::map<std::string, double>
        perLayer; ///< layer name -> rate, overrides `rate` and the layer's own
    /// Keep every Dense layer at its original input width (the thesis's deployed pruned LeNet5
    /// kept its first dense layer at 400 inputs, Table 4.18).
    bool keepDenseInputs = false;
};

/// What happened to one pruned convolution.
struct PrunedLayer {
    std::string layer;
    int filtersBefore = 0;
    int filtersAfter = 0;
    double rate = 0.0;
    std::string group; ///< name of the residual group it was pruned with ("" when alone)
};

struct PruneResult {
    Network network;
    std::vector<PrunedLayer> layers;
    Diagnostics diagnostics;
};

/// Applies structured filter pruning: each Conv2D/SeparableConv2D keeps
/// ceil((1 - r) x filters) filters; consumers shrink through shape inference; convolutions
/// feeding the same Add/Multiply are pruned as one group; layers whose channels reach a
/// network output are not pruned. Rate precedence: spec.perLayer, then Layer::attrs.pruneRate,
/// then spec.rate.
PruneResult prune(const Network& net, const PruneSpec& spec);

/// Filters kept out of `filters` at `rate`: ceil((1 - rate) x filters), at least 1.
int keptFilters(int filters, double rate);

/// Layers whose output channels must keep the same width, because their tensors meet at an
/// Add/Multiply (directly or through channel-preserving layers such as BatchNormalization,
/// Activation, pooling or DepthwiseConv2D).
struct ChannelGroup {
    std::string name;                 ///< first merging layer of the group, "" when alone
    std::vector<std::string> members; ///< the resizable producers, in network order
    /// The multi-input layers that join them (Add, Multiply, Concatenate along a spatial axis).
    /// A one-channel operand broadcast over the channels is not joined (it keeps its one channel).
    std::vector<std::string> merges;
    /// False when the width is pinned: a member of the group is a channel source that cannot be
    /// resized (network input, Dense, Concatenate...), or the channels reach a network output
    /// or a layer that needs a fixed width (Reshape, grouped convolution).
    bool resizable = true;
    /// Why the width is pinned, as a phrase about the group's channels: "reach the network
    /// output 'fc3'", "are joined to the network input 'input'".
    std::string reason;
};

/// The channel groups of a network that contain at least one resizable producer: every
/// Conv2D/SeparableConv2D (groups = 1) and, when `denseResizable`, every Dense layer.
/// Used by pruning and by distillation's width multiplier so that both keep a network valid.
std::vector<ChannelGroup> channelGroups(const Network& net, bool denseResizable = false);

/// Explains why a pinned group keeps its width: "'a', 'b' keep their <what>: their channels
/// <reason>" (for diagnostics).
std::string keepsWidth(const ChannelGroup& group, const std::string& what);

} // namespace zipcnn
