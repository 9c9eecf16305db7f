// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/ArenaPlanner.h"

#include "analysis/MemoryPlanner.h"
#include "analysis/NetworkAnalysis.h"
#include "model/DataType.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <iostream>

using namespace zipcnn;

namespace {

using Act = ActivationKind;

ArenaPlan arenaOf(const Network& net, DType format, const ArenaOptions& o) {
    Analysis a = analyze(net);
    EXPECT_TRUE(a.ok()) << net.name();
    return planArena(net, a, format, o);
}

ArenaOptions unaligned() {
    ArenaOptions o;
    o.alignmentBytes = 1;
    return o;
}

const ArenaStep* stepOf(const ArenaPlan& p, const std::string& layer) {
    for (const auto& s : p.steps)
        if (s.layer == layer)
            return &s;
    return nullptr;
}

std::vector<std::string> stepNames(const ArenaPlan& p) {
    std::vector<std::string> out;
    for (const auto& s : p.steps)
        out.push_back(s.layer);
    return out;
}

// input 8x8x1 -> conv 3x3 same x4 -> BN -> ReLU -> conv 1x1 x2 -> flatten -> dense 3, INT8.
Network chain() {
    NetworkBuilder b("chain");
    b.input({8, 8, 1}, "input");
    b.conv(4, {3, 3}, {1, 1}, Padding::Same, Act::Linear, {}, "conv1");
    b.batchNorm({}, "bn");
    b.activation(Act::Relu, {}, "relu");
    b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, {}, "conv2");
    b.flatten({}, "flatten");
    b.dense(3, Act::Linear, {}, "dense");
    return b.take();
}

} // namespace

TEST(ArenaPlanner, ChainFoldsBatchNormAndFusesActivation) {
    // Buffers: input 64 B [input..conv1], conv1 (+bn, relu) 256 B [conv1..conv2],
    // conv2 (+flatten) 128 B [conv2..dense], dense 3 B. While conv2 runs: 256 + 128 = 384.
    const ArenaPlan p = arenaOf(chain(), DType::INT8, unaligned());
    EXPECT_EQ(stepNames(p), (std::vector<std::string>{"conv1", "conv2", "dense"}));
    EXPECT_EQ(stepOf(p, "conv1")->fused, (std::vector<std::string>{"bn", "relu"}));
    EXPECT_EQ(stepOf(p, "conv1")->liveBytes, 64 + 256);
    EXPECT_EQ(stepOf(p, "conv2")->liveBytes, 256 + 128);
    EXPECT_EQ(stepOf(p, "dense")->liveBytes, 128 + 3);
    EXPECT_EQ(p.peakLayer, "conv2");
    EXPECT_EQ(p.peakLiveBytes, 384);
    EXPECT_EQ(p.arenaBytes, 384);
    EXPECT_EQ(p.buffers.size(), 4u);
}

TEST(ArenaPlanner, ChainWithoutLoweringNeedsABufferPerLayer) {
    // BN and ReLU each get a 256 B buffer: while BN runs, conv1's and BN's outputs are alive.
    ArenaOptions o = unaligned();
    o.foldBatchNorm = o.fuseActivation = o.inPlaceElementwise = false;
    const ArenaPlan p = arenaOf(chain(), DType::INT8, o);
    EXPECT_EQ(stepNames(p), (std::vector<std::string>{"conv1", "bn", "relu", "conv2", "dense"}));
    EXPECT_EQ(p.peakLayer, "bn");
    EXPECT_EQ(p.peakLiveBytes, 512);
    EXPECT_EQ(p.arenaBytes, 512);
    // In place alone brings BN and ReLU back into conv1's buffer.
    o.inPlaceElementwise = true;
    const ArenaPlan q = arenaOf(chain(), DType::INT8, o);
    EXPECT_EQ(q.arenaBytes, 384);
    EXPECT_EQ(stepOf(q, "bn")->liveBytes, 256);
}

TEST(ArenaPlanner, AlignmentRoundsEveryBuffer) {
    // FP32: 256, 1024, 512, 12 -> 16 B; the dense buffer sits in the gap below conv2's.
    ArenaOptions o;
    o.alignmentBytes = 16;
    const ArenaPlan p = arenaOf(chain(), DType::FP32, o);
    EXPECT_EQ(p.arenaBytes, 1024 + 512);
    for (const auto& b : p.buffers) {
        EXPECT_EQ(b.bytes % 16, 0);
        EXPECT_EQ(b.offset % 16, 0);
    }
    o.alignmentBytes = 64;
    const ArenaPlan q = arenaOf(chain(), DType::INT8, o);
    EXPECT_EQ(q.arenaBytes, 384); // 64, 256, 128 are already multiples; 3 -> 64 fits below
}

TEST(ArenaPlanner, ResidualAddWritesIntoTheSkipInput) {
    // input 4x4x2 (32 B) -> a = conv 1x1 -> add(input, a) -> c = conv 1x1. The add is the last
    // reader of `input`, so it writes there: at most two 32 B buffers are alive.
    auto build = [] {
        NetworkBuilder b("residual");
        b.input({4, 4, 2}, "input");
        b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, "input", "a");
        b.add({"input", "a"}, "add");
        b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, {}, "c");
        return b.take();
    };
    const ArenaPlan p = arenaOf(build(), DType::INT8, unaligned());
    EXPECT_EQ(stepOf(p, "add")->liveBytes, 64);
    EXPECT_EQ(p.arenaBytes, 64);
    bool shared = false;
    for (const auto& b : p.buffers)
        shared = shared || b.layers == std::vector<std::string>{"input", "add"};
    EXPECT_TRUE(shared);

    ArenaOptions o = unaligned();
    o.inPlaceElementwise = false;
    const ArenaPlan q = arenaOf(build(), DType::INT8, o);
    EXPECT_EQ(stepOf(q, "add")->liveBytes, 96);
    EXPECT_EQ(q.arenaBytes, 96);
}

TEST(ArenaPlanner, AddDoesNotOverwriteAnInputReadLater) {
    // input -> a; add = add(input, a); late = add(add, input): `input` is read after `add`, so
    // `add` writes into `a`'s buffer, and `late` into the same one.
    NetworkBuilder b("skip");
    b.input({4, 4, 2}, "input");
    b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, "input", "a");
    b.add({"input", "a"}, "add");
    b.add({"add", "input"}, "late");
    const ArenaPlan p = arenaOf(b.take(), DType::INT8, unaligned());
    ASSERT_EQ(p.buffers.size(), 2u);
    EXPECT_EQ(p.buffers[0].layers, (std::vector<std::string>{"input"}));
    EXPECT_EQ(p.buffers[1].layers, (std::vector<std::string>{"a", "add", "late"}));
    EXPECT_EQ(p.arenaBytes, 64);
}

TEST(ArenaPlanner, PaddingFusedIntoTheConvNeedsNoBuffer) {
    // input 6x6x1 (36 B) -> pad 1 (8x8 = 64 B) -> conv 3x3 valid (36 B).
    auto build = [] {
        NetworkBuilder b("padded");
        b.input({6, 6, 1}, "input");
        b.zeroPad({1, 1, 1, 1}, {}, "pad");
        b.conv(1, {3, 3}, {1, 1}, Padding::Valid, Act::Linear, {}, "conv");
        return b.take();
    };
    const ArenaPlan p = arenaOf(build(), DType::INT8, unaligned());
    EXPECT_EQ(stepNames(p), (std::vector<std::string>{"conv"}));
    EXPECT_EQ(stepOf(p, "conv")->fused, (std::vector<std::string>{"pad"}));
    EXPECT_EQ(p.arenaBytes, 72);

    ArenaOptions o = unaligned();
    o.fusePadding = false;
    const ArenaPlan q = arenaOf(build(), DType::INT8, o);
    EXPECT_EQ(stepNames(q), (std::vector<std::string>{"pad", "conv"}));
    EXPECT_EQ(q.arenaBytes, 100);
    EXPECT_EQ(stepOf(q, "pad")->liveBytes, 100);
}

TEST(ArenaPlanner, OverlapPlannerWritesPointwiseOutputsOverTheirInput) {
    // input 4x4x2 (32 B) -> 1x1 conv to 4 channels (64 B) -> 1x1 conv to 2 channels (32 B).
    auto build = [] {
        NetworkBuilder b("pointwise");
        b.input({4, 4, 2}, "input");
        b.conv(4, {1, 1}, {1, 1}, Padding::Same, Act::Linear, {}, "expand");
        b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, {}, "project");
        return b.take();
    };
    const ArenaPlan greedy = arenaOf(build(), DType::INT8, unaligned());
    EXPECT_EQ(greedy.arenaBytes, 96);
    ArenaOptions o = unaligned();
    o.planner = ArenaPlannerKind::GreedyBySizeOverlap;
    const ArenaPlan overlap = arenaOf(build(), DType::INT8, o);
    EXPECT_EQ(overlap.arenaBytes, 64);
    ASSERT_EQ(overlap.buffers.size(), 1u);
    // A full 3x3 conv reads every channel of a window of rows: it never overlaps.
    NetworkBuilder b("window");
    b.input({4, 4, 2}, "input");
    b.conv(2, {3, 3}, {1, 1}, Padding::Same, Act::Linear, {}, "conv");
    EXPECT_EQ(arenaOf(b.take(), DType::INT8, o).arenaBytes, 64);
    // A depthwise 3x3 conv overlaps, staying 3 input rows (3 x 4 x 2 B) behind: 32 + 24.
    NetworkBuilder d("depthwise");
    d.input({4, 4, 2}, "input");
    d.depthwise({3, 3}, {1, 1}, Padding::Same, Act::Linear, {}, "dw");
    EXPECT_EQ(arenaOf(d.take(), DType::INT8, o).arenaBytes, 56);
}

TEST(ArenaPlanner, InputsAndOutputsOutsideTheArena) {
    ArenaOptions o = unaligned();
    o.allocateInputs = o.allocateOutputs = false;
    const ArenaPlan p = arenaOf(chain(), DType::INT8, o);
    EXPECT_EQ(p.buffers.size(), 2u);
    EXPECT_EQ(stepOf(p, "conv1")->liveBytes, 256);
    EXPECT_EQ(p.arenaBytes, 384);
}

// ST publishes the X-CUBE-AI 7 activation buffer of two MLPerf Tiny reference models in INT8
// (issue 14): ResNet-v1-8 for CIFAR-10, 55.28 KiB, and MobileNetV1 0.25 96x96x3, 39.56 KiB.
// X-CUBE-AI 7 keeps the network inputs and outputs in buffers of their own (not in the
// activation buffer) and writes pointwise and depthwise outputs over their inputs; within 15 %.
TEST(ArenaPlanner, XCubeAi7PublishedActivationBuffers) {
    ArenaOptions o;
    o.planner = ArenaPlannerKind::GreedyBySizeOverlap;
    o.allocateInputs = o.allocateOutputs = false;
    const struct {
        const char* model;
        double kib;
    } cases[] = {{"resnet8", 55.28}, {"mobilenet-v1-0.25", 39.56}};
    for (const auto& c : cases) {
        auto net = zooModel(c.model);
        ASSERT_TRUE(net) << c.model;
        const ArenaPlan p = arenaOf(*net, DType::INT8, o);
        const double kib = static_cast<double>(p.arenaBytes) / 1024.0;
        std::cout << c.model << ": " << p.arenaBytes << " B = " << kib << " KiB (published "
                  << c.kib << "), peak at " << p.peakLayer << "\n";
        EXPECT_LE(std::abs(kib - c.kib) / c.kib, 0.15) << c.model;
    }
    // The figures of the model (docs/memory-model.md): 48.00 KiB and 38.50 KiB.
    EXPECT_EQ(arenaOf(*zooModel("resnet8"), DType::INT8, o).arenaBytes, 49152);
    EXPECT_EQ(arenaOf(*zooModel("mobilenet-v1-0.25"), DType::INT8, o).arenaBytes, 39424);
    // Without the overlap, MobileNet's first pointwise conv holds 18 + 36 KiB at once.
    o.planner = ArenaPlannerKind::GreedyBySize;
    const ArenaPlan greedy = arenaOf(*zooModel("mobilenet-v1-0.25"), DType::INT8, o);
    EXPECT_EQ(greedy.peakLayer, "conv_pw_1");
    EXPECT_EQ(greedy.peakLiveBytes, 18432 + 36864);
}

TEST(ArenaPlanner, WithoutLoweringItMatchesTheTensorLifetimePlanner) {
    // In place only, no alignment, inputs and outputs in the arena: the rules of planMemory,
    // on networks without Add (where only this planner works in place).
    ArenaOptions o = unaligned();
    o.foldBatchNorm = o.fuseActivation = o.fusePadding = false;
    for (const char* model : {"lenet5", "mobilenet-v1-0.25", "ds-cnn-s", "ad01"}) {
        for (DType format : {DType::FP32, DType::INT8}) {
            auto net = zooModel(model);
            ASSERT_TRUE(net) << model;
            const Analysis a = analyze(*net);
            const ArenaPlan p = planArena(*net, a, format, o);
            EXPECT_EQ(p.arenaBytes, planMemory(*net, a, format).peakBytes) << model;
        }
    }
}

TEST(ArenaPlanner, ArenaHoldsEveryStepAndLoweringNeverGrowsIt) {
    for (const auto& name : zooModelNames()) {
        auto net = zooModel(name);
        ASSERT_TRUE(net) << name;
        const Analysis a = analyze(*net);
        ArenaOptions none = unaligned();
        none.foldBatchNorm = none.fuseActivation = none.fusePadding = none.inPlaceElementwise =
            false;
        const ArenaPlan bare = planArena(*net, a, DType::INT8, none);
        const ArenaPlan lowered = planArena(*net, a, DType::INT8, unaligned());
        for (const ArenaPlan* p : {&bare, &lowered}) {
            EXPECT_TRUE(p->diagnostics.empty()) << name;
            EXPECT_GE(p->arenaBytes, p->peakLiveBytes) << name;
            for (const auto& s : p->steps)
                EXPECT_LE(s.highWater, p->arenaBytes) << name << " " << s.layer;
        }
        EXPECT_LE(lowered.peakLiveBytes, bare.peakLiveBytes) << name;
        EXPECT_LE(lowered.steps.size(), bare.steps.size()) << name;
    }
}
