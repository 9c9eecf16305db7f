// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "model/DataType.h"
#include "model/Network.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace zipcnn {

/// Code-size model of the Flash estimate: a runtime base, plus a size per distinct primitive
/// kind the network uses (`primitiveKind()`), plus the constant tables some kinds read.
/// See `docs/memory-model.md` for the meaning and provenance of the default values.
struct CodeSizeParams {
    std::int64_t runtimeBaseBytes = 0;
    /// Primitive kind ("conv2d", "fc", "sigmoid"...) -> bytes of code, counted once per kind used.
    std::map<std::string, std::int64_t> perPrimitiveKindBytes;
    /// Primitive kind -> bytes of its constant table in this format (e.g. the sigmoid's
    /// 1024-entry look-up table, 1024 x bytes per value), counted once per kind used.
    std::map<std::string, std::int64_t> perKindTableBytes;
    bool calibrated = false; ///< true once fitted by the calibration on measured Flash
    std::string source;      ///< where the numbers come from
};

/// The default code-size parameters for `format`: a first fit on thesis Tables 4.4, 4.10 and
/// 4.17 (LeNet5), not yet the calibration's fit (`calibrated` is false).
CodeSizeParams defaultCodeSizeParams(DType format);

/// Flash needed by a network: weights (with INT8 biases and quantisation parameters) + code.
struct FlashEstimate {
    std::int64_t weightsBytes = 0;
    std::int64_t codeBytes = 0;
    std::int64_t flashBytes = 0; ///< weightsBytes + codeBytes
    /// What the code part is made of, in a stable order: "runtime", then one entry per primitive
    /// kind used ("conv2d"...), then one per table ("sigmoid table").
    std::vector<std::pair<std::string, std::int64_t>> codeParts;
    Diagnostics diagnostics; ///< layers left out, primitive kinds without a code size
};

/// Estimates the Flash of `net` in `format`. FP32 stores every parameter in 4 bytes. INT8 stores
/// weights in 1 byte, conv/dense biases in 4 (int32), folds a BatchNormalization that directly
/// follows a conv or dense layer into it, and adds per-tensor quantisation parameters
/// (`docs/memory-model.md`).
FlashEstimate estimateFlash(const Network& net, const Analysis& analysis,
                            const Decomposition& decomposition, DType format,
                            const CodeSizeParams& code);

/// One compute layer of the thesis RAM rule.
struct RamRuleLayer {
    std::string name;
    std::int64_t inElems = 0; ///< elements of its inputs, the network input counting 0
    std::int64_t outElems = 0;
    std::int64_t bytes = 0; ///< (inElems + outElems) x bytes per value
};

/// RAM by the thesis rule (estimation-model.md section 4): the largest (inputs + output) of one
/// compute layer.
struct RamRuleEstimate {
    std::int64_t peakBytes = 0;
    std::string peakLayer;            ///< first layer reaching the peak; empty if there is none
    std::vector<RamRuleLayer> layers; ///< compute layers in topological order
    Diagnostics diagnostics;          ///< layers left out because their shape is unknown
};

/// Applies the thesis RAM rule. Compute layers are convolutions, Dense, pooling (global too),
/// Add, Multiply, Concatenate, UpSampling2D and ZeroPadding2D; the BatchNormalization,
/// Activation, Dropout, Flatten and Reshape layers after one are fused into it and not counted.
/// A Dense layer with `inputUnits` set reads that many values per vector (the thesis's pruned
/// LeNet5 keeps 400 inputs, Table 4.18).
RamRuleEstimate ramByThesisRule(const Network& net, const Analysis& analysis, DType format);

} // namespace zipcnn
