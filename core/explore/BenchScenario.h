// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Project.h"

namespace zipcnn {

/// The scenario the window and report benchmarks measure (zipcnn-explorer-bench, the report's
/// speed test): the project's own variants plus INT8 pruned 50, 60, 70, 80 and 90 %, every one
/// shown in the charts. On the ResNet26 example that is the 3 MCUs x 12 variants.
void addBenchVariants(Project& project);

} // namespace zipcnn
