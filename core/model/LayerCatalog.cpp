// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/LayerCatalog.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <variant>

namespace zipcnn {

namespace {

/// What every attribute has: its file name, member, type and inspector row.
LayerAttribute attr(AttrType type, std::string_view key, AttrField field, std::string_view label,
                    std::string_view editor, AttrShown shown = AttrShown::Always) {
    LayerAttribute a;
    a.key = key;
    a.field = field;
    a.type = type;
    a.label = label;
    a.editor = editor;
    a.shown = shown;
    return a;
}

/// Int, Size2, Pad4, Dims: integers (each element) within [min, max].
LayerAttribute listAttr(AttrType type, std::string_view key, AttrField field, std::int64_t min,
                        std::int64_t max, double def, std::string_view label,
                        std::string_view editor, AttrShown shown = AttrShown::Always) {
    LayerAttribute a = attr(type, key, field, label, editor, shown);
    a.intMin = min;
    a.intMax = max;
    a.defaultValue = def;
    return a;
}

LayerAttribute intAttr(std::string_view key, AttrField field, std::int64_t min, std::int64_t max,
                       double def, std::string_view label, std::string_view editor) {
    return listAttr(AttrType::Int, key, field, min, max, def, label, editor);
}

LayerAttribute realAttr(AttrType type, std::string_view key, AttrField field, double min,
                        double max, bool exclusive, double def, std::string_view label,
                        std::string_view editor, AttrShown shown = AttrShown::Always) {
    LayerAttribute a = attr(type, key, field, label, editor, shown);
    a.min = min;
    a.max = max;
    a.maxExclusive = exclusive;
    a.defaultValue = def;
    return a;
}

LayerAttribute boolAttr(std::string_view key, AttrField field, bool def, std::string_view label,
                        std::string_view editor) {
    return listAttr(AttrType::Bool, key, field, 0, 1, def ? 1 : 0, label, editor);
}

LayerAttribute textAttr(AttrType type, std::string_view key, AttrField field, std::string_view def,
                        std::string_view label, std::string_view editor,
                        AttrShown shown = AttrShown::Always) {
    LayerAttribute a = attr(type, key, field, label, editor, shown);
    a.defaultText = def;
    return a;
}

// Sizes are ints in LayerAttrs: a file may say anything an int holds; whether it makes sense
// (positive, fits the input) is the analysis's question, asked with the layer's name.
LayerAttribute filters() {
    return intAttr("filters", AttrField::Filters, 0, kMaxAttrInt, 0, "Filters", "filters");
}
LayerAttribute depthMultiplier() {
    return intAttr("depth_multiplier", AttrField::DepthMultiplier, 0, kMaxAttrInt, 1,
                   "Depth multiplier", "depthMultiplier");
}
LayerAttribute kernel(std::string_view key, std::string_view label) {
    return listAttr(AttrType::Size2, key, AttrField::Kernel, 0, kMaxAttrInt, 1, label, "kernel");
}
LayerAttribute strides() {
    return listAttr(AttrType::Size2, "strides", AttrField::Strides, 0, kMaxAttrInt, 1, "Strides",
                    "strides");
}
LayerAttribute dilation() {
    return listAttr(AttrType::Size2, "dilation", AttrField::Dilation, 0, kMaxAttrInt, 1, "Dilation",
                    "dilation");
}
LayerAttribute padding() {
    return textAttr(AttrType::Choice, "padding", AttrField::Padding, "valid", "Padding", "padding");
}
LayerAttribute pads(AttrShown shown) {
    return listAttr(AttrType::Pad4, "pads", AttrField::Pads, 0, kMaxAttrInt, 0, "Padding", "pads",
                    shown);
}
LayerAttribute cropping() {
    return listAttr(AttrType::Pad4, "cropping", AttrField::Pads, 0, kMaxAttrInt, 0, "Cropping",
                    "pads");
}
LayerAttribute groups() {
    return intAttr("groups", AttrField::Groups, 0, kMaxAttrInt, 1, "Groups", "groups");
}
LayerAttribute useBias() {
    return boolAttr("use_bias", AttrField::UseBias, true, "Use bias", "useBias");
}
LayerAttribute activation() {
    return textAttr(AttrType::Choice, "activation", AttrField::Activation, "linear", "Activation",
                    "activation");
}
// A leaky ReLU's slope: Keras refuses a negative one; above 1 is unusual but Keras accepts it, and
// an imported network must save and reopen, so the bound is generous.
LayerAttribute alpha() {
    return realAttr(AttrType::Real, "alpha", AttrField::Alpha, 0.0, 1000.0, false, 0.3,
                    "Leaky slope", "alpha", AttrShown::LeakyRelu);
}
LayerAttribute dims(std::string_view key, AttrField field, std::int64_t min, std::string_view label,
                    std::string_view editor, AttrShown shown = AttrShown::Always) {
    return listAttr(AttrType::Dims, key, field, min, kMaxDimension, 0, label, editor, shown);
}

std::vector<LayerAttribute> convAttributes(LayerType t) {
    std::vector<LayerAttribute> v;
    if (t != LayerType::DepthwiseConv2D)
        v.push_back(filters());
    if (t != LayerType::Conv2D)
        v.push_back(depthMultiplier());
    v.insert(v.end(), {kernel("kernel", "Kernel"), strides(), dilation(), padding(),
                       pads(AttrShown::ExplicitPadding)});
    if (t == LayerType::Conv2D)
        v.push_back(groups());
    v.insert(v.end(), {useBias(), activation(), alpha()});
    return v;
}

std::vector<LayerKind> buildCatalog() {
    std::vector<LayerKind> c;
    auto add = [&c](LayerType type, std::string_view name, std::string_view family,
                    LayerShapeRule shape, LayerPrimitiveRule prim,
                    std::string_view primitive) -> LayerKind& {
        LayerKind k;
        k.type = type;
        k.name = name;
        k.family = family;
        k.shapeRule = shape;
        k.primitiveRule = prim;
        k.primitive = primitive;
        c.push_back(std::move(k));
        return c.back();
    };
    const std::string_view conv = "Convolution", pooling = "Pooling", merge = "Merge",
                           shape = "Shape", norm = "Normalisation and activation";

    {
        auto& k = add(LayerType::Input, "Input", "Input", LayerShapeRule::Input,
                      LayerPrimitiveRule::None, {});
        k.baseName = "input";
        k.memoryRole = MemoryRole::None;
        k.attributes = {dims("shape", AttrField::InputShape, 0, "Input shape", "inputShape")};
        k.importers.keras = {"InputLayer"};
    }
    {
        auto& k = add(LayerType::Conv2D, "Conv2D", conv, LayerShapeRule::Convolution,
                      LayerPrimitiveRule::Convolution, "conv2d");
        k.baseName = "conv";
        k.attributes = convAttributes(LayerType::Conv2D);
        k.fusedActivation = k.prunable = k.channelsLast = true;
        k.importers.keras = {"Conv2D", "Convolution2D", "AtrousConvolution2D"};
        k.importers.tflite = {"CONV_2D"};
        // Grouped ones too: a group per input channel becomes a DepthwiseConv2D.
        k.importers.onnx = {"Conv", "QLinearConv", "ConvInteger"};
    }
    {
        auto& k =
            add(LayerType::DepthwiseConv2D, "DepthwiseConv2D", conv, LayerShapeRule::Convolution,
                LayerPrimitiveRule::DepthwiseConvolution, "dwconv2d");
        k.baseName = "dwconv";
        k.attributes = convAttributes(LayerType::DepthwiseConv2D);
        k.fusedActivation = k.channelsLast = true;
        k.importers.keras = {"DepthwiseConv2D"};
        k.importers.tflite = {"DEPTHWISE_CONV_2D"};
    }
    {
        auto& k =
            add(LayerType::SeparableConv2D, "SeparableConv2D", conv, LayerShapeRule::Convolution,
                LayerPrimitiveRule::SeparableConvolution, "dwconv2d");
        k.baseName = "sepconv";
        k.attributes = convAttributes(LayerType::SeparableConv2D);
        k.fusedActivation = k.prunable = k.channelsLast = true;
        k.importers.keras = {"SeparableConv2D", "SeparableConvolution2D"};
    }
    {
        // Keras's padding only (valid or same): explicit pads and dilation have no Keras form,
        // and importers map the pads of other formats onto valid/same or refuse them.
        auto& k = add(LayerType::Conv2DTranspose, "Conv2DTranspose", conv,
                      LayerShapeRule::TransposedConvolution,
                      LayerPrimitiveRule::TransposedConvolution, "tconv2d");
        k.baseName = "deconv";
        k.attributes = {
            filters(), kernel("kernel", "Kernel"), strides(), padding(), useBias(), activation(),
            alpha()};
        // Its filters are its output channels, resized by structured pruning like a Conv2D's.
        k.fusedActivation = k.prunable = k.channelsLast = true;
        k.importers.keras = {"Conv2DTranspose", "Convolution2DTranspose", "Deconvolution2D"};
        k.importers.tflite = {"TRANSPOSE_CONV"};
        k.importers.onnx = {"ConvTranspose"};
    }
    {
        auto& k = add(LayerType::Dense, "Dense", "Dense", LayerShapeRule::Dense,
                      LayerPrimitiveRule::FullyConnected, "fc");
        k.baseName = "dense";
        k.attributes = {intAttr("units", AttrField::Units, 0, kMaxAttrInt, 0, "Units", "units"),
                        intAttr("input_units", AttrField::InputUnits, 0, kMaxAttrInt, 0,
                                "Deployed inputs", "inputUnits"),
                        useBias(), activation(), alpha()};
        k.fusedActivation = true;
        k.importers.keras = {"Dense"};
        k.importers.tflite = {"FULLY_CONNECTED"};
        k.importers.onnx = {"Gemm", "MatMul", "QLinearMatMul", "MatMulInteger", "QGemm"};
    }
    using Names = std::vector<std::string_view>;
    for (auto [type, name, primitive, keras, tflite, onnx] :
         {std::tuple{LayerType::AveragePooling2D, "AveragePooling2D", "avgpool",
                     Names{"AveragePooling2D", "AvgPool2D"}, Names{"AVERAGE_POOL_2D"},
                     Names{"AveragePool", "QLinearAveragePool"}},
          std::tuple{LayerType::MaxPooling2D, "MaxPooling2D", "maxpool",
                     Names{"MaxPooling2D", "MaxPool2D"}, Names{"MAX_POOL_2D"}, Names{"MaxPool"}}}) {
        auto& k =
            add(type, name, pooling, LayerShapeRule::Pool, LayerPrimitiveRule::Window, primitive);
        k.baseName = primitive;
        k.attributes = {kernel("pool_size", "Pool size"), strides(), padding(),
                        pads(AttrShown::ExplicitPadding)};
        k.passesChannels = k.channelsLast = k.stridesDefaultToKernel = true;
        k.importers = {keras, tflite, onnx};
    }
    for (auto [type, name, primitive, base, keras, tflite, onnx] :
         {std::tuple{LayerType::GlobalAveragePooling2D, "GlobalAveragePooling2D", "global_avgpool",
                     "gap", Names{"GlobalAveragePooling2D", "GlobalAvgPool2D"},
                     Names{"MEAN"} /* over height and width */,
                     Names{"GlobalAveragePool", "ReduceMean", "QLinearGlobalAveragePool"}},
          std::tuple{LayerType::GlobalMaxPooling2D, "GlobalMaxPooling2D", "global_maxpool", "gmp",
                     Names{"GlobalMaxPooling2D", "GlobalMaxPool2D"}, Names{},
                     Names{"GlobalMaxPool"}}}) {
        auto& k = add(type, name, pooling, LayerShapeRule::GlobalPool,
                      LayerPrimitiveRule::PerOutput, primitive);
        k.baseName = base;
        k.passesChannels = k.channelsLast = true;
        k.importers = {keras, tflite, onnx};
    }
    {
        auto& k = add(LayerType::BatchNormalization, "BatchNormalization", norm,
                      LayerShapeRule::BatchNorm, LayerPrimitiveRule::PerOutput, "batchnorm");
        k.baseName = "bn";
        k.memoryRole = MemoryRole::Follower;
        k.attributes = {boolAttr("center", AttrField::Center, true, "Center (beta)", "center"),
                        boolAttr("scale", AttrField::Scale, true, "Scale (gamma)", "scale"),
                        realAttr(AttrType::Real, "epsilon", AttrField::Epsilon, 0.0, 1.0, false,
                                 1e-3, "Epsilon", "epsilon")};
        k.elementwise = k.passesChannels = true;
        k.importers.keras = {"BatchNormalization"};
        k.importers.onnx = {"BatchNormalization"}; // folded into a convolution before it
    }
    {
        auto& k = add(LayerType::Activation, "Activation", norm, LayerShapeRule::SameShape,
                      LayerPrimitiveRule::ActivationOnly, {});
        k.baseName = "activation";
        k.memoryRole = MemoryRole::Follower;
        k.attributes = {activation(), alpha()};
        k.elementwise = k.passesChannels = true;
        // ReLU, LeakyReLU and Softmax carry parameters the mapper turns into the function.
        k.importers.keras = {"Activation", "ReLU", "LeakyReLU", "Softmax"};
        k.importers.tflite = {"RELU",       "RELU6",      "LOGISTIC", "TANH",
                              "HARD_SWISH", "LEAKY_RELU", "SOFTMAX"};
        // Clip is a ReLU6 (or ReLU) by its bounds; activations fuse into the layer before.
        k.importers.onnx = {
            "Relu",          "Clip",      "Sigmoid", "Tanh",           "LeakyRelu",
            "HardSigmoid",   "HardSwish", "Softmax", "QLinearSigmoid", "QLinearLeakyRelu",
            "QLinearSoftmax"};
    }
    {
        auto& k = add(LayerType::Add, "Add", merge, LayerShapeRule::Broadcast,
                      LayerPrimitiveRule::PerExtraInput, "residual_add");
        k.baseName = "add";
        k.passesChannels = true;
        k.importers.keras = {"Add"};
        // SUB: the same load-op-store per element. A stored operand of an ONNX Add after a
        // dense layer or a convolution is its bias.
        k.importers.tflite = {"ADD", "SUB"};
        k.importers.onnx = {"Add", "Sum", "QLinearAdd"};
    }
    {
        auto& k = add(LayerType::Multiply, "Multiply", merge, LayerShapeRule::Broadcast,
                      LayerPrimitiveRule::PerExtraInput, "mul");
        k.baseName = "multiply";
        k.passesChannels = true;
        k.importers.keras = {"Multiply"};
        k.importers.tflite = {"MUL"};
        k.importers.onnx = {"Mul", "QLinearMul"};
    }
    {
        auto& k = add(LayerType::Concatenate, "Concatenate", merge, LayerShapeRule::Concatenate,
                      LayerPrimitiveRule::PerOutput, "concat");
        k.baseName = "concat";
        // Axes of a tensor of rank up to 8, counted from either end (no batch axis).
        k.attributes = {intAttr("axis", AttrField::Axis, -8, 8, -1, "Axis", "axis")};
        k.importers.keras = {"Concatenate"};
        k.importers.tflite = {"CONCATENATION"};
        k.importers.onnx = {"Concat", "QLinearConcat"};
    }
    {
        auto& k = add(LayerType::Flatten, "Flatten", shape, LayerShapeRule::Flatten,
                      LayerPrimitiveRule::None, {});
        k.baseName = "flatten";
        k.memoryRole = MemoryRole::Follower;
        k.importers.keras = {"Flatten"};
        k.importers.onnx = {"Flatten"};
    }
    {
        auto& k = add(LayerType::Reshape, "Reshape", shape, LayerShapeRule::Reshape,
                      LayerPrimitiveRule::None, {});
        k.baseName = "reshape";
        k.memoryRole = MemoryRole::Follower;
        k.attributes = {
            dims("target_shape", AttrField::TargetShape, -1, "Target shape", "targetShape")};
        k.importers.keras = {"Reshape"};
        // A reshape to one vector is a Flatten; a transpose is data movement to the new shape
        // (one that reads a channels-last graph input makes that input the image).
        k.importers.tflite = {"RESHAPE", "SQUEEZE", "EXPAND_DIMS"};
        k.importers.onnx = {"Reshape", "Transpose"};
    }
    {
        auto& k = add(LayerType::ZeroPadding2D, "ZeroPadding2D", shape, LayerShapeRule::ZeroPadding,
                      LayerPrimitiveRule::PerOutput, "pad");
        k.baseName = "zeropad";
        k.attributes = {pads(AttrShown::Always)};
        k.passesChannels = k.channelsLast = true;
        k.importers.keras = {"ZeroPadding2D"};
        k.importers.tflite = {"PAD", "PADV2"};
        k.importers.onnx = {"Pad"};
    }
    {
        // A copy of the kept window: the same per-output-element cost as padding's copy.
        auto& k = add(LayerType::Cropping2D, "Cropping2D", shape, LayerShapeRule::Cropping,
                      LayerPrimitiveRule::PerOutput, "pad");
        k.baseName = "crop";
        k.attributes = {cropping()};
        k.passesChannels = k.channelsLast = true;
        k.importers.keras = {"Cropping2D"};
    }
    {
        auto& k = add(LayerType::UpSampling2D, "UpSampling2D", shape, LayerShapeRule::UpSampling,
                      LayerPrimitiveRule::UpSampling, "upsample");
        k.baseName = "upsample";
        k.attributes = {listAttr(AttrType::Size2, "size", AttrField::Upsample, 0, kMaxAttrInt, 2,
                                 "Factors", "upsample"),
                        textAttr(AttrType::Choice, "interpolation", AttrField::Interpolation,
                                 "nearest", "Interpolation", "interpolation")};
        k.passesChannels = k.channelsLast = true;
        k.importers.keras = {"UpSampling2D"};
        k.importers.tflite = {"RESIZE_NEAREST_NEIGHBOR", "RESIZE_BILINEAR"}; // whole factors
    }
    {
        auto& k = add(LayerType::Dropout, "Dropout", norm, LayerShapeRule::SameShape,
                      LayerPrimitiveRule::None, {});
        k.baseName = "dropout";
        k.memoryRole = MemoryRole::Follower;
        k.attributes = {realAttr(AttrType::Rate, "rate", AttrField::Rate, 0.0, 1.0, true, 0.0,
                                 "Dropout rate", "rate")};
        k.elementwise = k.passesChannels = true;
        // Layers that do nothing at inference.
        k.importers.keras = {"Dropout",          "SpatialDropout1D",      "SpatialDropout2D",
                             "SpatialDropout3D", "GaussianDropout",       "AlphaDropout",
                             "GaussianNoise",    "ActivityRegularization"};
        k.importers.onnx = {"Dropout", "Identity"}; // passed through: no layer
    }
    {
        auto& k = add(LayerType::Unsupported, "Unsupported", "Other", LayerShapeRule::Placeholder,
                      LayerPrimitiveRule::CostedAsZero, {});
        k.baseName = "layer";
        k.memoryRole = MemoryRole::None;
        k.attributes = {
            textAttr(AttrType::Text, "source_class", AttrField::SourceClass, "", "Source class", {},
                     AttrShown::Never),
            dims("output_shape", AttrField::OutputShape, 0, "Output shape", {}, AttrShown::Never)};
        // An imported layer the engine cannot cost is kept from a model, never added by hand.
        k.addable = false;
        // Classes kept as placeholders whose output shape the mapper can still compute.
        k.importers.keras = {"Permute"};
    }
    return c;
}

} // namespace

const std::vector<LayerKind>& layerCatalog() {
    static const std::vector<LayerKind> catalog = [] {
        auto c = buildCatalog();
        for (std::size_t i = 0; i < c.size(); ++i)
            if (static_cast<std::size_t>(c[i].type) != i)
                throw std::logic_error("layer catalogue out of enum order at " +
                                       std::string(c[i].name));
        return c;
    }();
    return catalog;
}

const LayerKind& layerKind(LayerType type) {
    return layerCatalog().at(static_cast<std::size_t>(type));
}

const LayerKind* layerKindByName(std::string_view name) {
    for (const LayerKind& k : layerCatalog()) {
        if (k.name == name)
            return &k;
        for (auto alias : k.aliases)
            if (alias == name)
                return &k;
    }
    return nullptr;
}

const std::vector<std::string_view>& importerNames(const LayerKind& kind, ImporterFormat format) {
    switch (format) {
    case ImporterFormat::Keras:
        return kind.importers.keras;
    case ImporterFormat::TfLite:
        return kind.importers.tflite;
    case ImporterFormat::Onnx:
        return kind.importers.onnx;
    }
    return kind.importers.keras;
}

const LayerKind* layerKindForImporter(ImporterFormat format, std::string_view name) {
    for (const LayerKind& k : layerCatalog())
        for (auto n : importerNames(k, format))
            if (n == name)
                return &k;
    return nullptr;
}

const std::vector<std::string_view>& importerConversions(ImporterFormat format) {
    static const std::vector<std::string_view> none;
    static const std::vector<std::string_view> tflite = {"QUANTIZE", "DEQUANTIZE"};
    static const std::vector<std::string_view> onnx = {"QuantizeLinear", "DequantizeLinear",
                                                       "Constant"};
    switch (format) {
    case ImporterFormat::Keras:
        return none;
    case ImporterFormat::TfLite:
        return tflite;
    case ImporterFormat::Onnx:
        return onnx;
    }
    return none;
}

bool importerReads(ImporterFormat format, std::string_view name) {
    const auto& conversions = importerConversions(format);
    return layerKindForImporter(format, name) ||
           std::find(conversions.begin(), conversions.end(), name) != conversions.end();
}

const std::vector<LayerAttribute>& commonAttributes() {
    // Structured pruning reads it on the kinds it prunes; the reader accepts it on every kind.
    static const std::vector<LayerAttribute> common = {
        realAttr(AttrType::Rate, "prune_rate", AttrField::PruneRate, 0.0, 0.95, false, 0.0,
                 "Pruning rate", "pruneRate", AttrShown::Prunable)};
    return common;
}

std::vector<LayerAttribute> allAttributes(const LayerKind& kind) {
    std::vector<LayerAttribute> v = kind.attributes;
    v.insert(v.end(), commonAttributes().begin(), commonAttributes().end());
    return v;
}

const LayerAttribute* findAttribute(const LayerKind& kind, std::string_view key) {
    for (const auto& a : kind.attributes)
        if (a.key == key)
            return &a;
    for (const auto& a : commonAttributes())
        if (a.key == key)
            return &a;
    return nullptr;
}

namespace {

// One element of a Size2 (0 height, 1 width) or a Pad4 (top, bottom, left, right), const or not.
template <typename S> auto* sizeElement(S& s, int element) {
    return element == 0 ? &s.h : &s.w;
}

template <typename P> auto* padElement(P& p, int element) {
    switch (element) {
    case 0:
        return &p.top;
    case 1:
        return &p.bottom;
    case 2:
        return &p.left;
    default:
        return &p.right;
    }
}

/// Where the numeric attribute `field` (element `element` of a Size2 or Pad4) lives in `a`
/// (LayerAttrs or const LayerAttrs): the one map attributeNumber() reads through and
/// setAttributeNumber() writes through; empty for the attributes that are not numbers.
template <typename A> auto numberMember(A& a, AttrField field, int element) {
    constexpr bool isConst = std::is_const_v<A>;
    using Int = std::conditional_t<isConst, const int, int>;
    using Bool = std::conditional_t<isConst, const bool, bool>;
    using Real = std::conditional_t<isConst, const double, double>;
    using OptionalReal =
        std::conditional_t<isConst, const std::optional<double>, std::optional<double>>;
    using Member = std::variant<std::monostate, Int*, Bool*, Real*, OptionalReal*>;
    switch (field) {
    case AttrField::Filters:
        return Member(&a.filters);
    case AttrField::Units:
        return Member(&a.units);
    case AttrField::InputUnits:
        return Member(&a.inputUnits);
    case AttrField::DepthMultiplier:
        return Member(&a.depthMultiplier);
    case AttrField::Kernel:
        return Member(sizeElement(a.kernel, element));
    case AttrField::Strides:
        return Member(sizeElement(a.strides, element));
    case AttrField::Dilation:
        return Member(sizeElement(a.dilation, element));
    case AttrField::Upsample:
        return Member(sizeElement(a.upsample, element));
    case AttrField::Pads:
        return Member(padElement(a.pads, element));
    case AttrField::Groups:
        return Member(&a.groups);
    case AttrField::UseBias:
        return Member(&a.useBias);
    case AttrField::Center:
        return Member(&a.center);
    case AttrField::Scale:
        return Member(&a.scale);
    case AttrField::Alpha:
        return Member(&a.alpha);
    case AttrField::Epsilon:
        return Member(&a.epsilon);
    case AttrField::Axis:
        return Member(&a.axis);
    case AttrField::Rate:
        return Member(&a.rate);
    case AttrField::PruneRate:
        return Member(&a.pruneRate);
    default:
        return Member();
    }
}

} // namespace

double attributeNumber(const LayerAttrs& a, AttrField field, int element) {
    return std::visit(
        [](const auto& p) -> double {
            using P = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<P, std::monostate>)
                return 0; // not a number
            else if constexpr (std::is_same_v<P, const std::optional<double>*>)
                return p->value_or(0.0);
            else
                return static_cast<double>(*p);
        },
        numberMember(a, field, element));
}

void setAttributeNumber(LayerAttrs& a, AttrField field, double value, int element) {
    std::visit(
        [value](const auto& p) {
            using P = std::decay_t<decltype(p)>;
            if constexpr (std::is_same_v<P, int*>)
                *p = static_cast<int>(value);
            else if constexpr (std::is_same_v<P, bool*>)
                *p = value != 0;
            else if constexpr (std::is_same_v<P, double*> ||
                               std::is_same_v<P, std::optional<double>*>)
                *p = value;
        },
        numberMember(a, field, element));
}

bool inRange(const LayerAttribute& attr, double value) {
    if (attr.type == AttrType::Real || attr.type == AttrType::Rate)
        return value >= attr.min && (attr.maxExclusive ? value < attr.max : value <= attr.max);
    return value >= static_cast<double>(attr.intMin) && value <= static_cast<double>(attr.intMax);
}

std::string rangeText(const LayerAttribute& attr) {
    auto num = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return std::string(buf);
    };
    if (attr.type == AttrType::Real || attr.type == AttrType::Rate)
        return "[" + num(attr.min) + ", " + num(attr.max) + (attr.maxExclusive ? ")" : "]");
    return "[" + std::to_string(attr.intMin) + ", " + std::to_string(attr.intMax) + "]";
}

std::vector<AttributeRangeProblem> attributeRangeProblems(const Layer& layer) {
    std::vector<AttributeRangeProblem> out;
    auto num = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", v);
        return std::string(buf);
    };
    for (const LayerAttribute& attr : allAttributes(layerKind(layer.type))) {
        int elements = 0;
        switch (attr.type) {
        case AttrType::Int:
        case AttrType::Bool:
        case AttrType::Real:
        case AttrType::Rate:
            elements = 1;
            break;
        case AttrType::Size2:
            elements = 2;
            break;
        case AttrType::Pad4:
            elements = 4;
            break;
        default:
            break; // names, shapes and text are checked by their readers
        }
        for (int e = 0; e < elements; ++e) {
            const double v = attributeNumber(layer.attrs, attr.field, e);
            if (attr.type == AttrType::Bool || inRange(attr, v))
                continue;
            const std::string where =
                std::string(attr.key) + (elements > 1 ? "[" + std::to_string(e) + "]" : "");
            out.push_back({attr.key, where + " = " + num(v) + " is outside " + rangeText(attr)});
        }
    }
    return out;
}

} // namespace zipcnn
