// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/OnnxQuantization.h"

#include "import/OnnxConstant.h"

#include <onnx/onnx_pb.h>

namespace zipcnn {

namespace {

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s)
        out += (out.empty() ? "" : "/") + x;
    return out;
}

} // namespace

void OnnxQuantization::noteLinear(bool dequantize, const OnnxConstant* stored,
                                  const OnnxConstant* scale, const OnnxConstant* zeroPoint) {
    ++(dequantize ? dequantizeNodes_ : quantizeNodes_);
    // The zero point's type is the quantised type; without one ONNX means UINT8.
    const std::string qtype = zeroPoint ? OnnxConstant::typeName(zeroPoint->dataType) : "UINT8";
    if (stored && dequantize) {
        weightTypes_.insert(OnnxConstant::typeName(stored->dataType));
        ++(scale && scale->elements > 1 ? perChannelWeights_ : perTensorWeights_);
    } else if (!stored && !dequantize) {
        ++activationQuantize_;
        activationTypes_.insert(qtype);
    }
}

void OnnxQuantization::noteOperator(const std::string& opType) {
    ++operators_[opType];
}

void OnnxQuantization::noteOperatorTensors(const OnnxConstant* weight,
                                           const OnnxConstant* weightScale,
                                           const OnnxConstant* inputZeroPoint) {
    if (weight) {
        weightTypes_.insert(OnnxConstant::typeName(weight->dataType));
        ++(weightScale && weightScale->elements > 1 ? perChannelWeights_ : perTensorWeights_);
    }
    if (inputZeroPoint)
        activationTypes_.insert(OnnxConstant::typeName(inputZeroPoint->dataType));
}

std::string OnnxQuantization::describe() const {
    if (!any())
        return {};
    std::string out;
    if (quantizeNodes_ + dequantizeNodes_ > 0)
        out = "QDQ: " + std::to_string(quantizeNodes_) + " QuantizeLinear, " +
              std::to_string(dequantizeNodes_) + " DequantizeLinear";
    if (!operators_.empty()) {
        std::string ops;
        for (const auto& [op, n] : operators_)
            ops += (ops.empty() ? "" : ", ") + op + " x" + std::to_string(n);
        out += (out.empty() ? "" : "; ") + std::string("QOperator: ") + ops;
    }
    if (perChannelWeights_ + perTensorWeights_ > 0) {
        out += "; weights " + joined(weightTypes_);
        if (perChannelWeights_)
            out += " per-channel (" + std::to_string(perChannelWeights_) + " tensors)";
        if (perTensorWeights_)
            out += std::string(perChannelWeights_ ? "," : "") + " per-tensor (" +
                   std::to_string(perTensorWeights_) + " tensors)";
    }
    if (!activationTypes_.empty())
        out += "; activations " + joined(activationTypes_);
    else if (operators_.empty())
        out += "; activations float (weight-only quantisation)";
    return out;
}

void OnnxQuantization::fill(ImportReport& report) const {
    report.quantization = describe();
    auto eightBit = [](const std::set<std::string>& types) {
        for (const auto& t : types)
            if (t != "INT8" && t != "UINT8")
                return false;
        return true;
    };
    const bool quantisedActivations = !activationTypes_.empty() || !operators_.empty();
    report.baselineInt8 =
        any() && quantisedActivations && eightBit(weightTypes_) && eightBit(activationTypes_);
}

} // namespace zipcnn
