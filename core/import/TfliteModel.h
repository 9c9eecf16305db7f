// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zipcnn {

/// The parts of a TensorFlow Lite model (schema 3) the importer uses, read out of the flatbuffer
/// by `readTflite` (import/TfliteReader.h): plain values, every index checked.
///
/// Numbers below are values of the TFLite schema's enums (documented facts of the format).
namespace tflite {

/// BuiltinOperator values the importer maps or names specially.
enum Op : std::int32_t {
    kAdd = 0,
    kAveragePool2D = 1,
    kConcatenation = 2,
    kConv2D = 3,
    kDepthwiseConv2D = 4,
    kDequantize = 6,
    kFullyConnected = 9,
    kLogistic = 14,
    kMaxPool2D = 17,
    kMul = 18,
    kRelu = 19,
    kRelu6 = 21,
    kReshape = 22,
    kSoftmax = 25,
    kResizeBilinear = 23,
    kTanh = 28,
    kCustom = 32,
    kPad = 34,
    kMean = 40,
    kSub = 41,
    kSqueeze = 43,
    kPadV2 = 60,
    kTransposeConv = 67,
    kExpandDims = 70,
    kResizeNearestNeighbor = 97,
    kLeakyRelu = 98,
    kQuantize = 114,
    kHardSwish = 117,
    /// deprecated_builtin_code holds this when the real code is in builtin_code.
    kPlaceholderForGreaterOpCodes = 127,
};

/// TensorType values.
enum Type : std::int8_t {
    kFloat32 = 0,
    kFloat16 = 1,
    kInt32 = 2,
    kUInt8 = 3,
    kInt64 = 4,
    kString = 5,
    kBool = 6,
    kInt16 = 7,
    kInt8 = 9,
    kFloat64 = 10,
};

/// ActivationFunctionType values.
enum Activation : std::int8_t {
    kActNone = 0,
    kActRelu = 1,
    kActReluN1To1 = 2,
    kActRelu6 = 3,
    kActTanh = 4,
    kActSignBit = 5,
};

/// Padding values.
enum PaddingKind : std::int8_t { kSame = 0, kValid = 1 };

/// BuiltinOptions union member types the reader decodes.
enum OptionsType : std::uint8_t {
    kNoOptions = 0,
    kConv2DOptions = 1,
    kDepthwiseConv2DOptions = 2,
    kPool2DOptions = 5,
    kFullyConnectedOptions = 8,
    kSoftmaxOptions = 9,
    kConcatenationOptions = 10,
    kAddOptions = 11,
    kReshapeOptions = 17,
    kMulOptions = 21,
    kReducerOptions = 27,
    kSubOptions = 28,
    kTransposeConvOptions = 49,
    kLeakyReluOptions = 75,
};

/// "CONV_2D", or "BUILTIN_200" for a code the table does not name.
std::string opName(std::int32_t code);
/// "INT8", "FLOAT32", or "TYPE_42".
std::string typeName(std::int8_t type);
/// Bytes of one element of `type`; 0 when not fixed (string, unknown).
int typeBytes(std::int8_t type);

} // namespace tflite

struct TfliteQuantization {
    std::size_t scales = 0;     ///< number of scales (1: per tensor, more: per channel)
    std::size_t zeroPoints = 0; ///< number of zero points
    int quantizedDimension = 0; ///< the axis per-channel scales run along
    bool hasDetails = false;    ///< a custom quantisation (QuantizationDetails) is set
    bool present() const { return scales > 0; }
};

struct TfliteTensor {
    std::vector<std::int32_t> shape; ///< with the batch dimension first
    std::int8_t type = tflite::kFloat32;
    std::uint32_t buffer = 0; ///< index into the model's buffers; 0 is the empty sentinel
    std::string name;
    TfliteQuantization quantization;
};

struct TfliteBuffer {
    std::size_t offset = 0; ///< where its data starts in the file's bytes
    std::size_t size = 0;   ///< bytes of data (0: the tensor is not a constant)
};

struct TfliteOperatorCode {
    std::int32_t code = 0;  ///< max(deprecated_builtin_code, builtin_code)
    std::string customCode; ///< for CUSTOM operators
    std::int32_t version = 1;
};

/// The builtin options of the kinds the importer maps, decoded into one flat record; the
/// fields an operator's options do not have keep their defaults.
struct TfliteOptions {
    std::int8_t padding = tflite::kSame;
    std::int32_t strideW = 1;
    std::int32_t strideH = 1;
    std::int32_t filterW = 1;
    std::int32_t filterH = 1;
    std::int32_t dilationW = 1;
    std::int32_t dilationH = 1;
    std::int32_t depthMultiplier = 1;
    std::int8_t activation = tflite::kActNone;
    std::int32_t axis = 0;
    bool keepDims = false;              ///< ReducerOptions
    bool keepNumDims = false;           ///< FullyConnectedOptions
    float beta = 1.0f;                  ///< SoftmaxOptions
    float alpha = 0.0f;                 ///< LeakyReluOptions (the schema's default)
    std::vector<std::int32_t> newShape; ///< ReshapeOptions
};

struct TfliteOperator {
    std::uint32_t opcodeIndex = 0;
    std::vector<std::int32_t> inputs; ///< tensor indices; -1: an optional input left out
    std::vector<std::int32_t> outputs;
    std::uint8_t optionsType = tflite::kNoOptions;
    TfliteOptions options;
};

struct TfliteSubgraph {
    std::vector<TfliteTensor> tensors;
    std::vector<std::int32_t> inputs;
    std::vector<std::int32_t> outputs;
    std::vector<TfliteOperator> operators;
    std::string name;
};

struct TfliteModel {
    std::uint32_t version = 0;
    std::vector<TfliteOperatorCode> operatorCodes;
    std::vector<TfliteSubgraph> subgraphs;
    std::vector<TfliteBuffer> buffers;
    std::string description;
    std::string bytes; ///< the whole file (the buffers point into it)

    /// The data of buffer `index` (empty for the sentinel or a tensor computed at run time).
    std::string_view bufferData(std::uint32_t index) const;
    /// True when tensor `t` of subgraph `s` holds stored data (a weight or another constant).
    bool isConstant(const TfliteSubgraph& s, std::int32_t t) const;
};

} // namespace zipcnn
