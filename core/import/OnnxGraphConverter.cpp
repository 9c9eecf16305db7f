// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/OnnxGraphConverter.h"

#include "import/OnnxConverter.h"

namespace zipcnn {

ImportResult convertOnnxModel(const onnx::ModelProto& model, const std::string& file,
                              const ImportOptions& options) {
    if (!model.has_graph()) {
        ImportResult r;
        r.report.importer = "onnx";
        Diagnostic d = makeError("onnx-no-graph", "the ONNX model holds no graph");
        d.file = file;
        r.diagnostics.push_back(std::move(d));
        return r;
    }
    return onnxconv::OnnxConverter(model, file, options).run();
}

} // namespace zipcnn
