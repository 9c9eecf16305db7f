// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras importers on files the tests write themselves (no ../shared): Sequential and
// Functional Keras 2 models, nested models, Keras 1.x keys, the legacy .h5 Keras 3 writes, a
// .keras archive, unsupported and custom layers (stop or keep), parameter and weight-shape
// mismatches, and broken files.
#include "analysis/Decomposition.h"
#include "analysis/MemoryModel.h"
#include "analysis/MemoryPlanner.h"
#include "analysis/NetworkAnalysis.h"
#include "core/KerasTestFiles.h"
#include "core/TestSupport.h"
#include "import/ImporterRegistry.h"
#include "import/KerasArchiveImporter.h"
#include "import/KerasConfigParser.h"
#include "import/KerasHdf5Importer.h"
#include "import/ModelLoader.h"
#include "io/NetworkJson.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::kerastest;
using nlohmann::json;
using zipcnn::testsupport::dump;

namespace {

// --- Keras config builders -------------------------------------------------------------------

json inbound2(std::vector<std::string> inputs) {
    json node = json::array();
    for (const auto& i : inputs)
        node.push_back(json::array({i, 0, 0, json::object()}));
    return json::array({node});
}

/// A Keras 2 functional layer entry.
json k2(const std::string& cls, const std::string& name, json config,
        std::vector<std::string> inputs) {
    config["name"] = name;
    return {{"class_name", cls},
            {"config", config},
            {"name", name},
            {"inbound_nodes", inputs.empty() ? json::array() : inbound2(inputs)}};
}

/// A Keras 3 functional layer entry (module, registered_name, DTypePolicy, new inbound form).
json k3(const std::string& cls, const std::string& name, json config,
        std::vector<std::string> inputs) {
    config["name"] = name;
    config["dtype"] = {{"module", "keras"},
                       {"class_name", "DTypePolicy"},
                       {"config", {{"name", "float32"}}},
                       {"registered_name", nullptr}};
    json args = json::array();
    for (const auto& i : inputs)
        args.push_back({{"class_name", "__keras_tensor__"},
                        {"config", {{"shape", {nullptr, 8}}, {"keras_history", {i, 0, 0}}}}});
    json node = {{"args", inputs.size() > 1 ? json::array({args}) : args},
                 {"kwargs", json::object()}};
    return {{"module", "keras.layers"},
            {"class_name", cls},
            {"config", config},
            {"registered_name", nullptr},
            {"build_config", {{"input_shape", {nullptr, 8, 8, 3}}}},
            {"name", name},
            {"inbound_nodes", inputs.empty() ? json::array() : json::array({node})}};
}

json functional(const std::string& cls, const std::string& name, json layers,
                std::vector<std::string> inputs, std::vector<std::string> outputs) {
    json in = json::array(), out = json::array();
    for (const auto& i : inputs)
        in.push_back({i, 0, 0});
    for (const auto& o : outputs)
        out.push_back({o, 0, 0});
    return {{"class_name", cls},
            {"config",
             {{"name", name}, {"layers", layers}, {"input_layers", in}, {"output_layers", out}}}};
}

json conv(int filters, int k, const std::string& act = "linear", bool bias = true,
          const std::string& padding = "same") {
    return {{"filters", filters},
            {"kernel_size", {k, k}},
            {"strides", {1, 1}},
            {"padding", padding},
            {"data_format", "channels_last"},
            {"dilation_rate", {1, 1}},
            {"activation", act},
            {"use_bias", bias}};
}

/// Keras 2 weight names of a layer: "<layer>/<var>:0".
LayerWeights k2Weights(const std::string& layer, std::vector<std::pair<std::string, Dims>> vars) {
    LayerWeights lw{layer, {}};
    for (auto& [v, d] : vars)
        lw.weights.push_back({layer + "/" + v + ":0", d});
    return lw;
}

// --- A small Keras 2 ResNet-style functional model and its weights ---------------------------

json functionalResNetConfig(const std::string& modelClass = "Functional") {
    json layers = json::array();
    layers.push_back(k2("InputLayer", "input_1", {{"batch_input_shape", {nullptr, 8, 8, 3}}}, {}));
    layers.push_back(k2("Conv2D", "conv2d", conv(4, 3), {"input_1"}));
    layers.push_back(k2("BatchNormalization", "bn",
                        {{"axis", {3}}, {"epsilon", 0.001}, {"center", true}, {"scale", 1}},
                        {"conv2d"}));
    layers.push_back(k2("Activation", "act", {{"activation", "relu"}}, {"bn"}));
    layers.push_back(k2("Conv2D", "shortcut", conv(4, 1), {"input_1"}));
    layers.push_back(k2("Add", "add", json::object(), {"act", "shortcut"}));
    layers.push_back(k2("GlobalAveragePooling2D", "gap", {{"keepdims", false}}, {"add"}));
    layers.push_back(k2("Dense", "dense", {{"units", 10}, {"activation", "softmax"}}, {"gap"}));
    return functional(modelClass, "model", layers, {"input_1"}, {"dense"});
}

std::vector<LayerWeights> functionalResNetWeights() {
    return {
        {"input_1", {}},
        k2Weights("conv2d", {{"kernel", {3, 3, 3, 4}}, {"bias", {4}}}),
        k2Weights("bn",
                  {{"gamma", {4}}, {"beta", {4}}, {"moving_mean", {4}}, {"moving_variance", {4}}}),
        {"act", {}},
        k2Weights("shortcut", {{"kernel", {1, 1, 3, 4}}, {"bias", {4}}}),
        {"add", {}},
        {"gap", {}},
        k2Weights("dense", {{"kernel", {4, 10}}, {"bias", {10}}})};
}

/// 112 + 16 + 16 + 50
constexpr std::int64_t kResNetParams = 194;

bool hasCode(const Diagnostics& d, const std::string& code) {
    return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) { return x.code == code; });
}

const Diagnostic* findCode(const Diagnostics& d, const std::string& code) {
    for (const auto& x : d)
        if (x.code == code)
            return &x;
    return nullptr;
}

std::size_t countCode(const Diagnostics& d, const std::string& code) {
    return static_cast<std::size_t>(
        std::count_if(d.begin(), d.end(), [&](const Diagnostic& x) { return x.code == code; }));
}

/// Imports with the library's stderr captured: HDF5 must never print.
ImportResult importQuietly(const std::string& path, ImportOptions options = {}) {
    ::testing::internal::CaptureStderr();
    ImportResult r = importModelFile(path, options);
    const std::string printed = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(printed, "") << "the HDF5 library printed while importing " << path;
    return r;
}

void expectCleanImport(const ImportResult& r, std::int64_t params) {
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    EXPECT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    EXPECT_FALSE(hasCode(r.diagnostics, "keras-param-count-mismatch")) << dump(r.diagnostics);
    EXPECT_FALSE(hasCode(r.diagnostics, "keras-weight-shape-mismatch")) << dump(r.diagnostics);
    EXPECT_EQ(r.report.graphParams, params);
    EXPECT_EQ(r.report.storedParams, params);
    EXPECT_TRUE(r.report.paramsMatch());
    EXPECT_EQ(analyze(*r.network).params, params);
}

/// A failed import: no network, and an error whose text names the file.
const Diagnostic* expectFailure(const ImportResult& r, const std::string& code,
                                const std::string& path) {
    EXPECT_FALSE(r.network.has_value());
    const Diagnostic* e = findCode(r.diagnostics, code);
    EXPECT_NE(e, nullptr) << "expected " << code << ", got:\n" << dump(r.diagnostics);
    if (e) {
        EXPECT_EQ(e->severity, Severity::Error);
        EXPECT_NE(e->toString().find(path), std::string::npos) << e->toString();
    }
    return e;
}

/// `expectFailure`, with a message that holds `fragment`.
void expectFailureMentioning(const ImportResult& r, const std::string& code,
                             const std::string& path, const std::string& fragment) {
    const Diagnostic* e = expectFailure(r, code, path);
    ASSERT_NE(e, nullptr);
    EXPECT_NE(e->message.find(fragment), std::string::npos) << e->message;
}

} // namespace

// --- Keras 2 -------------------------------------------------------------------------------

TEST(KerasImport, SequentialKeras2) {
    const auto dir = tempDir("sequential");
    json layers = json::array();
    layers.push_back({{"class_name", "InputLayer"},
                      {"config", {{"batch_input_shape", {nullptr, 28, 28, 1}}, {"name", "in"}}}});
    layers.push_back({{"class_name", "Conv2D"}, {"config", conv(8, 3, "relu", true, "valid")}});
    layers.back()["config"]["name"] = "conv2d";
    layers.push_back(
        {{"class_name", "MaxPooling2D"},
         {"config",
          {{"name", "pool"}, {"pool_size", {2, 2}}, {"strides", nullptr}, {"padding", "valid"}}}});
    layers.push_back({{"class_name", "Flatten"}, {"config", {{"name", "flatten"}}}});
    layers.push_back({{"class_name", "Dropout"}, {"config", {{"name", "drop"}, {"rate", 0.5}}}});
    layers.push_back({{"class_name", "Dense"},
                      {"config", {{"name", "dense"}, {"units", 10}, {"activation", "softmax"}}}});
    const json config = {{"class_name", "Sequential"},
                         {"config", {{"name", "sequential"}, {"layers", layers}}}};
    const std::string path = (dir / "seq.h5").string();
    writeKerasH5(path, config,
                 {k2Weights("conv2d", {{"kernel", {3, 3, 1, 8}}, {"bias", {8}}}),
                  {"pool", {}},
                  {"flatten", {}},
                  {"drop", {}},
                  k2Weights("dense", {{"kernel", {1352, 10}}, {"bias", {10}}})});

    ImportResult r = importQuietly(path);
    expectCleanImport(r, 80 + 13530);
    const Network& net = *r.network;
    ASSERT_EQ(net.size(), 6u);
    EXPECT_EQ(net.name(), "sequential");
    EXPECT_EQ(net.layers()[0].type, LayerType::Input);
    EXPECT_EQ(net.layers()[0].attrs.inputShape, (Shape{28, 28, 1}));
    EXPECT_EQ(net.layers()[1].attrs.activation, ActivationKind::Relu);
    EXPECT_EQ(net.layers()[2].attrs.strides, (Size2{2, 2})); // null strides: the pool size
    EXPECT_EQ(net.layers()[5].inputs, std::vector<std::string>{"drop"});
    EXPECT_EQ(r.report.importer, "keras-hdf5");
    EXPECT_EQ(r.report.modelClass, "Sequential");
    EXPECT_EQ(r.report.producerVersion, "2.4.0");
    EXPECT_EQ(r.report.layerClasses.at("InputLayer"), 1);
    EXPECT_EQ(r.report.layerClasses.at("Dense"), 1);
    EXPECT_EQ(r.report.weightTensors, 4);
    EXPECT_TRUE(hasCode(r.diagnostics, "import-summary"));
}

TEST(KerasImport, FunctionalKeras2AndModelClass) {
    const auto dir = tempDir("functional");
    for (const char* cls : {"Functional", "Model"}) {
        const std::string path = (dir / (std::string(cls) + ".h5")).string();
        writeKerasH5(path, functionalResNetConfig(cls), functionalResNetWeights());
        ImportResult r = importQuietly(path);
        expectCleanImport(r, kResNetParams);
        const Network& net = *r.network;
        EXPECT_EQ(r.report.modelClass, cls);
        ASSERT_NE(net.find("add"), nullptr);
        EXPECT_EQ(net.find("add")->inputs, (std::vector<std::string>{"act", "shortcut"}));
        EXPECT_EQ(net.find("bn")->type, LayerType::BatchNormalization);
        EXPECT_EQ(net.find("dense")->attrs.activation, ActivationKind::Softmax);
        const Decomposition d = decompose(net);
        EXPECT_EQ(d.totals.at("residual_add"), 8 * 8 * 4);
        EXPECT_EQ(d.totals.at("conv2d_rgb_3x3"), 8 * 8 * 4 * 3);
        EXPECT_EQ(d.totals.at("softmax_10"), 1);
    }
}

TEST(KerasImport, NestedModelsAreFlattenedWithPrefixes) {
    // Functional( Sequential( InputLayer, Functional(conv, bn, relu), GAP ) ) -> Dense, the way
    // YAMNet-style files nest them; the nested weights live in one group named by the
    // Sequential, the weight names carry the inner layer names (with '/').
    json inner = json::array();
    inner.push_back(k2("InputLayer", "input_4", {{"batch_input_shape", {nullptr, 8, 8, 1}}}, {}));
    inner.push_back(k2("Conv2D", "layer1/conv", conv(4, 3, "linear", false), {"input_4"}));
    inner.push_back(k2("BatchNormalization", "layer1/conv/bn", {{"center", true}, {"scale", false}},
                       {"layer1/conv"}));
    inner.push_back(k2("ReLU", "layer1/relu", {{"max_value", 6.0}, {"negative_slope", 0.0}},
                       {"layer1/conv/bn"}));
    json innerModel = functional("Functional", "model_2", inner, {"input_4"}, {"layer1/relu"});
    json seqLayers = json::array();
    seqLayers.push_back(
        {{"class_name", "InputLayer"},
         {"config", {{"batch_input_shape", {nullptr, 8, 8, 1}}, {"name", "model_2_input"}}}});
    seqLayers.push_back(innerModel);
    seqLayers.push_back({{"class_name", "GlobalAveragePooling2D"},
                         {"config", {{"name", "gap"}, {"keepdims", false}}}});
    json seq = {{"class_name", "Sequential"},
                {"config", {{"name", "sequential_2"}, {"layers", seqLayers}}},
                {"name", "sequential_2"},
                {"inbound_nodes", inbound2({"input_1"})}};
    json top = json::array();
    top.push_back(k2("InputLayer", "input_1", {{"batch_input_shape", {nullptr, 8, 8, 1}}}, {}));
    top.push_back(seq);
    // Keras numbers a nested model's nodes from 1 in the outer config.
    top.push_back(
        {{"class_name", "Dense"},
         {"config", {{"name", "head"}, {"units", 3}}},
         {"name", "head"},
         {"inbound_nodes",
          json::array({json::array({json::array({"sequential_2", 1, 0, json::object()})})})}});
    const json config = functional("Functional", "model_1", top, {"input_1"}, {"head"});

    const auto dir = tempDir("nested");
    const std::string path = (dir / "nested.h5").string();
    writeKerasH5(path, config,
                 {{"input_1", {}},
                  {"sequential_2",
                   {{"layer1/conv/kernel:0", {3, 3, 1, 4}},
                    {"layer1/conv/bn/beta:0", {4}},
                    {"layer1/conv/bn/moving_mean:0", {4}},
                    {"layer1/conv/bn/moving_variance:0", {4}}}},
                  k2Weights("head", {{"kernel", {4, 3}}, {"bias", {3}}})});
    ImportResult r = importQuietly(path);
    expectCleanImport(r, 36 + 12 + 15);
    const Network& net = *r.network;
    // Kept as groups by name: the inner layers carry their models' names as prefixes.
    ASSERT_NE(net.find("sequential_2/model_2/layer1/conv"), nullptr) << dump(r.diagnostics);
    EXPECT_EQ(net.find("sequential_2/model_2/layer1/conv")->inputs,
              std::vector<std::string>{"input_1"});
    EXPECT_EQ(net.find("sequential_2/model_2/layer1/relu")->attrs.activation,
              ActivationKind::Relu6);
    EXPECT_EQ(net.find("head")->inputs, std::vector<std::string>{"sequential_2/gap"});
    EXPECT_EQ(std::count_if(net.layers().begin(), net.layers().end(),
                            [](const Layer& l) { return l.type == LayerType::Input; }),
              1);
    EXPECT_EQ(r.report.nestedModels,
              (std::vector<std::string>{"sequential_2", "sequential_2/model_2"}));
    EXPECT_EQ(r.report.layerClasses.at("InputLayer"), 3);
}

// --- Keras 1 and Keras 3 -----------------------------------------------------------------------

TEST(KerasImport, Keras1ConfigKeys) {
    // Keras 1.2.2: a bare layer list, Convolution2D with nb_filter/nb_row/nb_col/border_mode/
    // subsample, Dense output_dim, Dropout p, weights named <layer>_W / <layer>_b in
    // fixed-length strings, a Theano-ordered kernel.
    json layers = json::array();
    layers.push_back({{"class_name", "Convolution2D"},
                      {"config",
                       {{"name", "convolution2d_1"},
                        {"batch_input_shape", {nullptr, 8, 8, 3}},
                        {"nb_filter", 6},
                        {"nb_row", 3},
                        {"nb_col", 2},
                        {"border_mode", "valid"},
                        {"subsample", {1, 1}},
                        {"dim_ordering", "tf"},
                        {"activation", "relu"},
                        {"bias", true}}}});
    layers.push_back({{"class_name", "Dropout"}, {"config", {{"name", "dropout_1"}, {"p", 0.25}}}});
    layers.push_back({{"class_name", "Flatten"}, {"config", {{"name", "flatten_1"}}}});
    layers.push_back({{"class_name", "Dense"},
                      {"config", {{"name", "dense_1"}, {"output_dim", 5}, {"bias", false}}}});
    const json config = {{"class_name", "Sequential"}, {"config", layers}};
    H5Layout layout;
    layout.kerasVersion = "1.2.2";
    layout.fixedLengthStrings = true;
    const auto dir = tempDir("keras1");
    const std::string path = (dir / "keras1.h5").string();
    writeKerasH5(
        path, config,
        {{"convolution2d_1", {{"convolution2d_1_W", {6, 3, 3, 2}}, {"convolution2d_1_b", {6}}}},
         {"dropout_1", {}},
         {"flatten_1", {}},
         {"dense_1", {{"dense_1_W", {6 * 7 * 6, 5}}}}},
        layout);
    ImportResult r = importQuietly(path);
    expectCleanImport(r, 3 * 2 * 3 * 6 + 6 + 252 * 5);
    const Network& net = *r.network;
    ASSERT_EQ(net.size(), 5u); // + the implicit input
    EXPECT_EQ(net.layers()[0].name, "convolution2d_1_input");
    const Layer& c = net.layers()[1];
    EXPECT_EQ(c.type, LayerType::Conv2D);
    EXPECT_EQ(c.attrs.filters, 6);
    EXPECT_EQ(c.attrs.kernel, (Size2{3, 2}));
    EXPECT_EQ(c.attrs.padding, Padding::Valid);
    EXPECT_DOUBLE_EQ(net.layers()[2].attrs.rate, 0.25);
    EXPECT_FALSE(net.layers()[4].attrs.useBias);
    EXPECT_EQ(net.layers()[4].attrs.units, 5);
    EXPECT_EQ(r.report.producerVersion, "1.2.2");
    EXPECT_EQ(r.report.layerClasses.count("InputLayer"), 0u); // none in the file
}

TEST(KerasImport, Keras3LegacyH5Keys) {
    json layers = json::array();
    layers.push_back(k3("InputLayer", "inputs", {{"batch_shape", {nullptr, 8, 8, 3}}}, {}));
    layers.push_back(k3("Conv2D", "stem.conv", conv(4, 3, "relu6", false), {"inputs"}));
    layers.push_back(k3("DepthwiseConv2D", "dw",
                        {{"kernel_size", {3, 3}},
                         {"depth_multiplier", 1},
                         {"padding", "same"},
                         {"use_bias", true},
                         {"activation", "hard_sigmoid"}},
                        {"stem.conv"}));
    layers.push_back(k3("GlobalAveragePooling2D", "se_pool", {{"keepdims", true}}, {"dw"}));
    layers.push_back(k3("Multiply", "se_mul", json::object(), {"dw", "se_pool"}));
    layers.push_back(k3("Flatten", "flatten", json::object(), {"se_mul"}));
    layers.push_back(k3("Dense", "top", {{"units", 2}, {"activation", "linear"}}, {"flatten"}));
    json config = functional("Functional", "functional", layers, {"inputs"}, {"top"});
    config["module"] = "keras.src.models.functional";
    config["registered_name"] = "Functional";
    H5Layout layout;
    layout.kerasVersion = "3.1.1";
    layout.keras3 = true;
    const auto dir = tempDir("keras3h5");
    const std::string path = (dir / "k3.h5").string();
    writeKerasH5(path, config,
                 {{"stem.conv", {{"kernel", {3, 3, 3, 4}}}},
                  {"dw", {{"kernel", {3, 3, 4, 1}}, {"bias", {4}}}},
                  {"se_pool", {}},
                  {"se_mul", {}},
                  {"flatten", {}},
                  {"top", {{"kernel", {256, 2}}, {"bias", {2}}}}},
                 layout);
    ImportResult r = importQuietly(path);
    expectCleanImport(r, 108 + 40 + 514);
    const Network& net = *r.network;
    EXPECT_EQ(net.find("stem.conv")->attrs.activation, ActivationKind::Relu6);
    EXPECT_EQ(net.find("dw")->attrs.activation, ActivationKind::HardSigmoid);
    // keepdims: the pooling, then a free reshape to 1x1xC that the Multiply broadcasts.
    ASSERT_NE(net.find("se_pool/keepdims"), nullptr);
    EXPECT_EQ(net.find("se_mul")->inputs, (std::vector<std::string>{"dw", "se_pool/keepdims"}));
    const Analysis a = analyze(net);
    EXPECT_EQ(a.layers[*net.indexOf("se_pool/keepdims")].outputShape, (Shape{1, 1, 4}));
    EXPECT_EQ(r.report.producerVersion, "3.1.1");
}

TEST(KerasImport, KerasArchiveWithNestedModel) {
    json inner = json::array();
    inner.push_back(k3("InputLayer", "inner_in", {{"batch_shape", {nullptr, 8, 8, 3}}}, {}));
    inner.push_back(k3("Conv2D", "conv", conv(4, 3), {"inner_in"}));
    inner.push_back(k3("BatchNormalization", "bn", {{"center", true}, {"scale", true}}, {"conv"}));
    json backbone = functional("Functional", "backbone", inner, {"inner_in"}, {"bn"});
    backbone["module"] = "keras.src.models.functional";
    backbone["name"] = "backbone";
    json seqLayers = json::array();
    seqLayers.push_back({{"module", "keras.layers"},
                         {"class_name", "InputLayer"},
                         {"config", {{"batch_shape", {nullptr, 8, 8, 3}}, {"name", "input_layer"}}},
                         {"registered_name", nullptr}});
    seqLayers.push_back(backbone);
    seqLayers.push_back({{"module", "keras.layers"},
                         {"class_name", "GlobalMaxPooling2D"},
                         {"config", {{"name", "gmp"}}},
                         {"registered_name", nullptr}});
    seqLayers.push_back({{"module", "keras.layers"},
                         {"class_name", "Dense"},
                         {"config", {{"name", "dense"}, {"units", 3}, {"activation", "softmax"}}},
                         {"registered_name", nullptr}});
    const json config = {{"module", "keras"},
                         {"class_name", "Sequential"},
                         {"config", {{"name", "sequential"}, {"layers", seqLayers}}},
                         {"registered_name", nullptr}};
    const auto dir = tempDir("archive");
    const std::string path = (dir / "model.keras").string();
    // Keras 3 saves weights by snake_case class name, numbered per model, not by layer name.
    writeKerasArchive(path, config,
                      {{{"functional"}, {}},
                       {{"functional", "input_layer"}, {}},
                       {{"functional", "conv2d"}, {{3, 3, 3, 4}, {4}}},
                       {{"functional", "batch_normalization"}, {{4}, {4}, {4}, {4}}},
                       {{"global_max_pooling2d"}, {}},
                       {{"dense"}, {{4, 3}, {3}}}});
    ImportResult r = importQuietly(path);
    expectCleanImport(r, 112 + 16 + 15);
    EXPECT_EQ(r.report.importer, "keras-v3");
    EXPECT_EQ(r.report.producerVersion, "3.8.0");
    EXPECT_NE(r.report.format.find(".keras archive"), std::string::npos);
    ASSERT_NE(r.network->find("backbone/conv"), nullptr);
    EXPECT_EQ(r.network->find("backbone/conv")->inputs, std::vector<std::string>{"input_layer"});
    EXPECT_EQ(r.report.nestedModels, std::vector<std::string>{"backbone"});

    // A wrong shape inside the archive is caught like in .h5.
    const std::string bad = (dir / "bad.keras").string();
    writeKerasArchive(bad, config,
                      {{{"functional", "conv2d"}, {{3, 3, 3, 5}, {4}}},
                       {{"functional", "batch_normalization"}, {{4}, {4}, {4}, {4}}},
                       {{"dense"}, {{4, 3}, {3}}}});
    ImportResult rb = importQuietly(bad);
    ASSERT_TRUE(rb.network.has_value()) << dump(rb.diagnostics);
    const Diagnostic* w = findCode(rb.diagnostics, "keras-weight-shape-mismatch");
    ASSERT_NE(w, nullptr) << dump(rb.diagnostics);
    EXPECT_EQ(w->layer, "backbone/conv");
    EXPECT_NE(w->message.find("/layers/functional/layers/conv2d/vars/0"), std::string::npos)
        << w->message;
}

// --- Unsupported and custom layers -------------------------------------------------------------

namespace {

json unsupportedConfig() {
    json layers = json::array();
    layers.push_back(k2("InputLayer", "in", {{"batch_input_shape", {nullptr, 10, 10, 3}}}, {}));
    layers.push_back(k2("Conv2D", "conv", conv(4, 3, "linear", true, "valid"), {"in"}));
    layers.push_back(k2("PReLU", "prelu", {{"shared_axes", {1, 2}}}, {"conv"}));
    // (A Permute, then a Cropping2D, stood here until issue 15 made them engine layers: an ELU
    // keeps the shape.)
    layers.push_back(k2("ELU", "elu", {{"alpha", 1.0}}, {"prelu"}));
    layers.push_back(k2("Flatten", "flatten", json::object(), {"elu"}));
    json q = k2("QDense", "qdense", {{"units", 5}}, {"flatten"});
    q["module"] = "qkeras.qlayers";
    q["registered_name"] = "qkeras>QDense";
    layers.push_back(q);
    return functional("Functional", "model", layers, {"in"}, {"qdense"});
}

std::string writeUnsupported(const std::filesystem::path& dir) {
    const std::string path = (dir / "unsupported.h5").string();
    writeKerasH5(path, unsupportedConfig(),
                 {{"in", {}},
                  k2Weights("conv", {{"kernel", {3, 3, 3, 4}}, {"bias", {4}}}),
                  k2Weights("prelu", {{"alpha", {1, 1, 4}}}),
                  {"elu", {}},
                  {"flatten", {}},
                  k2Weights("qdense", {{"kernel", {256, 5}}, {"bias", {5}}})});
    return path;
}

} // namespace

TEST(KerasImport, UnsupportedLayersStopTheImportByDefault) {
    const auto dir = tempDir("unsupported_stop");
    const std::string path = writeUnsupported(dir);
    ImportResult r = importQuietly(path);
    const Diagnostic* e = expectFailure(r, "keras-unsupported-layers", path);
    ASSERT_NE(e, nullptr);
    // Every class is named, custom ones by their registered name.
    for (const char* cls : {"PReLU ('prelu')", "ELU ('elu')", "qkeras>QDense ('qdense')"})
        EXPECT_NE(e->message.find(cls), std::string::npos) << e->message;
    ASSERT_EQ(r.report.unsupported.size(), 3u);
    EXPECT_EQ(r.report.unsupported[2].className, "qkeras>QDense");
    EXPECT_NE(r.report.unsupported[2].reason.find("custom layer"), std::string::npos);
}

TEST(KerasImport, UnsupportedLayersKeptAsZeroCostPlaceholders) {
    const auto dir = tempDir("unsupported_keep");
    const std::string path = writeUnsupported(dir);
    ImportOptions keep;
    keep.keepUnsupported = true;
    ImportResult r = importQuietly(path, keep);
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    EXPECT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
    EXPECT_EQ(countCode(r.diagnostics, "keras-unsupported-layer"), 3u);
    const Network& net = *r.network;
    const Layer* prelu = net.find("prelu");
    ASSERT_NE(prelu, nullptr);
    EXPECT_EQ(prelu->type, LayerType::Unsupported);
    EXPECT_EQ(prelu->attrs.sourceClass, "PReLU");
    EXPECT_EQ(net.find("qdense")->attrs.sourceClass, "qkeras>QDense");

    // Shapes flow: PReLU and ELU keep their input's, the custom Dense
    // passes the flattened vector on.
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf("prelu")].outputShape, (Shape{8, 8, 4}));
    EXPECT_EQ(a.layers[*net.indexOf("qdense")].outputShape, (Shape{256}));
    EXPECT_EQ(a.layers[*net.indexOf("qdense")].params, 0);

    // Stored weights of the placeholders are reported beside the graph's, and the sum matches.
    EXPECT_EQ(r.report.graphParams, 112);
    EXPECT_EQ(r.report.unsupportedParams, 4 + 1285);
    EXPECT_EQ(r.report.storedParams, 112 + 4 + 1285);
    EXPECT_TRUE(r.report.paramsMatch());
    EXPECT_FALSE(hasCode(r.diagnostics, "keras-param-count-mismatch")) << dump(r.diagnostics);
    for (const auto& u : r.report.unsupported) {
        if (u.name == "qdense") {
            EXPECT_EQ(u.storedParams, 1285);
        }
    }

    // Costed as zero: no primitives, an info saying so, and nothing else breaks.
    const Decomposition d = decompose(net, a);
    for (const auto& lp : d.layers)
        if (lp.layer == "prelu" || lp.layer == "elu" || lp.layer == "qdense") {
            EXPECT_TRUE(lp.primitives.empty()) << lp.layer;
        }
    EXPECT_EQ(countCode(d.diagnostics, "costed-as-zero"), 3u);
    for (DType t : {DType::FP32, DType::INT8}) {
        const FlashEstimate flash = estimateFlash(net, a, d, t, defaultCodeSizeParams(t));
        EXPECT_FALSE(hasErrors(flash.diagnostics)) << dump(flash.diagnostics);
        EXPECT_FALSE(hasErrors(ramByThesisRule(net, a, t).diagnostics));
        EXPECT_GT(planMemory(net, a, t).peakBytes, 0);
    }

    // The network file format keeps the placeholders.
    NetworkLoadResult back = loadNetworkText(networkToText(net), "roundtrip.json");
    ASSERT_TRUE(back.network.has_value()) << dump(back.diagnostics);
    EXPECT_FALSE(hasErrors(back.diagnostics)) << dump(back.diagnostics);
    EXPECT_EQ(*back.network, net);
}

TEST(KerasImport, UnsupportedPlaceholderShapes) {
    // The Permute rule gives the transposed shape, Cropping2D crops (an engine layer since
    // issue 15); a stated output shape wins over the input's.
    json layers = json::array();
    layers.push_back(k2("InputLayer", "in", {{"batch_input_shape", {nullptr, 6, 4, 2}}}, {}));
    layers.push_back(k2("Permute", "permute", {{"dims", {2, 1, 3}}}, {"in"}));
    layers.push_back(k2("Cropping2D", "crop", {{"cropping", {{1, 1}, {0, 1}}}}, {"permute"}));
    layers.push_back(k2("Conv2D", "conv", conv(3, 1), {"crop"}));
    const json config = functional("Functional", "m", layers, {"in"}, {"conv"});
    KerasModelConfig m = parseKerasConfig(config, "mem.json");
    ASSERT_TRUE(m.network.has_value()) << dump(m.diagnostics);
    EXPECT_TRUE(m.unsupported.empty()) << "Permute is a reshape, Cropping2D a layer kind";
    EXPECT_EQ(m.network->find("permute")->type, LayerType::Reshape);
    EXPECT_EQ(m.network->find("crop")->type, LayerType::Cropping2D);
    applyShapeRules(*m.network, m.shapeRules);
    const Analysis a = analyze(*m.network);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*m.network->indexOf("permute")].outputShape, (Shape{4, 6, 2}));
    EXPECT_EQ(a.layers[*m.network->indexOf("crop")].outputShape, (Shape{2, 5, 2}));
    EXPECT_EQ(a.layers[*m.network->indexOf("conv")].outputShape, (Shape{2, 5, 3}));

    Network n;
    Layer in;
    in.name = "in";
    in.type = LayerType::Input;
    in.attrs.inputShape = Shape{4};
    n.add(in);
    Layer u;
    u.name = "custom";
    u.type = LayerType::Unsupported;
    u.inputs = {"in"};
    u.attrs.outputShape = Shape{2, 3};
    n.add(u);
    EXPECT_EQ(analyze(n).layers[1].outputShape, (Shape{2, 3}));
    n.layers()[1].inputs.clear();
    n.layers()[1].attrs.outputShape = {};
    EXPECT_TRUE(hasCode(analyze(n).diagnostics, "dangling-input"));
}

// --- Parameter and weight-shape checks ---------------------------------------------------------

TEST(KerasImport, ParameterCountMismatchIsReportedWithBothCounts) {
    // The file stores a bias the config says the Dense layer does not have, and weights for a
    // layer the config does not know.
    json config = functionalResNetConfig();
    config["config"]["layers"][7]["config"]["use_bias"] = false;
    auto weights = functionalResNetWeights();
    weights.push_back(k2Weights("stray", {{"kernel", {7}}}));
    const auto dir = tempDir("param_mismatch");
    const std::string path = (dir / "mismatch.h5").string();
    writeKerasH5(path, config, weights);
    ImportResult r = importQuietly(path);
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    EXPECT_EQ(r.report.graphParams, kResNetParams - 10);
    EXPECT_EQ(r.report.storedParams, kResNetParams + 7);
    EXPECT_FALSE(r.report.paramsMatch());
    const Diagnostic* w = findCode(r.diagnostics, "keras-param-count-mismatch");
    ASSERT_NE(w, nullptr) << dump(r.diagnostics);
    EXPECT_EQ(w->severity, Severity::Warning);
    EXPECT_NE(w->message.find("184 parameters"), std::string::npos) << w->message;
    EXPECT_NE(w->message.find("201 weights"), std::string::npos) << w->message;
    EXPECT_NE(w->toString().find(path), std::string::npos);
    EXPECT_TRUE(hasCode(r.diagnostics, "keras-unmatched-weights")) << dump(r.diagnostics);
    const Diagnostic* s = findCode(r.diagnostics, "keras-weight-shape-mismatch");
    ASSERT_NE(s, nullptr) << dump(r.diagnostics);
    EXPECT_EQ(s->layer, "dense");
}

TEST(KerasImport, WeightShapesAreCheckedAgainstTheAttributes) {
    // Same element count, wrong layout: the parameter totals agree, the shapes do not.
    auto weights = functionalResNetWeights();
    weights[1] = k2Weights("conv2d", {{"kernel", {3, 3, 4, 3}}, {"bias", {4}}});
    const auto dir = tempDir("shape_mismatch");
    const std::string path = (dir / "shape.h5").string();
    writeKerasH5(path, functionalResNetConfig(), weights);
    ImportResult r = importQuietly(path);
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    EXPECT_TRUE(r.report.paramsMatch());
    ASSERT_EQ(countCode(r.diagnostics, "keras-weight-shape-mismatch"), 1u) << dump(r.diagnostics);
    const Diagnostic* s = findCode(r.diagnostics, "keras-weight-shape-mismatch");
    EXPECT_EQ(s->layer, "conv2d");
    EXPECT_NE(s->message.find("/model_weights/conv2d/conv2d/kernel:0"), std::string::npos)
        << s->message;
    EXPECT_NE(s->message.find("[3, 3, 4, 3]"), std::string::npos) << s->message;
    EXPECT_NE(s->message.find("[3, 3, 3, 4]"), std::string::npos) << s->message;
}

// --- Broken files ------------------------------------------------------------------------------

TEST(KerasImportBroken, TruncatedH5) {
    const auto dir = tempDir("truncated");
    const std::string good = (dir / "good.h5").string();
    writeKerasH5(good, functionalResNetConfig(), functionalResNetWeights());
    std::string bytes;
    {
        std::ifstream in(good, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    for (std::size_t keep : {bytes.size() / 2, std::size_t{600}, std::size_t{9}}) {
        const std::string path = (dir / ("truncated_" + std::to_string(keep) + ".h5")).string();
        writeText(path, bytes.substr(0, keep));
        ImportResult r = importQuietly(path);
        EXPECT_FALSE(r.network.has_value());
        const Diagnostic* e = firstError(r.diagnostics);
        ASSERT_NE(e, nullptr);
        EXPECT_NE(e->toString().find(path), std::string::npos) << e->toString();
        EXPECT_TRUE(e->code == "keras-hdf5-unreadable") << e->code << ": " << e->toString();
    }
}

TEST(KerasImportBroken, NotAnHdf5File) {
    const auto dir = tempDir("not_hdf5");
    const std::string path = (dir / "model.h5").string();
    writeText(path, "this is not HDF5 at all\n");
    expectFailureMentioning(importQuietly(path), "keras-hdf5-unreadable", path, "not an HDF5 file");
}

TEST(KerasImportBroken, WeightsOnlyFile) {
    const auto dir = tempDir("weights_only");
    const std::string path = (dir / "weights.h5").string();
    H5Layout layout;
    layout.weightsOnly = true;
    writeKerasH5(path, json(), functionalResNetWeights(), layout);
    expectFailureMentioning(importQuietly(path), "keras-weights-only", path, "model_config");
}

TEST(KerasImportBroken, InvalidJsonInModelConfig) {
    const auto dir = tempDir("invalid_json");
    const std::string path = (dir / "bad_json.h5").string();
    {
        H5::Exception::dontPrint();
        H5::H5File f(path, H5F_ACC_TRUNC);
        H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
        const char* text = "{\"class_name\": \"Sequential\", \"config\": [ {oops";
        f.openGroup("/")
            .createAttribute("model_config", t, H5::DataSpace(H5S_SCALAR))
            .write(t, &text);
    }
    ImportResult r = importQuietly(path);
    EXPECT_FALSE(r.network.has_value());
    const Diagnostic* e = firstError(r.diagnostics);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->code, "invalid-json") << dump(r.diagnostics);
    EXPECT_NE(e->toString().find(path), std::string::npos) << e->toString();
    EXPECT_TRUE(hasCode(r.diagnostics, "keras-import-failed"));
}

TEST(KerasImportBroken, MissingInboundLayer) {
    json config = functionalResNetConfig();
    config["config"]["layers"][5]["inbound_nodes"][0][1][0] = "no_such_layer";
    const auto dir = tempDir("missing_inbound");
    const std::string path = (dir / "missing.h5").string();
    writeKerasH5(path, config, functionalResNetWeights());
    ImportResult r = importQuietly(path);
    const Diagnostic* e = expectFailure(r, "keras-missing-inbound-layer", path);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->layer, "add");
    EXPECT_NE(e->message.find("'no_such_layer'"), std::string::npos) << e->message;
    EXPECT_NE(e->message.find("config.layers[5].inbound_nodes"), std::string::npos) << e->message;
}

TEST(KerasImportBroken, NoModelConfigAndOtherContainers) {
    const auto dir = tempDir("containers");
    // An HDF5 file that is not a Keras model at all.
    const std::string plain = (dir / "plain.hdf5").string();
    {
        H5::Exception::dontPrint();
        H5::H5File f(plain, H5F_ACC_TRUNC);
        f.createGroup("/data");
    }
    expectFailure(importQuietly(plain), "keras-no-model-config", plain);
    // A .keras that is not a zip, and a zip without config.json.
    const std::string notZip = (dir / "model.keras").string();
    writeText(notZip, "garbage");
    expectFailure(importQuietly(notZip), "keras-archive-unreadable", notZip);
    const std::string noConfig = (dir / "noconfig.keras").string();
    writeKerasArchive(noConfig, json::object(), {}, "3.8.0", false);
    const ImportResult r = importQuietly(noConfig);
    const Diagnostic* e = expectFailure(r, "keras-archive-unreadable", noConfig);
    ASSERT_NE(e, nullptr);
    EXPECT_NE(e->message.find("config.json"), std::string::npos);
    // A dynamic input size cannot be costed.
    json cfg = functionalResNetConfig();
    cfg["config"]["layers"][0]["config"]["batch_input_shape"] = {nullptr, nullptr, nullptr, 3};
    const std::string dynamic = (dir / "dynamic.h5").string();
    writeKerasH5(dynamic, cfg, functionalResNetWeights());
    expectFailure(importQuietly(dynamic), "keras-dynamic-input-shape", dynamic);
}

TEST(KerasImportBroken, ConfigParserNeverThrowsOnOddJson) {
    for (const char* text :
         {"null", "[]", "{}", "{\"config\": 3}", "{\"class_name\": \"Dense\", \"config\": {}}",
          "{\"class_name\": \"Sequential\", \"config\": [1, 2]}",
          "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", "
          "\"config\": {\"units\": \"x\"}}]}}",
          "{\"class_name\": \"Functional\", \"config\": {\"layers\": [{\"class_name\": \"Dense\", "
          "\"name\": \"d\", \"inbound_nodes\": [[[\"d\", 0, 0]]]}], \"input_layers\": [], "
          "\"output_layers\": [[\"d\", 0, 0]]}}",
          "{\"class_name\": \"Functional\", \"config\": {\"layers\": [], \"input_layers\": 5, "
          "\"output_layers\": {}}}"}) {
        KerasModelConfig m = parseKerasConfigText(text, "odd.json");
        EXPECT_FALSE(m.network.has_value()) << text;
        EXPECT_TRUE(hasErrors(m.diagnostics)) << text;
        for (const auto& d : m.diagnostics)
            EXPECT_EQ(d.file, "odd.json") << text;
    }
}

// --- Registry and loader -----------------------------------------------------------------------

TEST(ImporterRegistry, BuiltinsClaimTheirFiles) {
    const ImporterRegistry& reg = builtinImporters();
    ASSERT_NE(reg.find("keras-hdf5"), nullptr);
    ASSERT_NE(reg.find("keras-v3"), nullptr);
    EXPECT_TRUE(reg.find("keras-hdf5")->capabilities.weightShapes);
    EXPECT_NE(reg.find("keras-v3")->capabilities.describe().find("nested models"),
              std::string::npos);
    // The Keras importers come first; other formats (TFLite, ONNX) follow.
    EXPECT_EQ(reg.patternList().rfind("*.h5 *.hdf5 *.keras", 0), 0u) << reg.patternList();
    const auto dir = tempDir("registry");
    const std::string h5 = (dir / "MODEL.H5").string();
    writeKerasH5(h5, functionalResNetConfig(), functionalResNetWeights());
    EXPECT_EQ(reg.forFile(h5)->name, "keras-hdf5");
    // By content when the name says nothing.
    const std::string renamed = (dir / "model.bin").string();
    std::filesystem::copy_file(h5, renamed);
    ASSERT_NE(reg.forFile(renamed), nullptr);
    EXPECT_EQ(reg.forFile(renamed)->name, "keras-hdf5");
    const std::string json = (dir / "net.json").string();
    writeText(json, "{}");
    EXPECT_EQ(reg.forFile(json), nullptr);
    EXPECT_EQ(reg.forFile((dir / "x.keras").string())->name, "keras-v3");

    // Another format registers the same way.
    ImporterRegistry custom = reg;
    Importer fake;
    fake.name = "fake";
    fake.patterns = {"*.fake"};
    fake.import = [](const std::string&, const ImportOptions&) {
        ImportResult r;
        r.network = zipcnn::testsupport::zoo("lenet5");
        return r;
    };
    custom.add(fake);
    const std::string f = (dir / "a.fake").string();
    writeText(f, "x");
    EXPECT_TRUE(importModelFile(f, {}, custom).network.has_value());
    EXPECT_TRUE(hasErrors(importModelFile(f).diagnostics)); // not in the built-in registry
}

TEST(ImporterRegistry, LoadModelGoesThroughTheRegistry) {
    const auto dir = tempDir("loader");
    const std::string path = (dir / "resnet.h5").string();
    writeKerasH5(path, functionalResNetConfig(), functionalResNetWeights());
    ModelLoadResult r = loadModel(path);
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    ASSERT_TRUE(r.import.has_value());
    EXPECT_EQ(r.import->importer, "keras-hdf5");
    EXPECT_EQ(r.import->graphParams, kResNetParams);

    const std::string unsupported = writeUnsupported(dir);
    EXPECT_TRUE(hasErrors(loadModel(unsupported).diagnostics));
    ImportOptions keep;
    keep.keepUnsupported = true;
    EXPECT_TRUE(loadModel(unsupported, keep).network.has_value());

    // Zoo names and network files still load as before.
    EXPECT_FALSE(loadModel("resnet8").import.has_value());
    const std::string net = (dir / "net.json").string();
    writeText(net, networkToText(zipcnn::testsupport::zoo("lenet5")));
    ModelLoadResult j = loadModel(net);
    ASSERT_TRUE(j.network.has_value()) << dump(j.diagnostics);
    EXPECT_FALSE(j.import.has_value());
}
