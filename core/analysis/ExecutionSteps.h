// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/NetworkAnalysis.h"

#include <cstddef>
#include <vector>

namespace zipcnn {

/// The order in which the memory planners run a network: the layers whose shape is known, in
/// topological order. Shared by the thesis-era tensor planner and the runtime arena planner.
struct ExecutionSteps {
    std::vector<std::size_t> order; ///< layer indices, one a step
    std::vector<int> stepOf;        ///< indexed like the layers: the step, -1 when left out
    /// Indexed like the layers: the planned layers that read its output, in step order.
    std::vector<std::vector<std::size_t>> consumers;

    bool empty() const { return order.empty(); }
    int lastStep() const { return static_cast<int>(order.size()) - 1; }
    /// The step of the last layer that reads layer `i`'s output; the last step when none does
    /// (a network output lives to the end).
    int lastReadStep(std::size_t i) const;
};

/// The steps of `net`; each layer left out (shape unknown) adds a "not planned" warning to `out`.
ExecutionSteps executionSteps(const Network& net, const Analysis& analysis, Diagnostics& out);

} // namespace zipcnn
