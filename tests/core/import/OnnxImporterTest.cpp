// SPDX-License-Identifier: GPL-3.0-or-later
// The ONNX importer on models the tests build with the protobuf classes (no ../shared): the
// NCHW to channels-last conversion, grouped and depthwise convolutions, Gemm/MatMul(+Add),
// initializers in raw_data and typed fields, the QDQ and QOperator quantised forms, symbolic
// batch and spatial sizes, refused and kept nodes, sniffing and broken bytes; and, when Debian's
// libonnx-testdata is installed, its single-operator models.
#include "import/OnnxImporter.h"

#include "analysis/NetworkAnalysis.h"
#include "core/OnnxTestModel.h"
#include "core/TestSupport.h"
#include "import/ImporterRegistry.h"
#include "import/OpenInput.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <random>
#include <unistd.h>

using namespace zipcnn;
using zipcnn::testsupport::dump;
namespace fs = std::filesystem;
using namespace zipcnn::onnxtest;

namespace {

/// Conv 3x3 pad 1 -> Relu -> GlobalAveragePool -> Flatten -> Gemm(transB): a small classifier.
Builder smallClassifier(bool raw = true) {
    Builder b;
    b.input("x", {1, 3, 32, 32});
    b.init("w", {8, 3, 3, 3}, onnx::TensorProto::FLOAT, raw);
    b.init("b", {8}, onnx::TensorProto::FLOAT, raw);
    auto* c = b.node("Conv", {"x", "w", "b"}, {"c"}, "conv");
    ints(c, "pads", {1, 1, 1, 1});
    ints(c, "kernel_shape", {3, 3});
    b.node("Relu", {"c"}, {"r"}, "relu");
    b.node("GlobalAveragePool", {"r"}, {"p"}, "gap");
    b.node("Flatten", {"p"}, {"f"}, "flatten");
    b.init("fw", {10, 8}, onnx::TensorProto::FLOAT, raw);
    b.init("fb", {10}, onnx::TensorProto::FLOAT, raw);
    intAttr(b.node("Gemm", {"f", "fw", "fb"}, {"y"}, "fc"), "transB", 1);
    b.output("y");
    return b;
}

} // namespace

TEST(OnnxImporter, ConvertsNchwToChannelsLast) {
    ImportResult r = import(smallClassifier());
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& net = *r.network;
    EXPECT_EQ(layerOfType(net, LayerType::Input).attrs.inputShape, (Shape{32, 32, 3}));
    const Layer& conv = layerOfType(net, LayerType::Conv2D);
    EXPECT_EQ(conv.name, "conv");
    EXPECT_EQ(conv.attrs.filters, 8);
    EXPECT_EQ(conv.attrs.padding, Padding::Explicit);
    EXPECT_EQ(conv.attrs.pads, (Pad4{1, 1, 1, 1}));
    EXPECT_TRUE(conv.attrs.useBias);
    EXPECT_EQ(layerOfType(net, LayerType::Dense).attrs.units, 10);
    Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf("conv")].outputShape, (Shape{32, 32, 8}));
    EXPECT_EQ(a.macs, 32 * 32 * 8 * 27 + 8 * 10 + 0) << "conv + dense MACs";
    EXPECT_EQ(outputShape(net), (Shape{10}));
    // Parameters: the graph's equal the stored initializers.
    EXPECT_EQ(r.report.storedParams, 8 * 27 + 8 + 80 + 10);
    EXPECT_EQ(r.report.graphParams, r.report.storedParams);
    EXPECT_EQ(r.report.nonWeightConstants, 0);
    EXPECT_EQ(r.report.importer, "onnx");
    EXPECT_EQ(r.report.format, "ONNX IR 7, opset 13 (producer zipcnn-test)");
    EXPECT_EQ(r.report.layerClasses.at("Conv"), 1);
    EXPECT_EQ(r.report.layerClasses.at("Gemm"), 1);
    EXPECT_TRUE(r.report.quantization.empty());
    EXPECT_FALSE(r.report.baselineInt8);
    EXPECT_EQ(r.network->baselineDType(), DType::FP32);
}

TEST(OnnxImporter, ReadsTypedFieldsLikeRawData) {
    ImportResult raw = import(smallClassifier(true));
    ImportResult typed = import(smallClassifier(false));
    ASSERT_TRUE(raw.network && typed.network) << dump(typed.diagnostics);
    EXPECT_EQ(*raw.network, *typed.network);
    EXPECT_EQ(raw.report.storedParams, typed.report.storedParams);
}

TEST(OnnxImporter, RefusesAnInitializerWhoseDataDoesNotMatchItsShape) {
    Builder b = smallClassifier();
    b.g->mutable_initializer(0)->mutable_raw_data()->resize(10);
    ImportResult r = import(b);
    EXPECT_FALSE(r.network);
    ASSERT_TRUE(hasErrors(r.diagnostics));
    const Diagnostic* e = firstError(r.diagnostics);
    EXPECT_EQ(e->code, "onnx-bad-initializer");
    EXPECT_NE(e->toString().find("model.onnx"), std::string::npos);
    EXPECT_NE(e->message.find("initializer 'w': raw_data holds 10 bytes, 216 x 4 bytes expected"),
              std::string::npos)
        << e->message;
}

TEST(OnnxImporter, MapsGroupsToDepthwiseOrGroupedConvolutions) {
    Builder b;
    b.input("x", {1, 8, 16, 16});
    b.init("dw", {8, 1, 3, 3});
    intAttr(b.node("Conv", {"x", "dw"}, {"a"}, "depthwise"), "group", 8);
    b.init("dm", {16, 1, 3, 3});
    intAttr(b.node("Conv", {"a", "dm"}, {"b"}, "multiplier"), "group", 8);
    b.init("gw", {4, 8, 1, 1});
    intAttr(b.node("Conv", {"b", "gw"}, {"c"}, "grouped"), "group", 2);
    b.output("c");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& net = *r.network;
    EXPECT_EQ(net.find("depthwise")->type, LayerType::DepthwiseConv2D);
    EXPECT_EQ(net.find("depthwise")->attrs.depthMultiplier, 1);
    EXPECT_FALSE(net.find("depthwise")->attrs.useBias);
    EXPECT_EQ(net.find("multiplier")->type, LayerType::DepthwiseConv2D);
    EXPECT_EQ(net.find("multiplier")->attrs.depthMultiplier, 2);
    EXPECT_EQ(net.find("grouped")->type, LayerType::Conv2D);
    EXPECT_EQ(net.find("grouped")->attrs.groups, 2);
    EXPECT_EQ(outputShape(net), (Shape{12, 12, 4}));
    EXPECT_EQ(r.report.graphParams, r.report.storedParams);
}

TEST(OnnxImporter, GemmWithAndWithoutTransBAndMatMulPlusAddGiveTheSameDense) {
    auto build = [](const std::string& form) {
        Builder b;
        b.input("x", {-1, 16});
        if (form == "transB") {
            b.init("w", {4, 16});
            b.init("c", {4});
            intAttr(b.node("Gemm", {"x", "w", "c"}, {"y"}, "fc"), "transB", 1);
        } else if (form == "gemm") {
            b.init("w", {16, 4});
            b.init("c", {4});
            b.node("Gemm", {"x", "w", "c"}, {"y"}, "fc");
        } else {
            b.init("w", {16, 4});
            b.init("c", {4});
            b.node("MatMul", {"x", "w"}, {"m"}, "fc");
            b.node("Add", {"m", "c"}, {"y"}, "bias");
        }
        b.output("y");
        return import(b);
    };
    for (const char* form : {"transB", "gemm", "matmul"}) {
        ImportResult r = build(form);
        ASSERT_TRUE(r.network) << form << dump(r.diagnostics);
        ASSERT_EQ(r.network->size(), 2u) << form << ": the bias Add is folded into the dense layer";
        const Layer& d = layerOfType(*r.network, LayerType::Dense);
        EXPECT_EQ(d.attrs.units, 4) << form;
        EXPECT_TRUE(d.attrs.useBias) << form;
        EXPECT_EQ(r.report.graphParams, 68) << form;
        EXPECT_EQ(r.report.storedParams, 68) << form;
    }
}

TEST(OnnxImporter, FoldsQdqPairsAndReportsPerChannelInt8) {
    Builder b;
    b.input("x", {1, 3, 8, 8});
    b.init("s", {}, onnx::TensorProto::FLOAT, true, {0.1});
    b.init("z", {}, onnx::TensorProto::INT8, true, {0});
    b.node("QuantizeLinear", {"x", "s", "z"}, {"xq"}, "q_in");
    b.node("DequantizeLinear", {"xq", "s", "z"}, {"xd"}, "dq_in");
    b.init("wq", {4, 3, 1, 1}, onnx::TensorProto::INT8);
    b.init("ws", {4}, onnx::TensorProto::FLOAT, true, {0.1, 0.1, 0.1, 0.1});
    b.init("wz", {4}, onnx::TensorProto::INT8);
    intAttr(b.node("DequantizeLinear", {"wq", "ws", "wz"}, {"w"}, "dq_w"), "axis", 0);
    b.init("bias", {4}, onnx::TensorProto::FLOAT);
    b.node("Conv", {"xd", "w", "bias"}, {"c"}, "conv");
    b.node("QuantizeLinear", {"c", "s", "z"}, {"cq"}, "q_out");
    b.node("DequantizeLinear", {"cq", "s", "z"}, {"y"}, "dq_out");
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    ASSERT_EQ(r.network->size(), 2u) << "the graph is the float ops: input and conv";
    EXPECT_EQ(layerOfType(*r.network, LayerType::Conv2D).attrs.filters, 4);
    EXPECT_EQ(outputShape(*r.network), (Shape{8, 8, 4}));
    EXPECT_EQ(r.report.graphParams, 12 + 4);
    EXPECT_EQ(r.report.nonWeightConstants, 2 + 8) << "scales and zero points";
    EXPECT_EQ(r.report.quantization,
              "QDQ: 2 QuantizeLinear, 3 DequantizeLinear; weights INT8 per-channel (1 tensors); "
              "activations INT8");
    EXPECT_TRUE(r.report.baselineInt8);
    EXPECT_EQ(r.network->baselineDType(), DType::INT8); // costed as what it stores
    bool said = false;
    for (const auto& d : r.diagnostics)
        said = said || (d.code == "onnx-quantization" && d.severity == Severity::Info);
    EXPECT_TRUE(said);
}

TEST(OnnxImporter, WeightOnlyQuantisationIsNotAnInt8Baseline) {
    Builder b;
    b.input("x", {1, 16});
    b.init("wq", {16, 4}, onnx::TensorProto::UINT8);
    b.init("ws", {}, onnx::TensorProto::FLOAT, true, {0.5});
    b.node("DequantizeLinear", {"wq", "ws"}, {"w"}, "dq_w");
    b.node("MatMul", {"x", "w"}, {"y"}, "fc");
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_EQ(r.report.quantization, "QDQ: 0 QuantizeLinear, 1 DequantizeLinear; weights UINT8 "
                                     "per-tensor (1 tensors); activations float (weight-only "
                                     "quantisation)");
    EXPECT_FALSE(r.report.baselineInt8);
}

TEST(OnnxImporter, MapsQLinearConvAndQLinearMatMul) {
    Builder b(10);
    b.input("x", {1, 1, 6, 6}, onnx::TensorProto::UINT8);
    b.init("xs", {}, onnx::TensorProto::FLOAT, true, {0.1});
    b.init("xz", {}, onnx::TensorProto::UINT8);
    b.init("w", {2, 1, 3, 3}, onnx::TensorProto::INT8);
    b.init("wz", {}, onnx::TensorProto::INT8);
    b.init("bias", {2}, onnx::TensorProto::INT32);
    b.node("QLinearConv", {"x", "xs", "xz", "w", "xs", "wz", "xs", "xz", "bias"}, {"c"}, "qconv");
    b.init("shape", {2}, onnx::TensorProto::INT64, true, {1, -1});
    b.node("Reshape", {"c", "shape"}, {"f"}, "flat");
    b.init("m", {32, 3}, onnx::TensorProto::INT8, false);
    b.node("QLinearMatMul", {"f", "xs", "xz", "m", "xs", "wz", "xs", "xz"}, {"y"}, "qfc");
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& net = *r.network;
    EXPECT_EQ(net.find("qconv")->type, LayerType::Conv2D);
    EXPECT_TRUE(net.find("qconv")->attrs.useBias);
    EXPECT_EQ(net.find("flat")->type, LayerType::Flatten);
    EXPECT_EQ(net.find("qfc")->type, LayerType::Dense);
    EXPECT_EQ(outputShape(net), (Shape{3}));
    EXPECT_EQ(r.report.graphParams, 18 + 2 + 96);
    EXPECT_EQ(r.report.quantization, "QOperator: QLinearConv x1, QLinearMatMul x1; weights "
                                     "INT8 per-tensor (2 tensors); activations UINT8");
    EXPECT_TRUE(r.report.baselineInt8);
}

TEST(OnnxImporter, ASymbolicBatchIsOneSample) {
    Builder b = smallClassifier();
    b.g->mutable_input(0)
        ->mutable_type()
        ->mutable_tensor_type()
        ->mutable_shape()
        ->mutable_dim(0)
        ->set_dim_param("batch");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_EQ(layerOfType(*r.network, LayerType::Input).attrs.inputShape, (Shape{32, 32, 3}));
}

TEST(OnnxImporter, OpenSpatialSizesNeedAnInputShape) {
    auto model = [] {
        Builder b;
        b.input("x", {-1, 3, -1, -1});
        b.init("w", {4, 3, 3, 3});
        b.node("Conv", {"x", "w"}, {"y"}, "conv");
        b.output("y");
        return b;
    };
    ImportResult open = import(model());
    EXPECT_FALSE(open.network);
    const Diagnostic* e = firstError(open.diagnostics);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->code, "onnx-dynamic-input-shape");
    EXPECT_NE(e->message.find("graph input 'x' has open sizes (1x3x?x?, 'S2', 'S3')"),
              std::string::npos)
        << e->message;
    EXPECT_NE(e->message.find("give the input shape (--input-shape"), std::string::npos);

    ImportOptions nchw;
    nchw.inputShape = Dims{1, 3, 16, 16};
    ImportResult a = import(model(), nchw);
    ASSERT_TRUE(a.network) << dump(a.diagnostics);
    EXPECT_EQ(outputShape(*a.network), (Shape{14, 14, 4}));

    ImportOptions nhwc;
    nhwc.inputShape = Dims{1, 16, 16, 3}; // channels last, as for a Keras model
    ImportResult b = import(model(), nhwc);
    ASSERT_TRUE(b.network) << dump(b.diagnostics);
    EXPECT_EQ(*a.network, *b.network);

    ImportOptions wrong;
    wrong.inputShape = Dims{1, 4, 16, 16};
    ImportResult c = import(model(), wrong);
    EXPECT_FALSE(c.network);
    ASSERT_NE(firstError(c.diagnostics), nullptr);
    EXPECT_EQ(firstError(c.diagnostics)->code, "onnx-input-shape-mismatch");
}

TEST(OnnxImporter, RefusesUnknownOpsAndCustomDomainsNamingEachNode) {
    Builder b;
    b.input("x", {1, 4, 8, 8});
    b.node("Relu", {"x"}, {"r"}, "relu");
    // (A Transpose stood here until it became data movement.)
    b.node("Erf", {"r"}, {"t"}, "erf");
    auto* q = b.node("Quant", {"r"}, {"q"}, "brevitas_quant");
    q->set_domain("qonnx.custom_op.general");
    b.node("Add", {"t", "q"}, {"y"}, "sum");
    b.output("y");
    ImportResult r = import(b);
    EXPECT_FALSE(r.network);
    const Diagnostic* e = firstError(r.diagnostics);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->code, "onnx-unsupported-nodes");
    EXPECT_NE(e->message.find("2 node(s) have no engine equivalent: node 1 'erf' (Erf): no "
                              "engine equivalent; node 2 'brevitas_quant' (Quant): operator of "
                              "the custom domain 'qonnx.custom_op.general'"),
              std::string::npos)
        << e->message;

    ImportOptions keep;
    keep.keepUnsupported = true;
    ImportResult kept = import(b, keep);
    ASSERT_TRUE(kept.network) << dump(kept.diagnostics);
    EXPECT_EQ(kept.network->find("erf")->type, LayerType::Unsupported);
    EXPECT_EQ(kept.network->find("erf")->attrs.sourceClass, "Erf");
    EXPECT_EQ(kept.report.unsupported.size(), 2u);
}

TEST(OnnxImporter, ATransposedChannelsLastInputIsTheImageItself) {
    // tf2onnx's export of a Keras or TFLite model: NHWC input, Transpose to NCHW, then the graph.
    Builder b;
    b.input("x", {1, 8, 8, 3});
    ints(b.node("Transpose", {"x"}, {"t"}, "to_nchw"), "perm", {0, 3, 1, 2});
    b.init("w", {4, 3, 3, 3});
    ints(b.node("Conv", {"t", "w"}, {"c"}, "conv"), "kernel_shape", {3, 3});
    // And back to NHWC at the end, as tf2onnx does: data movement, costed free.
    ints(b.node("Transpose", {"c"}, {"y"}, "to_nhwc"), "perm", {0, 2, 3, 1});
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& net = *r.network;
    EXPECT_EQ(layerOfType(net, LayerType::Input).attrs.inputShape, (Shape{8, 8, 3}));
    EXPECT_EQ(net.find("to_nchw"), nullptr) << "the input's transpose disappears";
    const Layer* back = net.find("to_nhwc");
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(back->type, LayerType::Reshape);
    const Analysis a = analyze(net);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*net.indexOf("conv")].outputShape, (Shape{6, 6, 4}));
    EXPECT_EQ(a.macs, 6 * 6 * 4 * 27);
    EXPECT_EQ(a.layers[*net.indexOf("to_nhwc")].macs, 0);
}

TEST(OnnxImporter, TransposesThatMoveTheBatchOrAreNoOrderAreRefused) {
    Builder b;
    b.input("x", {1, 4, 8, 8});
    b.node("Relu", {"x"}, {"r"}, "relu");
    ints(b.node("Transpose", {"r"}, {"t"}, "batch_moved"), "perm", {1, 0, 2, 3});
    b.output("t");
    ImportResult moved = import(b);
    EXPECT_FALSE(moved.network);
    const Diagnostic* e = firstError(moved.diagnostics);
    ASSERT_NE(e, nullptr);
    EXPECT_NE(e->message.find("transpose moves the batch dimension"), std::string::npos)
        << e->message;

    Builder c;
    c.input("x", {1, 4, 8, 8});
    c.node("Relu", {"x"}, {"r"}, "relu");
    ints(c.node("Transpose", {"r"}, {"t"}, "twice"), "perm", {0, 1, 1, 2});
    c.output("t");
    ImportResult bad = import(c);
    EXPECT_FALSE(bad.network);
    const Diagnostic* f = firstError(bad.diagnostics);
    ASSERT_NE(f, nullptr);
    EXPECT_NE(f->message.find("is not an order of the 4 axes"), std::string::npos) << f->message;
}

TEST(OnnxImporter, ClipBoundsFromAttributesOrInputsGiveRelu6) {
    {
        Builder b(13);
        b.input("x", {1, 4});
        b.init("lo", {}, onnx::TensorProto::FLOAT, true, {0.0});
        b.init("hi", {}, onnx::TensorProto::FLOAT, true, {6.0});
        b.node("Clip", {"x", "lo", "hi"}, {"y"}, "clip");
        b.output("y");
        ImportResult r = import(b);
        ASSERT_TRUE(r.network) << dump(r.diagnostics);
        EXPECT_EQ(r.network->find("clip")->attrs.activation, ActivationKind::Relu6);
        EXPECT_EQ(r.report.nonWeightConstants, 2);
    }
    {
        Builder b(6);
        b.input("x", {1, 4});
        auto* c = b.node("Clip", {"x"}, {"y"}, "clip");
        floatAttr(c, "min", 0.0f);
        floatAttr(c, "max", 6.0f);
        b.output("y");
        ImportResult r = import(b);
        ASSERT_TRUE(r.network) << dump(r.diagnostics);
        EXPECT_EQ(r.network->find("clip")->attrs.activation, ActivationKind::Relu6);
    }
    {
        Builder b(6);
        b.input("x", {1, 4});
        auto* c = b.node("Clip", {"x"}, {"y"}, "clip");
        floatAttr(c, "min", -1.0f);
        floatAttr(c, "max", 1.0f);
        b.output("y");
        EXPECT_FALSE(import(b).network);
    }
}

TEST(OnnxImporter, ConcatPadPoolAndBatchNormFollowTheLayout) {
    Builder b;
    b.input("x", {1, 4, 10, 10});
    b.init("pads", {8}, onnx::TensorProto::INT64, true, {0, 0, 1, 1, 0, 0, 1, 1});
    b.node("Pad", {"x", "pads"}, {"p"}, "pad");
    b.node("Relu", {"x"}, {"r"}, "relu");
    b.init("w", {2, 4, 3, 3});
    b.node("Conv", {"p", "w"}, {"c"}, "conv");
    intAttr(b.node("Concat", {"r", "c"}, {"cat"}, "concat"), "axis", 1);
    for (const char* n : {"g", "bb", "m", "v"})
        b.init(n, {6});
    b.node("BatchNormalization", {"cat", "g", "bb", "m", "v"}, {"bn"}, "bn");
    auto* mp = b.node("MaxPool", {"bn"}, {"y"}, "pool");
    ints(mp, "kernel_shape", {3, 3});
    ints(mp, "strides", {2, 2});
    intAttr(mp, "ceil_mode", 1);
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& net = *r.network;
    EXPECT_EQ(net.find("pad")->type, LayerType::ZeroPadding2D);
    EXPECT_EQ(net.find("pad")->attrs.pads, (Pad4{1, 1, 1, 1}));
    EXPECT_EQ(net.find("concat")->attrs.axis, -1) << "NCHW axis 1 is the channels: last";
    EXPECT_EQ(net.find("bn")->type, LayerType::BatchNormalization);
    // ceil((10 - 3) / 2) + 1 = 5 (floor would give 4).
    EXPECT_EQ(outputShape(net), (Shape{5, 5, 6}));
    EXPECT_EQ(r.report.graphParams, 72 + 24);
    EXPECT_EQ(r.report.nonWeightConstants, 8);
}

TEST(OnnxImporter, FoldsConstantsReshapedBeforeUse) {
    // CNTK's MNIST model reshapes its dense weights with a Reshape node, and PyTorch stores
    // small tensors as Constant nodes.
    Builder b(8);
    b.input("x", {1, 16});
    b.init("w4", {4, 4, 2});
    b.init("s", {2}, onnx::TensorProto::INT64, true, {16, 2});
    b.node("Reshape", {"w4", "s"}, {"w"}, "reshape_w");
    b.node("MatMul", {"x", "w"}, {"m"}, "fc");
    auto* k = b.node("Constant", {}, {"k"}, "const");
    auto* a = k->add_attribute();
    a->set_name("value");
    a->set_type(onnx::AttributeProto::TENSOR);
    a->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
    a->mutable_t()->add_dims(2);
    a->mutable_t()->add_float_data(1);
    a->mutable_t()->add_float_data(2);
    b.node("Add", {"m", "k"}, {"y"}, "bias");
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_EQ(r.network->size(), 2u);
    EXPECT_EQ(r.report.graphParams, 34);
    EXPECT_EQ(r.report.initializerElements, 34);
    EXPECT_EQ(r.report.constantNodeElements, 2);
    EXPECT_EQ(r.report.storedParams, 36);
}

TEST(OnnxImporter, SniffsModelProtoAndNothingElse) {
    const std::string bytes = smallClassifier().bytes();
    EXPECT_TRUE(looksLikeOnnx(bytes));
    EXPECT_TRUE(looksLikeOnnx(bytes.substr(0, 16)));
    EXPECT_FALSE(looksLikeOnnx("{\"format\": 1}"));
    EXPECT_FALSE(looksLikeOnnx(std::string("\x89HDF\r\n\x1a\n", 8)));
    EXPECT_FALSE(looksLikeOnnx("PK\x03\x04"));
    EXPECT_FALSE(looksLikeOnnx(std::string("\x1c\0\0\0TFL3", 8)));
    EXPECT_FALSE(looksLikeOnnx(std::string("\x08\x00", 2))) << "ir_version 0";
    EXPECT_FALSE(looksLikeOnnx(""));

    // By content, whatever the name.
    const fs::path dir = fs::temp_directory_path() / ("zipcnn-onnx-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string path = (dir / "model.bin").string();
    {
        std::ofstream out(path, std::ios::binary);
        out << bytes;
    }
    const Importer* i = builtinImporters().forFile(path);
    ASSERT_NE(i, nullptr);
    EXPECT_EQ(i->name, "onnx");
    EXPECT_EQ(detectInputKind(path), InputKind::Model);
    OpenedInput opened = openInput(path);
    EXPECT_TRUE(opened.ok()) << dump(opened.diagnostics);
    ASSERT_TRUE(opened.import);
    EXPECT_EQ(opened.import->importer, "onnx");
    EXPECT_NE(builtinImporters().patternList().find("*.onnx"), std::string::npos);
    fs::remove_all(dir);
}

TEST(OnnxImporter, BrokenBytesGiveOneErrorNamingTheFile) {
    const std::string bytes = smallClassifier().bytes();
    std::mt19937 rng(15);
    std::vector<std::string> cases = {bytes.substr(0, bytes.size() / 2), bytes.substr(0, 7), "",
                                      "not a model at all"};
    for (int i = 0; i < 50; ++i) {
        std::string flipped = bytes;
        flipped[rng() % flipped.size()] ^= static_cast<char>(1 << (rng() % 8));
        cases.push_back(flipped);
        std::string random(200, '\0');
        for (auto& c : random)
            c = static_cast<char>(rng());
        cases.push_back(random);
    }
    for (const auto& c : cases) {
        ImportResult r;
        EXPECT_NO_THROW(r = importOnnxBytes(c, "broken.onnx", {}));
        if (r.network)
            continue; // a flipped weight byte is still a model
        const Diagnostic* e = firstError(r.diagnostics);
        ASSERT_NE(e, nullptr);
        EXPECT_NE(e->toString().find("broken.onnx"), std::string::npos) << e->toString();
        EXPECT_EQ(e->toString().find('\n'), std::string::npos) << e->toString();
    }
    ImportResult truncated = importOnnxBytes(bytes.substr(0, bytes.size() / 2), "t.onnx", {});
    ASSERT_NE(firstError(truncated.diagnostics), nullptr);
    EXPECT_EQ(firstError(truncated.diagnostics)->code, "onnx-parse-error");
}

// Debian's libonnx-testdata: single-operator models. Every one is imported or refused with an
// error (never a throw); where it imports, the network's output shape must be the one the model
// declares (channels last).
TEST(OnnxImporter, DebianTestdataModelsImportWithTheirDeclaredShapes) {
    const fs::path root = "/usr/share/libonnx-testdata/data/node";
    if (!fs::is_directory(root))
        GTEST_SKIP() << "libonnx-testdata is not installed";
    int imported = 0, checked = 0, total = 0;
    std::string wrong;
    for (const auto& dir : fs::directory_iterator(root)) {
        const fs::path model = dir.path() / "model.onnx";
        if (!fs::is_regular_file(model))
            continue;
        ++total;
        ImportResult r;
        ASSERT_NO_THROW(r = importOnnxFile(model.string(), {})) << model;
        if (!r.network) {
            EXPECT_TRUE(hasErrors(r.diagnostics)) << model;
            continue;
        }
        ++imported;
        onnx::ModelProto m;
        std::ifstream in(model, std::ios::binary);
        ASSERT_TRUE(m.ParseFromIstream(&in));
        if (m.graph().output_size() != 1)
            continue;
        Dims declared;
        for (const auto& d : m.graph().output(0).type().tensor_type().shape().dim())
            declared.push_back(d.dim_value());
        if (declared.size() < 2)
            continue;
        Dims expected =
            declared.size() == 2 ? Dims{declared[1]} : Dims(declared.begin() + 2, declared.end());
        if (declared.size() > 2)
            expected.push_back(declared[1]);
        Analysis a = analyze(*r.network);
        const auto outs = r.network->outputs();
        if (!a.ok() || outs.size() != 1)
            continue;
        ++checked;
        if (a.layers[*r.network->indexOf(outs.front())].outputShape != Shape(expected))
            wrong += "\n  " + dir.path().filename().string() + ": " +
                     a.layers[*r.network->indexOf(outs.front())].outputShape.toString() +
                     " instead of " + Shape(expected).toString();
    }
    EXPECT_EQ(wrong, "");
    EXPECT_GE(imported, 50) << "of " << total;
    std::cout << "libonnx-testdata: " << imported << " of " << total << " models import, "
              << checked << " output shapes checked\n";
}

// Writes the ONNX cases of the bad-input corpus (tests/data/bad/onnx; run it by hand after
// changing them: core_tests --gtest_also_run_disabled_tests --gtest_filter='*WriteOnnxFiles').
TEST(OnnxBadInputGenerator, DISABLED_WriteOnnxFiles) {
    const fs::path dir = fs::path(ZIPCNN_TEST_DATA_DIR) / "bad" / "onnx";
    fs::create_directories(dir);
    auto write = [&dir](const std::string& name, const std::string& bytes) {
        std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
        out << bytes;
    };
    const std::string good = smallClassifier().bytes();
    write("truncated.onnx", good.substr(0, good.size() / 2));
    write("empty.onnx", "");
    std::mt19937 rng(2024);
    std::string random(512, '\0');
    for (auto& c : random)
        c = static_cast<char>(rng());
    write("random.onnx", random);
    // A tag byte made an end-group marker (wire type 4): the parser stops there.
    std::string flipped = good;
    flipped[0] = 0x0c;
    write("bitflip-first-tag.onnx", flipped);
    std::string length = good;
    // The graph's length prefix made huge: the message runs past the end of the file.
    for (std::size_t i = 0; i + 1 < length.size(); ++i)
        if (static_cast<unsigned char>(length[i]) == 0x3a) {
            length[i + 1] = static_cast<char>(0xff);
            break;
        }
    write("bitflip-graph-length.onnx", length);
    write("json-named-onnx.onnx", "{\"format\": \"not a model\"}\n");
    {
        onnx::ModelProto m;
        m.set_ir_version(7);
        write("no-graph.onnx", m.SerializeAsString());
    }
    {
        Builder b = smallClassifier();
        b.g->mutable_initializer(2)->mutable_raw_data()->resize(12);
        write("short-raw-data.onnx", b.bytes());
    }
    {
        Builder b;
        b.input("x", {1, 4});
        b.node("Relu", {"x"}, {"r"}, "relu");
        b.node("LSTM", {"r"}, {"y"}, "lstm_1");
        b.output("y");
        write("unknown-op.onnx", b.bytes());
    }
    {
        Builder b;
        b.input("x", {1, 4});
        b.node("Relu", {"nowhere"}, {"y"}, "relu_1");
        b.output("y");
        write("dangling-input.onnx", b.bytes());
    }
    {
        Builder b;
        b.input("x", {-1, 3, -1, -1});
        b.init("w", {4, 3, 3, 3});
        b.node("Conv", {"x", "w"}, {"y"}, "conv_1");
        b.output("y");
        write("open-size.onnx", b.bytes());
    }
    {
        Builder b;
        b.input("x", {1, 6, 8, 8});
        b.init("w", {4, 3, 3, 3});
        intAttr(b.node("Conv", {"x", "w"}, {"y"}, "conv_g"), "group", 4);
        b.output("y");
        write("group-mismatch.onnx", b.bytes());
    }
    {
        Builder b;
        b.input("x", {1, 3, 8, 8});
        b.init("w", {4, 3, 9, 9});
        b.node("Conv", {"x", "w"}, {"y"}, "conv_big");
        b.output("y");
        write("kernel-too-large.onnx", b.bytes());
    }

    // The fuzzer's seeds: small valid models of each form the importer reads.
    const fs::path seeds = fs::path(ZIPCNN_FUZZ_DIR) / "corpus" / "onnx";
    fs::create_directories(seeds);
    auto seed = [&seeds](const std::string& name, const std::string& bytes) {
        std::ofstream out(seeds / name, std::ios::binary | std::ios::trunc);
        out << bytes;
    };
    seed("classifier.onnx", smallClassifier().bytes());
    seed("classifier-typed.onnx", smallClassifier(false).bytes());
    {
        Builder b;
        b.input("x", {-1, 8, 8, 8}); // small: the fuzzer reads at most 16 KiB
        b.init("dw", {8, 1, 3, 3});
        intAttr(b.node("Conv", {"x", "dw"}, {"a"}, "depthwise"), "group", 8);
        b.init("pads", {8}, onnx::TensorProto::INT64, true, {0, 0, 1, 1, 0, 0, 1, 1});
        b.node("Pad", {"a", "pads"}, {"p"}, "pad");
        b.init("lo", {}, onnx::TensorProto::FLOAT, true, {0.0});
        b.init("hi", {}, onnx::TensorProto::FLOAT, true, {6.0});
        b.node("Clip", {"p", "lo", "hi"}, {"c"}, "relu6");
        b.node("Add", {"c", "c"}, {"s"}, "sum");
        intAttr(b.node("Concat", {"s", "c"}, {"cat"}, "concat"), "axis", 1);
        auto* mp = b.node("AveragePool", {"cat"}, {"ap"}, "pool");
        ints(mp, "kernel_shape", {2, 2});
        ints(mp, "strides", {2, 2});
        b.init("shape", {2}, onnx::TensorProto::INT64, true, {1, -1});
        b.node("Reshape", {"ap", "shape"}, {"f"}, "flat");
        b.init("w", {256, 4});
        b.node("MatMul", {"f", "w"}, {"m"}, "fc");
        b.init("bias", {4});
        b.node("Add", {"m", "bias"}, {"z"}, "bias_add");
        b.node("Softmax", {"z"}, {"y"}, "softmax");
        b.output("y");
        seed("mobile-block.onnx", b.bytes());
    }
    {
        Builder b(10);
        b.input("x", {1, 1, 6, 6}, onnx::TensorProto::UINT8);
        b.init("xs", {}, onnx::TensorProto::FLOAT, true, {0.1});
        b.init("xz", {}, onnx::TensorProto::UINT8);
        b.init("w", {2, 1, 3, 3}, onnx::TensorProto::INT8);
        b.init("wz", {}, onnx::TensorProto::INT8);
        b.node("QLinearConv", {"x", "xs", "xz", "w", "xs", "wz", "xs", "xz"}, {"c"}, "qconv");
        b.node("DequantizeLinear", {"c", "xs", "xz"}, {"y"}, "dq");
        b.output("y");
        seed("qlinear.onnx", b.bytes());
    }
}
