// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "model/Network.h"

#include <string>
#include <vector>

namespace zipcnn {

/// How to derive a knowledge-distillation student from its teacher (estimation-model.md
/// section 5). The student is estimated like any network; its accuracy is the user's to enter.
struct StudentSpec {
    /// Scales the filters of every Conv2D/SeparableConv2D and the units of every Dense layer
    /// (rounded up, at least 1), except layers whose width is pinned (a network output, a
    /// residual group joined to the network input...). Must be positive.
    double widthMultiplier = 1.0;
    /// Identity residual blocks removed at the end of each stage (0 keeps them all).
    int dropBlocksPerStage = 0;
};

struct StudentResult {
    Network network;
    Diagnostics diagnostics;
};

/// A residual block whose shortcut is its input itself: Add(x, f(x)), where f is a chain of
/// single-input layers starting from x and used by nothing else, optionally followed by one
/// Activation. Blocks with a projection (convolution) shortcut are not identity blocks.
struct IdentityBlock {
    std::string input;               ///< x, the block input
    std::string output;              ///< the Add, or the Activation right after it
    std::vector<std::string> layers; ///< every layer of the block (path, Add, activation)
};

/// The identity residual blocks of `net`, in topological order.
std::vector<IdentityBlock> identityBlocks(const Network& net);

/// Derives a student: first removes the last `dropBlocksPerStage` identity blocks of each stage
/// (a stage is a run of consecutive identity blocks with the same output shape; projection
/// blocks are kept), rewiring the block output's consumers to the block input; then applies the
/// width multiplier, keeping the channel groups of pruning consistent so that the student
/// always analyses. Layer names are kept. An invalid spec gives an Error diagnostic and the
/// teacher unchanged.
StudentResult deriveStudent(const Network& teacher, const StudentSpec& spec);

} // namespace zipcnn
