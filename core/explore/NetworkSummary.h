// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/MemoryPlanner.h"
#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "model/Network.h"

#include <cstddef>
#include <optional>

namespace zipcnn {

/// Everything the views show about a network that does not depend on an MCU: the analysis, the
/// primitive decomposition and the memory estimates in both formats. It is a plain value,
/// computed in one go from a network, so a later version can compute it on a worker thread and
/// hand the finished value to the GUI.
struct NetworkSummary {
    Analysis analysis;
    Decomposition decomposition;
    FlashEstimate flashFp32;
    FlashEstimate flashInt8;
    RamRuleEstimate ramRuleFp32;
    RamRuleEstimate ramRuleInt8;
    PlannerResult plannerFp32;
    PlannerResult plannerInt8;
    /// Every diagnostic of the steps above, analysis first, without duplicates.
    Diagnostics diagnostics;

    /// Computes the summary of `net`. Never fails: problems end up in `diagnostics`.
    static NetworkSummary compute(const Network& net);

    /// The primitives of the layer at `layerIndex` (index in `Network::layers()`), or nullptr
    /// when the decomposition skipped it.
    const LayerPrimitives* primitivesOf(std::size_t layerIndex) const;
    /// The FP32 thesis-rule entry of the layer at `layerIndex`, or nullptr when it is not a
    /// compute layer of the rule.
    const RamRuleLayer* ramRuleOf(std::size_t layerIndex) const;
    /// Index of the layer that sets the FP32 thesis-rule RAM peak, if any.
    std::optional<std::size_t> ramPeakLayer() const { return ramPeakIndex_; }
    /// Whether any error diagnostic names this layer.
    bool layerHasError(std::size_t layerIndex) const;

private:
    // Per-layer lookups, indexed like Network::layers(); -1 when absent. Built once so the
    // table model does not search the result lists for every cell it paints.
    std::vector<int> primitivesIndex_;
    std::vector<int> ramRuleIndex_;
    std::vector<bool> layerError_;
    std::optional<std::size_t> ramPeakIndex_;
};

} // namespace zipcnn
