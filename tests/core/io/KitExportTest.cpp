// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/KitExport.h"

#include "core/TestSupport.h"
#include "io/KitFiles.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

KitNetwork kitOf(const Network& net) {
    return buildKitNetwork(net, analyze(net));
}

const KitLayer& layer(const KitNetwork& k, const std::string& name) {
    for (const auto& l : k.layers)
        if (l.name == name)
            return l;
    throw std::runtime_error("no layer " + name);
}

struct Dims {
    int inH, inW, inC, outH, outW, outC, kH, kW, sH, sW, padTop, padLeft;
};

void expectDims(const KitLayer& l, Dims d) {
    SCOPED_TRACE(l.name);
    EXPECT_EQ(l.inH, d.inH);
    EXPECT_EQ(l.inW, d.inW);
    EXPECT_EQ(l.inC, d.inC);
    EXPECT_EQ(l.outH, d.outH);
    EXPECT_EQ(l.outW, d.outW);
    EXPECT_EQ(l.outC, d.outC);
    EXPECT_EQ(l.kH, d.kH);
    EXPECT_EQ(l.kW, d.kW);
    EXPECT_EQ(l.sH, d.sH);
    EXPECT_EQ(l.sW, d.sW);
    EXPECT_EQ(l.padTop, d.padTop);
    EXPECT_EQ(l.padLeft, d.padLeft);
}

} // namespace

TEST(KitExport, LeNet5LayerTable) {
    const KitNetwork k = kitOf(*zooModel("lenet5"));
    ASSERT_TRUE(k.ok()) << dump(k.diagnostics);
    ASSERT_EQ(k.layers.size(), 9u);
    const std::vector<std::string> kinds = {"KIT_INPUT",  "KIT_CONV2D",   "KIT_AVG_POOL",
                                            "KIT_CONV2D", "KIT_AVG_POOL", "KIT_ALIAS",
                                            "KIT_DENSE",  "KIT_DENSE",    "KIT_DENSE"};
    for (std::size_t i = 0; i < kinds.size(); ++i)
        EXPECT_EQ(k.layers[i].kind, kinds[i]) << k.layers[i].name;
    expectDims(layer(k, "input"), {32, 32, 1, 32, 32, 1, 1, 1, 1, 1, 0, 0});
    expectDims(layer(k, "conv1"), {32, 32, 1, 28, 28, 6, 5, 5, 1, 1, 0, 0});
    expectDims(layer(k, "pool1"), {28, 28, 6, 14, 14, 6, 2, 2, 2, 2, 0, 0});
    expectDims(layer(k, "conv2"), {14, 14, 6, 10, 10, 16, 5, 5, 1, 1, 0, 0});
    expectDims(layer(k, "pool2"), {10, 10, 16, 5, 5, 16, 2, 2, 2, 2, 0, 0});
    expectDims(layer(k, "flatten"), {5, 5, 16, 1, 1, 400, 1, 1, 1, 1, 0, 0});
    expectDims(layer(k, "fc1"), {1, 1, 400, 1, 1, 120, 1, 1, 1, 1, 0, 0});
    expectDims(layer(k, "fc2"), {1, 1, 120, 1, 1, 84, 1, 1, 1, 1, 0, 0});
    expectDims(layer(k, "fc3"), {1, 1, 84, 1, 1, 10, 1, 1, 1, 1, 0, 0});
    // lenet5 has sigmoid fused into its layers and a softmax at the end
    EXPECT_EQ(layer(k, "conv1").act, "KIT_SIGMOID");
    EXPECT_EQ(layer(k, "fc2").act, "KIT_SIGMOID");
    EXPECT_EQ(layer(k, "fc3").act, "KIT_SOFTMAX");
    EXPECT_EQ(layer(k, "pool1").act, "KIT_LINEAR");
    // weights and biases, packed in execution order: the zoo's 61,706 parameters
    EXPECT_EQ(layer(k, "conv1").wOff, 0);
    EXPECT_EQ(layer(k, "conv1").nW, 150);
    EXPECT_EQ(layer(k, "conv1").bOff, 150);
    EXPECT_EQ(layer(k, "conv1").nB, 6);
    EXPECT_EQ(layer(k, "conv2").wOff, 156);
    EXPECT_EQ(layer(k, "conv2").nW, 2400);
    EXPECT_EQ(layer(k, "fc1").wOff, 2572);
    EXPECT_EQ(layer(k, "fc1").nW, 48000);
    EXPECT_EQ(layer(k, "fc3").nW, 840);
    EXPECT_EQ(k.weightCount, 61706);
    // the requantisation shift grows with the fan-in: log2(84 sqrt(25)) ~ 8.7
    EXPECT_EQ(layer(k, "conv1").shift, 9);
    EXPECT_EQ(layer(k, "fc1").shift, 11);
}

TEST(KitExport, ArenaBuffersNeverOverlapTheirInputs) {
    for (const char* model : {"lenet5", "resnet8", "mobilenet-v1-0.25"}) {
        SCOPED_TRACE(model);
        const KitNetwork k = kitOf(*zooModel(model));
        ASSERT_TRUE(k.ok()) << dump(k.diagnostics);
        for (const auto& l : k.layers) {
            const std::int64_t outBytes = std::int64_t{l.outH} * l.outW * l.outC * 4;
            EXPECT_LE(l.outOff + outBytes, k.arenaBytes) << l.name;
            if (l.kind == "KIT_ALIAS") {
                EXPECT_EQ(l.outOff, l.inOff.at(0)) << l.name;
                continue;
            }
            const std::int64_t inBytes = std::int64_t{l.inH} * l.inW * l.inC * 4;
            for (auto in : l.inOff)
                EXPECT_TRUE(in + inBytes <= l.outOff || l.outOff + outBytes <= in)
                    << l.name << ": output over an input";
        }
    }
    // lenet5, first fit in execution order: the input (4,096 B) at 0, conv1's output
    // (18,816 B) after it; pool1's 4,704 B do not fit in the input's freed bytes, so they go
    // after conv1's, which pool1 reads.
    EXPECT_EQ(kitOf(*zooModel("lenet5")).arenaBytes, 4096 + 18816 + 4704);
}

TEST(KitExport, HeaderListsTheLayersWithTheirShapes) {
    const KitNetwork k = kitOf(*zooModel("lenet5"));
    KitOptions o;
    o.model = "lenet5";
    o.core = "cortex-m7";
    o.clocksMhz = {16, 0.1};
    const std::string h = kitHeaderText(k, o);
    EXPECT_NE(h.find("#define KIT_LAYER_COUNT 9\n"), std::string::npos) << h;
    EXPECT_NE(h.find("#define KIT_CLOCKS_MHZ {16, 0.1}\n"), std::string::npos);
    EXPECT_NE(h.find("#define KIT_CORE_NAME \"cortex-m7\"\n"), std::string::npos);
    EXPECT_NE(h.find("{.name = \"conv2\", .type = \"Conv2D\", .kind = KIT_CONV2D, .act = "
                     "KIT_SIGMOID, .n_in = 1"),
              std::string::npos);
    EXPECT_NE(h.find(".in_h = 14, .in_w = 14, .in_c = 6, .out_h = 10, .out_w = 10, .out_c = 16, "
                     ".k_h = 5, .k_w = 5, .s_h = 1, .s_w = 1, .pad_top = 0, .pad_left = 0"),
              std::string::npos);
    EXPECT_NE(h.find(".w_off = 2572, .n_w = 48000, .b_off = 50572, .n_b = 120}"),
              std::string::npos);
}

TEST(KitExport, WeightsAreDeterministicAndComplete) {
    const KitNetwork k = kitOf(*zooModel("lenet5"));
    const std::string w = kitWeightsText(k);
    EXPECT_EQ(w, kitWeightsText(kitOf(*zooModel("lenet5"))));
    EXPECT_NE(w.find("const float kit_weights_f32[61706] = {"), std::string::npos);
    EXPECT_NE(w.find("const int8_t kit_weights_i8[61706] = {"), std::string::npos);
    // one literal per weight in each array
    for (const char* array : {"kit_weights_f32[61706] = {", "kit_weights_i8[61706] = {"}) {
        const auto begin = w.find(array);
        ASSERT_NE(begin, std::string::npos) << array;
        const auto end = w.find("};", begin);
        EXPECT_EQ(std::count(w.begin() + begin, w.begin() + end, ','), 61706) << array;
    }
}

TEST(KitExport, PaddingAndDepthwise) {
    NetworkBuilder b("pads");
    b.input({9, 9, 4});
    b.conv(8, {3, 3}, {2, 2}, Padding::Same, ActivationKind::Relu6, {}, "c");
    b.depthwise({3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "dw");
    b.globalAvgPool({}, "gap");
    const KitNetwork k = kitOf(b.take());
    ASSERT_TRUE(k.ok()) << dump(k.diagnostics);
    // 9 -> 5 with stride 2: total padding (5 - 1) * 2 + 3 - 9 = 2, one before
    expectDims(layer(k, "c"), {9, 9, 4, 5, 5, 8, 3, 3, 2, 2, 1, 1});
    expectDims(layer(k, "dw"), {5, 5, 8, 5, 5, 8, 3, 3, 1, 1, 1, 1});
    EXPECT_EQ(layer(k, "dw").nW, 3 * 3 * 8);
    EXPECT_EQ(layer(k, "c").act, "KIT_RELU6");
    expectDims(layer(k, "gap"), {5, 5, 8, 1, 1, 8, 5, 5, 1, 1, 0, 0});
}

TEST(KitExport, RefusesWhatTheKernelsDoNotRunNamingTheLayer) {
    {
        NetworkBuilder b("swish");
        b.input({8, 8, 1});
        b.conv(4, {3, 3}, {1, 1}, Padding::Valid, ActivationKind::Swish, {}, "c1");
        const KitNetwork k = kitOf(b.take());
        ASSERT_FALSE(k.ok());
        EXPECT_TRUE(mentions(k.diagnostics, "activation 'swish'")) << dump(k.diagnostics);
        EXPECT_EQ(k.diagnostics.front().layer, "c1");
    }
    {
        NetworkBuilder b("up");
        b.input({8, 8, 1});
        b.layer(Layer{"up1", LayerType::UpSampling2D, {b.last()}, {}});
        const KitNetwork k = kitOf(b.take());
        ASSERT_FALSE(k.ok());
        EXPECT_EQ(k.diagnostics.front().layer, "up1");
        EXPECT_TRUE(mentions(k.diagnostics, "UpSampling2D: the kit's reference kernels do not "
                                            "implement this layer kind"))
            << dump(k.diagnostics);
    }
    {
        NetworkBuilder b("dense3d");
        b.input({4, 4, 2});
        b.dense(3, ActivationKind::Linear, {}, "d");
        const KitNetwork k = kitOf(b.take());
        ASSERT_FALSE(k.ok());
        EXPECT_TRUE(mentions(k.diagnostics, "flatten it first")) << dump(k.diagnostics);
    }
}

TEST(KitFiles, CoresAndTheirFlags) {
    EXPECT_EQ(kitCoreOfMcu("Cortex-M4F"), "cortex-m4");
    EXPECT_EQ(kitCoreOfMcu("Cortex-M7"), "cortex-m7");
    EXPECT_EQ(kitCoreOfMcu("Cortex-M0+"), "cortex-m0plus");
    EXPECT_EQ(kitCoreOfMcu("RISC-V"), std::nullopt);
    ASSERT_NE(findKitCore("cortex-m4"), nullptr);
    EXPECT_EQ(findKitCore("cortex-m4")->cpuFlags,
              "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard");
    EXPECT_EQ(findKitCore("cortex-m7")->qemuMachine, "mps2-an500");
    KitOptions o;
    o.core = "cortex-m7";
    o.mcu = "STM32F746ZG";
    o.clocksMhz = {216};
    const std::string mk = kitMakefileText(o);
    EXPECT_NE(mk.find("CORE ?= cortex-m7\n"), std::string::npos) << mk;
    EXPECT_NE(mk.find("CLOCK_MHZ ?= 216\n"), std::string::npos);
    EXPECT_NE(mk.find("CPU_cortex-m7 = -mcpu=cortex-m7 -mfpu=fpv5-sp-d16 -mfloat-abi=hard\n"),
              std::string::npos);
    EXPECT_NE(kitBoardMemoryText("STM32L496ZG", 1024, 320).find("LENGTH = 320K"),
              std::string::npos);
}

TEST(KitFiles, ManifestNamesBothConfigurations) {
    KitOptions o;
    o.mcu = "STM32L496ZG";
    const auto j = kitManifest(kitOf(*zooModel("lenet5")), o, "network.json");
    EXPECT_EQ(j["format"], "zipcnn-measurements");
    EXPECT_EQ(j["sets"][0]["csv"], "kit.csv");
    EXPECT_EQ(j["sets"][0]["configs"]["fp32"]["dtype"], "fp32");
    EXPECT_EQ(j["sets"][0]["configs"]["int8"]["model"], "network.json");
}

TEST(KitFiles, WritesTheFolderOrNamesWhyNot) {
    const std::string src = findKitSources(kitSourceDirs(""));
    ASSERT_FALSE(src.empty()) << "the source tree's kit/ was not found";
    const auto dir =
        std::filesystem::temp_directory_path() / ("zipcnn-kit-test-" + std::to_string(::getpid()));
    Diagnostics d;
    auto files = writeKitFolder(dir.string(), src, {{"extra.txt", "x"}}, d);
    EXPECT_FALSE(hasErrors(d)) << dump(d);
    EXPECT_TRUE(std::filesystem::exists(dir / "kit.h"));
    EXPECT_TRUE(std::filesystem::exists(dir / "kit_main.c"));
    EXPECT_TRUE(std::filesystem::exists(dir / "extra.txt"));
    // a folder below a regular file cannot be created
    Diagnostics bad;
    writeKitFolder((dir / "extra.txt" / "sub").string(), src, {}, bad);
    ASSERT_TRUE(hasErrors(bad));
    EXPECT_NE(bad.front().file.find("extra.txt/sub"), std::string::npos);
    EXPECT_TRUE(mentions(bad, "cannot create the folder")) << dump(bad);
    std::filesystem::remove_all(dir);
}
