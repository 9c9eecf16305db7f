// SPDX-License-Identifier: GPL-3.0-or-later
// Transposed convolutions from the three importers (issue 15): Keras Conv2DTranspose (and Keras
// 1's Deconvolution2D) with its (kh, kw, filters, in) kernel, TFLite TRANSPOSE_CONV with its
// stated output shape, ONNX ConvTranspose with pads, auto_pad or output_shape; and the refusals,
// each naming its cause (output padding, dilation, groups, pads that are neither valid nor same).
#include "analysis/NetworkAnalysis.h"
#include "core/KerasTinyModel.h"
#include "core/TestSupport.h"
#include "core/TfliteTestModel.h"
#include "import/ImporterRegistry.h"
#include "import/KerasConfigParser.h"
#include "import/OnnxImporter.h"
#include "import/TfliteImporter.h"

#include <functional>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

namespace zipcnn {
namespace {

using nlohmann::json;
using testsupport::dump;
using testsupport::mentions;

const Layer* firstOfType(const Network& n, LayerType t) {
    for (const Layer& l : n.layers())
        if (l.type == t)
            return &l;
    return nullptr;
}

Shape shapeOf(const Network& n, const std::string& layer) {
    const Analysis a = analyze(n);
    EXPECT_TRUE(a.ok()) << dump(a.diagnostics);
    return a.layers[*n.indexOf(layer)].outputShape;
}

// --- Keras ---------------------------------------------------------------------------------

/// in 8x8x3 -> Conv2DTranspose "deconv" (4 filters, 3x3, strides 2, `config` added) -> output.
json kerasModel(const std::string& cls, const json& extra) {
    using kerastest::tinyLayer;
    json deconv = {{"filters", 4},
                   {"kernel_size", {3, 3}},
                   {"strides", {2, 2}},
                   {"padding", "same"},
                   {"activation", "relu"},
                   {"use_bias", true},
                   {"output_padding", nullptr}};
    for (auto& [k, v] : extra.items())
        deconv[k] = v;
    json layers = json::array();
    layers.push_back(
        tinyLayer("InputLayer", "in", {{"batch_input_shape", {nullptr, 8, 8, 3}}}, {}));
    layers.push_back(tinyLayer(cls, "deconv", deconv, {"in"}));
    return {{"class_name", "Functional"},
            {"config",
             {{"name", "decoder"},
              {"layers", layers},
              {"input_layers", {{"in", 0, 0}}},
              {"output_layers", {{"deconv", 0, 0}}}}}};
}

TEST(TransposedConvImport, KerasConv2DTransposeWithItsKernelLayout) {
    const auto dir = kerastest::tempDir("tconv_keras");
    const std::string path = (dir / "decoder.h5").string();
    // Keras stores the kernel as (kh, kw, filters, input channels).
    kerastest::writeKerasH5(
        path, kerasModel("Conv2DTranspose", json::object()),
        {{"in", {}}, {"deconv", {{"deconv/kernel:0", {3, 3, 4, 3}}, {"deconv/bias:0", {4}}}}});
    const ImportResult r = importModelFile(path);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer* l = r.network->find("deconv");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->type, LayerType::Conv2DTranspose);
    EXPECT_EQ(l->attrs.filters, 4);
    EXPECT_EQ(l->attrs.kernel, (Size2{3, 3}));
    EXPECT_EQ(l->attrs.strides, (Size2{2, 2}));
    EXPECT_EQ(l->attrs.padding, Padding::Same);
    EXPECT_EQ(l->attrs.activation, ActivationKind::Relu);
    EXPECT_EQ(shapeOf(*r.network, "deconv"), (Shape{16, 16, 4}));
    EXPECT_TRUE(r.report.paramsMatch()) << r.report.graphParams << " vs " << r.report.storedParams;
    EXPECT_EQ(r.report.graphParams, 3 * 3 * 3 * 4 + 4);
    for (const Diagnostic& d : r.diagnostics)
        EXPECT_NE(d.code, "keras-weight-shape-mismatch") << d.toString();

    // A Conv2D's layout (kh, kw, in, filters) has the same count but not the same shape.
    const std::string swapped = (dir / "swapped.h5").string();
    kerastest::writeKerasH5(
        swapped, kerasModel("Conv2DTranspose", json::object()),
        {{"in", {}}, {"deconv", {{"deconv/kernel:0", {3, 3, 3, 4}}, {"deconv/bias:0", {4}}}}});
    const ImportResult s = importModelFile(swapped);
    ASSERT_TRUE(s.network) << dump(s.diagnostics);
    EXPECT_TRUE(mentions(s.diagnostics, "[3, 3, 4, 3]")) << dump(s.diagnostics);
}

TEST(TransposedConvImport, KerasOneDeconvolution2DKeys) {
    json model = kerasModel("Deconvolution2D", {{"nb_filter", 6},
                                                {"nb_row", 2},
                                                {"nb_col", 2},
                                                {"subsample", {2, 2}},
                                                {"border_mode", "valid"},
                                                {"bias", false}});
    json& c = model["config"]["layers"][1]["config"];
    for (const char* k : {"filters", "kernel_size", "strides", "padding", "use_bias"})
        c.erase(k);
    const KerasModelConfig m = parseKerasConfig(model, "keras1.json");
    ASSERT_TRUE(m.network) << dump(m.diagnostics);
    const Layer* l = m.network->find("deconv");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->type, LayerType::Conv2DTranspose);
    EXPECT_EQ(l->attrs.filters, 6);
    EXPECT_EQ(l->attrs.kernel, (Size2{2, 2}));
    EXPECT_FALSE(l->attrs.useBias);
    EXPECT_EQ(shapeOf(*m.network, "deconv"), (Shape{16, 16, 6})); // (8 - 1) x 2 + 2
}

TEST(TransposedConvImport, KerasOutputPaddingAndDilationAreRefusedByName) {
    const KerasModelConfig padded =
        parseKerasConfig(kerasModel("Conv2DTranspose", {{"output_padding", {1, 1}}}), "op.json");
    ASSERT_EQ(padded.unsupported.size(), 1u) << dump(padded.diagnostics);
    EXPECT_EQ(padded.unsupported[0].name, "deconv");
    EXPECT_NE(padded.unsupported[0].reason.find("output_padding [1,1]"), std::string::npos)
        << padded.unsupported[0].reason;

    const KerasModelConfig dilated =
        parseKerasConfig(kerasModel("Conv2DTranspose", {{"dilation_rate", {2, 2}}}), "dil.json");
    ASSERT_EQ(dilated.unsupported.size(), 1u) << dump(dilated.diagnostics);
    EXPECT_NE(dilated.unsupported[0].reason.find("dilation_rate 2x2"), std::string::npos)
        << dilated.unsupported[0].reason;

    // Keras 3 writes dilation_rate (1, 1) and no output_padding: that is a plain layer.
    const KerasModelConfig plain =
        parseKerasConfig(kerasModel("Conv2DTranspose", {{"dilation_rate", {1, 1}}}), "k3.json");
    EXPECT_TRUE(plain.unsupported.empty());
}

// --- TFLite --------------------------------------------------------------------------------

constexpr std::int32_t kTransposeConvCode = 67;
constexpr std::uint8_t kTransposeConvOptions = 49;

std::vector<test::TfliteTestModel::Field> transposeOptions(int padding, int stride, int act) {
    using Field = test::TfliteTestModel::Field;
    return {{Field::I8, 0, padding},
            {Field::I32, 1, stride},
            {Field::I32, 2, stride},
            {Field::I8, 3, act}};
}

/// input 1x5x5x3 -> TRANSPOSE_CONV (OHWI weights 4x3x3x3, bias) stating `outputShape`.
ImportResult tfliteModel(int padding, std::vector<std::int32_t> outputShape, bool bias = true) {
    test::TfliteTestModel m;
    const int x = m.tensor({1, 5, 5, 3});
    const int shape = m.ints({4}, outputShape);
    const int w = m.constant({4, 3, 3, 3});
    const int y = m.tensor(outputShape, 0, "deconv");
    std::vector<std::int32_t> inputs = {shape, w, x};
    if (bias)
        inputs.push_back(m.constant({4}));
    m.op(kTransposeConvCode, inputs, {y}, kTransposeConvOptions, transposeOptions(padding, 2, 1));
    m.inputs = {x};
    m.outputs = {y};
    return importTfliteBytes(m.bytes(), "deconv.tflite", ImportOptions{});
}

TEST(TransposedConvImport, TfliteTransposeConvSameAndValid) {
    const ImportResult same = tfliteModel(0, {1, 10, 10, 4}); // SAME: 5 x 2
    ASSERT_TRUE(same.network) << dump(same.diagnostics);
    const Layer* l = firstOfType(*same.network, LayerType::Conv2DTranspose);
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->attrs.filters, 4);
    EXPECT_EQ(l->attrs.kernel, (Size2{3, 3}));
    EXPECT_EQ(l->attrs.strides, (Size2{2, 2}));
    EXPECT_EQ(l->attrs.padding, Padding::Same);
    EXPECT_EQ(l->attrs.activation, ActivationKind::Relu);
    EXPECT_TRUE(l->attrs.useBias);
    EXPECT_EQ(shapeOf(*same.network, l->name), (Shape{10, 10, 4}));
    // The weights and bias are the layer's parameters; the output shape is another constant.
    EXPECT_TRUE(same.report.paramsMatch());
    EXPECT_EQ(same.report.graphParams, 4 * 3 * 3 * 3 + 4);
    EXPECT_EQ(same.report.nonWeightConstants, 4);

    const ImportResult valid = tfliteModel(1, {1, 11, 11, 4}, false); // VALID: 4 x 2 + 3
    ASSERT_TRUE(valid.network) << dump(valid.diagnostics);
    const Layer* v = firstOfType(*valid.network, LayerType::Conv2DTranspose);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->attrs.padding, Padding::Valid);
    EXPECT_FALSE(v->attrs.useBias);
    EXPECT_EQ(shapeOf(*valid.network, v->name), (Shape{11, 11, 4}));
}

TEST(TransposedConvImport, TfliteAnOutputShapeOffTheRuleIsRefusedWithBothShapes) {
    // SAME with strides 2 gives 10x10; 9x9 is what an output padding of -1 would give.
    const ImportResult r = tfliteModel(0, {1, 9, 9, 4});
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(mentions(r.diagnostics, "output shape 9x9x4 where padding same gives 10x10x4"))
        << dump(r.diagnostics);
}

// --- ONNX ----------------------------------------------------------------------------------

using Dims = std::vector<std::int64_t>;

void ints(onnx::NodeProto* n, const std::string& name, const Dims& v) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (auto x : v)
        a->add_ints(x);
}

/// x 1x3x5x5 -> ConvTranspose "deconv" (weights 3x4x3x3, bias 4, strides 2) with `attrs` set.
ImportResult onnxModel(const std::function<void(onnx::NodeProto*)>& attrs,
                       const Dims& weights = {3, 4, 3, 3}) {
    onnx::ModelProto model;
    model.set_ir_version(7);
    auto* o = model.add_opset_import();
    o->set_domain("");
    o->set_version(13);
    auto* g = model.mutable_graph();
    g->set_name("decoder");
    auto* vi = g->add_input();
    vi->set_name("x");
    auto* tt = vi->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(onnx::TensorProto::FLOAT);
    for (std::int64_t d : {1, 3, 5, 5})
        tt->mutable_shape()->add_dim()->set_dim_value(d);
    auto init = [&](const std::string& name, const Dims& dims) {
        auto* t = g->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        std::int64_t n = 1;
        for (auto d : dims) {
            t->add_dims(d);
            n *= d;
        }
        t->set_raw_data(std::string(static_cast<std::size_t>(n) * 4, '\0'));
    };
    init("w", weights);
    init("b", {weights[1]});
    auto* n = g->add_node();
    n->set_op_type("ConvTranspose");
    n->set_name("deconv");
    for (const char* i : {"x", "w", "b"})
        n->add_input(i);
    n->add_output("y");
    ints(n, "strides", {2, 2});
    attrs(n);
    g->add_output()->set_name("y");
    return importOnnxBytes(model.SerializeAsString(), "decoder.onnx", ImportOptions{});
}

TEST(TransposedConvImport, OnnxConvTransposeValidSameAndOutputShape) {
    const ImportResult valid = onnxModel([](onnx::NodeProto*) {});
    ASSERT_TRUE(valid.network) << dump(valid.diagnostics);
    const Layer* l = valid.network->find("deconv");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->type, LayerType::Conv2DTranspose);
    EXPECT_EQ(l->attrs.filters, 4);
    EXPECT_EQ(l->attrs.padding, Padding::Valid);
    EXPECT_EQ(shapeOf(*valid.network, "deconv"), (Shape{11, 11, 4}));
    EXPECT_EQ(valid.report.graphParams, 3 * 4 * 3 * 3 + 4);
    EXPECT_EQ(valid.report.graphParams, valid.report.storedParams);

    // TensorFlow's 'same' split of kernel - stride = 1 row: none before, one after.
    const ImportResult pads = onnxModel([](onnx::NodeProto* n) { ints(n, "pads", {0, 0, 1, 1}); });
    ASSERT_TRUE(pads.network) << dump(pads.diagnostics);
    EXPECT_EQ(pads.network->find("deconv")->attrs.padding, Padding::Same);
    EXPECT_EQ(shapeOf(*pads.network, "deconv"), (Shape{10, 10, 4}));

    const ImportResult autoPad = onnxModel([](onnx::NodeProto* n) {
        auto* a = n->add_attribute();
        a->set_name("auto_pad");
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s("SAME_UPPER");
    });
    ASSERT_TRUE(autoPad.network) << dump(autoPad.diagnostics);
    EXPECT_EQ(autoPad.network->find("deconv")->attrs.padding, Padding::Same);

    const ImportResult stated = onnxModel([](onnx::NodeProto* n) {
        ints(n, "output_shape", {10, 10});
    });
    ASSERT_TRUE(stated.network) << dump(stated.diagnostics);
    EXPECT_EQ(stated.network->find("deconv")->attrs.padding, Padding::Same);
}

TEST(TransposedConvImport, OnnxRefusalsNameTheirCause) {
    const auto refused = [](const ImportResult& r, const std::string& cause) {
        EXPECT_FALSE(r.network);
        EXPECT_TRUE(mentions(r.diagnostics, cause)) << cause << "\n" << dump(r.diagnostics);
    };
    refused(onnxModel([](onnx::NodeProto* n) {
                ints(n, "pads", {1, 1, 1, 1});
            }),
            "pads [1, 1, 1, 1] (neither 'valid' [0, 0, 0, 0] nor the 'same' padding "
            "[0, 0, 1, 1])");
    refused(onnxModel([](onnx::NodeProto* n) {
                ints(n, "output_padding", {1, 1});
            }),
            "output_padding [1, 1]");
    refused(onnxModel([](onnx::NodeProto* n) {
                ints(n, "dilations", {2, 2});
            }),
            "dilations [2, 2]");
    refused(onnxModel([](onnx::NodeProto* n) {
                ints(n, "output_shape", {12, 12});
            }),
            "output_shape [12, 12] (padding 'valid' gives [11, 11], 'same' [10, 10])");
    refused(onnxModel(
                [](onnx::NodeProto* n) {
                    auto* a = n->add_attribute();
                    a->set_name("group");
                    a->set_type(onnx::AttributeProto::INT);
                    a->set_i(3);
                },
                {3, 1, 3, 3}),
            "group 3");
}

} // namespace
} // namespace zipcnn
