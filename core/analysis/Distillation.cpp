// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Distillation.h"

#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace zipcnn {

namespace {

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

// ---------------------------------------------------------------------------------------------
// Identity residual blocks.
// ---------------------------------------------------------------------------------------------

// The single-input chain from `from` back to `x` (exclusive), or nullopt when `from` does not
// reach `x` through single-input layers.
std::optional<std::vector<std::string>> chainBackTo(const Network& net, const std::string& from,
                                                    const std::string& x) {
    std::vector<std::string> chain;
    std::string cur = from;
    while (cur != x) {
        const Layer* l = net.find(cur);
        if (!l || l->inputs.size() != 1 || chain.size() > net.size())
            return std::nullopt; // a merge, the network input, or a cycle
        chain.push_back(cur);
        cur = l->inputs.front();
    }
    return chain;
}

// True when every consumer of the chain's layers is inside the block: otherwise removing the
// block would cut a branch that leaves it.
bool chainIsPrivate(const Network& net, const std::vector<std::string>& chain,
                    const std::string& add) {
    std::set<std::string> inside(chain.begin(), chain.end());
    inside.insert(add);
    for (const auto& name : chain)
        for (const auto& c : net.consumers(name))
            if (!inside.count(c))
                return false;
    return true;
}

std::optional<IdentityBlock> identityBlockAt(const Network& net, const Layer& add) {
    if (add.type != LayerType::Add || add.inputs.size() != 2)
        return std::nullopt;
    for (int k = 0; k < 2; ++k) {
        const std::string& x = add.inputs[k];
        const std::string& other = add.inputs[1 - k];
        if (other == x || !net.find(x))
            continue;
        auto chain = chainBackTo(net, other, x);
        if (!chain || !chainIsPrivate(net, *chain, add.name))
            continue;
        IdentityBlock block{x, add.name, {}};
        block.layers.assign(chain->rbegin(), chain->rend());
        block.layers.push_back(add.name);
        const auto after = net.consumers(add.name);
        if (after.size() == 1) {
            const Layer* act = net.find(after.front());
            if (act->type == LayerType::Activation && act->inputs.size() == 1) {
                block.output = act->name;
                block.layers.push_back(act->name);
            }
        }
        return block;
    }
    return std::nullopt;
}

// One stage: consecutive identity blocks with the same output shape.
struct Stage {
    Shape shape;
    std::vector<IdentityBlock> blocks;
};

std::vector<Stage> stagesOf(const Network& net, const Analysis& analysis) {
    std::vector<Stage> stages;
    for (const auto& block : identityBlocks(net)) {
        const auto& info = analysis.layers[*net.indexOf(block.output)];
        const Shape shape = info.shapeKnown ? info.outputShape : Shape{};
        if (stages.empty() || stages.back().shape != shape)
            stages.push_back({shape, {}});
        stages.back().blocks.push_back(block);
    }
    return stages;
}

// Removes one block: its output's consumers read the block input instead.
void removeBlock(Network& net, const IdentityBlock& block) {
    for (auto& l : net.layers())
        for (auto& in : l.inputs)
            if (in == block.output)
                in = block.input;
    for (const auto& name : block.layers)
        net.remove(name);
}

std::string blockList(const std::vector<IdentityBlock>& blocks) {
    std::string out;
    for (const auto& b : blocks)
        out += (out.empty() ? "" : ", ") + quoted(b.output);
    return out;
}

void dropBlocks(Network& net, int perStage, Diagnostics& diags) {
    const auto stages = stagesOf(net, analyze(net));
    if (stages.empty()) {
        diags.push_back(makeInfo("student-no-blocks",
                                 "no identity residual block found: no block was removed"));
        return;
    }
    std::vector<IdentityBlock> removed;
    for (const auto& stage : stages) {
        const auto n =
            std::min<std::size_t>(static_cast<std::size_t>(perStage), stage.blocks.size());
        const std::vector<IdentityBlock> dropped(
            stage.blocks.end() - static_cast<std::ptrdiff_t>(n), stage.blocks.end());
        if (n < static_cast<std::size_t>(perStage))
            diags.push_back(makeInfo("student-short-stage",
                                     "the stage of shape " + stage.shape.toString() + " has only " +
                                         std::to_string(stage.blocks.size()) +
                                         " identity block(s); all are removed",
                                     stage.blocks.front().output));
        if (!dropped.empty())
            diags.push_back(makeInfo("student-blocks-removed",
                                     "removed the identity blocks ending at " + blockList(dropped) +
                                         " (stage of shape " + stage.shape.toString() + ")",
                                     dropped.front().output));
        removed.insert(removed.end(), dropped.begin(), dropped.end());
    }
    // Last block first: an earlier block's output may be a later block's input, and stays
    // valid only while the earlier block is still there.
    for (auto it = removed.rbegin(); it != removed.rend(); ++it)
        removeBlock(net, *it);
}

// ---------------------------------------------------------------------------------------------
// Width multiplier.
// ---------------------------------------------------------------------------------------------

int scaledWidth(int width, double multiplier) {
    // The epsilon keeps an exact product such as 16 x 0.75 from rounding up through
    // floating-point noise.
    const double v = std::ceil(width * multiplier - 1e-9);
    return std::max(1, static_cast<int>(std::min(v, 2e9)));
}

void scaleWidths(Network& net, double multiplier, Diagnostics& diags) {
    for (const auto& g : channelGroups(net, /*denseResizable=*/true)) {
        if (!g.resizable) {
            diags.push_back(
                makeInfo("student-kept-width", keepsWidth(g, "width"), g.members.front()));
            continue;
        }
        for (const auto& m : g.members) {
            Layer* l = net.find(m);
            int& width = l->type == LayerType::Dense ? l->attrs.units : l->attrs.filters;
            width = scaledWidth(width, multiplier);
        }
    }
}

Diagnostics validateSpec(const StudentSpec& spec) {
    Diagnostics d;
    if (!(spec.widthMultiplier > 0.0) || !std::isfinite(spec.widthMultiplier))
        d.push_back(makeError("bad-student-spec", "the width multiplier must be positive, got " +
                                                      std::to_string(spec.widthMultiplier)));
    if (spec.dropBlocksPerStage < 0)
        d.push_back(makeError("bad-student-spec",
                              "the number of blocks to drop per stage must not be negative, got " +
                                  std::to_string(spec.dropBlocksPerStage)));
    return d;
}

} // namespace

std::vector<IdentityBlock> identityBlocks(const Network& net) {
    const Analysis analysis = analyze(net);
    std::vector<IdentityBlock> blocks;
    for (auto i : analysis.order)
        if (auto block = identityBlockAt(net, net.layers()[i]))
            blocks.push_back(std::move(*block));
    return blocks;
}

StudentResult deriveStudent(const Network& teacher, const StudentSpec& spec) {
    StudentResult result{teacher, validateSpec(spec)};
    if (hasErrors(result.diagnostics))
        return result;
    if (spec.dropBlocksPerStage > 0)
        dropBlocks(result.network, spec.dropBlocksPerStage, result.diagnostics);
    if (spec.widthMultiplier != 1.0)
        scaleWidths(result.network, spec.widthMultiplier, result.diagnostics);
    // The rules above are meant to keep any valid teacher valid; say so loudly if one missed.
    if (analyze(teacher).ok())
        for (const auto& d : analyze(result.network).diagnostics)
            if (d.severity == Severity::Error)
                result.diagnostics.push_back(makeError(
                    "student-invalid", "the derived student is invalid: " + d.message, d.layer));
    return result;
}

} // namespace zipcnn
