// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/Distillation.h"

#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <gtest/gtest.h>
#include <limits>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

bool hasDiag(const Diagnostics& d, Severity sev, const std::string& code) {
    for (const auto& x : d)
        if (x.severity == sev && x.code == code)
            return true;
    return false;
}

/// Same cost model inputs: parameters, MACs and every primitive total.
void expectSameCost(const Network& actual, const Network& expected) {
    const Analysis a = analyze(actual);
    const Analysis e = analyze(expected);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    ASSERT_TRUE(e.ok()) << dump(e.diagnostics);
    EXPECT_EQ(a.params, e.params);
    EXPECT_EQ(a.macs, e.macs);
    EXPECT_EQ(decompose(actual, a).totals, decompose(expected, e).totals);
}

int width(const Network& net, const std::string& name) {
    const Layer* l = net.find(name);
    if (!l)
        return -1;
    return l->type == LayerType::Dense ? l->attrs.units : l->attrs.filters;
}

} // namespace

TEST(Distillation, FindsTheIdentityBlocksOfResNets) {
    // Stage 1 blocks are all identity blocks; stages 2 and 3 start with a projection block.
    EXPECT_EQ(identityBlocks(zoo("resnet8")).size(), 1u);
    const auto blocks = identityBlocks(zoo("resnet26"));
    ASSERT_EQ(blocks.size(), 4u + 3u + 3u);
    EXPECT_EQ(blocks[0].input, "relu1");
    EXPECT_EQ(blocks[0].output, "stack1_block1_out");
    EXPECT_EQ(blocks[1].input, "stack1_block1_out");
    EXPECT_EQ(
        blocks[0].layers,
        (std::vector<std::string>{"stack1_block1_conv1", "stack1_block1_bn1", "stack1_block1_relu1",
                                  "stack1_block1_conv2", "stack1_block1_bn2", "stack1_block1_add",
                                  "stack1_block1_out"}));
    EXPECT_TRUE(identityBlocks(zoo("lenet5")).empty());
    EXPECT_TRUE(identityBlocks(zoo("mobilenet-v1-0.25")).empty());
}

TEST(Distillation, ResNet26WithoutThreeBlocksPerStageIsResNet8) {
    StudentResult s = deriveStudent(zoo("resnet26"), {1.0, 3});
    ASSERT_FALSE(hasErrors(s.diagnostics)) << dump(s.diagnostics);
    EXPECT_TRUE(hasDiag(s.diagnostics, Severity::Info, "student-blocks-removed"));
    expectSameCost(s.network, zoo("resnet8"));
    EXPECT_EQ(analyze(s.network).params, 78666);
    EXPECT_EQ(s.network.size(), zoo("resnet8").size());
}

TEST(Distillation, DroppingTwoBlocksPerStageFromResNet26GivesResNet14) {
    StudentResult s = deriveStudent(zoo("resnet26"), {1.0, 2});
    ASSERT_FALSE(hasErrors(s.diagnostics)) << dump(s.diagnostics);
    expectSameCost(s.network, zoo("resnet14"));
}

TEST(Distillation, DroppingMoreBlocksThanAStageHasRemovesThemAll) {
    StudentResult s = deriveStudent(zoo("resnet8"), {1.0, 2});
    ASSERT_FALSE(hasErrors(s.diagnostics)) << dump(s.diagnostics);
    EXPECT_TRUE(hasDiag(s.diagnostics, Severity::Info, "student-short-stage"));
    EXPECT_EQ(s.network.find("stack1_block1_add"), nullptr);
    EXPECT_EQ(s.network.find("stack2_block1_conv1")->inputs, (std::vector<std::string>{"relu1"}));
    EXPECT_TRUE(analyze(s.network).ok());
}

TEST(Distillation, HalfWidthLeNet5HalvesFiltersAndUnitsButNotTheClasses) {
    StudentResult s = deriveStudent(zoo("lenet5"), {0.5, 0});
    ASSERT_FALSE(hasErrors(s.diagnostics)) << dump(s.diagnostics);
    EXPECT_EQ(width(s.network, "conv1"), 3);
    EXPECT_EQ(width(s.network, "conv2"), 8);
    EXPECT_EQ(width(s.network, "fc1"), 60);
    EXPECT_EQ(width(s.network, "fc2"), 42);
    EXPECT_EQ(width(s.network, "fc3"), 10);
    const Analysis a = analyze(s.network);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.params, (5 * 5 * 1 * 3 + 3) + (5 * 5 * 3 * 8 + 8) + (200 * 60 + 60) +
                            (60 * 42 + 42) + (42 * 10 + 10));
}

TEST(Distillation, WidthRoundsUp) {
    StudentResult s = deriveStudent(zoo("lenet5"), {0.3, 0});
    EXPECT_EQ(width(s.network, "conv1"), 2); // ceil(1.8)
    EXPECT_EQ(width(s.network, "conv2"), 5); // ceil(4.8)
    EXPECT_EQ(width(s.network, "fc1"), 36);  // 120 x 0.3 is exactly 36
    EXPECT_EQ(width(s.network, "fc2"), 26);  // ceil(25.2)
    EXPECT_TRUE(analyze(s.network).ok());
}

TEST(Distillation, WidthKeepsResidualGroupsConsistent) {
    StudentResult s = deriveStudent(zoo("resnet8"), {0.5, 0});
    ASSERT_FALSE(hasErrors(s.diagnostics)) << dump(s.diagnostics);
    expectSameCost(s.network, resnetCifar(1, "half", 0.5));
    EXPECT_EQ(width(s.network, "dense"), 10);

    StudentResult both = deriveStudent(zoo("resnet26"), {0.25, 3});
    ASSERT_FALSE(hasErrors(both.diagnostics)) << dump(both.diagnostics);
    expectSameCost(both.network, resnetCifar(1, "quarter", 0.25));
}

TEST(Distillation, WidthAboveOneGrows) {
    StudentResult s = deriveStudent(zoo("mobilenet-v1-0.25"), {2.0, 0});
    ASSERT_FALSE(hasErrors(s.diagnostics)) << dump(s.diagnostics);
    EXPECT_EQ(width(s.network, "conv1"), 16);
    EXPECT_EQ(width(s.network, "dense"), 2);
    EXPECT_TRUE(analyze(s.network).ok());
}

TEST(Distillation, WidthLeavesABroadcastAttentionMapAtOneChannel) {
    NetworkBuilder b = attentionBlock();
    b.globalAvgPool();
    b.dense(10);
    StudentResult s = deriveStudent(b.take(), {2.0, 0});
    ASSERT_FALSE(hasErrors(s.diagnostics)) << dump(s.diagnostics);
    EXPECT_EQ(width(s.network, "feat"), 16);
    EXPECT_EQ(width(s.network, "att"), 1);
    EXPECT_TRUE(hasDiag(s.diagnostics, Severity::Info, "student-kept-width"));
}

TEST(Distillation, PlainCnnHasNoBlocksToDrop) {
    Network teacher = zoo("lenet5-relu");
    StudentResult s = deriveStudent(teacher, {1.0, 1});
    EXPECT_TRUE(hasDiag(s.diagnostics, Severity::Info, "student-no-blocks")) << dump(s.diagnostics);
    EXPECT_FALSE(hasErrors(s.diagnostics));
    EXPECT_EQ(s.network, teacher);
}

TEST(Distillation, ProjectionBlocksAreKept) {
    NetworkBuilder b("projection-only");
    auto x = b.input({8, 8, 4});
    b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, x, "path");
    auto sc = b.conv(8, {1, 1}, {1, 1}, Padding::Same, ActivationKind::Linear, x, "short");
    b.add({"path", sc}, "add");
    b.globalAvgPool();
    b.dense(2);
    Network teacher = b.take();
    StudentResult s = deriveStudent(teacher, {1.0, 1});
    EXPECT_TRUE(hasDiag(s.diagnostics, Severity::Info, "student-no-blocks"));
    EXPECT_EQ(s.network, teacher);
}

TEST(Distillation, BadSpecIsAnError) {
    Network teacher = zoo("lenet5");
    for (StudentSpec bad : {StudentSpec{0.0, 0}, StudentSpec{-1.0, 0}, StudentSpec{1.0, -1},
                            StudentSpec{std::numeric_limits<double>::infinity(), 0}}) {
        StudentResult s = deriveStudent(teacher, bad);
        EXPECT_TRUE(hasDiag(s.diagnostics, Severity::Error, "bad-student-spec"));
        EXPECT_EQ(s.network, teacher);
    }
}

TEST(Distillation, IdentitySpecChangesNothing) {
    Network teacher = zoo("resnet26");
    StudentResult s = deriveStudent(teacher, {});
    EXPECT_EQ(s.network, teacher);
    EXPECT_TRUE(s.diagnostics.empty()) << dump(s.diagnostics);
}
