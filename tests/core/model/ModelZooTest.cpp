// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/ModelZoo.h"

#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

Network mustBuild(const std::string& name) {
    auto net = zooModel(name);
    EXPECT_TRUE(net.has_value()) << name;
    return net ? *net : Network{};
}

std::map<LayerType, int> layerClassCounts(const Network& net) {
    std::map<LayerType, int> counts;
    for (const auto& l : net.layers())
        ++counts[l.type];
    return counts;
}

Shape outputShape(const Network& net) {
    const auto outs = net.outputs();
    EXPECT_EQ(outs.size(), 1u);
    if (outs.empty())
        return {};
    const Analysis a = analyze(net);
    return a.layers[*net.indexOf(outs.front())].outputShape;
}

std::map<std::string, std::int64_t> lenetTotals(const std::string& activation) {
    return {{"conv2d_5x5", 14304}, {"avgpool_2x2", 1576}, {"fc_400x120", 1}, {"fc_120x84", 1},
            {"fc_84x10", 1},       {activation, 6508},    {"softmax_10", 1}};
}

} // namespace

TEST(ModelZoo, RequiredNamesArePresentInAStableOrder) {
    const auto names = zooModelNames();
    for (const char* required :
         {"lenet5", "lenet5-relu", "resnet8", "resnet26", "mobilenet-v1-0.25", "ds-cnn-s"})
        EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
    EXPECT_EQ(names, zooModelNames());
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
    ASSERT_EQ(zooEntries().size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
        EXPECT_EQ(zooEntries()[i].name, names[i]);
}

TEST(ModelZoo, EveryEntryIsDescribedAndSourced) {
    for (const auto& e : zooEntries()) {
        EXPECT_FALSE(e.description.empty()) << e.name;
        EXPECT_FALSE(e.source.empty()) << e.name;
    }
}

TEST(ModelZoo, EveryModelAnalysesAndDecomposesWithoutDiagnostics) {
    for (const auto& name : zooModelNames()) {
        SCOPED_TRACE(name);
        const Network net = mustBuild(name);
        EXPECT_EQ(net.name(), name);
        const Analysis a = analyze(net);
        EXPECT_TRUE(a.diagnostics.empty()) << dump(a.diagnostics);
        EXPECT_EQ(a.order.size(), net.size());
        const Decomposition d = decompose(net, a);
        EXPECT_TRUE(d.diagnostics.empty()) << dump(d.diagnostics);
        EXPECT_FALSE(d.totals.empty());
    }
}

TEST(ModelZoo, PoolsStrideByTheirPoolSizeAsKerasDefaults) {
    for (const auto& name : zooModelNames()) {
        const Network net = mustBuild(name); // keep it alive for the loop below
        for (const auto& l : net.layers())
            if (l.type == LayerType::AveragePooling2D) {
                EXPECT_EQ(l.attrs.strides, l.attrs.kernel) << name << " " << l.name;
            }
    }
}

TEST(ModelZoo, Lenet5Shapes) {
    const Network net = mustBuild("lenet5");
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf("conv1")].outputShape, (Shape{28, 28, 6}));
    EXPECT_EQ(a.layers[*net.indexOf("pool1")].outputShape, (Shape{14, 14, 6}));
    EXPECT_EQ(a.layers[*net.indexOf("conv2")].outputShape, (Shape{10, 10, 16}));
    EXPECT_EQ(a.layers[*net.indexOf("pool2")].outputShape, (Shape{5, 5, 16}));
    EXPECT_EQ(a.layers[*net.indexOf("flatten")].outputShape, (Shape{400}));
}

TEST(ModelZoo, BuildingTwiceGivesEqualNetworks) {
    for (const auto& name : zooModelNames())
        EXPECT_EQ(mustBuild(name), mustBuild(name)) << name;
}

TEST(ModelZoo, UnknownNameGivesNothing) {
    EXPECT_FALSE(zooModel("no-such-model").has_value());
    EXPECT_FALSE(zooModel("").has_value());
    EXPECT_FALSE(zooModel("ResNet8").has_value()); // names are exact
}

TEST(ModelZoo, ParameterCounts) {
    const std::map<std::string, std::int64_t> expected = {
        {"lenet5", 61706},
        {"lenet5-relu", 61706},
        {"resnet8", 78666},            // thesis Table 5.1, MANIFEST pretrainedResnet.h5
        {"resnet14", 176554},          // resnet8 + one identity block per stage
        {"resnet26", 372330},          // estimation-model.md section 1
        {"mobilenet-v1-0.25", 221794}, // MANIFEST vww_96.h5
        {"ds-cnn-s", 24908},           // 22,604 folded weights + 2 shape ints = 22,606 in tflite
        {"ad01", 269992},              // MANIFEST ad01.h5
    };
    for (const auto& [name, params] : expected)
        EXPECT_EQ(analyze(mustBuild(name)).params, params) << name;
    EXPECT_EQ(expected.size(), zooModelNames().size()) << "a zoo model has no parameter check";
}

TEST(ModelZoo, Resnet8LayerClassesMatchTheReferenceFile) {
    const Network net = mustBuild("resnet8");
    const std::map<LayerType, int> expected = {
        {LayerType::Input, 1},      {LayerType::Conv2D, 9}, {LayerType::BatchNormalization, 7},
        {LayerType::Activation, 7}, {LayerType::Add, 3},    {LayerType::AveragePooling2D, 1},
        {LayerType::Flatten, 1},    {LayerType::Dense, 1},
    };
    EXPECT_EQ(layerClassCounts(net), expected);
    EXPECT_EQ(net.size(), 30u);
    for (const auto& l : net.layers()) {
        if (l.type == LayerType::Activation) {
            EXPECT_EQ(l.attrs.activation, ActivationKind::Relu) << l.name;
        }
        if (l.type == LayerType::Conv2D) {
            EXPECT_EQ(l.attrs.activation, ActivationKind::Linear) << l.name;
        }
    }
}

TEST(ModelZoo, Resnet8FollowsTheLayerOrderOfTheReferenceFile) {
    // Layer classes of pretrainedResnet.h5's model_config, in file order: the stem, stack 1's
    // identity block, then stacks 2 and 3, whose first block also has a 1x1 projection conv on
    // the shortcut (listed right after the block's second conv), then the classifier.
    using T = LayerType;
    const std::vector<LayerType> stem = {T::Input, T::Conv2D, T::BatchNormalization, T::Activation};
    const std::vector<LayerType> identityBlock = {
        T::Conv2D, T::BatchNormalization, T::Activation, T::Conv2D, T::BatchNormalization,
        T::Add,    T::Activation};
    const std::vector<LayerType> projectionBlock = {
        T::Conv2D, T::BatchNormalization, T::Activation, T::Conv2D,
        T::Conv2D, T::BatchNormalization, T::Add,        T::Activation};
    const std::vector<LayerType> classifier = {T::AveragePooling2D, T::Flatten, T::Dense};
    std::vector<LayerType> expected;
    for (const auto* part :
         {&stem, &identityBlock, &projectionBlock, &projectionBlock, &classifier})
        expected.insert(expected.end(), part->begin(), part->end());
    ASSERT_EQ(expected.size(), 30u);
    const Network net = mustBuild("resnet8");
    std::vector<LayerType> actual;
    for (const auto& l : net.layers())
        actual.push_back(l.type);
    EXPECT_EQ(actual, expected);

    const Layer* add2 = net.find("stack2_block1_add");
    ASSERT_NE(add2, nullptr);
    EXPECT_EQ(add2->inputs,
              (std::vector<std::string>{"stack2_block1_shortcut", "stack2_block1_bn2"}));
    const Layer* shortcut = net.find("stack2_block1_shortcut");
    ASSERT_NE(shortcut, nullptr);
    EXPECT_EQ(shortcut->inputs, (std::vector<std::string>{"stack1_block1_out"}));
    EXPECT_EQ(shortcut->attrs.kernel, (Size2{1, 1}));
    EXPECT_EQ(shortcut->attrs.strides, (Size2{2, 2}));
    const Layer* add1 = net.find("stack1_block1_add");
    ASSERT_NE(add1, nullptr);
    EXPECT_EQ(add1->inputs, (std::vector<std::string>{"relu1", "stack1_block1_bn2"}));
    const Layer* pool = net.find("avgpool");
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(pool->attrs.kernel, (Size2{8, 8}));
}

TEST(ModelZoo, MobilenetLayerClassesMatchTheReferenceFile) {
    const Network net = mustBuild("mobilenet-v1-0.25");
    const std::map<LayerType, int> expected = {
        {LayerType::Input, 1},
        {LayerType::Conv2D, 14},
        {LayerType::DepthwiseConv2D, 13},
        {LayerType::BatchNormalization, 27},
        {LayerType::Activation, 27},
        {LayerType::AveragePooling2D, 1},
        {LayerType::Flatten, 1},
        {LayerType::Dense, 1},
    };
    EXPECT_EQ(layerClassCounts(net), expected);
    EXPECT_EQ(net.size(), 85u);
    for (const auto& l : net.layers()) {
        if (l.type == LayerType::Activation) {
            EXPECT_EQ(l.attrs.activation, ActivationKind::Relu) << l.name;
        }
    }
    const Layer* dense = net.find("dense");
    ASSERT_NE(dense, nullptr);
    EXPECT_EQ(dense->attrs.activation, ActivationKind::Softmax);
    const Layer* pool = net.find("avgpool");
    ASSERT_NE(pool, nullptr);
    EXPECT_EQ(pool->attrs.kernel, (Size2{3, 3}));
}

TEST(ModelZoo, OutputShapes) {
    EXPECT_EQ(outputShape(mustBuild("lenet5")), (Shape{10}));
    EXPECT_EQ(outputShape(mustBuild("lenet5-relu")), (Shape{10}));
    EXPECT_EQ(outputShape(mustBuild("resnet8")), (Shape{10}));
    EXPECT_EQ(outputShape(mustBuild("resnet26")), (Shape{10}));
    EXPECT_EQ(outputShape(mustBuild("mobilenet-v1-0.25")), (Shape{2}));
    EXPECT_EQ(outputShape(mustBuild("ds-cnn-s")), (Shape{12}));
    EXPECT_EQ(outputShape(mustBuild("ad01")), (Shape{640}));
}

TEST(ModelZoo, Lenet5DecompositionIsTable4_1) {
    const Decomposition d = decompose(mustBuild("lenet5"));
    EXPECT_TRUE(d.diagnostics.empty()) << dump(d.diagnostics);
    EXPECT_EQ(d.totals, lenetTotals("sigmoid"));
}

TEST(ModelZoo, Lenet5ReluDecompositionIsTable4_6) {
    const Decomposition d = decompose(mustBuild("lenet5-relu"));
    EXPECT_TRUE(d.diagnostics.empty()) << dump(d.diagnostics);
    EXPECT_EQ(d.totals, lenetTotals("relu"));
}

TEST(ModelZoo, Resnet8DecompositionIsTable5_2) {
    const Decomposition d = decompose(mustBuild("resnet8"));
    EXPECT_TRUE(d.diagnostics.empty()) << dump(d.diagnostics);
    const std::map<std::string, std::int64_t> table52 = {
        {"conv2d_rgb_3x3", 49152}, {"conv2d_3x3", 1310720}, {"conv2d_1x1", 262144},
        {"avgpool_8x8", 64},       {"fc_64x10", 1},         {"relu", 73728},
        {"batchnorm", 73728},      {"residual_add", 28672}, {"softmax_10", 1},
    };
    EXPECT_EQ(d.totals, table52);
}

TEST(ModelZoo, DsCnnShapes) {
    const Network net = mustBuild("ds-cnn-s");
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf("conv1")].outputShape, (Shape{25, 5, 64}));
    EXPECT_EQ(a.layers[*net.indexOf("avgpool")].outputShape, (Shape{1, 1, 64}));
    const std::map<LayerType, int> expected = {
        {LayerType::Input, 1},
        {LayerType::Conv2D, 5},
        {LayerType::DepthwiseConv2D, 4},
        {LayerType::BatchNormalization, 9},
        {LayerType::Activation, 9},
        {LayerType::Dropout, 2},
        {LayerType::AveragePooling2D, 1},
        {LayerType::Flatten, 1},
        {LayerType::Dense, 1},
    };
    EXPECT_EQ(layerClassCounts(net), expected);
    const Decomposition d = decompose(net, a);
    EXPECT_EQ(d.totals.at("avgpool_25x5"), 64);
    EXPECT_EQ(d.totals.at("conv2d_10x4"), 64 * 25 * 5);
    EXPECT_EQ(d.totals.at("dwconv2d_3x3"), 4 * 64 * 25 * 5);
    EXPECT_EQ(d.totals.at("softmax_12"), 1);
}

TEST(ModelZoo, ResnetCifarOneBlockIsResnet8) {
    EXPECT_EQ(resnetCifar(1, "resnet8"), mustBuild("resnet8"));
    EXPECT_EQ(resnetCifar(4, "resnet26"), mustBuild("resnet26"));
    Network other = resnetCifar(1, "mine");
    EXPECT_EQ(other.name(), "mine");
    other.setName("resnet8");
    EXPECT_EQ(other, mustBuild("resnet8"));
}

TEST(ModelZoo, Resnet26HasIdentityBlocksAfterTheFirst) {
    const Network net = mustBuild("resnet26");
    const auto counts = layerClassCounts(net);
    EXPECT_EQ(counts.at(LayerType::Conv2D), 1 + 3 * 4 * 2 + 2);
    EXPECT_EQ(counts.at(LayerType::Add), 12);
    EXPECT_NE(net.find("stack2_block1_shortcut"), nullptr);
    EXPECT_EQ(net.find("stack2_block2_shortcut"), nullptr);
    const Layer* add = net.find("stack3_block4_add");
    ASSERT_NE(add, nullptr);
    EXPECT_EQ(add->inputs, (std::vector<std::string>{"stack3_block3_out", "stack3_block4_bn2"}));
    const Layer* conv = net.find("stack3_block2_conv1");
    ASSERT_NE(conv, nullptr);
    EXPECT_EQ(conv->attrs.strides, (Size2{1, 1}));
}

TEST(ModelZoo, ResnetCifarWidthMultiplierRoundsUp) {
    const Network half = resnetCifar(1, "half", 0.5);
    EXPECT_EQ(half.find("conv1")->attrs.filters, 8);
    EXPECT_EQ(half.find("stack2_block1_conv1")->attrs.filters, 16);
    EXPECT_EQ(half.find("stack3_block1_shortcut")->attrs.filters, 32);
    EXPECT_TRUE(analyze(half).diagnostics.empty());

    const Network odd = resnetCifar(1, "odd", 0.3); // 4.8, 9.6, 19.2
    EXPECT_EQ(odd.find("conv1")->attrs.filters, 5);
    EXPECT_EQ(odd.find("stack2_block1_conv2")->attrs.filters, 10);
    EXPECT_EQ(odd.find("stack3_block1_conv2")->attrs.filters, 20);

    const Network threeQuarters = resnetCifar(1, "tq", 0.75); // exact products stay exact
    EXPECT_EQ(threeQuarters.find("conv1")->attrs.filters, 12);
    EXPECT_EQ(threeQuarters.find("stack3_block1_conv1")->attrs.filters, 48);

    const Network tiny = resnetCifar(1, "tiny", 0.0);
    EXPECT_EQ(tiny.find("conv1")->attrs.filters, 1);
    EXPECT_EQ(tiny.find("stack3_block1_conv1")->attrs.filters, 1);
    EXPECT_TRUE(analyze(tiny).diagnostics.empty());
}

TEST(ModelZoo, ResnetCifarTreatsFewerThanOneBlockAsOne) {
    Network zero = resnetCifar(0, "resnet8");
    EXPECT_EQ(zero, mustBuild("resnet8"));
}
