// SPDX-License-Identifier: GPL-3.0-or-later
// Cropping2D (issue 15, a Keras gap): its shape, its cost as data movement, its attribute in the
// network file, its refusal when nothing is left, and its runtime lowering.
#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "cost/Lowering.h"
#include "io/NetworkJson.h"
#include "model/NetworkBuilder.h"

#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

/// 10x10x3 -> Cropping2D(top, bottom, left, right) -> 3x3 conv with 4 filters.
Network croppedNetwork(Pad4 crop) {
    NetworkBuilder b("crop");
    b.input({10, 10, 3});
    Layer l;
    l.name = "crop";
    l.type = LayerType::Cropping2D;
    l.inputs = {b.last()};
    l.attrs.pads = crop;
    b.layer(l);
    b.conv(4, {3, 3}, {1, 1}, Padding::Valid, ActivationKind::Linear, "crop", "conv");
    return b.take();
}

} // namespace

TEST(Cropping2D, DropsRowsAndColumnsAndCostsItsOutputCopy) {
    const Network net = croppedNetwork({1, 2, 0, 3});
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    const std::size_t crop = *net.indexOf("crop");
    EXPECT_EQ(a.layers[crop].outputShape, (Shape{7, 7, 3}));
    EXPECT_EQ(a.layers[crop].params, 0);
    EXPECT_EQ(a.layers[crop].macs, 0);
    EXPECT_EQ(a.layers[*net.indexOf("conv")].outputShape, (Shape{5, 5, 4}));

    // Data movement: one copy per output element, the same primitive as padding's copy.
    const Decomposition d = decompose(net, a);
    bool found = false;
    for (const LayerPrimitives& lp : d.layers)
        if (lp.layer == "crop") {
            ASSERT_EQ(lp.primitives.size(), 1u);
            EXPECT_EQ(lp.primitives[0].id, "pad");
            EXPECT_EQ(lp.primitives[0].count, 7 * 7 * 3);
            found = true;
        }
    EXPECT_TRUE(found);

    // A runtime copies the window too, even one that folds padding into the next conv.
    LoweringFlags flags;
    flags.fusePadding = true;
    const LoweredGraph g = lowerNetwork(net, a, flags, {}, "test-runtime");
    bool lowered = false;
    for (const auto& l : g.layers)
        if (l.name == "crop") {
            EXPECT_EQ(l.kind, KernelClass::Eltwise);
            EXPECT_EQ(l.elements, 7 * 7 * 3);
            EXPECT_FALSE(l.benchmarked); // no calibration network crops
            lowered = true;
        }
    EXPECT_TRUE(lowered);
}

TEST(Cropping2D, CroppingEverythingIsRefusedWithTheSizes) {
    const Network net = croppedNetwork({5, 5, 0, 0});
    const Analysis a = analyze(net);
    ASSERT_FALSE(a.ok());
    bool named = false;
    for (const Diagnostic& d : a.diagnostics)
        if (d.layer == "crop" && d.message.find("leaves nothing of") != std::string::npos &&
            d.message.find("5+5 rows") != std::string::npos)
            named = true;
    EXPECT_TRUE(named) << dump(a.diagnostics);

    const Analysis negative = analyze(croppedNetwork({-1, 0, 0, 0}));
    EXPECT_FALSE(negative.ok());
}

TEST(Cropping2D, RoundTripsThroughTheNetworkFileAsCropping) {
    const Network net = croppedNetwork({1, 2, 0, 3});
    const std::string text = networkToText(net);
    EXPECT_NE(text.find("\"cropping\""), std::string::npos) << text;
    const NetworkLoadResult back = loadNetworkText(text, "crop.json");
    ASSERT_TRUE(back.network.has_value()) << dump(back.diagnostics);
    EXPECT_EQ(*back.network, net);
    EXPECT_EQ(back.network->find("crop")->attrs.pads, (Pad4{1, 2, 0, 3}));
}
