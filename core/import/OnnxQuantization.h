// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ModelImport.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace zipcnn {

class OnnxConstant;

/// What an ONNX graph says about its quantisation, gathered node by node: the QDQ form
/// (QuantizeLinear/DequantizeLinear around float ops) and the QOperator form (QLinearConv,
/// ConvInteger, com.microsoft QLinearAdd...); weights per tensor or per channel, 8-bit signed
/// or unsigned. The graph itself is the float ops either way.
class OnnxQuantization {
public:
    /// A QuantizeLinear (`dequantize` false) or DequantizeLinear node: `stored` is its input
    /// when that is a constant (a quantised weight), `scale` and `zeroPoint` its parameters.
    void noteLinear(bool dequantize, const OnnxConstant* stored, const OnnxConstant* scale,
                    const OnnxConstant* zeroPoint);
    /// A QOperator node (QLinearConv, MatMulInteger, QLinearAdd...).
    void noteOperator(const std::string& opType);
    /// The tensors of a QOperator conv or matmul: its stored `weight`, the weight's scale
    /// (nullptr: none, per tensor) and the input's zero point (its type is the activations').
    void noteOperatorTensors(const OnnxConstant* weight, const OnnxConstant* weightScale,
                             const OnnxConstant* inputZeroPoint);

    bool any() const { return quantizeNodes_ + dequantizeNodes_ + operators_.size() > 0; }
    /// "QDQ: 3 QuantizeLinear, 5 DequantizeLinear; weights INT8 per-channel (2 tensors);
    /// activations UINT8" (empty when the graph is float).
    std::string describe() const;
    /// Sets `quantization` and `baselineInt8` (8-bit weights and 8-bit activations).
    void fill(ImportReport& report) const;

private:
    int quantizeNodes_ = 0;
    int dequantizeNodes_ = 0;
    int perChannelWeights_ = 0;
    int perTensorWeights_ = 0;
    int activationQuantize_ = 0; ///< QuantizeLinear on computed tensors
    std::set<std::string> weightTypes_;
    std::set<std::string> activationTypes_;
    std::map<std::string, int> operators_;
};

} // namespace zipcnn
