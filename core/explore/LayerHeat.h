// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/Estimator.h"
#include "cost/Sweep.h"
#include "model/Network.h"

#include <vector>

namespace zipcnn {

/// What the graph's nodes are coloured by.
enum class HeatMetric { None, Latency, Energy, Ram };

/// Per layer of `net` (index of `Network::layers()`), its share in [0, 1] of `metric` in a cell
/// of `variant` whose per-layer costs are `costs`; NaN for layers without a cost. Empty for
/// `HeatMetric::None` or when the total is not positive. `variant` must be of `net` itself,
/// not of a student (whose layers are others). The window's graph and the report's use it.
std::vector<double> layerHeat(const Network& net, const CostVariant& variant,
                              const std::vector<CostShare>& costs, HeatMetric metric);

} // namespace zipcnn
