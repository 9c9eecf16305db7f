// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/OnnxImporter.h"

#include "base/Utf8.h"
#include "import/OnnxGraphConverter.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <google/protobuf/io/coded_stream.h>
#include <onnx/onnx_pb.h>

namespace zipcnn {

namespace {

/// Escapes the bytes of every string field of `m` (and of its messages) that are not UTF-8.
void escapeInvalidUtf8Strings(google::protobuf::Message& m) {
    using google::protobuf::FieldDescriptor;
    const auto* d = m.GetDescriptor();
    const auto* r = m.GetReflection();
    for (int i = 0; i < d->field_count(); ++i) {
        const FieldDescriptor* f = d->field(i);
        if (f->type() == FieldDescriptor::TYPE_STRING) {
            if (f->is_repeated()) {
                for (int k = 0; k < r->FieldSize(m, f); ++k)
                    if (const std::string s = r->GetRepeatedString(m, f, k); !isUtf8(s))
                        r->SetRepeatedString(&m, f, k, escapeInvalidUtf8(s));
            } else if (r->HasField(m, f)) {
                if (const std::string s = r->GetString(m, f); !isUtf8(s))
                    r->SetString(&m, f, escapeInvalidUtf8(s));
            }
        } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
            if (f->is_repeated()) {
                for (int k = 0; k < r->FieldSize(m, f); ++k)
                    escapeInvalidUtf8Strings(*r->MutableRepeatedMessage(&m, f, k));
            } else if (r->HasField(m, f)) {
                escapeInvalidUtf8Strings(*r->MutableMessage(&m, f));
            }
        }
    }
}

ImportResult failure(const std::string& code, const std::string& message, const std::string& file) {
    ImportResult r;
    r.report.importer = "onnx";
    Diagnostic d = makeError(code, message);
    d.file = file;
    r.diagnostics.push_back(std::move(d));
    return r;
}

/// Reads a varint at `p`; false when it runs past `end` or over 10 bytes.
bool varint(const unsigned char*& p, const unsigned char* end, std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 70 && p < end; shift += 7) {
        const unsigned char b = *p++;
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80))
            return true;
    }
    return false;
}

/// ModelProto's field numbers and their wire types (0 varint, 2 length-delimited).
int modelFieldWireType(std::uint64_t field) {
    switch (field) {
    case 1: // ir_version
    case 5: // model_version
        return 0;
    case 2:  // producer_name
    case 3:  // producer_version
    case 4:  // domain
    case 6:  // doc_string
    case 7:  // graph
    case 8:  // opset_import
    case 14: // metadata_props
    case 20: // training_info
    case 25: // functions
        return 2;
    default:
        return -1;
    }
}

} // namespace

bool looksLikeOnnx(const std::string& head) {
    const auto* p = reinterpret_cast<const unsigned char*>(head.data());
    const auto* end = p + head.size();
    if (head.size() < 2 || p[0] != 0x08)
        return false;
    bool first = true;
    while (p < end) {
        std::uint64_t tag = 0;
        if (!varint(p, end, tag))
            return !first; // cut by the end of the head
        const std::uint64_t field = tag >> 3;
        const int wire = static_cast<int>(tag & 7);
        if (modelFieldWireType(field) != wire)
            return false;
        std::uint64_t v = 0;
        if (!varint(p, end, v))
            return !first;
        if (first) {
            // ir_version: 1 (2017) to a few dozen.
            if (v < 1 || v > 64)
                return false;
            first = false;
        }
        if (wire == 2) {
            if (v > static_cast<std::uint64_t>(kOnnxMaxFileBytes))
                return false;
            if (v >= static_cast<std::uint64_t>(end - p))
                return true; // the field runs past the head: what was seen was right
            p += v;
        }
    }
    return !first;
}

ImportResult importOnnxBytes(const std::string& bytes, const std::string& file,
                             const ImportOptions& options) {
    if (bytes.empty())
        return failure("onnx-parse-error", "the file is empty", file);
    if (bytes.size() > kOnnxMaxFileBytes)
        return failure("onnx-too-large",
                       "the file is " + std::to_string(bytes.size() >> 20) +
                           " MiB, over the importer's limit of " +
                           std::to_string(kOnnxMaxFileBytes >> 20) + " MiB",
                       file);
    onnx::ModelProto model;
    google::protobuf::io::CodedInputStream stream(
        reinterpret_cast<const std::uint8_t*>(bytes.data()), static_cast<int>(bytes.size()));
    stream.SetTotalBytesLimit(static_cast<int>(kOnnxMaxFileBytes));
    stream.SetRecursionLimit(64);
    if (!model.ParseFromCodedStream(&stream) || !stream.ConsumedEntireMessage())
        return failure("onnx-parse-error",
                       "not a valid ONNX protobuf (truncated or corrupted: the protobuf parser "
                       "stopped at byte " +
                           std::to_string(stream.CurrentPosition()) + " of " +
                           std::to_string(bytes.size()) + ")",
                       file);
    // Names go into network files and JSON output, which must be UTF-8 (proto2 strings are
    // not checked by the parser).
    escapeInvalidUtf8Strings(model);
    if (model.ir_version() <= 0 || !model.has_graph())
        return failure("onnx-parse-error",
                       "parses as protobuf but is not an ONNX model (no ir_version or no graph)",
                       file);
    return convertOnnxModel(model, file, options);
}

ImportResult importOnnxFile(const std::string& path, const ImportOptions& options) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        return failure("onnx-unreadable", std::string("cannot be opened: ") + std::strerror(errno),
                       path);
    const std::streamoff size = in.tellg();
    if (size < 0)
        return failure("onnx-unreadable", "its size cannot be read", path);
    if (static_cast<std::uint64_t>(size) > kOnnxMaxFileBytes)
        return failure("onnx-too-large",
                       "the file is " + std::to_string(size >> 20) +
                           " MiB, over the importer's limit of " +
                           std::to_string(kOnnxMaxFileBytes >> 20) + " MiB",
                       path);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    in.read(bytes.data(), size);
    if (in.gcount() != size)
        return failure("onnx-unreadable", "could not be read whole", path);
    return importOnnxBytes(bytes, path, options);
}

Importer onnxImporter() {
    Importer i;
    i.name = "onnx";
    i.description = "ONNX model (.onnx): float, QDQ and QOperator (QLinear*, *Integer) graphs";
    i.patterns = {"*.onnx"};
    i.capabilities.graph = true;
    i.capabilities.weightShapes = true;
    i.capabilities.unsupportedLayers = true;
    i.sniff = looksLikeOnnx;
    i.import = importOnnxFile;
    return i;
}

} // namespace zipcnn
