// SPDX-License-Identifier: GPL-3.0-or-later
// Counts and sizes with huge dimensions: every overflow becomes a diagnostic naming the layer,
// never a wrapped number (UBSan checks the "never undefined" half in the sanitizer builds).
#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/MemoryPlanner.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"
#include "base/CheckedMath.h"
#include "base/JsonReader.h"
#include "core/TestSupport.h"

#include <gtest/gtest.h>
#include <limits>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t k2p40 = std::int64_t{1} << 40;

Layer input(const std::string& name, std::vector<std::int64_t> dims) {
    Layer l;
    l.name = name;
    l.type = LayerType::Input;
    l.attrs.inputShape = Shape(std::move(dims));
    return l;
}

Layer layer(const std::string& name, LayerType type, std::vector<std::string> inputs) {
    Layer l;
    l.name = name;
    l.type = type;
    l.inputs = std::move(inputs);
    return l;
}

Layer conv(const std::string& name, const std::string& from, int filters) {
    Layer l = layer(name, LayerType::Conv2D, {from});
    l.attrs.filters = filters;
    return l;
}

/// The size-overflow error of `layerName`, or a test failure.
void expectOverflowAt(const Analysis& a, const std::string& layerName) {
    bool found = false;
    for (const auto& d : a.diagnostics)
        found = found || (d.severity == Severity::Error && d.code == "size-overflow" &&
                          d.layer == layerName);
    EXPECT_TRUE(found) << "no size-overflow on '" << layerName << "':\n" << dump(a.diagnostics);
}

} // namespace

TEST(CheckedMath, ProductsAndSumsSayWhenTheyOverflow) {
    EXPECT_EQ(checkedProduct(k2p40, 1 << 22), std::optional<std::int64_t>(k2p40 << 22));
    EXPECT_FALSE(checkedProduct(k2p40, k2p40).has_value());
    EXPECT_FALSE(checkedProduct(2, k2p40, k2p40, 0).has_value()); // overflow is sticky
    EXPECT_FALSE(checkedAdd(kMax, 1).has_value());
    EXPECT_EQ(saturatingAdd(kMax - 1, 5), kMax);
    EXPECT_EQ(saturatingAdd(3, 4), 7);
}

TEST(Overflow, ShapeElementsSaturate) {
    EXPECT_EQ((Shape{k2p40, k2p40, 3}).elements(), kMax);
    EXPECT_EQ((Shape{k2p40, 4}).elements(), k2p40 * 4);
}

TEST(Overflow, HugeInputIsAnErrorOnTheInput) {
    Network net("t");
    net.add(input("input", {k2p40, k2p40, 3}));
    net.add(conv("conv", "input", 8));
    const Analysis a = analyze(net);
    EXPECT_FALSE(a.ok());
    expectOverflowAt(a, "input");
    EXPECT_FALSE(a.layers[1].shapeKnown); // the conv is not analysed on a broken input
}

TEST(Overflow, ConvolutionsDenseAndTotals) {
    {
        Network net("macs"); // 2^20 x 2^20 x 2^20 in, 2^31-1 filters: MACs past 2^63
        net.add(input("input", {1 << 20, 1 << 20, 1 << 20}));
        net.add(conv("conv", "input", std::numeric_limits<int>::max()));
        expectOverflowAt(analyze(net), "conv");
    }
    {
        Network net("dense");
        net.add(input("input", {std::int64_t{1} << 62}));
        Layer fc = layer("fc", LayerType::Dense, {"input"});
        fc.attrs.units = 4;
        net.add(fc);
        expectOverflowAt(analyze(net), "fc");
    }
    {
        Network net("total"); // each Dense fits, three of them do not
        const int w = std::numeric_limits<int>::max();
        net.add(input("input", {w}));
        std::string prev = "input";
        for (const char* name : {"fc1", "fc2", "fc3"}) {
            Layer fc = layer(name, LayerType::Dense, {prev});
            fc.attrs.units = w;
            net.add(fc);
            prev = name;
        }
        const Analysis a = analyze(net);
        expectOverflowAt(a, "fc3");
        EXPECT_TRUE(a.layers[2].shapeKnown);
    }
}

TEST(Overflow, DepthwiseAndSeparableChannels) {
    for (LayerType t : {LayerType::DepthwiseConv2D, LayerType::SeparableConv2D}) {
        Network net("dw");
        net.add(input("input", {1, 1, k2p40}));
        Layer dw = layer("dw", t, {"input"});
        dw.attrs.depthMultiplier = 1 << 30;
        dw.attrs.filters = 1;
        net.add(dw);
        expectOverflowAt(analyze(net), "dw");
    }
}

TEST(Overflow, PaddingStridesUpsamplingConcatAndBatchNorm) {
    {
        Network net("same"); // used to compute in + stride - 1 past 2^63
        net.add(input("input", {kMax, 1, 1}));
        Layer c = conv("conv", "input", 1);
        c.attrs.strides = {2, 2};
        c.attrs.padding = Padding::Same;
        net.add(c);
        const Analysis a = analyze(net);
        ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
        EXPECT_EQ(a.layers[1].outputShape, (Shape{kMax / 2 + 1, 1, 1}));
    }
    {
        Network net("explicit");
        net.add(input("input", {kMax, 1, 1}));
        Layer c = conv("conv", "input", 1);
        c.attrs.padding = Padding::Explicit;
        c.attrs.pads = {std::numeric_limits<int>::max(), 1, 0, 0};
        net.add(c);
        expectOverflowAt(analyze(net), "conv");
    }
    {
        Network net("zeropad");
        net.add(input("input", {kMax, 1, 1}));
        Layer p = layer("pad", LayerType::ZeroPadding2D, {"input"});
        p.attrs.pads = {1, 0, 0, 0};
        net.add(p);
        expectOverflowAt(analyze(net), "pad");
    }
    {
        Network net("up");
        net.add(input("input", {k2p40, 1 << 20, 1}));
        Layer u = layer("up", LayerType::UpSampling2D, {"input"});
        u.attrs.upsample = {1 << 24, 1};
        net.add(u);
        expectOverflowAt(analyze(net), "up");
    }
    {
        Network net("cat");
        net.add(input("a", {kMax / 2 + 1}));
        net.add(input("b", {kMax / 2 + 1}));
        net.add(layer("cat", LayerType::Concatenate, {"a", "b"}));
        expectOverflowAt(analyze(net), "cat");
    }
    {
        Network net("bn");
        net.add(input("input", {kMax / 2}));
        net.add(layer("bn", LayerType::BatchNormalization, {"input"}));
        expectOverflowAt(analyze(net), "bn");
    }
}

TEST(Overflow, MemoryAndDecompositionOfHugeButValidNetworks) {
    // Each tensor fits in 64 bits, their sums in bytes do not.
    Network net("big");
    net.add(input("input", {std::int64_t{1} << 60}));
    net.add(layer("sum", LayerType::Add, {"input", "input"}));
    net.add(layer("sum2", LayerType::Add, {"sum", "sum"}));
    Layer fc = layer("fc", LayerType::Dense, {"sum2"});
    fc.attrs.units = 1;
    net.add(fc);
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    const PlannerResult plan = planMemory(net, a, DType::FP32);
    EXPECT_TRUE(hasErrors(plan.diagnostics)) << "4 x 2^60 bytes is past 2^63";
    const RamRuleEstimate ram = ramByThesisRule(net, a, DType::FP32);
    EXPECT_TRUE(hasErrors(ram.diagnostics));
    const Decomposition d = decompose(net, a);
    const FlashEstimate flash =
        estimateFlash(net, a, d, DType::FP32, defaultCodeSizeParams(DType::FP32));
    EXPECT_GE(flash.flashBytes, 0);
    PruneSpec spec;
    spec.rate = 0.5;
    (void)prune(net, spec); // must not wrap (UBSan) whatever it decides
}

TEST(Overflow, JsonNumbersPastTheDoubleRangeAreSyntaxErrorsWithAPlace) {
    Diagnostics d;
    EXPECT_FALSE(parseJsonText("{\n  \"a\": 1e400\n}\n", "f.json", d).has_value());
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].code, "invalid-json");
    EXPECT_EQ(d[0].line, 2);
    EXPECT_NE(d[0].message.find("number overflow"), std::string::npos) << d[0].message;
}

TEST(Overflow, JsonNestingIsBounded) {
    Diagnostics d;
    const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
    EXPECT_FALSE(parseJsonText(deep, "deep.json", d).has_value());
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].code, "invalid-json");
    EXPECT_NE(d[0].message.find("column " + std::to_string(kMaxJsonDepth + 1)), std::string::npos)
        << d[0].message;
    d.clear();
    const std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    EXPECT_TRUE(parseJsonText(ok, "ok.json", d).has_value()) << dump(d);
    d.clear();
    // Brackets inside strings do not count.
    EXPECT_TRUE(parseJsonText("[\"" + std::string(2000, '[') + "\\\"\"]", "s.json", d).has_value())
        << dump(d);
}
