// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Pruning.h"

#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <set>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

bool hasDiag(const Diagnostics& d, Severity sev, const std::string& code,
             const std::string& fragment = {}) {
    for (const auto& x : d)
        if (x.severity == sev && x.code == code && x.message.find(fragment) != std::string::npos)
            return true;
    return false;
}

/// A global pruning rate, nothing else.
PruneSpec atRate(double rate) {
    PruneSpec spec;
    spec.rate = rate;
    return spec;
}

/// The convolutions of a LeNet5, in order.
std::vector<const Layer*> convs(const Network& net) {
    std::vector<const Layer*> out;
    for (const auto& l : net.layers())
        if (l.type == LayerType::Conv2D || l.type == LayerType::SeparableConv2D)
            out.push_back(&l);
    return out;
}

/// The producers whose channels reach `name` through channel-preserving layers.
void channelSources(const Network& net, const std::string& name, std::set<std::string>& out) {
    const Layer* l = net.find(name);
    if (!l)
        return;
    switch (l->type) {
    case LayerType::BatchNormalization:
    case LayerType::Activation:
    case LayerType::Dropout:
    case LayerType::AveragePooling2D:
    case LayerType::MaxPooling2D:
    case LayerType::DepthwiseConv2D:
    case LayerType::ZeroPadding2D:
    case LayerType::UpSampling2D:
    case LayerType::Add:
    case LayerType::Multiply:
        for (const auto& in : l->inputs)
            channelSources(net, in, out);
        return;
    default:
        out.insert(name);
    }
}

/// A small residual network: a stem conv, one identity block and one projection block.
Network tinyResnet() {
    NetworkBuilder b("tiny");
    b.input({16, 16, 3});
    auto stem = b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "stem");
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "a1");
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Linear, {}, "a2");
    auto bn = b.batchNorm({}, "a2_bn");
    auto add1 = b.add({stem, bn}, "add1");
    auto x = b.activation(ActivationKind::Relu, add1, "relu1");
    b.conv(16, {3, 3}, {2, 2}, Padding::Same, ActivationKind::Relu, x, "b1");
    auto b2 = b.conv(16, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Linear, {}, "b2");
    auto sc = b.conv(16, {1, 1}, {2, 2}, Padding::Same, ActivationKind::Linear, x, "b_short");
    b.add({b2, sc}, "add2");
    b.globalAvgPool();
    b.dense(10, ActivationKind::Softmax, {}, "fc");
    return b.take();
}

int filtersOf(const Network& net, const std::string& name) {
    const Layer* l = net.find(name);
    return l ? l->attrs.filters : -1;
}

} // namespace

TEST(Pruning, KeptFiltersIsTheCeilingGuardedAgainstRoundingError) {
    EXPECT_EQ(keptFilters(6, 0.5), 3);
    EXPECT_EQ(keptFilters(16, 0.5), 8);
    EXPECT_EQ(keptFilters(16, 0.6), 7);
    EXPECT_EQ(keptFilters(6, 0.7), 2);
    EXPECT_EQ(keptFilters(10, 0.7), 3); // (1 - 0.7) x 10 = 3.0000000000000004
    EXPECT_EQ(keptFilters(16, 0.8), 4);
    EXPECT_EQ(keptFilters(6, 0.9), 1);
    EXPECT_EQ(keptFilters(16, 0.9), 2);
    EXPECT_EQ(keptFilters(1, 0.95), 1);
    EXPECT_EQ(keptFilters(6, 0.0), 6);
}

// Table 4.12 (T. Garbay, ZIP-CNN, 2023) with the corrections of ANOMALIES.md T-4.12a (avgpool
// at 50 % is 788, not the printed 813) and T-4.12b (relu at 70 % is 2272, not 2262). The deployed
// networks kept the first dense layer at 400 inputs (Table 4.18), hence keepDenseInputs.
struct Table412Row {
    double rate;
    int conv1, conv2;
    std::int64_t conv, avgpool, relu;
    std::int64_t denseWidthWithoutKeep;
};

class PruningTable412 : public ::testing::TestWithParam<Table412Row> {};

TEST_P(PruningTable412, DeployedNetworkMatchesTheThesis) {
    const auto row = GetParam();
    PruneSpec spec = atRate(row.rate);
    spec.keepDenseInputs = true;
    PruneResult r = prune(zoo("lenet5-relu"), spec);
    ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    auto c = convs(r.network);
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0]->attrs.filters, row.conv1);
    EXPECT_EQ(c[1]->attrs.filters, row.conv2);
    Decomposition d = decompose(r.network);
    ASSERT_FALSE(hasErrors(d.diagnostics)) << dump(d.diagnostics);
    const std::map<std::string, std::int64_t> expected{
        {"conv2d_5x5", row.conv}, {"avgpool_2x2", row.avgpool},
        {"relu", row.relu},       {"fc_400x120", 1},
        {"fc_120x84", 1},         {"fc_84x10", 1},
        {"softmax_10", 1}};
    EXPECT_EQ(d.totals, expected);
}

TEST_P(PruningTable412, FirstDenseShrinksWhenNotKept) {
    const auto row = GetParam();
    PruneSpec spec = atRate(row.rate);
    PruneResult r = prune(zoo("lenet5-relu"), spec);
    ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    Decomposition d = decompose(r.network);
    const std::string fc = "fc_" + std::to_string(row.denseWidthWithoutKeep) + "x120";
    EXPECT_EQ(d.totals.count("fc_400x120"), 0u);
    EXPECT_EQ(d.totals[fc], 1) << fc;
    EXPECT_EQ(d.totals["conv2d_5x5"], row.conv);
    EXPECT_EQ(d.totals["relu"], row.relu);
}

INSTANTIATE_TEST_SUITE_P(PruningThesis, PruningTable412,
                         ::testing::Values(Table412Row{0.5, 3, 8, 4752, 788, 3356, 200},
                                           Table412Row{0.6, 3, 7, 4452, 763, 3256, 175},
                                           Table412Row{0.7, 2, 5, 2568, 517, 2272, 125},
                                           Table412Row{0.8, 2, 4, 2368, 492, 2172, 100},
                                           Table412Row{0.9, 1, 2, 984, 246, 1188, 50}));

TEST(Pruning, KeepsNamesAndAttributesAndRecordsPrunedLayers) {
    Network net = zoo("lenet5-relu");
    auto before = convs(net);
    ASSERT_EQ(before.size(), 2u);
    net.find(before[1]->name)->attrs.pruneRate = 0.5;
    PruneSpec spec = atRate(0.5);
    spec.keepDenseInputs = true;
    PruneResult r = prune(net, spec);
    ASSERT_EQ(r.network.size(), net.size());
    for (std::size_t i = 0; i < net.size(); ++i) {
        Layer expected = net.layers()[i];
        expected.attrs.filters = r.network.layers()[i].attrs.filters;
        expected.attrs.inputUnits = r.network.layers()[i].attrs.inputUnits;
        EXPECT_EQ(r.network.layers()[i], expected) << expected.name;
    }
    ASSERT_EQ(r.layers.size(), 2u);
    EXPECT_EQ(r.layers[0].layer, before[0]->name);
    EXPECT_EQ(r.layers[0].filtersBefore, 6);
    EXPECT_EQ(r.layers[0].filtersAfter, 3);
    EXPECT_EQ(r.layers[1].filtersBefore, 16);
    EXPECT_EQ(r.layers[1].filtersAfter, 8);
    EXPECT_DOUBLE_EQ(r.layers[1].rate, 0.5);
    EXPECT_EQ(r.layers[1].group, "");
}

TEST(Pruning, RateZeroChangesNothing) {
    Network net = zoo("lenet5-relu");
    PruneResult r = prune(net, {});
    EXPECT_EQ(r.network, net);
    EXPECT_TRUE(r.layers.empty());
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
}

TEST(Pruning, PerLayerSpecOverridesLayerAttributeWhichOverridesGlobal) {
    Network net = zoo("lenet5-relu");
    auto c = convs(net);
    ASSERT_EQ(c.size(), 2u);
    const std::string conv1 = c[0]->name, conv2 = c[1]->name;
    net.find(conv1)->attrs.pruneRate = 0.9;
    net.find(conv2)->attrs.pruneRate = 0.9;
    PruneSpec spec = atRate(0.5);
    spec.perLayer[conv2] = 0.0;
    PruneResult r = prune(net, spec);
    ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    EXPECT_EQ(filtersOf(r.network, conv1), 1);  // its own attribute, 90 %
    EXPECT_EQ(filtersOf(r.network, conv2), 16); // the spec's per-layer 0 %
    ASSERT_TRUE(r.network.find(conv1)->attrs.pruneRate.has_value());
    EXPECT_DOUBLE_EQ(*r.network.find(conv1)->attrs.pruneRate, 0.9);

    net.find(conv1)->attrs.pruneRate.reset();
    r = prune(net, spec);
    EXPECT_EQ(filtersOf(r.network, conv1), 3); // the global 50 %
}

TEST(Pruning, RatesOutsideTheRangeAreErrorsAndPruneNothing) {
    Network net = zoo("lenet5-relu");
    const std::string conv1 = convs(net).front()->name;
    auto expectRejected = [&](const Network& n, const PruneSpec& spec) {
        PruneResult r = prune(n, spec);
        EXPECT_TRUE(hasDiag(r.diagnostics, Severity::Error, "bad-prune-rate"))
            << dump(r.diagnostics);
        // Compared layer by layer: a NaN rate attribute never compares equal to itself.
        for (const auto* c : convs(n))
            EXPECT_EQ(filtersOf(r.network, c->name), c->attrs.filters);
        EXPECT_EQ(r.network.size(), n.size());
        EXPECT_TRUE(r.layers.empty());
    };
    for (double bad : {-0.1, 0.96, 1.0, std::numeric_limits<double>::quiet_NaN()}) {
        PruneSpec global = atRate(bad);
        expectRejected(net, global);
        PruneSpec perLayer = atRate(0.5);
        perLayer.perLayer[conv1] = bad;
        expectRejected(net, perLayer);
        Network withAttr = net;
        withAttr.find(conv1)->attrs.pruneRate = bad;
        PruneSpec plain = atRate(0.5);
        expectRejected(withAttr, plain);
    }
    PruneSpec edge = atRate(0.95);
    EXPECT_FALSE(hasErrors(prune(net, edge).diagnostics));
}

TEST(Pruning, UnknownPerLayerNameIsAWarning) {
    PruneSpec spec;
    spec.perLayer["nope"] = 0.5;
    PruneResult r = prune(zoo("lenet5-relu"), spec);
    EXPECT_TRUE(hasDiag(r.diagnostics, Severity::Warning, "prune-unknown-layer", "'nope'"));
}

TEST(Pruning, ResidualGroupKeepsEqualFiltersAndUsesTheSmallestRate) {
    Network net = tinyResnet();
    PruneSpec spec = atRate(0.5);
    spec.perLayer["a2"] = 0.25;
    PruneResult r = prune(net, spec);
    ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    // stem and a2 meet at add1: 25 % for both, with a warning naming them.
    EXPECT_EQ(filtersOf(r.network, "stem"), 6);
    EXPECT_EQ(filtersOf(r.network, "a2"), 6);
    EXPECT_TRUE(hasDiag(r.diagnostics, Severity::Warning, "prune-group-rate", "'stem'"));
    EXPECT_TRUE(hasDiag(r.diagnostics, Severity::Warning, "prune-group-rate", "'a2'"));
    EXPECT_EQ(filtersOf(r.network, "a1"), 4);
    // b2 and the projection meet at add2.
    EXPECT_EQ(filtersOf(r.network, "b2"), 8);
    EXPECT_EQ(filtersOf(r.network, "b_short"), 8);
    EXPECT_EQ(filtersOf(r.network, "b1"), 8);
    EXPECT_TRUE(analyze(r.network).ok()) << dump(analyze(r.network).diagnostics);
    for (const auto& p : r.layers) {
        if (p.layer == "b2" || p.layer == "b_short") {
            EXPECT_EQ(p.group, "add2");
        }
    }
}

TEST(Pruning, ChannelGroupsListMembersAndMerges) {
    auto groups = channelGroups(tinyResnet());
    ASSERT_EQ(groups.size(), 4u);
    EXPECT_EQ(groups[0].members, (std::vector<std::string>{"stem", "a2"}));
    EXPECT_EQ(groups[0].merges, (std::vector<std::string>{"add1"}));
    EXPECT_EQ(groups[0].name, "add1");
    EXPECT_TRUE(groups[0].resizable);
    EXPECT_EQ(groups[1].members, (std::vector<std::string>{"a1"}));
    EXPECT_EQ(groups[1].name, "");
    EXPECT_EQ(groups[2].members, (std::vector<std::string>{"b1"}));
    EXPECT_EQ(groups[3].members, (std::vector<std::string>{"b2", "b_short"}));
    EXPECT_EQ(groups[3].name, "add2");
}

TEST(Pruning, GroupWithTheNetworkInputKeepsItsFilters) {
    NetworkBuilder b("skip-from-input");
    auto in = b.input({8, 8, 4});
    b.conv(4, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "c1");
    auto c2 = b.conv(4, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Linear, {}, "c2");
    b.add({in, c2}, "add");
    b.flatten();
    b.dense(10);
    PruneResult r = prune(b.take(), atRate(0.5));
    EXPECT_EQ(filtersOf(r.network, "c2"), 4);
    EXPECT_EQ(filtersOf(r.network, "c1"), 2);
    EXPECT_TRUE(hasDiag(r.diagnostics, Severity::Info, "prune-kept", "network input"))
        << dump(r.diagnostics);
    EXPECT_FALSE(hasErrors(r.diagnostics));
}

TEST(Pruning, ConvolutionsReachingAnOutputAreNotPruned) {
    NetworkBuilder b("fcn");
    b.input({16, 16, 1});
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "features");
    b.conv(10, {1, 1}, {1, 1}, Padding::Same, ActivationKind::Linear, {}, "classes");
    b.batchNorm();
    b.globalAvgPool();
    b.activation(ActivationKind::Softmax);
    PruneResult r = prune(b.take(), atRate(0.5));
    EXPECT_EQ(filtersOf(r.network, "classes"), 10);
    EXPECT_EQ(filtersOf(r.network, "features"), 4);
    EXPECT_TRUE(hasDiag(r.diagnostics, Severity::Info, "prune-kept", "network output"));
    EXPECT_TRUE(analyze(r.network).ok());
}

TEST(Pruning, ConcatenateInAGroupPinsItsInputs) {
    NetworkBuilder b("concat");
    b.input({8, 8, 3});
    auto a = b.conv(4, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "a");
    auto c = b.conv(4, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, "input", "c");
    Layer cat{"cat", LayerType::Concatenate, {a, c}, {}};
    b.layer(cat);
    auto d = b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Linear, "input", "d");
    b.add({"cat", d}, "add");
    b.globalAvgPool({}, "gap");
    b.dense(10);
    Network net = b.take();
    PruneSpec spec = atRate(0.5);
    PruneResult r = prune(net, spec);
    EXPECT_EQ(filtersOf(r.network, "a"), 4);
    EXPECT_EQ(filtersOf(r.network, "c"), 4);
    EXPECT_EQ(filtersOf(r.network, "d"), 8);
    EXPECT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);

    // Without the Add, the Concatenate follows its inputs.
    Network free = net;
    free.remove("add");
    free.find("gap")->inputs = {"cat"};
    free.remove("d");
    r = prune(free, spec);
    EXPECT_EQ(filtersOf(r.network, "a"), 2);
    EXPECT_TRUE(analyze(r.network).ok()) << dump(analyze(r.network).diagnostics);
}

TEST(Pruning, GroupedConvolutionPinsItsInputAndItself) {
    NetworkBuilder b("grouped");
    b.input({8, 8, 3});
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "c1");
    auto g = b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "g");
    b.network().find(g)->attrs.groups = 4;
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "c3");
    b.globalAvgPool();
    b.dense(10);
    PruneResult r = prune(b.take(), atRate(0.5));
    EXPECT_EQ(filtersOf(r.network, "c1"), 8);
    EXPECT_EQ(filtersOf(r.network, "g"), 8);
    EXPECT_EQ(filtersOf(r.network, "c3"), 4);
    EXPECT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
}

TEST(Pruning, BroadcastAttentionMapKeepsItsSingleChannel) {
    NetworkBuilder b = attentionBlock();
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, "mul", "next");
    b.globalAvgPool();
    b.dense(10);
    Network net = b.take();
    ASSERT_TRUE(analyze(net).ok());
    const auto groups = channelGroups(net);
    ASSERT_EQ(groups.size(), 3u);
    EXPECT_EQ(groups[0].members, (std::vector<std::string>{"feat"}));
    EXPECT_TRUE(groups[0].resizable);
    EXPECT_EQ(groups[1].members, (std::vector<std::string>{"att"}));
    EXPECT_FALSE(groups[1].resizable);
    PruneResult r = prune(net, atRate(0.5));
    ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    EXPECT_EQ(filtersOf(r.network, "feat"), 4);
    EXPECT_EQ(filtersOf(r.network, "att"), 1);
}

TEST(Pruning, SqueezeExcitationPinsTheScaledChannels) {
    NetworkBuilder b("se");
    b.input({16, 16, 3});
    auto x = b.conv(16, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "x");
    b.globalAvgPool(x, "squeeze");
    b.dense(4, ActivationKind::Relu, {}, "reduce");
    b.dense(16, ActivationKind::Sigmoid, {}, "expand");
    Layer reshape{"scale", LayerType::Reshape, {"expand"}, {}};
    reshape.attrs.targetShape = {1, 1, 16};
    b.layer(reshape);
    b.layer({"excite", LayerType::Multiply, {x, "scale"}, {}});
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, "excite", "after");
    b.globalAvgPool();
    b.dense(10);
    Network net = b.take();
    ASSERT_TRUE(analyze(net).ok()) << dump(analyze(net).diagnostics);
    PruneResult r = prune(net, atRate(0.5));
    ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    EXPECT_EQ(filtersOf(r.network, "x"), 16);
    EXPECT_EQ(filtersOf(r.network, "after"), 4);
    EXPECT_TRUE(hasDiag(r.diagnostics, Severity::Info, "prune-kept", "'x'")) << dump(r.diagnostics);
}

namespace {

void expectStageGroupsEqual(const Network& pruned) {
    for (const auto& l : pruned.layers()) {
        if (l.type != LayerType::Add)
            continue;
        std::set<std::string> sources;
        channelSources(pruned, l.name, sources);
        std::set<int> widths;
        for (const auto& s : sources) {
            const Layer* src = pruned.find(s);
            ASSERT_TRUE(src->type == LayerType::Conv2D) << s << " feeds " << l.name;
            widths.insert(src->attrs.filters);
        }
        EXPECT_EQ(widths.size(), 1u) << "convs feeding " << l.name << " differ";
    }
}

} // namespace

TEST(Pruning, ResNetResidualGroupsStayConsistentAtEveryRate) {
    for (const char* model : {"resnet8", "resnet26"}) {
        Network net = zoo(model);
        ASSERT_TRUE(analyze(net).ok()) << model;
        for (int pct = 0; pct <= 90; pct += 10) {
            PruneResult r = prune(net, atRate(pct / 100.0));
            ASSERT_FALSE(hasErrors(r.diagnostics)) << model << " " << pct << dump(r.diagnostics);
            Analysis a = analyze(r.network);
            EXPECT_TRUE(a.ok()) << model << " at " << pct << " %\n" << dump(a.diagnostics);
            expectStageGroupsEqual(r.network);
        }
    }
}

namespace {

/// Primitive totals keyed so that one key means the same computation at every rate: ids that
/// embed a tensor width (fc_400x120, softmax_10) are summed over their family.
std::map<std::string, std::int64_t> comparableTotals(const Decomposition& d) {
    std::map<std::string, std::int64_t> out;
    for (const auto& [id, n] : d.totals) {
        const std::string kind = primitiveKind(id);
        out[kind == "fc" || kind == "softmax" ? kind : id] += n;
    }
    return out;
}

} // namespace

TEST(Pruning, CostsNeverIncreaseWithTheRate) {
    for (const char* model : {"lenet5-relu", "resnet8", "mobilenet-v1-0.25"}) {
        Network net = zoo(model);
        Analysis previous = analyze(net);
        ASSERT_TRUE(previous.ok()) << model << dump(previous.diagnostics);
        auto previousTotals = comparableTotals(decompose(net));
        for (int pct = 5; pct <= 95; pct += 5) {
            PruneResult r = prune(net, atRate(pct / 100.0));
            ASSERT_FALSE(hasErrors(r.diagnostics)) << model << " " << pct << dump(r.diagnostics);
            Analysis a = analyze(r.network);
            ASSERT_TRUE(a.ok()) << model << " at " << pct << " %\n" << dump(a.diagnostics);
            EXPECT_LE(a.params, previous.params) << model << " at " << pct << " %";
            EXPECT_LE(a.macs, previous.macs) << model << " at " << pct << " %";
            auto totals = comparableTotals(decompose(r.network, a));
            for (const auto& [id, n] : totals)
                EXPECT_LE(n, previousTotals[id]) << model << " " << id << " at " << pct << " %";
            previous = a;
            previousTotals = totals;
        }
    }
}
