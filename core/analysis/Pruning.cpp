// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Pruning.h"

#include "analysis/NetworkAnalysis.h"
#include "model/LayerCatalog.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

namespace zipcnn {

int keptFilters(int filters, double rate) {
    // (1 - 0.7) x 10 is 3.0000000000000004 in binary floating point: without the epsilon the
    // ceiling would keep one filter too many.
    constexpr double epsilon = 1e-9;
    const double kept = std::ceil((1.0 - rate) * filters - epsilon);
    return std::max(1, static_cast<int>(kept));
}

namespace {

// ---------------------------------------------------------------------------------------------
// Channel groups: a union-find over layer outputs. Two outputs are in the same set when their
// channel counts must be equal (one passes its input channels through, or they meet at an
// Add/Multiply). Each set then says who decides its width.
// ---------------------------------------------------------------------------------------------

// How a layer's output gets its channel count.
enum class Role {
    Passes,    // same channels as its input(s): merged into their set
    Resizable, // chooses its width (conv filters, Dense units when allowed)
    Derived,   // width computed from its inputs (Flatten, channel Concatenate, depth multiplier)
    Fixed,     // width that cannot change (network input, Dense, Reshape, grouped conv)
};

struct GraphSets {
    std::vector<std::size_t> parent;
    std::vector<Role> role;
    std::vector<std::vector<std::size_t>> inputs;          // resolved input indices
    std::vector<std::string> fixedReason;                  // per layer, for Role::Fixed
    std::vector<std::pair<std::size_t, std::string>> pins; // (layer, why its set is pinned)

    std::size_t find(std::size_t i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
    void unite(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

std::string quoted(const std::string& s) {
    return "'" + s + "'";
}

std::string quotedList(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + quoted(n);
    return out;
}

// A one-channel operand of an Add/Multiply (a spatial attention map) is broadcast over the
// channels: its width is not tied to the others, but must stay one.
bool broadcasts(const Analysis& analysis, std::size_t input, std::size_t merge) {
    const LayerInfo& in = analysis.layers[input];
    const LayerInfo& out = analysis.layers[merge];
    return in.shapeKnown && out.shapeKnown && in.outputShape.channels() == 1 &&
           out.outputShape.channels() != 1;
}

// A Concatenate along the channel axis adds widths; along another axis every input must
// already have the same channels, like an Add.
bool concatenatesChannels(const Layer& l, const LayerInfo& info) {
    if (!info.shapeKnown)
        return true; // unknown rank: assume the common case
    const int rank = static_cast<int>(info.outputShape.rank());
    const int axis = l.attrs.axis < 0 ? rank + l.attrs.axis : l.attrs.axis;
    return axis == rank - 1;
}

// Sets the role of layer `i`, merges pass-through outputs with their inputs and pins the
// inputs of layers that need a fixed input width.
void classifyLayer(const Network& net, const Analysis& analysis, bool denseResizable, std::size_t i,
                   GraphSets& sets) {
    const Layer& l = net.layers()[i];
    auto fix = [&](const std::string& why) {
        sets.role[i] = Role::Fixed;
        sets.fixedReason[i] = why;
    };
    auto pinInputs = [&](const std::string& why) {
        for (auto in : sets.inputs[i])
            sets.pins.emplace_back(in, why);
    };
    auto passInputs = [&] {
        sets.role[i] = Role::Passes;
        for (auto in : sets.inputs[i]) {
            if (!broadcasts(analysis, in, i))
                sets.unite(i, in);
            else
                sets.pins.emplace_back(in, "are broadcast over the channels of " + quoted(l.name));
        }
    };
    switch (l.type) {
    case LayerType::Input:
        return fix("are joined to the network input " + quoted(l.name));
    case LayerType::Conv2D:
        if (l.attrs.groups == 1) {
            sets.role[i] = Role::Resizable;
            return;
        }
        pinInputs("are read by the grouped convolution " + quoted(l.name));
        return fix("are joined to the grouped convolution " + quoted(l.name));
    case LayerType::SeparableConv2D:
    case LayerType::Conv2DTranspose:
        sets.role[i] = Role::Resizable;
        return;
    case LayerType::DepthwiseConv2D:
        if (l.attrs.depthMultiplier == 1)
            return passInputs();
        sets.role[i] = Role::Derived;
        return;
    case LayerType::Dense:
        if (denseResizable) {
            sets.role[i] = Role::Resizable;
            return;
        }
        return fix("are joined to the Dense layer " + quoted(l.name));
    case LayerType::Concatenate:
        if (!concatenatesChannels(l, analysis.layers[i]))
            return passInputs();
        sets.role[i] = Role::Derived;
        return;
    case LayerType::Flatten:
        sets.role[i] = Role::Derived;
        return;
    case LayerType::Reshape:
        pinInputs("are read by the Reshape " + quoted(l.name) + ", whose target shape is fixed");
        return fix("are joined to the Reshape " + quoted(l.name) + ", whose shape is fixed");
    default:
        if (layerKind(l.type).passesChannels)
            return passInputs();
        return fix("are joined to " + quoted(l.name) + ", whose width is fixed");
    }
}

GraphSets buildSets(const Network& net, bool denseResizable) {
    const auto& layers = net.layers();
    const std::size_t n = layers.size();
    GraphSets sets;
    sets.parent.resize(n);
    std::iota(sets.parent.begin(), sets.parent.end(), std::size_t{0});
    sets.role.assign(n, Role::Passes);
    sets.inputs.resize(n);
    sets.fixedReason.resize(n);
    std::vector<bool> consumed(n, false);
    for (std::size_t i = 0; i < n; ++i)
        for (const auto& in : layers[i].inputs)
            if (auto j = net.indexOf(in)) {
                sets.inputs[i].push_back(*j);
                consumed[*j] = true;
            }
    const Analysis analysis = analyze(net);
    for (std::size_t i = 0; i < n; ++i)
        classifyLayer(net, analysis, denseResizable, i, sets);
    // The width of a network output is part of the model's contract (class maps, embeddings).
    for (std::size_t i = 0; i < n; ++i)
        if (!consumed[i])
            sets.pins.emplace_back(i, "reach the network output " + quoted(layers[i].name));
    return sets;
}

// What one set of the union-find holds.
struct SetInfo {
    std::vector<std::size_t> resizable;
    std::vector<std::size_t> derived;
    std::vector<std::size_t> merges;
    std::string pinnedBy; // non-empty when the width cannot change
};

std::map<std::size_t, SetInfo> collectSets(const Network& net, GraphSets& sets) {
    std::map<std::size_t, SetInfo> out;
    const auto& layers = net.layers();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        SetInfo& s = out[sets.find(i)];
        switch (sets.role[i]) {
        case Role::Resizable:
            s.resizable.push_back(i);
            break;
        case Role::Derived:
            s.derived.push_back(i);
            break;
        case Role::Fixed:
            if (s.pinnedBy.empty())
                s.pinnedBy = sets.fixedReason[i];
            break;
        case Role::Passes:
            if (sets.inputs[i].size() > 1)
                s.merges.push_back(i);
            break;
        }
    }
    for (const auto& [layer, why] : sets.pins) {
        SetInfo& s = out[sets.find(layer)];
        if (s.pinnedBy.empty())
            s.pinnedBy = why;
    }
    // A derived width can only follow its inputs when nothing else decides the set's width.
    for (auto& [root, s] : out)
        if (s.pinnedBy.empty() && !s.derived.empty() && s.derived.size() + s.resizable.size() > 1)
            s.pinnedBy = "meet " + quoted(layers[s.derived.front()].name) +
                         ", which derives its width from its inputs";
    return out;
}

// A pinned derived width (e.g. a Concatenate joined to an Add with the network input) pins
// the sets it is derived from, and so on upstream.
void propagatePins(const Network& net, GraphSets& sets, std::map<std::size_t, SetInfo>& info) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (auto& [root, s] : info) {
            if (s.pinnedBy.empty())
                continue;
            for (auto d : s.derived)
                for (auto in : sets.inputs[d]) {
                    SetInfo& up = info[sets.find(in)];
                    if (!up.pinnedBy.empty())
                        continue;
                    up.pinnedBy =
                        "feed " + quoted(net.layers()[d].name) + ", whose width is pinned";
                    changed = true;
                }
        }
    }
}

ChannelGroup makeGroup(const Network& net, const SetInfo& s) {
    const auto& layers = net.layers();
    ChannelGroup g;
    for (auto i : s.resizable)
        g.members.push_back(layers[i].name);
    for (auto i : s.merges)
        g.merges.push_back(layers[i].name);
    if (!g.merges.empty())
        g.name = g.merges.front();
    g.resizable = s.pinnedBy.empty();
    g.reason = s.pinnedBy;
    return g;
}

// ---------------------------------------------------------------------------------------------
// Pruning proper.
// ---------------------------------------------------------------------------------------------

// The global rate and the per-layer prune_rate share the catalogue's range.
bool validRate(double r) {
    static const LayerAttribute& range = *findAttribute(layerKind(LayerType::Conv2D), "prune_rate");
    return inRange(range, r); // false for NaN too
}

std::string formatRate(double r) {
    std::ostringstream s;
    s << r * 100.0 << " %";
    return s.str();
}

bool isPrunable(const Layer& l) {
    return layerKind(l.type).prunable;
}

Diagnostics validateRates(const Network& net, const PruneSpec& spec) {
    Diagnostics d;
    auto badRate = [&](double r, const std::string& where, const std::string& layer) {
        if (!validRate(r))
            d.push_back(makeError("bad-prune-rate",
                                  where + " pruning rate " + formatRate(r) +
                                      " is outside [0 %, 95 %]; nothing was pruned",
                                  layer));
    };
    badRate(spec.rate, "the global", {});
    for (const auto& [name, r] : spec.perLayer) {
        badRate(r, "the per-layer", name);
        const Layer* l = net.find(name);
        if (!l)
            d.push_back(makeWarning("prune-unknown-layer",
                                    "a pruning rate is given for " + quoted(name) +
                                        ", which is not a layer of the network",
                                    name));
        else if (!isPrunable(*l))
            d.push_back(makeWarning("prune-not-a-conv",
                                    "a pruning rate is given, but only Conv2D, "
                                    "SeparableConv2D and Conv2DTranspose layers are pruned",
                                    name));
    }
    for (const auto& l : net.layers())
        if (l.attrs.pruneRate && !spec.perLayer.count(l.name))
            badRate(*l.attrs.pruneRate, "the layer's own", l.name);
    return d;
}

double rateOf(const Layer& l, const PruneSpec& spec) {
    if (auto it = spec.perLayer.find(l.name); it != spec.perLayer.end())
        return it->second;
    if (l.attrs.pruneRate)
        return *l.attrs.pruneRate;
    return spec.rate;
}

std::string describeRates(const std::vector<std::string>& names, const std::vector<double>& rates) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i ? ", " : "") + quoted(names[i]) + " (" + formatRate(rates[i]) + ")";
    return out;
}

// Prunes the members of one group with one rate (the smallest asked for), or explains why
// they keep their filters.
void pruneGroup(const Network& net, const PruneSpec& spec, const ChannelGroup& g,
                PruneResult& result) {
    std::vector<double> rates;
    for (const auto& m : g.members)
        rates.push_back(rateOf(*net.find(m), spec));
    const double rate = *std::min_element(rates.begin(), rates.end());
    const double highest = *std::max_element(rates.begin(), rates.end());
    if (!g.resizable) {
        if (highest > 0.0)
            result.diagnostics.push_back(
                makeInfo("prune-kept", keepsWidth(g, "filters"), g.members.front()));
        return;
    }
    if (highest != rate)
        result.diagnostics.push_back(
            makeWarning("prune-group-rate",
                        "layers " + describeRates(g.members, rates) + " meet at residual group " +
                            quoted(g.name) +
                            " and must keep equal filters; all are pruned at the smallest "
                            "rate, " +
                            formatRate(rate),
                        g.name));
    if (rate <= 0.0)
        return;
    for (const auto& m : g.members) {
        Layer* l = result.network.find(m);
        const int before = l->attrs.filters;
        l->attrs.filters = keptFilters(before, rate);
        result.layers.push_back({m, before, l->attrs.filters, rate, g.name});
    }
}

// Input width a Dense layer reads (its declared deployed width, or the tensor's channels).
std::int64_t denseWidth(const Layer& l, const LayerInfo& info) {
    if (l.attrs.inputUnits)
        return l.attrs.inputUnits;
    return info.inputShapes.empty() ? 0 : info.inputShapes.front().channels();
}

// The deployed pruned networks of the thesis kept their dense layers at the original width.
void keepDenseWidths(const Network& original, Network& pruned) {
    const Analysis before = analyze(original);
    const Analysis after = analyze(pruned);
    for (std::size_t i = 0; i < pruned.layers().size(); ++i) {
        Layer& l = pruned.layers()[i];
        if (l.type != LayerType::Dense || !before.layers[i].shapeKnown ||
            !after.layers[i].shapeKnown)
            continue;
        const auto width = denseWidth(original.layers()[i], before.layers[i]);
        // A width past int (a Flatten of a huge tensor) cannot be declared: the layer keeps
        // its tensor width rather than a wrapped one.
        if (denseWidth(l, after.layers[i]) < width && width <= std::numeric_limits<int>::max())
            l.attrs.inputUnits = static_cast<int>(width);
    }
}

// Pruning a valid network must give a valid one; say so loudly if a rule above missed a case.
void checkStillValid(const Network& original, PruneResult& result) {
    if (!analyze(original).ok())
        return;
    const Analysis after = analyze(result.network);
    for (const auto& d : after.diagnostics)
        if (d.severity == Severity::Error)
            result.diagnostics.push_back(makeError(
                "prune-broke-network", "the pruned network is invalid: " + d.message, d.layer));
}

} // namespace

std::string keepsWidth(const ChannelGroup& g, const std::string& what) {
    const bool one = g.members.size() == 1;
    return quotedList(g.members) + (one ? " keeps its " : " keep their ") + what + ": " +
           (one ? "its" : "their") + " channels " + g.reason;
}

std::vector<ChannelGroup> channelGroups(const Network& net, bool denseResizable) {
    GraphSets sets = buildSets(net, denseResizable);
    auto info = collectSets(net, sets);
    propagatePins(net, sets, info);
    std::vector<std::pair<std::size_t, ChannelGroup>> ordered;
    for (const auto& [root, s] : info)
        if (!s.resizable.empty())
            ordered.emplace_back(s.resizable.front(), makeGroup(net, s));
    std::sort(ordered.begin(), ordered.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<ChannelGroup> groups;
    for (auto& [first, g] : ordered)
        groups.push_back(std::move(g));
    return groups;
}

PruneResult prune(const Network& net, const PruneSpec& spec) {
    PruneResult result{net, {}, validateRates(net, spec)};
    if (hasErrors(result.diagnostics))
        return result;
    for (const auto& g : channelGroups(net))
        pruneGroup(net, spec, g, result);
    if (spec.keepDenseInputs)
        keepDenseWidths(net, result.network);
    checkStillValid(net, result);
    return result;
}

} // namespace zipcnn
