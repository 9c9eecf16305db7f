// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/MemoryPlanner.h"

#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"
#include "core/TestSupport.h"
#include "model/DataType.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <iostream>
#include <map>
#include <random>
#include <set>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

using Act = ActivationKind;

PlannerResult planOf(const Network& net, DType format) {
    Analysis a = analyze(net);
    EXPECT_TRUE(a.ok()) << net.name();
    return planMemory(net, a, format);
}

const PlannerStep* stepNamed(const PlannerResult& r, const std::string& name) {
    for (const auto& s : r.profile)
        if (s.name == name)
            return &s;
    return nullptr;
}

const TensorAllocation* bufferOf(const PlannerResult& r, const std::string& layer) {
    for (const auto& t : r.tensors)
        if (std::find(t.layers.begin(), t.layers.end(), layer) != t.layers.end())
            return &t;
    return nullptr;
}

/// A random chain of image layers, then dense layers; always a valid network.
Network randomChain(std::mt19937& rng, int id) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    NetworkBuilder b("chain" + std::to_string(id));
    int side = pick(4, 32);
    b.input({side, side, pick(1, 4)});
    const int imageLayers = pick(1, 8);
    for (int i = 0; i < imageLayers; ++i) {
        switch (pick(0, 5)) {
        case 0:
        case 1: {
            const int k = 2 * pick(0, 2) + 1;
            const int s = pick(1, 2);
            b.conv(pick(1, 16), {k, k}, {s, s}, Padding::Same,
                   pick(0, 1) ? Act::Relu : Act::Linear);
            side = (side + s - 1) / s;
            break;
        }
        case 2:
            b.activation(pick(0, 1) ? Act::Relu : Act::Sigmoid);
            break;
        case 3:
            b.batchNorm();
            break;
        case 4:
            if (side >= 2) {
                b.maxPool({2, 2});
                side /= 2;
            } else {
                b.dropout(0.1);
            }
            break;
        default:
            b.zeroPad({1, 1, 1, 1});
            side += 2;
            break;
        }
    }
    b.flatten();
    const int denseLayers = pick(1, 3);
    for (int i = 0; i < denseLayers; ++i) {
        b.dense(pick(1, 64), Act::Linear);
        if (pick(0, 1))
            b.activation(Act::Relu);
    }
    return b.take();
}

std::vector<Network> propertyNetworks() {
    std::vector<Network> nets;
    for (const auto& name : zooModelNames())
        nets.push_back(zoo(name));
    std::mt19937 rng(20230607);
    for (int i = 0; i < 40; ++i)
        nets.push_back(randomChain(rng, i));
    return nets;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Behaviour on hand-checked networks
// ---------------------------------------------------------------------------------------------

TEST(Planner, ChainPeakIsTheLargestAdjacentPair) {
    NetworkBuilder b("chain");
    b.input({32, 32, 1});
    b.conv(6, {5, 5}, {1, 1}, Padding::Valid, Act::Linear, {}, "conv1");
    b.activation(Act::Relu, {}, "relu1");
    b.avgPool({2, 2}, {2, 2}, Padding::Valid, {}, "pool1");
    b.conv(16, {5, 5}, {1, 1}, Padding::Valid, Act::Linear, {}, "conv2");
    b.batchNorm({}, "bn2");
    b.activation(Act::Relu, {}, "relu2");
    b.avgPool({2, 2}, {2, 2}, Padding::Valid, {}, "pool2");
    b.flatten({}, "flatten");
    b.dense(120, Act::Relu, {}, "fc1");
    b.dense(84, Act::Relu, {}, "fc2");
    b.dense(10, Act::Softmax, {}, "fc3");
    const PlannerResult r = planOf(b.take(), DType::FP32);

    // Buffers in execution order: 1024, 4704 (+relu1), 1176, 1600 (+bn2, relu2), 400
    // (+flatten), 120, 84, 10 values.
    ASSERT_EQ(r.tensors.size(), 8u);
    std::int64_t largestPair = 0;
    for (std::size_t i = 0; i + 1 < r.tensors.size(); ++i)
        largestPair = std::max(largestPair, r.tensors[i].bytes + r.tensors[i + 1].bytes);
    EXPECT_EQ(largestPair, (4704 + 1176) * 4);
    EXPECT_EQ(r.peakBytes, largestPair);
    EXPECT_EQ(r.profile.size(), 12u);
    EXPECT_EQ(stepNamed(r, "pool1")->liveBytes, (4704 + 1176) * 4);
    EXPECT_EQ(bufferOf(r, "flatten"), bufferOf(r, "pool2"));
}

TEST(Planner, LeNet5MatchesTheThesisRulePeak) {
    Network net = zoo("lenet5");
    const PlannerResult r = planOf(net, DType::FP32);
    EXPECT_EQ(r.peakBytes, 23520);
    EXPECT_EQ(r.peakBytes, ramByThesisRule(net, analyze(net), DType::FP32).peakBytes);
}

TEST(Planner, InPlaceActivationsAddNoMemory) {
    auto build = [](bool separate) {
        NetworkBuilder b(separate ? "separate" : "fused");
        b.input({16, 16, 3});
        b.conv(8, {3, 3}, {1, 1}, Padding::Same, separate ? Act::Linear : Act::Relu);
        if (separate) {
            b.batchNorm();
            b.activation(Act::Relu);
            b.dropout(0.2);
        }
        b.maxPool({2, 2});
        b.flatten();
        b.dense(10, separate ? Act::Linear : Act::Softmax);
        if (separate)
            b.activation(Act::Softmax);
        return b.take();
    };
    const PlannerResult fused = planOf(build(false), DType::FP32);
    const PlannerResult separate = planOf(build(true), DType::FP32);
    EXPECT_EQ(separate.peakBytes, fused.peakBytes);
    EXPECT_EQ(separate.tensors.size(), fused.tensors.size());
    std::int64_t fusedLive = 0, separateLive = 0;
    for (const auto& s : fused.profile)
        fusedLive = std::max(fusedLive, s.liveBytes);
    for (const auto& s : separate.profile)
        separateLive = std::max(separateLive, s.liveBytes);
    EXPECT_EQ(separateLive, fusedLive);
}

TEST(Planner, ActivationIsNotInPlaceWhileItsInputIsStillNeeded) {
    NetworkBuilder b("t");
    b.input({4, 4, 2});
    auto c = b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, {}, "c");
    auto r1 = b.activation(Act::Relu, c, "r");
    b.add({c, r1}, "sum");
    const PlannerResult r = planOf(b.take(), DType::FP32);
    EXPECT_NE(bufferOf(r, "r"), bufferOf(r, "c"));
    EXPECT_EQ(stepNamed(r, "sum")->liveBytes, 3 * 32 * 4);
}

// in(8x8x4) -> c1 -> c2 -> c3 -> add(c1, c3) -> gap -> dense: c1 stays alive across c2 and c3.
TEST(Planner, ResidualSkipTensorStaysAliveByHand) {
    NetworkBuilder b("res");
    b.input({8, 8, 4}, "in");
    auto c1 = b.conv(8, {3, 3}, {1, 1}, Padding::Same, Act::Relu, {}, "c1");
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, Act::Relu, {}, "c2");
    auto c3 = b.conv(8, {3, 3}, {1, 1}, Padding::Same, Act::Linear, {}, "c3");
    b.add({c1, c3}, "add");
    b.globalAvgPool({}, "gap");
    b.dense(10, Act::Softmax, {}, "dense");
    Network net = b.take();
    const PlannerResult r = planOf(net, DType::FP32);

    // Lifetimes (steps): in [0,1] 256 values, c1 [1,4] 512, c2 [2,3] 512, c3 [3,4] 512,
    // add [4,5] 512, gap [5,6] 8, dense [6,6] 10. Largest first: c1 @0, c2 @512, c3 @1024,
    // add @512, in @512, dense @0, gap @10 (values).
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> expected = {
        {"in", {512, 256}},  {"c1", {0, 512}}, {"c2", {512, 512}}, {"c3", {1024, 512}},
        {"add", {512, 512}}, {"gap", {10, 8}}, {"dense", {0, 10}}};
    ASSERT_EQ(r.tensors.size(), expected.size());
    for (const auto& t : r.tensors) {
        EXPECT_EQ(t.offset, expected[t.name].first * 4) << t.name;
        EXPECT_EQ(t.bytes, expected[t.name].second * 4) << t.name;
    }
    EXPECT_EQ(bufferOf(r, "c1")->lastUse, 4);
    const std::vector<std::pair<std::int64_t, std::int64_t>> profile = {
        {256, 768}, {768, 768}, {1024, 1024}, {1536, 1536}, {1536, 1536}, {520, 1024}, {18, 18}};
    ASSERT_EQ(r.profile.size(), profile.size());
    for (std::size_t s = 0; s < profile.size(); ++s) {
        EXPECT_EQ(r.profile[s].liveBytes, profile[s].first * 4) << r.profile[s].name;
        EXPECT_EQ(r.profile[s].arenaHighWater, profile[s].second * 4) << r.profile[s].name;
    }
    EXPECT_EQ(r.peakBytes, 1536 * 4);

    // The thesis rule sees c3 as 512 in + 512 out: it does not know c1 is still held.
    const RamRuleEstimate rule = ramByThesisRule(net, analyze(net), DType::FP32);
    for (const auto& l : rule.layers)
        if (l.name == "c3") {
            EXPECT_EQ(l.bytes, 1024 * 4);
        }
    EXPECT_GT(stepNamed(r, "c3")->liveBytes, 1024 * 4);
}

TEST(Planner, Resnet8HoldsTheSkipTensorAboveTheThesisRule) {
    Network net = zoo("resnet8");
    Analysis a = analyze(net);
    const PlannerResult r = planMemory(net, a, DType::FP32);
    const RamRuleEstimate rule = ramByThesisRule(net, a, DType::FP32);
    // Inside each residual block the second conv runs while the block input is still held.
    for (const char* layer :
         {"stack1_block1_conv2", "stack2_block1_conv2", "stack3_block1_conv2"}) {
        const RamRuleLayer* ruleRow = nullptr;
        for (const auto& l : rule.layers)
            if (l.name == layer)
                ruleRow = &l;
        ASSERT_NE(ruleRow, nullptr) << layer;
        ASSERT_NE(stepNamed(r, layer), nullptr) << layer;
        EXPECT_GT(stepNamed(r, layer)->liveBytes, ruleRow->bytes) << layer;
    }
    EXPECT_EQ(bufferOf(r, "relu1")->lastUse, bufferOf(r, "stack1_block1_add")->firstUse);
    // Stack 1: block input, conv1 output and conv2 output, 32x32x16 values each.
    EXPECT_EQ(stepNamed(r, "stack1_block1_conv2")->liveBytes, 3 * 16384 * 4);
    for (const auto& l : rule.layers)
        if (l.name == "stack1_block1_conv2") {
            EXPECT_EQ(l.bytes, 2 * 16384 * 4);
        }
}

// Largest-first first fit is a heuristic: here the 3-value buffer does not fit in the 2-value
// gap the 10- and 8-value buffers leave, so the arena (22) exceeds the live maximum (19).
TEST(Planner, GreedyPlacementIsNotAlwaysOptimal) {
    NetworkBuilder b("t");
    b.input({10});
    b.dense(9);
    b.dense(3);
    b.dense(8);
    const PlannerResult r = planOf(b.take(), DType::FP32);
    std::int64_t live = 0;
    for (const auto& s : r.profile)
        live = std::max(live, s.liveBytes);
    EXPECT_EQ(live, 19 * 4);
    EXPECT_EQ(r.peakBytes, 22 * 4);
}

TEST(Planner, UnknownShapesAreReported) {
    NetworkBuilder b("t");
    b.input({4, 4, 1});
    b.conv(2, {7, 7});
    b.flatten();
    Network net = b.take();
    const PlannerResult r = planMemory(net, analyze(net), DType::FP32);
    EXPECT_EQ(r.tensors.size(), 1u); // the input only
    EXPECT_EQ(r.peakBytes, 16 * 4);
    EXPECT_EQ(r.diagnostics.size(), 2u);
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

TEST(PlannerProperty, BuffersAliveTogetherNeverOverlap) {
    for (const Network& net : propertyNetworks()) {
        for (DType format : allDTypes()) {
            const PlannerResult r = planOf(net, format);
            ASSERT_EQ(r.profile.size(), net.size()) << net.name();
            std::set<std::string> seen;
            for (const auto& t : r.tensors)
                for (const auto& l : t.layers)
                    EXPECT_TRUE(seen.insert(l).second) << net.name() << " " << l;
            EXPECT_EQ(seen.size(), net.size()) << net.name();
            std::int64_t highWater = 0, live = 0;
            for (const auto& s : r.profile) {
                highWater = std::max(highWater, s.arenaHighWater);
                live = std::max(live, s.liveBytes);
            }
            EXPECT_EQ(r.peakBytes, highWater) << net.name();
            EXPECT_GE(r.peakBytes, live) << net.name();
            for (std::size_t i = 0; i < r.tensors.size(); ++i) {
                const auto& x = r.tensors[i];
                EXPECT_LE(x.firstUse, x.lastUse) << net.name() << " " << x.name;
                EXPECT_GE(x.offset, 0);
                for (std::size_t j = i + 1; j < r.tensors.size(); ++j) {
                    const auto& y = r.tensors[j];
                    const bool together = x.firstUse <= y.lastUse && y.firstUse <= x.lastUse;
                    const bool apart =
                        x.offset + x.bytes <= y.offset || y.offset + y.bytes <= x.offset;
                    EXPECT_TRUE(!together || apart)
                        << net.name() << ": " << x.name << " and " << y.name << " overlap";
                }
            }
        }
    }
}

TEST(PlannerProperty, Int8PeakTimesFourIsFp32Peak) {
    for (const Network& net : propertyNetworks()) {
        Analysis a = analyze(net);
        EXPECT_EQ(planMemory(net, a, DType::INT8).peakBytes * 4,
                  planMemory(net, a, DType::FP32).peakBytes)
            << net.name();
        EXPECT_EQ(ramByThesisRule(net, a, DType::INT8).peakBytes * 4,
                  ramByThesisRule(net, a, DType::FP32).peakBytes)
            << net.name();
    }
}

TEST(MemoryProperty, Int8NeverNeedsMoreThanFp32) {
    for (const Network& net : propertyNetworks()) {
        Analysis a = analyze(net);
        Decomposition d = decompose(net, a);
        const auto flash = [&](DType t) {
            return estimateFlash(net, a, d, t, defaultCodeSizeParams(t));
        };
        EXPECT_LE(flash(DType::INT8).flashBytes, flash(DType::FP32).flashBytes) << net.name();
        EXPECT_LE(flash(DType::INT8).weightsBytes, flash(DType::FP32).weightsBytes) << net.name();
        EXPECT_LE(ramByThesisRule(net, a, DType::INT8).peakBytes,
                  ramByThesisRule(net, a, DType::FP32).peakBytes)
            << net.name();
        EXPECT_LE(planMemory(net, a, DType::INT8).peakBytes,
                  planMemory(net, a, DType::FP32).peakBytes)
            << net.name();
    }
}

TEST(MemoryProperty, MemoryNeverGrowsWithThePruningRate) {
    struct Subject {
        const char* model;
        bool keepDenseInputs;
    };
    for (const Subject& s :
         {Subject{"lenet5-relu", false}, Subject{"lenet5-relu", true}, Subject{"resnet8", false}}) {
        const Network base = zoo(s.model);
        std::map<std::string, std::int64_t> previous;
        for (int pct = 0; pct <= 90; pct += 10) {
            PruneResult p = prune(base, {pct / 100.0, {}, s.keepDenseInputs});
            ASSERT_FALSE(hasErrors(p.diagnostics)) << s.model << " " << pct;
            const Network& net = p.network;
            Analysis a = analyze(net);
            ASSERT_TRUE(a.ok());
            Decomposition d = decompose(net, a);
            std::map<std::string, std::int64_t> now;
            for (DType t : allDTypes()) {
                const std::string f(dtypeName(t));
                now["flash " + f] =
                    estimateFlash(net, a, d, t, defaultCodeSizeParams(t)).flashBytes;
                now["rule " + f] = ramByThesisRule(net, a, t).peakBytes;
                now["planner " + f] = planMemory(net, a, t).peakBytes;
            }
            for (const auto& [what, bytes] : previous)
                EXPECT_LE(now[what], bytes)
                    << s.model << (s.keepDenseInputs ? " (dense kept)" : "") << ": " << what
                    << " grows from " << pct - 10 << " % to " << pct << " %";
            previous = now;
        }
    }
}

// Records the planner and rule peaks of the zoo models so that a change shows up here. On
// mobilenet-v1-0.25 the greedy placement leaves a hole: the arena (64,512 values) is above the
// most values ever alive at once (55,296, at conv_pw_1).
TEST(PlannerProperty, ZooPeaks) {
    struct Expected {
        const char* model;
        std::int64_t planner;
        std::int64_t live;
        std::int64_t rule;
    };
    const Expected expected[] = {
        {"lenet5", 23520, 23520, 23520},
        {"resnet8", 196608, 196608, 196608},
        {"resnet26", 196608, 196608, 196608},
        {"mobilenet-v1-0.25", 258048, 221184, 221184},
    };
    for (const Expected& e : expected) {
        Network net = zoo(e.model);
        Analysis a = analyze(net);
        const PlannerResult r = planMemory(net, a, DType::FP32);
        const RamRuleEstimate rule = ramByThesisRule(net, a, DType::FP32);
        std::string at, liveAt;
        std::int64_t live = 0;
        for (const auto& s : r.profile) {
            if (s.arenaHighWater == r.peakBytes && at.empty())
                at = s.name;
            if (s.liveBytes > live) {
                live = s.liveBytes;
                liveAt = s.name;
            }
        }
        std::cout << e.model << ": planner arena " << r.peakBytes << " B (first reached at '" << at
                  << "'), most live " << live << " B (at '" << liveAt << "'), thesis rule "
                  << rule.peakBytes << " B at '" << rule.peakLayer << "'\n";
        EXPECT_EQ(r.peakBytes, e.planner) << e.model;
        EXPECT_EQ(live, e.live) << e.model;
        EXPECT_EQ(rule.peakBytes, e.rule) << e.model;
    }
}
