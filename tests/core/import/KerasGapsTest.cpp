// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras gaps of issue 15 on configs written here: an open input size sized by
// ImportOptions::inputShape, channels_first layers computed channels-last between two moves
// (models mixing both orders keep Keras's shapes), Permute as a reshape.
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "import/KerasConfigParser.h"

#include <gtest/gtest.h>

using namespace zipcnn;
using nlohmann::json;
using zipcnn::testsupport::dump;

namespace {

json layer(const std::string& cls, json config) {
    return {{"class_name", cls}, {"config", std::move(config)}};
}

json sequential(json layers) {
    return {{"class_name", "Sequential"}, {"config", {{"name", "seq"}, {"layers", layers}}}};
}

json conv(const std::string& name, int filters, const std::string& format, json extra = {}) {
    json c = {{"name", name},         {"filters", filters}, {"kernel_size", {3, 3}},
              {"strides", {1, 1}},    {"padding", "valid"}, {"data_format", format},
              {"activation", "relu"}, {"use_bias", true}};
    for (auto& [k, v] : extra.items())
        c[k] = v;
    return layer("Conv2D", c);
}

/// Parses, applies the shape rules (as the importers do) and analyses.
struct Parsed {
    KerasModelConfig config;
    Analysis analysis;
    Shape shapeOf(const std::string& name) const {
        return analysis.layers[*config.network->indexOf(name)].outputShape;
    }
};

Parsed parse(const json& model, std::optional<std::vector<std::int64_t>> shape = {}) {
    Parsed p;
    p.config = parseKerasConfig(model, "gaps.json", shape);
    if (p.config.network) {
        applyShapeRules(*p.config.network, p.config.shapeRules);
        p.analysis = analyze(*p.config.network);
    }
    return p;
}

json openModel() {
    return sequential(
        json::array({layer("InputLayer",
                           {{"name", "in"}, {"batch_input_shape", {nullptr, nullptr, nullptr, 3}}}),
                     conv("conv", 4, "channels_last")}));
}

} // namespace

TEST(KerasGaps, AnOpenInputSizeIsRefusedSayingToGiveOne) {
    Parsed p = parse(openModel());
    const Diagnostic* e = firstError(p.config.diagnostics);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->code, "keras-dynamic-input-shape");
    EXPECT_NE(e->message.find("input 'in' has the shape [?, ?, 3] with unknown dimensions"),
              std::string::npos)
        << e->message;
    EXPECT_NE(e->message.find("give it (--input-shape 1x96x96x3"), std::string::npos) << e->message;
}

TEST(KerasGaps, AnOpenInputSizeTakesTheGivenShape) {
    for (const std::vector<std::int64_t>& given :
         {std::vector<std::int64_t>{1, 16, 16, 3}, std::vector<std::int64_t>{16, 16, 3}}) {
        Parsed p = parse(openModel(), given);
        ASSERT_TRUE(p.config.network) << dump(p.config.diagnostics);
        ASSERT_TRUE(p.analysis.ok()) << dump(p.analysis.diagnostics);
        EXPECT_EQ(p.shapeOf("conv"), (Shape{14, 14, 4}));
    }
    Parsed wrong = parse(openModel(), std::vector<std::int64_t>{1, 16, 16, 4});
    ASSERT_NE(firstError(wrong.config.diagnostics), nullptr);
    EXPECT_EQ(firstError(wrong.config.diagnostics)->code, "keras-input-shape-mismatch");
    // A model that states its size ignores the option.
    json fixed = openModel();
    fixed["config"]["layers"][0]["config"]["batch_input_shape"] = {nullptr, 8, 8, 3};
    Parsed f = parse(fixed, std::vector<std::int64_t>{1, 16, 16, 3});
    ASSERT_TRUE(f.analysis.ok()) << dump(f.analysis.diagnostics);
    EXPECT_EQ(f.shapeOf("conv"), (Shape{6, 6, 4}));
}

TEST(KerasGaps, ChannelsFirstLayersKeepKerasShapes) {
    // All channels_first: conv (1x28x28 -> 8x26x26), pool (-> 8x13x13), batch norm over axis
    // 1, flatten, dense. The engine computes the conv and the pool channels-last.
    json model = sequential(json::array(
        {conv("conv", 8, "channels_first", {{"batch_input_shape", {nullptr, 1, 28, 28}}}),
         layer("MaxPooling2D", {{"name", "pool"},
                                {"pool_size", {2, 2}},
                                {"strides", {2, 2}},
                                {"padding", "valid"},
                                {"data_format", "channels_first"}}),
         layer("BatchNormalization", {{"name", "bn"}, {"axis", 1}}),
         layer("Flatten", {{"name", "flat"}, {"data_format", "channels_first"}}),
         layer("Dense", {{"name", "fc"}, {"units", 10}})}));
    Parsed p = parse(model);
    ASSERT_TRUE(p.config.network) << dump(p.config.diagnostics);
    EXPECT_TRUE(p.config.unsupported.empty());
    ASSERT_TRUE(p.analysis.ok()) << dump(p.analysis.diagnostics);
    EXPECT_EQ(p.shapeOf("conv/to_channels_last"), (Shape{28, 28, 1}));
    EXPECT_EQ(p.shapeOf("conv"), (Shape{26, 26, 8}));
    EXPECT_EQ(p.shapeOf("conv/to_channels_first"), (Shape{8, 26, 26}));
    EXPECT_EQ(p.shapeOf("pool/to_channels_first"), (Shape{8, 13, 13}));
    EXPECT_EQ(p.shapeOf("bn/to_channels_first"), (Shape{8, 13, 13}));
    EXPECT_EQ(p.shapeOf("fc"), (Shape{10}));
    EXPECT_EQ(p.analysis.layers[*p.config.network->indexOf("conv")].macs, 26 * 26 * 8 * 9);
    EXPECT_EQ(p.analysis.layers[*p.config.network->indexOf("bn")].params, 4 * 8);
    EXPECT_EQ(p.analysis.params, 80 + 32 + (8 * 13 * 13 * 10 + 10));
    // The weight check finds each layer's weights on its computing layer.
    for (const auto& rec : p.config.layers)
        if (rec.className == "Conv2D") {
            EXPECT_EQ(rec.weightLayer, "conv");
        }
}

TEST(KerasGaps, MixedOrdersFollowKeras) {
    // simpleconv2d's pattern: a channels_first conv, then channels_last layers that read its
    // (30, 26, 26) output with 26 channels, as Keras does.
    json model = sequential(json::array(
        {conv("c1", 30, "channels_first", {{"batch_input_shape", {nullptr, 1, 28, 28}}}),
         conv("c2", 15, "channels_last")}));
    Parsed p = parse(model);
    ASSERT_TRUE(p.analysis.ok()) << dump(p.analysis.diagnostics);
    EXPECT_EQ(p.shapeOf("c1/to_channels_first"), (Shape{30, 26, 26}));
    EXPECT_EQ(p.shapeOf("c2"), (Shape{28, 24, 15}));
    EXPECT_EQ(p.analysis.layers[*p.config.network->indexOf("c2")].params, 9 * 26 * 15 + 15);
}

TEST(KerasGaps, PermuteIsAReshapeToThePermutedShape) {
    json model = sequential(json::array(
        {layer("InputLayer", {{"name", "in"}, {"batch_input_shape", {nullptr, 64, 96, 1}}}),
         layer("Permute", {{"name", "permute"}, {"dims", {2, 1, 3}}}),
         conv("conv", 4, "channels_last")}));
    Parsed p = parse(model);
    ASSERT_TRUE(p.config.network) << dump(p.config.diagnostics);
    EXPECT_TRUE(p.config.unsupported.empty());
    ASSERT_TRUE(p.analysis.ok()) << dump(p.analysis.diagnostics);
    EXPECT_EQ(p.config.network->find("permute")->type, LayerType::Reshape);
    EXPECT_EQ(p.shapeOf("permute"), (Shape{96, 64, 1}));
    EXPECT_EQ(p.shapeOf("conv"), (Shape{94, 62, 4}));
    EXPECT_EQ(p.analysis.layers[*p.config.network->indexOf("permute")].macs, 0);
}
