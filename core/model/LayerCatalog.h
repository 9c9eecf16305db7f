// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Layer.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

namespace zipcnn {

/// How an attribute is written in a network file and edited in the inspector.
enum class AttrType {
    Int,    ///< one integer
    Size2,  ///< [height, width] (a single [n] means n x n)
    Pad4,   ///< [top, bottom, left, right]
    Bool,   ///< true / false
    Real,   ///< a number
    Rate,   ///< a fraction, edited as a percentage
    Choice, ///< a name out of a fixed list (padding, activation, interpolation)
    Dims,   ///< a list of integers (a shape)
    Text,   ///< free text
};

/// The member of LayerAttrs an attribute lives in (several kinds share a member: the pool size
/// is `kernel`).
enum class AttrField {
    InputShape,
    Filters,
    Units,
    InputUnits,
    DepthMultiplier,
    Kernel,
    Strides,
    Dilation,
    Padding,
    Pads,
    Groups,
    UseBias,
    Activation,
    Alpha,
    Center,
    Scale,
    Epsilon,
    Axis,
    TargetShape,
    Upsample,
    Interpolation,
    Rate,
    SourceClass,
    OutputShape,
    PruneRate, ///< keep last: kAttrFieldCount counts up to it
};

/// How many AttrField values there are (they number from 0, one id each in the editor's undo
/// commands).
inline constexpr int kAttrFieldCount = static_cast<int>(AttrField::PruneRate) + 1;

/// When the inspector shows an attribute's editor (the reader always reads it).
enum class AttrShown {
    Always,
    Never,           ///< no editor (an importer's bookkeeping)
    ExplicitPadding, ///< only with padding 'explicit'
    LeakyRelu,       ///< only with the leaky_relu activation
    Prunable,        ///< only on kinds whose filters structured pruning removes
};

/// One attribute of a layer kind: its file name, type, accepted range and default, and how the
/// inspector labels it. The JSON reader accepts exactly [min, max] (each element of a Size2,
/// Pad4 or Dims; [min, max) when `maxExclusive`) and the inspector's editor spans the same range.
/// A value may be accepted here and still be refused by the analysis with the layer's name (a
/// kernel of 0, groups that do not divide the channels): the range says what can be written.
struct LayerAttribute {
    std::string_view key; ///< JSON member name, "filters"
    AttrField field = AttrField::Filters;
    AttrType type = AttrType::Int;
    double min = 0;            ///< Real, Rate
    double max = 0;            ///< Real, Rate
    bool maxExclusive = false; ///< Rate: [min, max)
    std::int64_t intMin = 0;   ///< Int, Size2, Pad4, Dims (each element)
    std::int64_t intMax = 0;
    double defaultValue = 0;      ///< when absent: numbers, bools (0/1), each Size2/Pad4 element
    std::string_view defaultText; ///< Choice, Text: when absent
    std::string_view label;       ///< inspector row label, "Filters"
    std::string_view editor;      ///< inspector object name, "filters"
    AttrShown shown = AttrShown::Always;
};

/// How the analysis infers a kind's output shape, parameters and MACs
/// (analysis/NetworkAnalysis.cpp, inferLayer).
enum class LayerShapeRule {
    Input,       ///< the declared shape
    Convolution, ///< Conv2D, DepthwiseConv2D, SeparableConv2D
    Dense,       ///< on the last axis
    Pool,        ///< a window over height and width
    GlobalPool,  ///< [C]
    SameShape,   ///< element by element (no parameters)
    BatchNorm,   ///< element by element, with parameters per channel
    Broadcast,   ///< several inputs broadcast like NumPy
    Concatenate, ///< along `axis`
    Flatten,
    Reshape,
    ZeroPadding,
    Cropping,
    UpSampling,
    /// Conv2DTranspose: the input `strides` times larger ('same'), plus kernel - stride ('valid')
    TransposedConvolution,
    Placeholder, ///< Unsupported: the input's shape or the one the importer stated
};

/// How a kind decomposes into the cost model's primitives (analysis/Decomposition.cpp).
enum class LayerPrimitiveRule {
    None,                 ///< no computation, nothing moved
    Convolution,          ///< conv2d[_rgb]_KxK per output channel x input channel x position
    DepthwiseConvolution, ///< dwconv2d_KxK per output channel x position
    SeparableConvolution, ///< depthwise, then conv2d_1x1
    FullyConnected,       ///< fc_INxOUT per vector
    Window,               ///< `primitive`_KxK per output value
    PerOutput,            ///< `primitive` per output value
    PerExtraInput,        ///< `primitive` per output value and input past the first
    ActivationOnly,       ///< the activation function per output value
    UpSampling,           ///< `primitive`_<interpolation> per output value
    CostedAsZero,         ///< no primitive; an info says so
    /// `primitive`_KxK per input position x input channel x filter (each input value scattered
    /// over a K x K window of every filter)
    TransposedConvolution,
};

/// A kind's part in the thesis's RAM rule (analysis/MemoryModel.cpp).
enum class MemoryRole {
    Compute,  ///< a compute layer: its input and output buffers count
    Follower, ///< fused into the compute layer before it (element-wise, Flatten, Reshape)
    None,     ///< neither (Input, an unsupported placeholder)
};

/// The names an importer's operators carry for a kind. An operator maps to the kind it usually
/// becomes; its mapper may make another of the same family from its attributes (an ONNX Conv
/// with a group per channel is a DepthwiseConv2D, a TFLite RESHAPE to a vector a Flatten).
struct ImporterNames {
    std::vector<std::string_view> keras;  ///< Keras class names, "Conv2D", "Convolution2D"
    std::vector<std::string_view> tflite; ///< TFLite builtin operators
    std::vector<std::string_view> onnx;   ///< ONNX operator types
};

enum class ImporterFormat { Keras, TfLite, Onnx };

/// Everything the program knows about one layer kind, in one place.
struct LayerKind {
    LayerType type = LayerType::Input;
    std::string_view name;                 ///< the network file's "type"
    std::vector<std::string_view> aliases; ///< other "type" names a reader accepts
    std::string_view family;               ///< the layer palette's section ("Convolution")
    /// The stem of the names a new layer of the kind gets in the graph editor ("conv": conv1,
    /// conv2...); an Activation layer is named after its function instead.
    std::string_view baseName;
    /// Attributes in the inspector's order (besides name and inputs; `prune_rate` is common to
    /// every kind, see commonAttributes()).
    std::vector<LayerAttribute> attributes;
    LayerShapeRule shapeRule = LayerShapeRule::SameShape;
    LayerPrimitiveRule primitiveRule = LayerPrimitiveRule::None;
    std::string_view primitive; ///< the primitive's name or prefix, for the rules that take one
    MemoryRole memoryRole = MemoryRole::Compute;
    bool fusedActivation = false; ///< carries a kernel (weights) and may carry a fused activation
    bool elementwise = false;     ///< output shaped like its single input, element by element
    bool passesChannels = false;  ///< output channels are its inputs' (for pruning)
    bool prunable = false;        ///< structured pruning removes its filters
    bool channelsLast = false;    ///< reads an image (importers refuse channels_first)
    bool addable = true;          ///< offered in the layer palette
    bool stridesDefaultToKernel = false; ///< pools: absent strides are the pool size (Keras)
    ImporterNames importers;
};

/// Ranges shared by several attributes.
inline constexpr std::int64_t kMaxAttrInt = std::numeric_limits<std::int32_t>::max();
inline constexpr std::int64_t kMaxDimension = std::numeric_limits<std::int64_t>::max();

/// The catalogue: one entry per LayerType, in enum order.
const std::vector<LayerKind>& layerCatalog();
/// The entry of `type` (every LayerType has one).
const LayerKind& layerKind(LayerType type);
/// The kind a network file names by `name` or an alias; nullptr when none.
const LayerKind* layerKindByName(std::string_view name);
/// The kind an importer's operator `name` maps to; nullptr when none.
const LayerKind* layerKindForImporter(ImporterFormat format, std::string_view name);
/// The names `kind` carries in `format`.
const std::vector<std::string_view>& importerNames(const LayerKind& kind, ImporterFormat format);
/// The operators of `format` that make no layer: number-format conversions (TFLite QUANTIZE,
/// ONNX QuantizeLinear) and constants.
const std::vector<std::string_view>& importerConversions(ImporterFormat format);
/// Whether the importer of `format` reads operator `name`: a kind's name or a conversion. The
/// TFLite and ONNX mappers refuse every other operator ("no engine equivalent").
bool importerReads(ImporterFormat format, std::string_view name);

/// Attributes every kind reads (`prune_rate`).
const std::vector<LayerAttribute>& commonAttributes();
/// The kind's attributes followed by the common ones.
std::vector<LayerAttribute> allAttributes(const LayerKind& kind);
/// The attribute `key` of `kind` (or a common one); nullptr when the kind has none.
const LayerAttribute* findAttribute(const LayerKind& kind, std::string_view key);

/// The numeric value of an Int, Bool, Real or Rate attribute, or element `element` of a Size2
/// (0 height, 1 width) or Pad4 (top, bottom, left, right); a Rate that is not set reads 0.
double attributeNumber(const LayerAttrs& a, AttrField field, int element = 0);
/// Sets what attributeNumber() reads.
void setAttributeNumber(LayerAttrs& a, AttrField field, double value, int element = 0);

/// Whether `value` is within the attribute's range.
bool inRange(const LayerAttribute& attr, double value);
/// "[0, 2147483647]", "[0, 1)": the range as messages print it.
std::string rangeText(const LayerAttribute& attr);

/// One numeric attribute value of a layer outside its catalogue range.
struct AttributeRangeProblem {
    std::string_view key; ///< "strides"
    std::string message;  ///< "strides[0] = 0 is outside [1, 2147483647]"
};
/// The numeric attributes (Int, Bool, Real, Rate, each Size2 and Pad4 element) of `layer` that a
/// network file could not hold: what an importer must refuse before the layer reaches a network.
std::vector<AttributeRangeProblem> attributeRangeProblems(const Layer& layer);

} // namespace zipcnn
