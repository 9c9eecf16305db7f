// SPDX-License-Identifier: GPL-3.0-or-later
// The TensorFlow Lite importer on small files written by the tests (core/TfliteTestModel.h):
// one per mapping rule, plus the reader's refusals.
#include "import/TfliteImporter.h"

#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "core/TfliteTestModel.h"
#include "import/ImporterRegistry.h"
#include "import/OpenInput.h"
#include "import/TfliteReader.h"
#include "io/NetworkJson.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace zipcnn {
namespace {

using test::TfliteTestModel;
using testsupport::dump;
using testsupport::mentions;

constexpr std::int8_t kF32 = 0, kI32 = 2, kI16 = 7, kI8 = 9, kI64 = 4;
constexpr int kSame = 0, kValid = 1;
constexpr int kNone = 0, kRelu = 1, kRelu6 = 3, kTanh = 4, kReluN1 = 2;

ImportResult importModel(const TfliteTestModel& m, bool keep = false) {
    ImportOptions o;
    o.keepUnsupported = keep;
    return importTfliteBytes(m.bytes(), "test.tflite", o);
}

const Layer& layerOfType(const Network& n, LayerType t, int nth = 0) {
    for (const Layer& l : n.layers())
        if (l.type == t && nth-- == 0)
            return l;
    throw std::runtime_error("no such layer");
}

/// input [1,h,w,c] -> CONV_2D (filters, k x k) with `options`.
TfliteTestModel convModel(int h, int w, int c, int filters, int k,
                          std::vector<TfliteTestModel::Field> options, std::int8_t type = kF32) {
    TfliteTestModel m;
    const int x = m.tensor({1, h, w, c}, type, "input");
    const int wt = m.constant({filters, k, k, c}, type == kF32 ? kF32 : kI8, "weights");
    const int b = m.constant({filters}, type == kF32 ? kF32 : kI32, "bias");
    const int y = m.tensor({1, h, w, filters}, type, "conv");
    m.op(3, {x, wt, b}, {y}, 1, std::move(options));
    m.inputs = {x};
    m.outputs = {y};
    return m;
}

TEST(TfliteImporter, ConvSamePaddingStridesAndFusedRelu) {
    auto r = importModel(convModel(8, 8, 3, 16, 3, TfliteTestModel::conv(kSame, 1, 1, kRelu)));
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer& c = layerOfType(*r.network, LayerType::Conv2D);
    EXPECT_EQ(c.attrs.filters, 16);
    EXPECT_EQ(c.attrs.kernel, (Size2{3, 3}));
    EXPECT_EQ(c.attrs.padding, Padding::Same);
    EXPECT_EQ(c.attrs.activation, ActivationKind::Relu);
    EXPECT_TRUE(c.attrs.useBias);
    const Analysis a = analyze(*r.network);
    EXPECT_EQ(a.macs, 8 * 8 * 16 * 3 * 3 * 3);
    EXPECT_EQ(r.report.graphParams, 16 * 27 + 16);
    EXPECT_EQ(r.report.storedParams, 16 * 27 + 16);
    EXPECT_TRUE(r.report.paramsMatch());
    EXPECT_EQ(r.report.weightTensors, 2);
    EXPECT_EQ(r.report.layerClasses.at("CONV_2D"), 1);
    EXPECT_EQ(r.network->baselineDType(), DType::FP32);
    EXPECT_EQ(r.network->name(), "main"); // the subgraph's name
    EXPECT_FALSE(mentions(r.diagnostics, "infers")) << dump(r.diagnostics);
}

TEST(TfliteImporter, ConvValidPaddingStrideTwoAndDilation) {
    TfliteTestModel m = convModel(9, 9, 2, 4, 3, TfliteTestModel::conv(kValid, 2, 2, kRelu6));
    m.tensors[3].shape = {1, 4, 4, 4};
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer& c = layerOfType(*r.network, LayerType::Conv2D);
    EXPECT_EQ(c.attrs.padding, Padding::Valid);
    EXPECT_EQ(c.attrs.strides, (Size2{2, 2}));
    EXPECT_EQ(c.attrs.activation, ActivationKind::Relu6);
    EXPECT_EQ(analyze(*r.network).layers.back().outputShape, (Shape{4, 4, 4}));

    TfliteTestModel d = convModel(9, 9, 2, 4, 3, TfliteTestModel::conv(kValid, 1, 1, kTanh, 2, 2));
    d.tensors[3].shape = {1, 5, 5, 4};
    auto rd = importModel(d);
    ASSERT_TRUE(rd.network) << dump(rd.diagnostics);
    EXPECT_EQ(layerOfType(*rd.network, LayerType::Conv2D).attrs.dilation, (Size2{2, 2}));
    EXPECT_EQ(layerOfType(*rd.network, LayerType::Conv2D).attrs.activation, ActivationKind::Tanh);
    EXPECT_FALSE(mentions(rd.diagnostics, "infers")) << dump(rd.diagnostics);
}

TEST(TfliteImporter, ConvWithoutBiasAndGroupedConv) {
    TfliteTestModel m;
    const int x = m.tensor({1, 6, 6, 8});
    const int w = m.constant({8, 1, 1, 4}); // 2 groups of 4 channels
    const int y = m.tensor({1, 6, 6, 8});
    m.op(3, {x, w, -1}, {y}, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    m.inputs = {x};
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer& c = layerOfType(*r.network, LayerType::Conv2D);
    EXPECT_FALSE(c.attrs.useBias);
    EXPECT_EQ(c.attrs.groups, 2);
    EXPECT_TRUE(r.report.paramsMatch()) << r.report.graphParams << " " << r.report.storedParams;
}

TEST(TfliteImporter, DepthwiseTakesTheMultiplierFromItsWeights) {
    TfliteTestModel m;
    const int x = m.tensor({1, 8, 8, 4});
    const int w = m.constant({1, 3, 3, 8});
    const int b = m.constant({8});
    const int y = m.tensor({1, 8, 8, 8});
    m.op(4, {x, w, b}, {y}, 2, TfliteTestModel::depthwise(kSame, 1, 1, 2, kRelu));
    m.inputs = {x};
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer& d = layerOfType(*r.network, LayerType::DepthwiseConv2D);
    EXPECT_EQ(d.attrs.depthMultiplier, 2);
    EXPECT_EQ(d.attrs.activation, ActivationKind::Relu);
    EXPECT_EQ(analyze(*r.network).macs, 8 * 8 * 8 * 9);
    EXPECT_TRUE(r.report.paramsMatch());

    // A converter that leaves depth_multiplier at 0 (or says 1): the weights decide.
    m.ops[0].options = TfliteTestModel::depthwise(kSame, 1, 1, 1, kNone);
    auto r1 = importModel(m);
    ASSERT_TRUE(r1.network) << dump(r1.diagnostics);
    EXPECT_EQ(layerOfType(*r1.network, LayerType::DepthwiseConv2D).attrs.depthMultiplier, 2);
    EXPECT_TRUE(mentions(r1.diagnostics, "depth_multiplier 1"));
}

TEST(TfliteImporter, FullyConnectedFlattensAnImageInput) {
    TfliteTestModel m;
    const int x = m.tensor({1, 4, 4, 2});
    const int w = m.constant({10, 32});
    const int b = m.constant({10});
    const int y = m.tensor({1, 10});
    m.op(9, {x, w, b}, {y}, 8, TfliteTestModel::activationOnly(kRelu));
    m.inputs = {x};
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_EQ(layerOfType(*r.network, LayerType::Flatten).inputs.size(), 1u);
    const Layer& d = layerOfType(*r.network, LayerType::Dense);
    EXPECT_EQ(d.attrs.units, 10);
    EXPECT_EQ(d.attrs.activation, ActivationKind::Relu);
    EXPECT_EQ(analyze(*r.network).macs, 320);
    EXPECT_TRUE(r.report.paramsMatch());
}

TEST(TfliteImporter, PoolsWithFusedActivationGetAnActivationLayer) {
    TfliteTestModel m;
    const int x = m.tensor({1, 8, 8, 4});
    const int p = m.tensor({1, 4, 4, 4});
    const int q = m.tensor({1, 2, 2, 4});
    m.op(17, {x}, {p}, 5, TfliteTestModel::pool(kValid, 2, 2, kRelu));
    m.op(1, {p}, {q}, 5, TfliteTestModel::pool(kSame, 2, 3));
    m.inputs = {x};
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Layer& mp = layerOfType(*r.network, LayerType::MaxPooling2D);
    EXPECT_EQ(mp.attrs.kernel, (Size2{2, 2}));
    EXPECT_EQ(layerOfType(*r.network, LayerType::Activation).attrs.activation,
              ActivationKind::Relu);
    const Layer& ap = layerOfType(*r.network, LayerType::AveragePooling2D);
    EXPECT_EQ(ap.attrs.kernel, (Size2{3, 3}));
    EXPECT_EQ(ap.attrs.padding, Padding::Same);
    EXPECT_EQ(ap.inputs.front(), layerOfType(*r.network, LayerType::Activation).name);
    EXPECT_FALSE(mentions(r.diagnostics, "infers")) << dump(r.diagnostics);
}

TEST(TfliteImporter, MeanOverHeightAndWidthIsGlobalPooling) {
    for (bool keep : {false, true}) {
        TfliteTestModel m;
        const int x = m.tensor({1, 5, 5, 6});
        const int axes = m.ints({2}, {1, 2});
        const int y = m.tensor(keep ? std::vector<std::int32_t>{1, 1, 1, 6}
                                    : std::vector<std::int32_t>{1, 6});
        m.op(40, {x, axes}, {y}, 27, TfliteTestModel::reducer(keep));
        m.inputs = {x};
        auto r = importModel(m);
        ASSERT_TRUE(r.network) << dump(r.diagnostics);
        layerOfType(*r.network, LayerType::GlobalAveragePooling2D);
        EXPECT_EQ(analyze(*r.network).layers.back().outputShape.elements(), 6);
        EXPECT_EQ(r.report.nonWeightConstants, 2);
        EXPECT_TRUE(r.report.paramsMatch());
        EXPECT_FALSE(mentions(r.diagnostics, "infers")) << dump(r.diagnostics);
    }
    TfliteTestModel m;
    const int x = m.tensor({1, 5, 5, 6});
    const int axes = m.ints({1}, {3});
    const int y = m.tensor({1, 5, 5});
    m.op(40, {x, axes}, {y}, 27, TfliteTestModel::reducer(false));
    m.inputs = {x};
    auto r = importModel(m);
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(mentions(r.diagnostics, "MEAN (operator 0)")) << dump(r.diagnostics);
}

TEST(TfliteImporter, AddMulConcatenationPadReshapeAndActivations) {
    TfliteTestModel m;
    const int x = m.tensor({1, 4, 4, 2});
    const int a = m.tensor({1, 4, 4, 2});
    const int s = m.tensor({1, 4, 4, 2});
    const int mu = m.tensor({1, 4, 4, 2});
    const int c = m.tensor({1, 4, 4, 4});
    const int pads = m.ints({4, 2}, {0, 0, 1, 1, 2, 0, 0, 0});
    const int p = m.tensor({1, 6, 6, 4});
    const int shape = m.ints({2}, {1, 144});
    const int f = m.tensor({1, 144});
    const int sm = m.tensor({1, 144});
    const int lg = m.tensor({1, 144});
    const int th = m.tensor({1, 144});
    const int r6 = m.tensor({1, 144});
    const int rl = m.tensor({1, 144});
    const int scale = m.constant({2});
    const int sc = m.tensor({1, 4, 4, 2});
    m.op(19, {x}, {a});                                                      // RELU
    m.op(0, {x, a}, {s}, 11, TfliteTestModel::activationOnly(kRelu6));       // ADD + relu6
    m.op(18, {s, a}, {mu}, 21, TfliteTestModel::activationOnly(kNone));      // MUL
    m.op(18, {mu, scale}, {sc}, 21, TfliteTestModel::activationOnly(kNone)); // MUL by constant
    m.op(2, {sc, s}, {c}, 10, TfliteTestModel::concatenation(3));            // CONCATENATION
    m.op(34, {c, pads}, {p});                                                // PAD
    m.op(22, {p, shape}, {f});                                               // RESHAPE
    m.op(25, {f}, {sm});                                                     // SOFTMAX
    m.op(14, {sm}, {lg});                                                    // LOGISTIC
    m.op(28, {lg}, {th});                                                    // TANH
    m.op(21, {th}, {r6});                                                    // RELU6
    m.op(19, {r6}, {rl});                                                    // RELU
    m.inputs = {x};
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Network& n = *r.network;
    EXPECT_EQ(layerOfType(n, LayerType::Add).inputs.size(), 2u);
    EXPECT_EQ(layerOfType(n, LayerType::Activation, 1).attrs.activation, ActivationKind::Relu6);
    EXPECT_EQ(layerOfType(n, LayerType::Multiply).inputs.size(), 2u);
    const Layer& scaled = layerOfType(n, LayerType::Multiply, 1);
    EXPECT_EQ(scaled.inputs[0], scaled.inputs[1]); // the stored operand: costed on the input
    EXPECT_TRUE(mentions(r.diagnostics, "stored operand"));
    EXPECT_EQ(layerOfType(n, LayerType::Concatenate).attrs.axis, 2);
    EXPECT_EQ(layerOfType(n, LayerType::ZeroPadding2D).attrs.pads, (Pad4{1, 1, 2, 0}));
    EXPECT_EQ(layerOfType(n, LayerType::Reshape).attrs.targetShape,
              (std::vector<std::int64_t>{144}));
    std::vector<ActivationKind> acts;
    for (const Layer& l : n.layers())
        if (l.type == LayerType::Activation)
            acts.push_back(l.attrs.activation);
    EXPECT_EQ(acts, (std::vector<ActivationKind>{ActivationKind::Relu, ActivationKind::Relu6,
                                                 ActivationKind::Softmax, ActivationKind::Sigmoid,
                                                 ActivationKind::Tanh, ActivationKind::Relu6,
                                                 ActivationKind::Relu}));
    EXPECT_EQ(r.report.nonWeightConstants, 8 + 2 + 2);
    EXPECT_TRUE(r.report.paramsMatch());
    const Analysis an = analyze(n);
    ASSERT_TRUE(an.ok()) << dump(an.diagnostics);
    EXPECT_FALSE(mentions(r.diagnostics, "infers")) << dump(r.diagnostics);
}

TEST(TfliteImporter, QuantizeAndDequantizeAreDroppedAndSaidSo) {
    TfliteTestModel m;
    const int x = m.tensor({1, 4}, kF32, "float_in");
    const int q = m.tensor({1, 4}, kI8);
    m.quantize(q, 1);
    const int w = m.constant({3, 4}, kI8);
    m.quantize(w, 1);
    const int b = m.constant({3}, kI32);
    const int y = m.tensor({1, 3}, kI8);
    m.quantize(y, 1);
    const int z = m.tensor({1, 3}, kF32);
    m.op(114, {x}, {q});
    m.op(9, {q, w, b}, {y}, 8, TfliteTestModel::activationOnly(kNone));
    m.op(6, {y}, {z});
    m.inputs = {x};
    m.outputs = {z};
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_EQ(r.network->size(), 2u); // input, dense
    EXPECT_EQ(layerOfType(*r.network, LayerType::Dense).inputs.front(), "float_in");
    EXPECT_TRUE(mentions(r.diagnostics, "2 QUANTIZE/DEQUANTIZE operator(s) left out"));
    EXPECT_EQ(r.network->baselineDType(), DType::INT8);
    EXPECT_EQ(r.report.layerClasses.at("QUANTIZE"), 1);
}

TEST(TfliteImporter, QuantisationKindsSetTheBaselineAndTheLayers) {
    // Full INT8 with per-channel weight scales.
    TfliteTestModel m = convModel(4, 4, 2, 8, 3, TfliteTestModel::conv(kSame, 1, 1, kNone), kI8);
    m.quantize(0, 1);
    m.quantize(1, 8, 0);
    m.quantize(2, 8);
    m.quantize(3, 1);
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_EQ(r.network->baselineDType(), DType::INT8);
    const Layer& c = layerOfType(*r.network, LayerType::Conv2D);
    ASSERT_TRUE(c.quantization);
    EXPECT_EQ(c.quantization->scheme, QuantScheme::PerChannel);
    EXPECT_EQ(c.quantization->scales, 8);
    EXPECT_EQ(c.quantization->weightBits, 8);
    EXPECT_EQ(c.quantization->activationBits, 8);
    EXPECT_NE(r.report.format.find("INT8"), std::string::npos) << r.report.format;

    // Hybrid: float activations, int8 weights.
    TfliteTestModel h = convModel(4, 4, 2, 8, 3, TfliteTestModel::conv(kSame, 1, 1, kNone));
    h.tensors[1].type = kI8;
    h.tensors[1].data.assign(8 * 9 * 2, 0);
    h.quantize(1, 8, 0);
    auto rh = importModel(h);
    ASSERT_TRUE(rh.network) << dump(rh.diagnostics);
    EXPECT_EQ(rh.network->baselineDType(), DType::FP32);
    EXPECT_TRUE(mentions(rh.diagnostics, "hybrid"));
    EXPECT_NE(rh.report.format.find("hybrid"), std::string::npos);

    // 16x8: int16 activations, int8 weights, int64 bias.
    TfliteTestModel s = convModel(4, 4, 2, 8, 3, TfliteTestModel::conv(kSame, 1, 1, kNone), kI8);
    s.tensors[0].type = kI16;
    s.tensors[3].type = kI16;
    s.tensors[2].type = kI64;
    s.tensors[2].data.assign(8 * 8, 0);
    s.quantize(0, 1);
    s.quantize(1, 8, 0);
    s.quantize(3, 1);
    auto rs = importModel(s);
    ASSERT_TRUE(rs.network) << dump(rs.diagnostics);
    EXPECT_EQ(rs.network->baselineDType(), DType::INT8);
    EXPECT_EQ(layerOfType(*rs.network, LayerType::Conv2D).quantization->activationBits, 16);
    EXPECT_TRUE(mentions(rs.diagnostics, "INT16"));
}

TEST(TfliteImporter, QuantisationRoundTripsThroughTheNetworkFile) {
    TfliteTestModel m = convModel(4, 4, 2, 8, 3, TfliteTestModel::conv(kSame, 1, 1, kNone), kI8);
    m.quantize(0, 1);
    m.quantize(1, 8, 0);
    m.quantize(3, 1);
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const std::string text = networkToText(*r.network);
    EXPECT_NE(text.find("\"baseline_dtype\": \"int8\""), std::string::npos) << text;
    EXPECT_NE(text.find("per-channel"), std::string::npos) << text;
    const NetworkLoadResult back = loadNetworkText(text, "n.json");
    ASSERT_TRUE(back.network) << dump(back.diagnostics);
    EXPECT_FALSE(hasErrors(back.diagnostics)) << dump(back.diagnostics);
    EXPECT_EQ(*back.network, *r.network);
}

TEST(TfliteImporter, OperatorCodeIsTheLargerOfTheDeprecatedAndTheNewField) {
    // Old files: the code in deprecated_builtin_code only.
    TfliteTestModel m = convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    m.deprecatedCodesOnly = true;
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_EQ(r.report.layerClasses.at("CONV_2D"), 1);

    // New files: 127 in the old field, the real code (QUANTIZE 114 < 127 is written in both
    // by converters; HARD_SWISH 117 here) in the new one.
    TfliteTestModel q;
    const int x = q.tensor({1, 4});
    const int y = q.tensor({1, 4});
    q.op(117, {x}, {y});
    q.inputs = {x};
    auto rq = importModel(q);
    ASSERT_TRUE(rq.network) << dump(rq.diagnostics);
    EXPECT_EQ(layerOfType(*rq.network, LayerType::Activation).attrs.activation,
              ActivationKind::HardSwish);

    // An operator pointing at a table written (deprecated 127, builtin 128): CUMSUM.
    TfliteTestModel b;
    const int bx = b.tensor({1, 4});
    const int by = b.tensor({1, 4});
    b.op(19, {bx}, {by});
    b.rawCodes = {{127, 128}};
    b.badOpcodeOp = 0;
    b.badOpcodeIndex = 1;
    b.inputs = {bx};
    auto rb = importModel(b);
    EXPECT_FALSE(rb.network);
    EXPECT_TRUE(mentions(rb.diagnostics, "CUMSUM (operator 0)")) << dump(rb.diagnostics);
}

TEST(TfliteImporter, CustomAndUnsupportedOperatorsAreRefusedByNameAndIndex) {
    TfliteTestModel m;
    const int x = m.tensor({1, 96, 96, 1});
    const int blob = m.constant({100}, kI8);
    const int y = m.tensor({1, 2});
    m.op(32, {x, blob}, {y}, 0, {}, "ethos-u");
    m.inputs = {x};
    auto r = importModel(m);
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(mentions(r.diagnostics, "CUSTOM 'ethos-u' (operator 0)")) << dump(r.diagnostics);
    EXPECT_TRUE(mentions(r.diagnostics, "test.tflite"));

    auto kept = importModel(m, true);
    ASSERT_TRUE(kept.network) << dump(kept.diagnostics);
    const Layer& u = layerOfType(*kept.network, LayerType::Unsupported);
    EXPECT_EQ(u.attrs.sourceClass, "CUSTOM 'ethos-u'");
    EXPECT_EQ(u.attrs.outputShape, (Shape{2}));
    EXPECT_EQ(kept.report.unsupportedParams, 100);
    EXPECT_TRUE(kept.report.paramsMatch());

    TfliteTestModel s;
    const int sx = s.tensor({1, 96});
    const int sw = s.constant({64, 96}, kF32);
    const int sy = s.tensor({1, 64});
    const int fw = s.constant({4, 64});
    const int fy = s.tensor({1, 4});
    s.op(27, {sx, sw}, {sy});                                               // SVDF
    s.op(9, {sy, fw, -1}, {fy}, 8, TfliteTestModel::activationOnly(kNone)); // reads its output
    s.inputs = {sx};
    auto rs = importModel(s);
    EXPECT_FALSE(rs.network);
    EXPECT_TRUE(mentions(rs.diagnostics, "SVDF (operator 0)")) << dump(rs.diagnostics);
    EXPECT_FALSE(mentions(rs.diagnostics, "no operator computes")) << dump(rs.diagnostics);
}

TEST(TfliteImporter, UnknownFusedActivationIsUnsupported) {
    auto r = importModel(convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kReluN1)));
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(mentions(r.diagnostics, "RELU_N1_TO_1")) << dump(r.diagnostics);
}

TEST(TfliteImporter, OutOfRangeIndicesAreErrorsNamingThePlace) {
    TfliteTestModel m = convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    m.badOpcodeOp = 0;
    m.badOpcodeIndex = 7;
    auto r = importModel(m);
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(mentions(r.diagnostics, "model.subgraphs[0].operators[0].opcode_index"))
        << dump(r.diagnostics);

    TfliteTestModel t = convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    t.ops[0].inputs[0] = 99;
    auto rt = importModel(t);
    EXPECT_FALSE(rt.network);
    EXPECT_TRUE(mentions(rt.diagnostics, "operators[0].inputs[0]")) << dump(rt.diagnostics);

    TfliteTestModel o = convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    o.outputs = {-3};
    auto ro = importModel(o);
    EXPECT_FALSE(ro.network);
    EXPECT_TRUE(mentions(ro.diagnostics, "subgraphs[0].outputs[0]")) << dump(ro.diagnostics);

    // A weight tensor whose data does not fit its shape.
    TfliteTestModel w = convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    w.tensors[1].data.resize(3);
    auto rw = importModel(w);
    EXPECT_FALSE(rw.network);
    EXPECT_TRUE(mentions(rw.diagnostics, "tensors[1]")) << dump(rw.diagnostics);

    // An operator reading a tensor nothing computes.
    TfliteTestModel d = convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    d.inputs = {};
    auto rd = importModel(d);
    EXPECT_FALSE(rd.network);
    EXPECT_TRUE(mentions(rd.diagnostics, "operator 0 (CONV_2D) reads tensor 0"))
        << dump(rd.diagnostics);

    // Weights of the wrong rank.
    TfliteTestModel k = convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone));
    k.tensors[1].shape = {2};
    k.tensors[1].data.assign(8, 0);
    auto rk = importModel(k);
    EXPECT_FALSE(rk.network);
    EXPECT_TRUE(mentions(rk.diagnostics, "rank-4 weights")) << dump(rk.diagnostics);

    // A stride of zero.
    auto rz = importModel(convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 0, 1, kNone)));
    EXPECT_FALSE(rz.network);
    EXPECT_TRUE(mentions(rz.diagnostics, "strides")) << dump(rz.diagnostics);
}

TEST(TfliteImporter, VerifierRefusesDamagedFilesWithoutCrashing) {
    const std::string good =
        convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone)).bytes();
    ASSERT_TRUE(readTflite(good).model);

    auto r = importTfliteBytes("abc", "x.tflite");
    EXPECT_TRUE(mentions(r.diagnostics, "too short")) << dump(r.diagnostics);
    auto id = importTfliteBytes(std::string(64, 'x'), "x.tflite");
    EXPECT_TRUE(mentions(id.diagnostics, "TFL3")) << dump(id.diagnostics);

    // Every truncation fails cleanly (verification or index) and names the file.
    for (std::size_t n = 8; n < good.size(); n += 3) {
        auto t = importTfliteBytes(good.substr(0, n), "cut.tflite");
        EXPECT_FALSE(t.network) << n;
        ASSERT_FALSE(t.diagnostics.empty());
        EXPECT_EQ(t.diagnostics.front().file, "cut.tflite");
    }
    // Every single-byte corruption either imports or fails with a message; none crashes.
    int refused = 0;
    for (std::size_t i = 0; i < good.size(); ++i) {
        for (unsigned char x : {0xFFu, 0x80u, 0x01u}) {
            std::string bad = good;
            bad[i] = static_cast<char>(static_cast<unsigned char>(bad[i]) ^ x);
            auto b = importTfliteBytes(bad, "flip.tflite");
            if (!b.network) {
                ++refused;
                EXPECT_TRUE(hasErrors(b.diagnostics));
            }
        }
    }
    EXPECT_GT(refused, 0);

    // A root offset past the end.
    std::string root = good;
    root[0] = root[1] = root[2] = '\x7f';
    auto rr = importTfliteBytes(root, "root.tflite");
    EXPECT_TRUE(mentions(rr.diagnostics, "(at model)")) << dump(rr.diagnostics);
}

class TfliteFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ =
            std::filesystem::temp_directory_path() /
            ("zipcnn_tflite_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& bytes) {
        const auto p = dir_ / name;
        std::ofstream(p, std::ios::binary) << bytes;
        return p.string();
    }
    std::filesystem::path dir_;
};

TEST_F(TfliteFiles, RegistryAndOpenInputRecogniseTheContent) {
    const std::string bytes =
        convModel(4, 4, 1, 2, 1, TfliteTestModel::conv(kSame, 1, 1, kNone)).bytes();
    const std::string named = write("model.tflite", bytes);
    const std::string renamed = write("model.bin", bytes);
    EXPECT_NE(builtinImporters().patternList().find("*.tflite"), std::string::npos);
    ASSERT_NE(builtinImporters().forFile(named), nullptr);
    EXPECT_EQ(builtinImporters().forFile(named)->name, "tflite");
    ASSERT_NE(builtinImporters().forFile(renamed), nullptr);
    EXPECT_EQ(builtinImporters().forFile(renamed)->name, "tflite");
    EXPECT_EQ(detectInputKind(renamed), InputKind::Model);
    OpenedInput in = openInput(renamed);
    EXPECT_TRUE(in.ok()) << dump(in.diagnostics);
    EXPECT_EQ(in.kind, InputKind::Model);
    ASSERT_TRUE(in.import);
    EXPECT_EQ(in.import->importer, "tflite");

    // A damaged .tflite is reported by the TFLite reader, never as JSON.
    const std::string broken = write("broken.tflite", bytes.substr(0, 40));
    OpenedInput b = openInput(broken);
    EXPECT_FALSE(b.ok());
    EXPECT_FALSE(mentions(b.diagnostics, "JSON")) << dump(b.diagnostics);
    EXPECT_TRUE(mentions(b.diagnostics, "TensorFlow Lite")) << dump(b.diagnostics);

    // A binary file of a format nobody reads is named as such, not as invalid JSON.
    const std::string unknown = write("data.bin", std::string("\x08\x07\x12\x04test\x00\x01", 10));
    OpenedInput u = openInput(unknown);
    EXPECT_FALSE(u.ok());
    EXPECT_FALSE(mentions(u.diagnostics, "invalid JSON")) << dump(u.diagnostics);
    ASSERT_FALSE(u.diagnostics.empty());
    EXPECT_EQ(u.diagnostics.front().code, "unknown-model-format");
}

TEST(TfliteImporter, AnInt8NetworkIsCostedAsInt8ByDefault) {
    TfliteTestModel m = convModel(4, 4, 2, 8, 3, TfliteTestModel::conv(kSame, 1, 1, kNone), kI8);
    m.quantize(0, 1);
    m.quantize(1, 8, 0);
    m.quantize(3, 1);
    auto r = importModel(m);
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    const Project p = defaultProject("q", *r.network);
    ASSERT_FALSE(p.variants.empty());
    EXPECT_EQ(p.variants.front().dtype, DType::INT8);
    for (const VariantSpec& v : p.variants)
        if (v.prune > 0.0) {
            EXPECT_EQ(v.dtype, DType::INT8) << v.name;
            EXPECT_EQ(v.name.rfind("INT8 pruned", 0), 0u) << v.name;
        }
    // A float network keeps the default variants.
    auto f = importModel(convModel(4, 4, 2, 8, 3, TfliteTestModel::conv(kSame, 1, 1, kNone)));
    ASSERT_TRUE(f.network);
    EXPECT_EQ(defaultProject("f", *f.network).variants, defaultVariants());
}

TEST_F(TfliteFiles, MissingFileIsAnError) {
    auto r = importTflite((dir_ / "absent.tflite").string());
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(mentions(r.diagnostics, "cannot be opened")) << dump(r.diagnostics);
}

} // namespace
} // namespace zipcnn
