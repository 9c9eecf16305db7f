// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/NetworkSummary.h"

#include <algorithm>

namespace zipcnn {

namespace {

void appendUnique(Diagnostics& out, const Diagnostics& in) {
    for (const auto& d : in) {
        bool seen = std::any_of(out.begin(), out.end(), [&](const Diagnostic& o) {
            return o.code == d.code && o.layer == d.layer && o.message == d.message;
        });
        if (!seen)
            out.push_back(d);
    }
}

} // namespace

NetworkSummary NetworkSummary::compute(const Network& net) {
    NetworkSummary s;
    s.analysis = analyze(net);
    s.decomposition = decompose(net, s.analysis);
    s.flashFp32 = estimateFlash(net, s.analysis, s.decomposition, DType::FP32,
                                defaultCodeSizeParams(DType::FP32));
    s.flashInt8 = estimateFlash(net, s.analysis, s.decomposition, DType::INT8,
                                defaultCodeSizeParams(DType::INT8));
    s.ramRuleFp32 = ramByThesisRule(net, s.analysis, DType::FP32);
    s.ramRuleInt8 = ramByThesisRule(net, s.analysis, DType::INT8);
    s.plannerFp32 = planMemory(net, s.analysis, DType::FP32);
    s.plannerInt8 = planMemory(net, s.analysis, DType::INT8);

    for (const Diagnostics* d :
         {&s.analysis.diagnostics, &s.decomposition.diagnostics, &s.flashFp32.diagnostics,
          &s.flashInt8.diagnostics, &s.ramRuleFp32.diagnostics, &s.ramRuleInt8.diagnostics,
          &s.plannerFp32.diagnostics, &s.plannerInt8.diagnostics})
        appendUnique(s.diagnostics, *d);

    const auto& layers = net.layers();
    s.primitivesIndex_.assign(layers.size(), -1);
    s.ramRuleIndex_.assign(layers.size(), -1);
    s.layerError_.assign(layers.size(), false);
    for (std::size_t i = 0; i < s.decomposition.layers.size(); ++i)
        if (auto at = net.indexOf(s.decomposition.layers[i].layer))
            s.primitivesIndex_[*at] = static_cast<int>(i);
    for (std::size_t i = 0; i < s.ramRuleFp32.layers.size(); ++i)
        if (auto at = net.indexOf(s.ramRuleFp32.layers[i].name))
            s.ramRuleIndex_[*at] = static_cast<int>(i);
    for (const auto& d : s.diagnostics)
        if (d.severity == Severity::Error && !d.layer.empty())
            if (auto at = net.indexOf(d.layer))
                s.layerError_[*at] = true;
    if (!s.ramRuleFp32.peakLayer.empty())
        s.ramPeakIndex_ = net.indexOf(s.ramRuleFp32.peakLayer);
    return s;
}

const LayerPrimitives* NetworkSummary::primitivesOf(std::size_t layerIndex) const {
    if (layerIndex >= primitivesIndex_.size() || primitivesIndex_[layerIndex] < 0)
        return nullptr;
    return &decomposition.layers[static_cast<std::size_t>(primitivesIndex_[layerIndex])];
}

const RamRuleLayer* NetworkSummary::ramRuleOf(std::size_t layerIndex) const {
    if (layerIndex >= ramRuleIndex_.size() || ramRuleIndex_[layerIndex] < 0)
        return nullptr;
    return &ramRuleFp32.layers[static_cast<std::size_t>(ramRuleIndex_[layerIndex])];
}

bool NetworkSummary::layerHasError(std::size_t layerIndex) const {
    return layerIndex < layerError_.size() && layerError_[layerIndex];
}

} // namespace zipcnn
