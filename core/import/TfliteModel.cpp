// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/TfliteModel.h"

#include <array>

namespace zipcnn {

namespace tflite {

namespace {

/// BuiltinOperator names by value (0..132), as TFLite's tools print them, for messages.
constexpr std::array kOpNames = {"ADD",
                                 "AVERAGE_POOL_2D",
                                 "CONCATENATION",
                                 "CONV_2D",
                                 "DEPTHWISE_CONV_2D",
                                 "DEPTH_TO_SPACE",
                                 "DEQUANTIZE",
                                 "EMBEDDING_LOOKUP",
                                 "FLOOR",
                                 "FULLY_CONNECTED",
                                 "HASHTABLE_LOOKUP",
                                 "L2_NORMALIZATION",
                                 "L2_POOL_2D",
                                 "LOCAL_RESPONSE_NORMALIZATION",
                                 "LOGISTIC",
                                 "LSH_PROJECTION",
                                 "LSTM",
                                 "MAX_POOL_2D",
                                 "MUL",
                                 "RELU",
                                 "RELU_N1_TO_1",
                                 "RELU6",
                                 "RESHAPE",
                                 "RESIZE_BILINEAR",
                                 "RNN",
                                 "SOFTMAX",
                                 "SPACE_TO_DEPTH",
                                 "SVDF",
                                 "TANH",
                                 "CONCAT_EMBEDDINGS",
                                 "SKIP_GRAM",
                                 "CALL",
                                 "CUSTOM",
                                 "EMBEDDING_LOOKUP_SPARSE",
                                 "PAD",
                                 "UNIDIRECTIONAL_SEQUENCE_RNN",
                                 "GATHER",
                                 "BATCH_TO_SPACE_ND",
                                 "SPACE_TO_BATCH_ND",
                                 "TRANSPOSE",
                                 "MEAN",
                                 "SUB",
                                 "DIV",
                                 "SQUEEZE",
                                 "UNIDIRECTIONAL_SEQUENCE_LSTM",
                                 "STRIDED_SLICE",
                                 "BIDIRECTIONAL_SEQUENCE_RNN",
                                 "EXP",
                                 "TOPK_V2",
                                 "SPLIT",
                                 "LOG_SOFTMAX",
                                 "DELEGATE",
                                 "BIDIRECTIONAL_SEQUENCE_LSTM",
                                 "CAST",
                                 "PRELU",
                                 "MAXIMUM",
                                 "ARG_MAX",
                                 "MINIMUM",
                                 "LESS",
                                 "NEG",
                                 "PADV2",
                                 "GREATER",
                                 "GREATER_EQUAL",
                                 "LESS_EQUAL",
                                 "SELECT",
                                 "SLICE",
                                 "SIN",
                                 "TRANSPOSE_CONV",
                                 "SPARSE_TO_DENSE",
                                 "TILE",
                                 "EXPAND_DIMS",
                                 "EQUAL",
                                 "NOT_EQUAL",
                                 "LOG",
                                 "SUM",
                                 "SQRT",
                                 "RSQRT",
                                 "SHAPE",
                                 "POW",
                                 "ARG_MIN",
                                 "FAKE_QUANT",
                                 "REDUCE_PROD",
                                 "REDUCE_MAX",
                                 "PACK",
                                 "LOGICAL_OR",
                                 "ONE_HOT",
                                 "LOGICAL_AND",
                                 "LOGICAL_NOT",
                                 "UNPACK",
                                 "REDUCE_MIN",
                                 "FLOOR_DIV",
                                 "REDUCE_ANY",
                                 "SQUARE",
                                 "ZEROS_LIKE",
                                 "FILL",
                                 "FLOOR_MOD",
                                 "RANGE",
                                 "RESIZE_NEAREST_NEIGHBOR",
                                 "LEAKY_RELU",
                                 "SQUARED_DIFFERENCE",
                                 "MIRROR_PAD",
                                 "ABS",
                                 "SPLIT_V",
                                 "UNIQUE",
                                 "CEIL",
                                 "REVERSE_V2",
                                 "ADD_N",
                                 "GATHER_ND",
                                 "COS",
                                 "WHERE",
                                 "RANK",
                                 "ELU",
                                 "REVERSE_SEQUENCE",
                                 "MATRIX_DIAG",
                                 "QUANTIZE",
                                 "MATRIX_SET_DIAG",
                                 "ROUND",
                                 "HARD_SWISH",
                                 "IF",
                                 "WHILE",
                                 "NON_MAX_SUPPRESSION_V4",
                                 "NON_MAX_SUPPRESSION_V5",
                                 "SCATTER_ND",
                                 "SELECT_V2",
                                 "DENSIFY",
                                 "SEGMENT_SUM",
                                 "BATCH_MATMUL",
                                 "PLACEHOLDER_FOR_GREATER_OP_CODES",
                                 "CUMSUM",
                                 "CALL_ONCE",
                                 "BROADCAST_TO",
                                 "RFFT2D",
                                 "CONV_3D"};

} // namespace

std::string opName(std::int32_t code) {
    if (code >= 0 && static_cast<std::size_t>(code) < kOpNames.size())
        return kOpNames[static_cast<std::size_t>(code)];
    return "BUILTIN_" + std::to_string(code);
}

std::string typeName(std::int8_t type) {
    switch (type) {
    case kFloat32:
        return "FLOAT32";
    case kFloat16:
        return "FLOAT16";
    case kInt32:
        return "INT32";
    case kUInt8:
        return "UINT8";
    case kInt64:
        return "INT64";
    case kString:
        return "STRING";
    case kBool:
        return "BOOL";
    case kInt16:
        return "INT16";
    case kInt8:
        return "INT8";
    case kFloat64:
        return "FLOAT64";
    default:
        return "TYPE_" + std::to_string(type);
    }
}

int typeBytes(std::int8_t type) {
    switch (type) {
    case kBool:
    case kUInt8:
    case kInt8:
        return 1;
    case kFloat16:
    case kInt16:
        return 2;
    case kFloat32:
    case kInt32:
        return 4;
    case kInt64:
    case kFloat64:
        return 8;
    default:
        return 0;
    }
}

} // namespace tflite

std::string_view TfliteModel::bufferData(std::uint32_t index) const {
    if (index >= buffers.size())
        return {};
    const TfliteBuffer& b = buffers[index];
    return std::string_view(bytes).substr(b.offset, b.size);
}

bool TfliteModel::isConstant(const TfliteSubgraph& s, std::int32_t t) const {
    if (t < 0 || static_cast<std::size_t>(t) >= s.tensors.size())
        return false;
    return !bufferData(s.tensors[static_cast<std::size_t>(t)].buffer).empty();
}

} // namespace zipcnn
