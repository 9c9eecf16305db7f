// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
}

namespace zipcnn {

/// A constant tensor of an ONNX graph (an initializer, a Constant node's value, or one folded
/// from them: a reshaped or dequantised weight), as the importer needs it: its shape and type,
/// its element count, and its values when it is small (shapes, pads, clip bounds, scales).
class OnnxConstant {
public:
    /// Constants with more elements than this keep their count only: weights are counted,
    /// never read.
    static constexpr std::int64_t kMaxDecoded = 4096;

    std::vector<std::int64_t> dims;
    int dataType = 0;          ///< onnx::TensorProto::DataType
    std::int64_t elements = 1; ///< product of `dims` (1 for a scalar)
    /// The values as numbers when `elements <= kMaxDecoded` and the data is in the file.
    std::optional<std::vector<double>> values;
    /// A weight read through a DequantizeLinear: how many scales it has (1 per tensor, one per
    /// output channel); 0 for a constant stored as it is used.
    std::int64_t quantScales = 0;

    /// Reads `tensor`: checks that its data (raw_data or the typed field, or an external file
    /// it names) holds exactly its element count; on failure returns nullopt and says why in
    /// `error` ("raw_data holds 10 bytes, 4 x 4 bytes expected").
    static std::optional<OnnxConstant> fromTensor(const onnx::TensorProto& tensor,
                                                  std::string& error);

    /// The values as integers (nullopt when not decoded).
    std::optional<std::vector<std::int64_t>> integers() const;
    /// "INT8", "FLOAT"... for messages and the quantisation summary.
    static std::string typeName(int dataType);
    bool isInteger8() const; ///< INT8 or UINT8
};

} // namespace zipcnn
