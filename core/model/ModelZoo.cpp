// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/ModelZoo.h"

#include "model/NetworkBuilder.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace zipcnn {

namespace {

using Act = ActivationKind;

// The thesis counts LeNet5's activations as fused into the conv/dense layers (Tables 4.1, 4.6),
// so they are attributes here, not Activation layers.
Network lenet5(const std::string& name, Act act) {
    NetworkBuilder b(name);
    b.input({32, 32, 1}, "input");
    b.conv(6, {5, 5}, {1, 1}, Padding::Valid, act, {}, "conv1");
    b.avgPool({2, 2}, {2, 2}, Padding::Valid, {}, "pool1");
    b.conv(16, {5, 5}, {1, 1}, Padding::Valid, act, {}, "conv2");
    b.avgPool({2, 2}, {2, 2}, Padding::Valid, {}, "pool2");
    b.flatten({}, "flatten");
    b.dense(120, act, {}, "fc1");
    b.dense(84, act, {}, "fc2");
    b.dense(10, Act::Softmax, {}, "fc3");
    return b.take();
}

int scaledFilters(int base, double multiplier) {
    // The epsilon keeps an exact product such as 16 x 0.75 from rounding up to 13 through
    // floating-point noise.
    const double v = std::ceil(base * multiplier - 1e-9);
    if (!(v >= 1.0))
        return 1; // also catches NaN
    if (v > std::numeric_limits<int>::max())
        return std::numeric_limits<int>::max();
    return static_cast<int>(v);
}

// Conv -> BN -> ReLU with MobileNet/DS-CNN style names ("<base>", "<base>_bn", "<base>_relu").
std::string convBnRelu(NetworkBuilder& b, const std::string& base, int filters, Size2 kernel,
                       Size2 strides) {
    b.conv(filters, kernel, strides, Padding::Same, Act::Linear, {}, base);
    b.batchNorm({}, base + "_bn");
    return b.activation(Act::Relu, {}, base + "_relu");
}

std::string depthwiseBnRelu(NetworkBuilder& b, const std::string& base, Size2 strides) {
    b.depthwise({3, 3}, strides, Padding::Same, Act::Linear, {}, base);
    b.batchNorm({}, base + "_bn");
    return b.activation(Act::Relu, {}, base + "_relu");
}

// Layer classes and parameter count checked against the model_config of
// mlcommons/tiny benchmark/training/visual_wake_words/trained_models/vww_96.h5: every conv
// keeps its bias even though a BN follows, and the head is AveragePooling2D over the final 3x3
// map (not GlobalAveragePooling2D) followed by Flatten.
Network mobilenetV1Vww(const std::string& name) {
    constexpr double alpha = 0.25;
    struct Block {
        int filters;
        int stride;
    };
    static const Block blocks[] = {{64, 1},  {128, 2},  {128, 1}, {256, 2}, {256, 1},
                                   {512, 2}, {512, 1},  {512, 1}, {512, 1}, {512, 1},
                                   {512, 1}, {1024, 2}, {1024, 1}};
    NetworkBuilder b(name);
    b.input({96, 96, 3}, "input");
    convBnRelu(b, "conv1", scaledFilters(32, alpha), {3, 3}, {2, 2});
    int spatial = 48;
    int index = 1;
    for (const Block& blk : blocks) {
        const std::string n = std::to_string(index++);
        depthwiseBnRelu(b, "conv_dw_" + n, {blk.stride, blk.stride});
        convBnRelu(b, "conv_pw_" + n, scaledFilters(blk.filters, alpha), {1, 1}, {1, 1});
        spatial = (spatial + blk.stride - 1) / blk.stride;
    }
    b.avgPool({spatial, spatial}, {spatial, spatial}, Padding::Valid, {}, "avgpool");
    b.flatten({}, "flatten");
    b.dense(2, Act::Softmax, {}, "dense");
    return b.take();
}

// The pool covers the whole 25x5 map, as in the trained kws_ref_model_float32.tflite (its
// AVERAGE_POOL_2D has a 25x5 filter). The training script's int(49/2) x int(10/2) = 24x5 pool
// gives the same 1x1 output but would change the avgpool primitive's id.
Network dsCnnSmall(const std::string& name) {
    constexpr int filters = 64;
    NetworkBuilder b(name);
    b.input({49, 10, 1}, "input");
    convBnRelu(b, "conv1", filters, {10, 4}, {2, 2});
    b.dropout(0.2, {}, "conv1_dropout");
    for (int i = 1; i <= 4; ++i) {
        const std::string n = std::to_string(i);
        depthwiseBnRelu(b, "conv_dw_" + n, {1, 1});
        convBnRelu(b, "conv_pw_" + n, filters, {1, 1}, {1, 1});
    }
    b.dropout(0.4, {}, "dropout");
    b.avgPool({25, 5}, {25, 5}, Padding::Valid, {}, "avgpool");
    b.flatten({}, "flatten");
    b.dense(12, Act::Softmax, {}, "dense");
    return b.take();
}

// Checked against the model_config of mlcommons/tiny
// benchmark/training/anomaly_detection/trained_models/ad01.h5.
Network ad01(const std::string& name) {
    static const int units[] = {128, 128, 128, 128, 8, 128, 128, 128, 128};
    NetworkBuilder b(name);
    b.input({640}, "input");
    int index = 1;
    for (int u : units) {
        const std::string n = "dense" + std::to_string(index++);
        b.dense(u, Act::Linear, {}, n);
        b.batchNorm({}, n + "_bn");
        b.activation(Act::Relu, {}, n + "_relu");
    }
    b.dense(640, Act::Linear, {}, "dense" + std::to_string(index));
    return b.take();
}

struct ZooModel {
    ZooEntry entry;
    Network (*build)(const std::string& name);
};

const std::vector<ZooModel>& registry() {
    static const std::vector<ZooModel> models = {
        {{"lenet5",
          "LeNet5 for 32x32 grey images: two 5x5 conv + 2x2 average-pooling stages and three "
          "dense layers, sigmoid activations fused into the layers, softmax over 10 classes. "
          "61,706 parameters.",
          "T. Garbay, ZIP-CNN thesis (Sorbonne Universite, 2023), Table 4.1"},
         [](const std::string& n) { return lenet5(n, Act::Sigmoid); }},
        {{"lenet5-relu", "LeNet5 as 'lenet5' with ReLU instead of sigmoid. 61,706 parameters.",
          "T. Garbay, ZIP-CNN thesis (Sorbonne Universite, 2023), Table 4.6"},
         [](const std::string& n) { return lenet5(n, Act::Relu); }},
        {{"resnet8",
          "ResNet-8 for CIFAR-10 (32x32x3, 10 classes): 3x3 stem and three residual stacks of "
          "16/32/64 filters, separate BatchNormalization and ReLU layers, 1x1 projection "
          "shortcuts, 8x8 average pooling. 78,666 parameters (BatchNormalization counted with "
          "its moving statistics).",
          "MLPerf Tiny image-classification reference (mlcommons/tiny, "
          "benchmark/training/image_classification, trained_models/pretrainedResnet.h5); "
          "thesis Tables 5.1 and 5.2"},
         [](const std::string& n) { return resnetCifar(1, n); }},
        {{"resnet14",
          "The ResNet-8 family with two residual blocks per stage (the second block of each "
          "stage is an identity block). 176,554 parameters.",
          "MLPerf Tiny ResNet-8 reference block structure with the CIFAR depth rule 6n+2 "
          "(He et al., 2016), n = 2"},
         [](const std::string& n) { return resnetCifar(2, n); }},
        {{"resnet26",
          "The ResNet-8 family with four residual blocks per stage (only the first block of "
          "stages 2 and 3 downsamples). 372,330 parameters.",
          "T. Garbay, ZIP-CNN thesis (Sorbonne Universite, 2023), Chapter 5 (ResNet26, Table "
          "5.1), built on the MLPerf Tiny ResNet-8 reference"},
         [](const std::string& n) { return resnetCifar(4, n); }},
        {{"mobilenet-v1-0.25",
          "MobileNetV1 with width multiplier 0.25 for visual wake words (96x96x3, person / no "
          "person): 3x3 stride-2 stem and 13 depthwise-separable blocks with separate "
          "BatchNormalization and ReLU layers, 3x3 average pooling, dense softmax over 2 "
          "classes. 221,794 parameters.",
          "MLPerf Tiny visual-wake-words reference (mlcommons/tiny, "
          "benchmark/training/visual_wake_words, trained_models/vww_96.h5)"},
         mobilenetV1Vww},
        {{"ds-cnn-s",
          "DS-CNN (small) keyword spotting on 49x10 MFCC features, 12 classes: 10x4 stride-2 "
          "conv with 64 filters and four depthwise-separable blocks of 64 filters, separate "
          "BatchNormalization and ReLU layers, 25x5 average pooling. 24,908 parameters "
          "(22,604 once BatchNormalization is folded into the convolutions).",
          "MLPerf Tiny keyword-spotting reference (mlcommons/tiny, "
          "benchmark/training/keyword_spotting, trained_models/kws_ref_model_float32.tflite), "
          "after Zhang et al., Hello Edge (2017)"},
         dsCnnSmall},
        {{"ad01",
          "Dense autoencoder for machine-sound anomaly detection (640 inputs): "
          "640-128-128-128-128-8-128-128-128-128-640 with BatchNormalization and ReLU after "
          "every hidden layer. Not a CNN; 269,992 parameters.",
          "MLPerf Tiny anomaly-detection reference (mlcommons/tiny, "
          "benchmark/training/anomaly_detection, trained_models/ad01.h5)"},
         ad01},
    };
    return models;
}

} // namespace

Network resnetCifar(int blocksPerStage, const std::string& name, double widthMultiplier) {
    blocksPerStage = std::max(blocksPerStage, 1);
    static const int baseFilters[] = {16, 32, 64};

    NetworkBuilder b(name);
    b.input({32, 32, 3}, "input");
    b.conv(scaledFilters(16, widthMultiplier), {3, 3}, {1, 1}, Padding::Same, Act::Linear, {},
           "conv1");
    b.batchNorm({}, "bn1");
    std::string x = b.activation(Act::Relu, {}, "relu1");
    int spatial = 32;

    for (int stage = 0; stage < 3; ++stage) {
        const int filters = scaledFilters(baseFilters[stage], widthMultiplier);
        for (int block = 0; block < blocksPerStage; ++block) {
            const bool downsample = stage > 0 && block == 0;
            const int stride = downsample ? 2 : 1;
            const std::string p =
                "stack" + std::to_string(stage + 1) + "_block" + std::to_string(block + 1) + "_";
            const std::string blockInput = x;
            b.conv(filters, {3, 3}, {stride, stride}, Padding::Same, Act::Linear, blockInput,
                   p + "conv1");
            b.batchNorm({}, p + "bn1");
            b.activation(Act::Relu, {}, p + "relu1");
            const std::string conv2 =
                b.conv(filters, {3, 3}, {1, 1}, Padding::Same, Act::Linear, {}, p + "conv2");
            // Layer order and Add operand order (shortcut first) follow the Keras reference
            // file, so an imported pretrainedResnet.h5 lines up with this graph layer by layer.
            std::string shortcut = blockInput;
            if (downsample)
                shortcut = b.conv(filters, {1, 1}, {2, 2}, Padding::Same, Act::Linear, blockInput,
                                  p + "shortcut");
            const std::string bn2 = b.batchNorm(conv2, p + "bn2");
            b.add({shortcut, bn2}, p + "add");
            x = b.activation(Act::Relu, {}, p + "out");
            spatial = (spatial + stride - 1) / stride;
        }
    }

    b.avgPool({spatial, spatial}, {spatial, spatial}, Padding::Valid, x, "avgpool");
    b.flatten({}, "flatten");
    b.dense(10, Act::Softmax, {}, "dense");
    return b.take();
}

const std::vector<ZooEntry>& zooEntries() {
    static const std::vector<ZooEntry> entries = [] {
        std::vector<ZooEntry> e;
        for (const auto& m : registry())
            e.push_back(m.entry);
        return e;
    }();
    return entries;
}

std::vector<std::string> zooModelNames() {
    std::vector<std::string> names;
    for (const auto& e : zooEntries())
        names.push_back(e.name);
    return names;
}

std::optional<Network> zooModel(const std::string& name) {
    for (const auto& m : registry())
        if (m.entry.name == name)
            return m.build(name);
    return std::nullopt;
}

} // namespace zipcnn
