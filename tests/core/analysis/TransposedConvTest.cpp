// SPDX-License-Identifier: GPL-3.0-or-later
// Conv2DTranspose (issue 15, autoencoders and segmentation nets): its Keras shape rule, its
// parameters and MACs (the scatter form), its primitives (the convolution loop, not validated),
// its runtime lowering (a convolution kernel no benchmark network has), its refusals, its network
// file form and its pruning.
#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"
#include "core/TestSupport.h"
#include "cost/CostPlan.h"
#include "cost/Lowering.h"
#include "cost/PrimitiveRecipe.h"
#include "io/NetworkJson.h"
#include "model/LayerCatalog.h"
#include "model/NetworkBuilder.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

/// 5x5x3 -> Conv2DTranspose(4 filters, kernel, strides, padding, relu) -> 1x1 conv with 2 filters.
Network deconvNetwork(Size2 kernel, Size2 strides, Padding padding, int filters = 4) {
    NetworkBuilder b("deconv");
    b.input({5, 5, 3});
    Layer l;
    l.name = "deconv";
    l.type = LayerType::Conv2DTranspose;
    l.inputs = {b.last()};
    l.attrs.filters = filters;
    l.attrs.kernel = kernel;
    l.attrs.strides = strides;
    l.attrs.padding = padding;
    l.attrs.activation = ActivationKind::Relu;
    b.layer(l);
    b.conv(2, {1, 1}, {1, 1}, Padding::Valid, ActivationKind::Linear, "deconv", "head");
    return b.take();
}

bool hasMessage(const Diagnostics& diags, const std::string& text) {
    for (const Diagnostic& d : diags)
        if (d.layer == "deconv" && d.message.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST(Conv2DTranspose, ValidPaddingGivesInputMinusOneTimesStridePlusKernel) {
    const Network net = deconvNetwork({3, 3}, {2, 2}, Padding::Valid);
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    const LayerInfo& info = a.layers[*net.indexOf("deconv")];
    EXPECT_EQ(info.outputShape, (Shape{11, 11, 4})); // (5 - 1) x 2 + 3
    EXPECT_EQ(info.params, 3 * 3 * 3 * 4 + 4);       // kh kw Cin filters + bias
    EXPECT_EQ(info.macs, 5 * 5 * 3 * 3 * 3 * 4);     // Hin Win Cin kh kw filters
    // The next layer reads the transposed output.
    EXPECT_EQ(a.layers[*net.indexOf("head")].outputShape, (Shape{11, 11, 2}));
}

TEST(Conv2DTranspose, SamePaddingGivesInputTimesStrideWithTheSameCounts) {
    const Network net = deconvNetwork({3, 2}, {2, 3}, Padding::Same, 5);
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    const LayerInfo& info = a.layers[*net.indexOf("deconv")];
    EXPECT_EQ(info.outputShape, (Shape{10, 15, 5}));
    EXPECT_EQ(info.params, 3 * 2 * 3 * 5 + 5);
    EXPECT_EQ(info.macs, 5 * 5 * 3 * 3 * 2 * 5);

    Network noBias = net;
    noBias.find("deconv")->attrs.useBias = false;
    EXPECT_EQ(analyze(noBias).layers[*net.indexOf("deconv")].params, 3 * 2 * 3 * 5);
}

TEST(Conv2DTranspose, DecomposesIntoAnUnvalidatedConvolutionLoopPerInputValueAndFilter) {
    const Network net = deconvNetwork({3, 3}, {2, 2}, Padding::Valid);
    const Analysis a = analyze(net);
    const Decomposition d = decompose(net, a);
    bool found = false;
    for (const LayerPrimitives& lp : d.layers)
        if (lp.layer == "deconv") {
            ASSERT_EQ(lp.primitives.size(), 2u);
            EXPECT_EQ(lp.primitives[0].id, "tconv2d_3x3");
            EXPECT_EQ(lp.primitives[0].count, 5 * 5 * 3 * 4); // 9 MACs each: the layer's MACs
            EXPECT_EQ(lp.primitives[1].id, "relu");
            EXPECT_EQ(lp.primitives[1].count, 11 * 11 * 4);
            found = true;
        }
    EXPECT_TRUE(found);
    EXPECT_EQ(primitiveKind("tconv2d_3x3"), "tconv2d");

    // The thesis's convolution loop (K^2 multiplies, K^2 + 1 adds), flagged as never measured.
    const auto recipe = recipeFor("tconv2d_3x3");
    ASSERT_TRUE(recipe.has_value());
    const auto conv = recipeFor("conv2d_3x3");
    ASSERT_TRUE(conv.has_value());
    EXPECT_EQ(recipe->family, CostFamily::Conv);
    EXPECT_EQ(recipe->ops, conv->ops);
    EXPECT_FALSE(recipe->validated);
    EXPECT_TRUE(conv->validated);

    // A cost plan has a recipe for it and warns that no measurement validated it.
    const CostPlan plan = makeCostPlan(net, a, d);
    bool warned = false;
    for (const Diagnostic& diag : plan.diagnostics) {
        EXPECT_NE(diag.code, "no-recipe") << diag.toString();
        warned = warned || (diag.code == "not-validated" &&
                            diag.message.find("'tconv2d_3x3'") != std::string::npos);
    }
    EXPECT_TRUE(warned) << dump(plan.diagnostics);
}

TEST(Conv2DTranspose, LowersToAConvolutionKernelNoBenchmarkValidated) {
    const Network net = deconvNetwork({3, 3}, {2, 2}, Padding::Same);
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    LoweringFlags flags;
    flags.fuseActivation = true;
    const LoweredGraph g = lowerNetwork(net, a, flags, {}, "test-runtime");
    bool lowered = false;
    for (const auto& l : g.layers)
        if (l.name == "deconv") {
            EXPECT_EQ(l.kind, KernelClass::Conv);
            EXPECT_EQ(l.macs, 5 * 5 * 3 * 3 * 3 * 4);
            EXPECT_EQ(l.outputs, 10 * 10 * 4);
            EXPECT_FALSE(l.benchmarked);
            lowered = true;
        }
    EXPECT_TRUE(lowered);
    // Its ReLU folds into it like a convolution's.
    EXPECT_NE(std::find(g.folded.begin(), g.folded.end(), "deconv/activation"), g.folded.end());
}

TEST(Conv2DTranspose, FlashCountsItsWeightsLikeAConvolutions) {
    const Network net = deconvNetwork({3, 3}, {2, 2}, Padding::Valid);
    const Analysis a = analyze(net);
    const Decomposition d = decompose(net, a);
    const FlashEstimate f =
        estimateFlash(net, a, d, DType::FP32, defaultCodeSizeParams(DType::FP32));
    // deconv 112 + head 1x1x4x2 + 2 parameters, 4 bytes each.
    EXPECT_EQ(f.weightsBytes, (112 + 10) * 4);
}

TEST(Conv2DTranspose, NonsenseIsRefusedWithTheSizes) {
    const Analysis zeroKernel = analyze(deconvNetwork({0, 3}, {2, 2}, Padding::Valid));
    EXPECT_FALSE(zeroKernel.ok());
    EXPECT_TRUE(hasMessage(zeroKernel.diagnostics, "kernel size must be positive, got 0x3"))
        << dump(zeroKernel.diagnostics);

    const Analysis zeroStride = analyze(deconvNetwork({3, 3}, {2, 0}, Padding::Valid));
    EXPECT_TRUE(hasMessage(zeroStride.diagnostics, "strides must be positive, got 2x0"))
        << dump(zeroStride.diagnostics);

    const Analysis noFilters = analyze(deconvNetwork({3, 3}, {2, 2}, Padding::Valid, 0));
    EXPECT_TRUE(hasMessage(noFilters.diagnostics, "filters must be positive, got 0"))
        << dump(noFilters.diagnostics);

    const Analysis pads = analyze(deconvNetwork({3, 3}, {2, 2}, Padding::Explicit));
    EXPECT_TRUE(hasMessage(pads.diagnostics, "padding 'valid' or 'same'"))
        << dump(pads.diagnostics);

    // A vector input is not an image.
    NetworkBuilder b("flat");
    b.input({12});
    Layer l;
    l.name = "deconv";
    l.type = LayerType::Conv2DTranspose;
    l.inputs = {b.last()};
    l.attrs.filters = 2;
    l.attrs.kernel = {3, 3};
    b.layer(l);
    const Analysis flat = analyze(b.take());
    EXPECT_TRUE(hasMessage(flat.diagnostics, "expects an image input")) << dump(flat.diagnostics);
}

TEST(Conv2DTranspose, RoundTripsThroughTheNetworkFile) {
    Network net = deconvNetwork({3, 2}, {2, 3}, Padding::Same, 5);
    net.find("deconv")->attrs.useBias = false;
    const std::string text = networkToText(net);
    EXPECT_NE(text.find("\"Conv2DTranspose\""), std::string::npos) << text;
    const NetworkLoadResult back = loadNetworkText(text, "deconv.json");
    ASSERT_TRUE(back.network.has_value()) << dump(back.diagnostics);
    EXPECT_EQ(*back.network, net);
    const Layer& l = *back.network->find("deconv");
    EXPECT_EQ(l.attrs.kernel, (Size2{3, 2}));
    EXPECT_EQ(l.attrs.strides, (Size2{2, 3}));
    EXPECT_EQ(l.attrs.padding, Padding::Same);
    EXPECT_FALSE(l.attrs.useBias);
}

TEST(Conv2DTranspose, TheCatalogueNamesItForEveryImporter) {
    const LayerKind& k = layerKind(LayerType::Conv2DTranspose);
    EXPECT_EQ(k.name, "Conv2DTranspose");
    EXPECT_EQ(k.family, "Convolution");
    EXPECT_TRUE(k.addable);
    EXPECT_EQ(layerKindForImporter(ImporterFormat::Keras, "Conv2DTranspose"), &k);
    EXPECT_EQ(layerKindForImporter(ImporterFormat::TfLite, "TRANSPOSE_CONV"), &k);
    EXPECT_EQ(layerKindForImporter(ImporterFormat::Onnx, "ConvTranspose"), &k);
    EXPECT_NE(findAttribute(k, "filters"), nullptr);
    EXPECT_NE(findAttribute(k, "strides"), nullptr);
    EXPECT_EQ(findAttribute(k, "dilation"), nullptr); // not dilated
}

TEST(Conv2DTranspose, PruningRemovesFiltersAndShrinksTheNextLayer) {
    const Network net = deconvNetwork({3, 3}, {2, 2}, Padding::Valid, 8);
    PruneSpec spec;
    spec.perLayer["deconv"] = 0.5;
    const PruneResult r = prune(net, spec);
    ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    EXPECT_EQ(r.network.find("deconv")->attrs.filters, 4);
    const Analysis a = analyze(r.network);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*r.network.indexOf("head")].params, 4 * 2 + 2);
}
