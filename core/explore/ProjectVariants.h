// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/Sweep.h"
#include "model/Project.h"

#include <string>
#include <vector>

namespace zipcnn {

/// The network of a variant before pruning: the project's network, or its student (a zoo model,
/// a network file relative to `projectFile`, or one derived from the project's network).
/// nullopt with an error diagnostic naming the variant when the student cannot be built.
std::optional<Network> variantBaseNetwork(const Project& project, const VariantSpec& spec,
                                          const std::string& projectFile, Diagnostics& out);

/// Every variant of the project made ready for a sweep (unusable ones carry their errors), and
/// lowered for each kernel-class runtime of `runtimes`.
std::vector<CostVariant>
prepareProjectVariants(const Project& project, const std::string& projectFile,
                       const std::vector<const RuntimeProfile*>& runtimes = {});

} // namespace zipcnn
