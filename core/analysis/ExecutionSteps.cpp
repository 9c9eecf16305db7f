// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/ExecutionSteps.h"

#include <algorithm>

namespace zipcnn {

ExecutionSteps executionSteps(const Network& net, const Analysis& analysis, Diagnostics& out) {
    ExecutionSteps s;
    s.stepOf.assign(net.layers().size(), -1);
    for (auto i : analysis.order) {
        if (!shapeKnownOrWarn(net, analysis, i, "not planned", out))
            continue;
        s.stepOf[i] = static_cast<int>(s.order.size());
        s.order.push_back(i);
    }
    s.consumers.resize(net.layers().size());
    for (auto i : s.order)
        for (const auto& in : net.layers()[i].inputs)
            if (auto p = net.indexOf(in); p && s.stepOf[*p] >= 0)
                s.consumers[*p].push_back(i);
    return s;
}

int ExecutionSteps::lastReadStep(std::size_t i) const {
    if (consumers[i].empty())
        return lastStep();
    int last = stepOf[i];
    for (auto c : consumers[i])
        last = std::max(last, stepOf[c]);
    return last;
}

} // namespace zipcnn
