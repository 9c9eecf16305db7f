// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Network.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// One built-in model: what it is called, what it is, and where its architecture comes from.
struct ZooEntry {
    std::string name;        ///< stable id, e.g. "resnet8"
    std::string description; ///< one or two sentences, with the parameter count
    std::string source;      ///< the thesis table or reference implementation it reproduces
};

/// The built-in models, always in the same order (thesis models first, then MLPerf Tiny).
const std::vector<ZooEntry>& zooEntries();

/// The names of `zooEntries()`, in the same order.
std::vector<std::string> zooModelNames();

/// Builds the zoo model called `name` (the network is named after it); nullopt for an unknown
/// name.
std::optional<Network> zooModel(const std::string& name);

/// The MLPerf Tiny CIFAR-10 ResNet family (32x32x3 input, 10 classes): a 3x3 stem conv, then
/// three stages of `blocksPerStage` residual blocks with 16, 32 and 64 filters, each filter count
/// scaled by `widthMultiplier` (rounded up, at least 1). The first block of stages 2 and 3 has
/// stride 2 and a 1x1 stride-2 projection shortcut; every other block adds its input back.
/// BatchNormalization and ReLU are separate layers, as in the Keras reference.
/// `blocksPerStage` below 1 is treated as 1. resnetCifar(1, ...) is ResNet-8 and
/// resnetCifar(4, ...) is ResNet-26.
Network resnetCifar(int blocksPerStage, const std::string& name, double widthMultiplier = 1.0);

} // namespace zipcnn
