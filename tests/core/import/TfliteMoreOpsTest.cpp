// SPDX-License-Identifier: GPL-3.0-or-later
// TFLite operators added after the first importer (issue 15): LEAKY_RELU with its alpha, SUB
// costed as an add, RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR by whole factors as up-sampling,
// and the refusal of a resize by another factor.
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "core/TfliteTestModel.h"
#include "import/TfliteImporter.h"

#include <gtest/gtest.h>

namespace zipcnn {
namespace {

using test::TfliteTestModel;
using testsupport::dump;
using testsupport::mentions;

constexpr std::int32_t kSubCode = 41, kLeakyReluCode = 98, kResizeNearestCode = 97,
                       kResizeBilinearCode = 23;
constexpr std::uint8_t kSubOptions = 28, kLeakyReluOptions = 75;

ImportResult importModel(const TfliteTestModel& m) {
    return importTfliteBytes(m.bytes(), "test.tflite", ImportOptions{});
}

const Layer* layerOfType(const Network& n, LayerType t, int nth = 0) {
    for (const Layer& l : n.layers())
        if (l.type == t && nth-- == 0)
            return &l;
    return nullptr;
}

TEST(TfliteMoreOps, LeakyReluKeepsItsAlphaAndSubIsCostedAsAnAdd) {
    TfliteTestModel m;
    const int x = m.tensor({1, 4, 4, 2});
    const int lr = m.tensor({1, 4, 4, 2});
    const int d = m.tensor({1, 4, 4, 2});
    TfliteTestModel::Field alpha{TfliteTestModel::Field::F32, 0, 0, 0.125f};
    m.op(kLeakyReluCode, {x}, {lr}, kLeakyReluOptions, {alpha});
    m.op(kSubCode, {x, lr}, {d}, kSubOptions, TfliteTestModel::activationOnly(1)); // + relu
    m.inputs = {x};
    const ImportResult r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer* leaky = layerOfType(*r.network, LayerType::Activation);
    ASSERT_NE(leaky, nullptr);
    EXPECT_EQ(leaky->attrs.activation, ActivationKind::LeakyRelu);
    EXPECT_DOUBLE_EQ(leaky->attrs.alpha, 0.125);
    const Layer* sub = layerOfType(*r.network, LayerType::Add);
    ASSERT_NE(sub, nullptr);
    EXPECT_EQ(sub->inputs.size(), 2u);
    EXPECT_TRUE(mentions(r.diagnostics, "costed as an element-wise add")) << dump(r.diagnostics);
    // The fused relu of the SUB follows it.
    const Layer* fused = layerOfType(*r.network, LayerType::Activation, 1);
    ASSERT_NE(fused, nullptr);
    EXPECT_EQ(fused->attrs.activation, ActivationKind::Relu);
    EXPECT_TRUE(analyze(*r.network).ok());
}

TEST(TfliteMoreOps, ResizesByWholeFactorsAreUpSampling) {
    TfliteTestModel m;
    const int x = m.tensor({1, 4, 5, 3});
    const int size = m.ints({2}, {8, 15});
    const int near = m.tensor({1, 8, 15, 3});
    const int size2 = m.ints({2}, {16, 30});
    const int bil = m.tensor({1, 16, 30, 3});
    m.op(kResizeNearestCode, {x, size}, {near});
    m.op(kResizeBilinearCode, {near, size2}, {bil});
    m.inputs = {x};
    const ImportResult r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer* first = layerOfType(*r.network, LayerType::UpSampling2D);
    const Layer* second = layerOfType(*r.network, LayerType::UpSampling2D, 1);
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(first->attrs.upsample, (Size2{2, 3}));
    EXPECT_EQ(first->attrs.interpolation, Interpolation::Nearest);
    EXPECT_EQ(second->attrs.upsample, (Size2{2, 2}));
    EXPECT_EQ(second->attrs.interpolation, Interpolation::Bilinear);
    const Analysis a = analyze(*r.network);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*r.network->indexOf(second->name)].outputShape, (Shape{16, 30, 3}));
    // The two sizes are constants of the graph, not weights.
    EXPECT_EQ(r.report.nonWeightConstants, 4);
    EXPECT_TRUE(r.report.paramsMatch());
}

TEST(TfliteMoreOps, AResizeByAnotherFactorIsRefusedWithTheShapes) {
    TfliteTestModel m;
    const int x = m.tensor({1, 4, 4, 3});
    const int size = m.ints({2}, {6, 6});
    const int y = m.tensor({1, 6, 6, 3});
    m.op(kResizeBilinearCode, {x, size}, {y});
    m.inputs = {x};
    const ImportResult r = importModel(m);
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(mentions(r.diagnostics, "resize from 4x4x3 to 6x6x3")) << dump(r.diagnostics);
    EXPECT_TRUE(mentions(r.diagnostics, "whole factors")) << dump(r.diagnostics);
}

} // namespace
} // namespace zipcnn
