// SPDX-License-Identifier: GPL-3.0-or-later
// The ONNX importer keeps, per layer, what a quantised graph says (as the TFLite importer does):
// the weights' bits and scales per tensor or per channel, and the bits of the layer's output,
// for the QDQ form (QuantizeLinear/DequantizeLinear around float ops) and the QOperator form
// (QLinearConv, ConvInteger, com.microsoft QLinearAdd...). The records survive a network file.
#include "core/OnnxTestModel.h"
#include "io/NetworkJson.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::onnxtest;
using zipcnn::testsupport::dump;

namespace {

LayerQuantization quantOf(const Network& net, const std::string& layer) {
    const Layer* l = net.find(layer);
    EXPECT_TRUE(l) << layer;
    EXPECT_TRUE(l && l->quantization) << layer << " has no quantisation record";
    return l && l->quantization ? *l->quantization : LayerQuantization{};
}

/// x (float) -> Q/DQ -> Conv (weights INT8, `channels` scales) -> Q/DQ -> Relu -> GAP ->
/// Flatten -> Gemm (weights INT8, one scale, float output).
Builder qdqNet(int channels, int activationType = onnx::TensorProto::INT8) {
    Builder b;
    b.input("x", {1, 3, 8, 8});
    b.init("s", {}, onnx::TensorProto::FLOAT, true, {0.1});
    b.init("z", {}, activationType, false, {0}); // int32_data holds INT8 and INT16 alike
    b.node("QuantizeLinear", {"x", "s", "z"}, {"xq"}, "q_in");
    b.node("DequantizeLinear", {"xq", "s", "z"}, {"xd"}, "dq_in");
    b.init("wq", {4, 3, 3, 3}, onnx::TensorProto::INT8);
    b.init("ws", {channels}, onnx::TensorProto::FLOAT, true,
           std::vector<double>(static_cast<std::size_t>(channels), 0.1));
    b.init("wz", {channels}, onnx::TensorProto::INT8);
    intAttr(b.node("DequantizeLinear", {"wq", "ws", "wz"}, {"w"}, "dq_w"), "axis", 0);
    b.node("Conv", {"xd", "w"}, {"c"}, "conv");
    b.node("QuantizeLinear", {"c", "s", "z"}, {"cq"}, "q_c");
    b.node("DequantizeLinear", {"cq", "s", "z"}, {"cd"}, "dq_c");
    b.node("GlobalAveragePool", {"cd"}, {"p"}, "gap");
    b.node("Flatten", {"p"}, {"f"}, "flatten");
    b.init("fq", {4, 2}, onnx::TensorProto::INT8);
    b.init("fs", {}, onnx::TensorProto::FLOAT, true, {0.2});
    b.node("DequantizeLinear", {"fq", "fs"}, {"fw"}, "dq_fw");
    b.node("MatMul", {"f", "fw"}, {"y"}, "fc");
    b.output("y");
    return b;
}

} // namespace

TEST(OnnxQuantRecords, QdqLayersRecordTheirWeightsAndTheirQuantisedOutputs) {
    ImportResult r = import(qdqNet(4));
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& net = *r.network;

    const LayerQuantization in = quantOf(net, "x");
    EXPECT_EQ(in.weightBits, 0) << "an input has no weights";
    EXPECT_EQ(in.activationBits, 8) << "a QuantizeLinear reads the input";

    const LayerQuantization conv = quantOf(net, "conv");
    EXPECT_EQ(conv.weightBits, 8);
    EXPECT_EQ(conv.scales, 4);
    EXPECT_EQ(conv.scheme, QuantScheme::PerChannel);
    EXPECT_EQ(conv.activationBits, 8) << "its output goes through a QuantizeLinear";

    const LayerQuantization fc = quantOf(net, "fc");
    EXPECT_EQ(fc.weightBits, 8);
    EXPECT_EQ(fc.scales, 1);
    EXPECT_EQ(fc.scheme, QuantScheme::PerTensor);
    EXPECT_EQ(fc.activationBits, 32) << "nothing quantises the model's float output";

    EXPECT_FALSE(net.find("gap")->quantization) << "its output is not quantised again";
}

TEST(OnnxQuantRecords, OneScaleIsPerTensorAndInt16ActivationsAreSixteenBits) {
    ImportResult r = import(qdqNet(1, onnx::TensorProto::INT16));
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const LayerQuantization conv = quantOf(*r.network, "conv");
    EXPECT_EQ(conv.scheme, QuantScheme::PerTensor);
    EXPECT_EQ(conv.scales, 1);
    EXPECT_EQ(conv.activationBits, 16);
    EXPECT_EQ(quantOf(*r.network, "x").activationBits, 16);
}

TEST(OnnxQuantRecords, FloatGraphsHaveNoRecords) {
    Builder b;
    b.input("x", {1, 4});
    b.init("w", {4, 2});
    b.node("MatMul", {"x", "w"}, {"y"}, "fc");
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    for (const Layer& l : r.network->layers())
        EXPECT_FALSE(l.quantization) << l.name;
}

TEST(OnnxQuantRecords, QOperatorLayersRecordWeightScalesAndOutputTypes) {
    Builder b(10);
    b.input("x", {1, 1, 6, 6}, onnx::TensorProto::UINT8);
    b.init("xs", {}, onnx::TensorProto::FLOAT, true, {0.1});
    b.init("xz", {}, onnx::TensorProto::UINT8);
    b.init("w", {2, 1, 3, 3}, onnx::TensorProto::INT8);
    b.init("ws", {2}, onnx::TensorProto::FLOAT, true, {0.1, 0.2});
    b.init("wz", {2}, onnx::TensorProto::INT8);
    b.node("QLinearConv", {"x", "xs", "xz", "w", "ws", "wz", "xs", "xz"}, {"c"}, "qconv");
    b.init("shape", {2}, onnx::TensorProto::INT64, true, {1, -1});
    b.node("Reshape", {"c", "shape"}, {"f"}, "flat");
    b.init("m", {32, 3}, onnx::TensorProto::UINT8, false);
    b.init("mz", {}, onnx::TensorProto::UINT8);
    b.node("MatMulInteger", {"f", "m", "xz", "mz"}, {"y"}, "fc");
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& net = *r.network;

    EXPECT_EQ(quantOf(net, "x").activationBits, 8) << "a UINT8 graph input";
    const LayerQuantization conv = quantOf(net, "qconv");
    EXPECT_EQ(conv.weightBits, 8);
    EXPECT_EQ(conv.scales, 2);
    EXPECT_EQ(conv.scheme, QuantScheme::PerChannel);
    EXPECT_EQ(conv.activationBits, 8) << "y_zero_point is UINT8";

    const LayerQuantization fc = quantOf(net, "fc");
    EXPECT_EQ(fc.weightBits, 8) << "UINT8 weights are 8-bit weights";
    EXPECT_EQ(fc.scales, 1) << "MatMulInteger has no scale input: one, applied after it";
    EXPECT_EQ(fc.activationBits, 32) << "MatMulInteger writes INT32";
}

TEST(OnnxQuantRecords, MicrosoftQLinearAddRecordsItsQuantisedOutput) {
    Builder b(10);
    auto* o = b.model.add_opset_import();
    o->set_domain("com.microsoft");
    o->set_version(1);
    b.input("a", {1, 4}, onnx::TensorProto::UINT8);
    b.input("c", {1, 4}, onnx::TensorProto::UINT8);
    b.init("s", {}, onnx::TensorProto::FLOAT, true, {0.1});
    b.init("z", {}, onnx::TensorProto::UINT8);
    b.node("QLinearAdd", {"a", "s", "z", "c", "s", "z", "s", "z"}, {"y"}, "add")
        ->set_domain("com.microsoft");
    b.output("y");
    ImportResult r = import(b);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const LayerQuantization add = quantOf(*r.network, "add");
    EXPECT_EQ(add.weightBits, 0);
    EXPECT_EQ(add.activationBits, 8);
}

TEST(OnnxQuantRecords, RecordsSurviveTheNetworkFile) {
    ImportResult r = import(qdqNet(4));
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    NetworkLoadResult back = loadNetworkText(networkToText(*r.network), "net.json");
    ASSERT_TRUE(back.network) << dump(back.diagnostics);
    for (const Layer& l : r.network->layers())
        EXPECT_EQ(back.network->find(l.name)->quantization, l.quantization) << l.name;
}

// Writes the QDQ network above to $TMPDIR/qdq_example.onnx, to look at its records in the
// window's inspector (run with --gtest_also_run_disabled_tests).
TEST(OnnxQuantRecords, DISABLED_WriteQdqExample) {
    const char* tmp = std::getenv("TMPDIR");
    const std::string path = std::string(tmp ? tmp : "/tmp") + "/qdq_example.onnx";
    std::ofstream(path, std::ios::binary) << qdqNet(4).bytes();
    EXPECT_TRUE(import(qdqNet(4)).network);
}
