// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/LayerHeat.h"

#include <limits>
#include <map>
#include <string>

namespace zipcnn {

std::vector<double> layerHeat(const Network& net, const CostVariant& variant,
                              const std::vector<CostShare>& costs, HeatMetric metric) {
    if (metric == HeatMetric::None)
        return {};
    std::map<std::string, double> value;
    double total = 0.0;
    if (metric == HeatMetric::Ram) {
        for (const RamRuleLayer& l : variant.ramLayers)
            value[l.name] = static_cast<double>(l.bytes);
        total = static_cast<double>(variant.ramBytes);
    } else {
        for (const CostShare& s : costs) {
            const double v = metric == HeatMetric::Latency ? s.latencyMs : s.energyJ;
            value[s.name] = v;
            total += v;
        }
    }
    if (!(total > 0.0))
        return {};
    std::vector<double> heat(net.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < net.size(); ++i)
        if (auto it = value.find(net.layers()[i].name); it != value.end())
            heat[i] = it->second / total;
    return heat;
}

} // namespace zipcnn
