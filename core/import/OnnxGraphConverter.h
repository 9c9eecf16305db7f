// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ModelImport.h"

#include <string>

namespace onnx {
class ModelProto;
}

namespace zipcnn {

/// Turns a parsed ONNX model into the engine's channels-last network: NCHW shapes become HWC,
/// Concat, Softmax and Flatten/Reshape follow; weights are counted from the initializers and
/// Constant nodes; QuantizeLinear/DequantizeLinear pairs are folded away (the graph is the float
/// ops between them) and the QLinear*/Integer ops map to the float layer they compute, the
/// quantisation being reported. Nodes the engine cannot cost are listed in one error naming
/// each (index, name, op_type), or become Unsupported placeholders with `keepUnsupported`.
/// `file` names the file in messages.
ImportResult convertOnnxModel(const onnx::ModelProto& model, const std::string& file,
                              const ImportOptions& options);

} // namespace zipcnn
