// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "model/NetworkBuilder.h"

#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

bool hasDiag(const Diagnostics& d, const std::string& code, const std::string& layer,
             const std::string& fragment) {
    for (const auto& x : d)
        if (x.code == code && x.layer == layer && x.message.find(fragment) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST(Analysis, ConvSameAndValidFollowKeras) {
    NetworkBuilder b("t");
    b.input({32, 32, 3});
    auto same = b.conv(16, {3, 3}, {2, 2}, Padding::Same);
    auto valid = b.conv(8, {5, 5}, {1, 1}, Padding::Valid);
    auto dil = b.conv(4, {3, 3}, {1, 1}, Padding::Valid);
    b.network().find(dil)->attrs.dilation = {2, 2};
    Network net = b.take();
    Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf(same)].outputShape, (Shape{16, 16, 16}));
    EXPECT_EQ(a.layers[*net.indexOf(valid)].outputShape, (Shape{12, 12, 8}));
    EXPECT_EQ(a.layers[*net.indexOf(dil)].outputShape, (Shape{8, 8, 4}));
    EXPECT_EQ(a.layers[*net.indexOf(same)].params, 3 * 3 * 3 * 16 + 16);
    EXPECT_EQ(a.layers[*net.indexOf(same)].macs, 16 * 16 * 16 * 27);
}

TEST(Analysis, GroupedDepthwiseSeparableAndDense) {
    NetworkBuilder b("t");
    b.input({10, 10, 8});
    auto g = b.conv(16, {3, 3}, {1, 1}, Padding::Same);
    b.network().find(g)->attrs.groups = 4;
    auto dw = b.depthwise({3, 3});
    auto sep = b.separable(32, {3, 3});
    auto gap = b.globalAvgPool();
    auto fc = b.dense(10);
    Network net = b.take();
    Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf(g)].params, 3 * 3 * 2 * 16 + 16);
    EXPECT_EQ(a.layers[*net.indexOf(dw)].outputShape, (Shape{10, 10, 16}));
    EXPECT_EQ(a.layers[*net.indexOf(dw)].params, 9 * 16 + 16);
    EXPECT_EQ(a.layers[*net.indexOf(sep)].params, 9 * 16 + 16 * 32 + 32);
    EXPECT_EQ(a.layers[*net.indexOf(gap)].outputShape, (Shape{32}));
    EXPECT_EQ(a.layers[*net.indexOf(fc)].params, 330);
    EXPECT_EQ(a.layers[*net.indexOf(fc)].macs, 320);
}

TEST(Analysis, ReportsCycleNamingTheLayers) {
    Network net("cyc");
    net.add({"in", LayerType::Input, {}, {}});
    net.layers().back().attrs.inputShape = {4, 4, 1};
    net.add({"a", LayerType::Add, {"in", "b"}, {}});
    net.add({"b", LayerType::Activation, {"a"}, {}});
    Analysis a = analyze(net);
    EXPECT_FALSE(a.ok());
    bool found = false;
    for (const auto& d : a.diagnostics)
        found = found || (d.code == "cycle" && d.message.find("'a'") != std::string::npos &&
                          d.message.find("'b'") != std::string::npos);
    EXPECT_TRUE(found) << dump(a.diagnostics);
}

TEST(Analysis, ReportsDanglingInput) {
    NetworkBuilder b("t");
    b.input({8, 8, 1});
    b.conv(4, {3, 3}, {1, 1}, Padding::Valid, ActivationKind::Linear, "nowhere", "c1");
    Analysis a = analyze(b.network());
    EXPECT_TRUE(hasDiag(a.diagnostics, "dangling-input", "c1", "'nowhere'")) << dump(a.diagnostics);
}

TEST(Analysis, ReportsShapeMismatchAtAddAndConcat) {
    NetworkBuilder b("t");
    auto in = b.input({8, 8, 4});
    auto c1 = b.conv(4, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Linear, in, "c1");
    auto c2 = b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Linear, in, "c2");
    b.add({c1, c2}, "sum");
    Layer cat{"cat", LayerType::Concatenate, {c1, "pooled"}, {}};
    b.maxPool({2, 2}, {0, 0}, Padding::Valid, c2, "pooled");
    b.layer(cat);
    Analysis a = analyze(b.network());
    EXPECT_TRUE(hasDiag(a.diagnostics, "shape-mismatch", "sum", "8x8x4")) << dump(a.diagnostics);
    EXPECT_TRUE(hasDiag(a.diagnostics, "shape-mismatch", "cat", "4x4x8")) << dump(a.diagnostics);
}

TEST(Analysis, ReportsNonPositiveSizesAndKernelLargerThanInput) {
    NetworkBuilder b("t");
    b.input({4, 4, 1});
    b.conv(0, {3, 3}, {1, 1}, Padding::Valid, ActivationKind::Linear, "input", "zero");
    b.conv(2, {5, 5}, {1, 1}, Padding::Valid, ActivationKind::Linear, "input", "big");
    b.conv(2, {5, 5}, {1, 1}, Padding::Same, ActivationKind::Linear, "input", "bigsame");
    Analysis a = analyze(b.network());
    EXPECT_TRUE(hasDiag(a.diagnostics, "non-positive-size", "zero", "filters"))
        << dump(a.diagnostics);
    EXPECT_TRUE(hasDiag(a.diagnostics, "kernel-larger-than-input", "big", "height"))
        << dump(a.diagnostics);
    EXPECT_FALSE(hasDiag(a.diagnostics, "kernel-larger-than-input", "bigsame", ""));
}

TEST(Analysis, HugeDimensionsOverflowIsAnErrorNotAWrap) {
    NetworkBuilder b("t");
    b.input({3037000500, 3037000500, 4});
    b.conv(1 << 20, {1, 1}, {1, 1}, Padding::Valid, ActivationKind::Linear, "input", "c");
    Analysis a = analyze(b.network());
    EXPECT_FALSE(a.ok());
    bool overflow = false;
    for (const auto& d : a.diagnostics)
        overflow = overflow || d.code == "size-overflow";
    EXPECT_TRUE(overflow) << dump(a.diagnostics);
}

TEST(Analysis, ReshapeFlattenPadUpsample) {
    NetworkBuilder b("t");
    b.input({6, 6, 2});
    auto pad = b.zeroPad({1, 1, 2, 2});
    Layer up{"up", LayerType::UpSampling2D, {pad}, {}};
    b.layer(up);
    Layer rs{"rs", LayerType::Reshape, {"up"}, {}};
    rs.attrs.targetShape = {-1, 4};
    b.layer(rs);
    auto fl = b.flatten();
    Network net = b.take();
    Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf(pad)].outputShape, (Shape{8, 10, 2}));
    EXPECT_EQ(a.layers[*net.indexOf("up")].outputShape, (Shape{16, 20, 2}));
    EXPECT_EQ(a.layers[*net.indexOf("rs")].outputShape, (Shape{160, 4}));
    EXPECT_EQ(a.layers[*net.indexOf(fl)].outputShape, (Shape{640}));
}
