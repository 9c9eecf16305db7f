// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/TfliteReader.h"

#include "base/Utf8.h"

#include <flatbuffers/flatbuffers.h>
#include <limits>

namespace zipcnn {

namespace {

using flatbuffers::Offset;
using flatbuffers::String;
using flatbuffers::Table;
using flatbuffers::Vector;
using flatbuffers::voffset_t;

/// The vtable slot of field `id` (the generated code's VT_ constants follow the same rule).
constexpr voffset_t slot(int id) {
    return static_cast<voffset_t>(4 + 2 * id);
}

// Field ids of the TFLite schema's tables (version 3), in declaration order: facts of the
// format, as every TFLite reader in any language uses them. A union takes two ids (its type,
// then its value).
namespace field {
constexpr int kModelVersion = 0, kModelOperatorCodes = 1, kModelSubgraphs = 2,
              kModelDescription = 3, kModelBuffers = 4;
constexpr int kSubgraphTensors = 0, kSubgraphInputs = 1, kSubgraphOutputs = 2,
              kSubgraphOperators = 3, kSubgraphName = 4;
constexpr int kTensorShape = 0, kTensorType = 1, kTensorBuffer = 2, kTensorName = 3,
              kTensorQuantization = 4;
constexpr int kQuantScale = 2, kQuantZeroPoint = 3, kQuantDetailsType = 4, kQuantDimension = 6;
constexpr int kCodeDeprecated = 0, kCodeCustom = 1, kCodeVersion = 2, kCodeBuiltin = 3;
constexpr int kOpOpcodeIndex = 0, kOpInputs = 1, kOpOutputs = 2, kOpOptionsType = 3, kOpOptions = 4;
constexpr int kBufferData = 0, kBufferOffset = 1, kBufferSize = 2;
} // namespace field

using TableVector = Vector<Offset<Table>>;

/// Verifies, then reads, one table after another; the first failure stops everything and
/// names the place.
class Reader {
public:
    Reader(const std::string& bytes)
        : bytes_(bytes), data_(reinterpret_cast<const std::uint8_t*>(bytes.data())),
          verifier_(data_, bytes.size()) {}

    const std::string& error() const { return error_; }

    std::optional<TfliteModel> model() {
        const std::size_t root = verifier_.VerifyOffset(0);
        if (!root)
            return fail("model", "the root offset points outside the file");
        const Table* t = reinterpret_cast<const Table*>(data_ + root);
        if (!start(t, "model"))
            return std::nullopt;
        TfliteModel m;
        if (!scalar<std::uint32_t>(t, field::kModelVersion, "model.version"))
            return std::nullopt;
        m.version = t->GetField<std::uint32_t>(slot(field::kModelVersion), 0);
        if (!string(t, field::kModelDescription, "model.description", m.description))
            return std::nullopt;

        const TableVector* codes = tables(t, field::kModelOperatorCodes, "model.operator_codes");
        if (!ok_)
            return std::nullopt;
        for (flatbuffers::uoffset_t i = 0; codes && i < codes->size(); ++i) {
            auto c = operatorCode(codes->Get(i), at("model.operator_codes", i));
            if (!c)
                return std::nullopt;
            m.operatorCodes.push_back(std::move(*c));
        }
        const TableVector* buffers = tables(t, field::kModelBuffers, "model.buffers");
        if (!ok_)
            return std::nullopt;
        for (flatbuffers::uoffset_t i = 0; buffers && i < buffers->size(); ++i) {
            auto b = buffer(buffers->Get(i), at("model.buffers", i));
            if (!b)
                return std::nullopt;
            m.buffers.push_back(*b);
        }
        const TableVector* subgraphs = tables(t, field::kModelSubgraphs, "model.subgraphs");
        if (!ok_)
            return std::nullopt;
        for (flatbuffers::uoffset_t i = 0; subgraphs && i < subgraphs->size(); ++i) {
            auto s = subgraph(subgraphs->Get(i), at("model.subgraphs", i));
            if (!s)
                return std::nullopt;
            m.subgraphs.push_back(std::move(*s));
        }
        verifier_.EndTable();
        return m;
    }

private:
    static std::string at(const std::string& path, std::size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

    std::nullopt_t fail(const std::string& place, const std::string& cause) {
        if (ok_)
            error_ = cause + " (at " + place + ")";
        ok_ = false;
        return std::nullopt;
    }

    bool verifyFailed(const std::string& place) {
        fail(place, "the flatbuffer fails verification");
        return false;
    }

    bool start(const Table* t, const std::string& place) {
        if (!t->VerifyTableStart(verifier_))
            return verifyFailed(place);
        return true;
    }

    template <class T> bool scalar(const Table* t, int id, const std::string& place) {
        if (!t->VerifyField<T>(verifier_, slot(id), sizeof(T)))
            return verifyFailed(place);
        return true;
    }

    /// A vector of scalars, verified; nullptr when absent (ok_ says whether it failed).
    template <class T> const Vector<T>* vector(const Table* t, int id, const std::string& place) {
        if (!t->VerifyOffset(verifier_, slot(id))) {
            verifyFailed(place);
            return nullptr;
        }
        const auto* v = t->GetPointer<const Vector<T>*>(slot(id));
        if (!verifier_.VerifyVector(v)) {
            verifyFailed(place);
            return nullptr;
        }
        return v;
    }

    bool ints(const Table* t, int id, const std::string& place, std::vector<std::int32_t>& out) {
        const auto* v = vector<std::int32_t>(t, id, place);
        if (!ok_)
            return false;
        if (v)
            out.assign(v->begin(), v->end());
        return true;
    }

    const TableVector* tables(const Table* t, int id, const std::string& place) {
        return vector<Offset<Table>>(t, id, place);
    }

    const Table* subTable(const Table* t, int id, const std::string& place) {
        if (!t->VerifyOffset(verifier_, slot(id))) {
            verifyFailed(place);
            return nullptr;
        }
        return t->GetPointer<const Table*>(slot(id));
    }

    bool string(const Table* t, int id, const std::string& place, std::string& out) {
        if (!t->VerifyOffset(verifier_, slot(id)))
            return verifyFailed(place);
        const auto* s = t->GetPointer<const String*>(slot(id));
        if (!verifier_.VerifyString(s))
            return verifyFailed(place);
        if (s)
            out = escapeInvalidUtf8(s->str()); // names go into UTF-8 files and output
        return true;
    }

    std::optional<TfliteOperatorCode> operatorCode(const Table* t, const std::string& place) {
        if (!start(t, place) || !scalar<std::int8_t>(t, field::kCodeDeprecated, place) ||
            !scalar<std::int32_t>(t, field::kCodeVersion, place) ||
            !scalar<std::int32_t>(t, field::kCodeBuiltin, place))
            return std::nullopt;
        TfliteOperatorCode c;
        if (!string(t, field::kCodeCustom, place + ".custom_code", c.customCode))
            return std::nullopt;
        const std::int32_t deprecated = t->GetField<std::int8_t>(slot(field::kCodeDeprecated), 0);
        const std::int32_t builtin = t->GetField<std::int32_t>(slot(field::kCodeBuiltin), 0);
        // Files written before schema 3a only have the 8-bit code; newer ones put 127 there
        // (PLACEHOLDER_FOR_GREATER_OP_CODES) and the real code in the 32-bit field, or the same
        // code in both: the larger of the two is the operator.
        c.code = std::max(deprecated, builtin);
        if (c.code < 0)
            return fail(place, "operator code " + std::to_string(c.code) + " is negative");
        c.version = t->GetField<std::int32_t>(slot(field::kCodeVersion), 1);
        verifier_.EndTable();
        return c;
    }

    std::optional<TfliteBuffer> buffer(const Table* t, const std::string& place) {
        if (!start(t, place) || !scalar<std::uint64_t>(t, field::kBufferOffset, place) ||
            !scalar<std::uint64_t>(t, field::kBufferSize, place))
            return std::nullopt;
        const auto* data = vector<std::uint8_t>(t, field::kBufferData, place + ".data");
        if (!ok_)
            return std::nullopt;
        TfliteBuffer b;
        if (data && data->size() > 0) {
            b.offset = static_cast<std::size_t>(data->data() - data_);
            b.size = data->size();
        } else {
            // Models past 2 GB keep their data after the flatbuffer, at offset/size (1 is the
            // "not set" marker); the data must then lie inside the file.
            const std::uint64_t offset = t->GetField<std::uint64_t>(slot(field::kBufferOffset), 0);
            const std::uint64_t size = t->GetField<std::uint64_t>(slot(field::kBufferSize), 0);
            if (offset > 1) {
                if (offset > bytes_.size() || size > bytes_.size() - offset)
                    return fail(place, "buffer data at offset " + std::to_string(offset) + " (" +
                                           std::to_string(size) +
                                           " bytes) lies past the end of the file (" +
                                           std::to_string(bytes_.size()) + " bytes)");
                b.offset = static_cast<std::size_t>(offset);
                b.size = static_cast<std::size_t>(size);
            }
        }
        verifier_.EndTable();
        return b;
    }

    std::optional<TfliteQuantization> quantization(const Table* t, const std::string& place) {
        TfliteQuantization q;
        if (!t)
            return q;
        if (!start(t, place) || !scalar<std::uint8_t>(t, field::kQuantDetailsType, place) ||
            !scalar<std::int32_t>(t, field::kQuantDimension, place))
            return std::nullopt;
        const auto* scale = vector<float>(t, field::kQuantScale, place + ".scale");
        const auto* zero =
            ok_ ? vector<std::int64_t>(t, field::kQuantZeroPoint, place + ".zero_point") : nullptr;
        if (!ok_)
            return std::nullopt;
        // Only the counts are kept: the values themselves do not change a cost.
        q.scales = scale ? scale->size() : 0;
        q.zeroPoints = zero ? zero->size() : 0;
        q.hasDetails = t->GetField<std::uint8_t>(slot(field::kQuantDetailsType), 0) != 0;
        q.quantizedDimension = t->GetField<std::int32_t>(slot(field::kQuantDimension), 0);
        verifier_.EndTable();
        return q;
    }

    std::optional<TfliteTensor> tensor(const Table* t, const std::string& place) {
        if (!start(t, place) || !scalar<std::int8_t>(t, field::kTensorType, place) ||
            !scalar<std::uint32_t>(t, field::kTensorBuffer, place))
            return std::nullopt;
        TfliteTensor x;
        if (!ints(t, field::kTensorShape, place + ".shape", x.shape) ||
            !string(t, field::kTensorName, place + ".name", x.name))
            return std::nullopt;
        for (std::int32_t d : x.shape)
            if (d < 0)
                return fail(place + ".shape",
                            "tensor '" + x.name + "' has dimension " + std::to_string(d));
        x.type = t->GetField<std::int8_t>(slot(field::kTensorType), 0);
        x.buffer = t->GetField<std::uint32_t>(slot(field::kTensorBuffer), 0);
        const Table* q = subTable(t, field::kTensorQuantization, place + ".quantization");
        if (!ok_)
            return std::nullopt;
        auto quant = quantization(q, place + ".quantization");
        if (!quant)
            return std::nullopt;
        x.quantization = *quant;
        verifier_.EndTable();
        return x;
    }

    /// Decodes the builtin options of the types the importer maps; the others are skipped
    /// (never read, so never verified either).
    bool options(const Table* t, std::uint8_t type, const std::string& place, TfliteOptions& o) {
        if (!t)
            return true;
        auto i8 = [&](int id, std::int8_t& out) {
            if (!scalar<std::int8_t>(t, id, place))
                return false;
            out = t->GetField<std::int8_t>(slot(id), out);
            return true;
        };
        auto i32 = [&](int id, std::int32_t& out) {
            if (!scalar<std::int32_t>(t, id, place))
                return false;
            out = t->GetField<std::int32_t>(slot(id), out);
            return true;
        };
        auto flag = [&](int id, bool& out) {
            if (!scalar<std::uint8_t>(t, id, place))
                return false;
            out = t->GetField<std::uint8_t>(slot(id), 0) != 0;
            return true;
        };
        bool good = true;
        switch (type) {
        case tflite::kConv2DOptions:
            // padding, stride_w, stride_h, fused_activation_function, dilation_w, dilation_h
            o.strideW = o.strideH = 0;
            good = start(t, place) && i8(0, o.padding) && i32(1, o.strideW) && i32(2, o.strideH) &&
                   i8(3, o.activation) && i32(4, o.dilationW) && i32(5, o.dilationH);
            break;
        case tflite::kTransposeConvOptions:
            // padding, stride_w, stride_h, fused_activation_function (version 4 on)
            o.strideW = o.strideH = 0;
            good = start(t, place) && i8(0, o.padding) && i32(1, o.strideW) && i32(2, o.strideH) &&
                   i8(3, o.activation);
            break;
        case tflite::kDepthwiseConv2DOptions:
            // padding, stride_w, stride_h, depth_multiplier, fused_activation_function,
            // dilation_w, dilation_h
            o.strideW = o.strideH = 0;
            o.depthMultiplier = 0;
            good = start(t, place) && i8(0, o.padding) && i32(1, o.strideW) && i32(2, o.strideH) &&
                   i32(3, o.depthMultiplier) && i8(4, o.activation) && i32(5, o.dilationW) &&
                   i32(6, o.dilationH);
            break;
        case tflite::kPool2DOptions:
            // padding, stride_w, stride_h, filter_width, filter_height, fused_activation_function
            o.strideW = o.strideH = o.filterW = o.filterH = 0;
            good = start(t, place) && i8(0, o.padding) && i32(1, o.strideW) && i32(2, o.strideH) &&
                   i32(3, o.filterW) && i32(4, o.filterH) && i8(5, o.activation);
            break;
        case tflite::kFullyConnectedOptions:
            // fused_activation_function, weights_format, keep_num_dims
            good = start(t, place) && i8(0, o.activation) && flag(2, o.keepNumDims);
            break;
        case tflite::kSoftmaxOptions:
            good = start(t, place) && scalar<float>(t, 0, place);
            if (good)
                o.beta = t->GetField<float>(slot(0), 0.0f);
            break;
        case tflite::kConcatenationOptions:
            good = start(t, place) && i32(0, o.axis) && i8(1, o.activation);
            break;
        case tflite::kAddOptions:
        case tflite::kMulOptions:
        case tflite::kSubOptions:
            good = start(t, place) && i8(0, o.activation);
            break;
        case tflite::kLeakyReluOptions:
            good = start(t, place) && scalar<float>(t, 0, place);
            if (good)
                o.alpha = t->GetField<float>(slot(0), 0.0f);
            break;
        case tflite::kReshapeOptions:
            good = start(t, place) && ints(t, 0, place + ".new_shape", o.newShape);
            break;
        case tflite::kReducerOptions:
            good = start(t, place) && flag(0, o.keepDims);
            break;
        default:
            return true;
        }
        if (!good)
            return false;
        verifier_.EndTable();
        return true;
    }

    std::optional<TfliteOperator> op(const Table* t, const std::string& place) {
        if (!start(t, place) || !scalar<std::uint32_t>(t, field::kOpOpcodeIndex, place) ||
            !scalar<std::uint8_t>(t, field::kOpOptionsType, place))
            return std::nullopt;
        TfliteOperator o;
        if (!ints(t, field::kOpInputs, place + ".inputs", o.inputs) ||
            !ints(t, field::kOpOutputs, place + ".outputs", o.outputs))
            return std::nullopt;
        o.opcodeIndex = t->GetField<std::uint32_t>(slot(field::kOpOpcodeIndex), 0);
        o.optionsType = t->GetField<std::uint8_t>(slot(field::kOpOptionsType), 0);
        const Table* opts = subTable(t, field::kOpOptions, place + ".builtin_options");
        if (!ok_ || !options(opts, o.optionsType, place + ".builtin_options", o.options))
            return std::nullopt;
        verifier_.EndTable();
        return o;
    }

    std::optional<TfliteSubgraph> subgraph(const Table* t, const std::string& place) {
        if (!start(t, place))
            return std::nullopt;
        TfliteSubgraph s;
        if (!ints(t, field::kSubgraphInputs, place + ".inputs", s.inputs) ||
            !ints(t, field::kSubgraphOutputs, place + ".outputs", s.outputs) ||
            !string(t, field::kSubgraphName, place + ".name", s.name))
            return std::nullopt;
        const TableVector* tensors = tables(t, field::kSubgraphTensors, place + ".tensors");
        if (!ok_)
            return std::nullopt;
        for (flatbuffers::uoffset_t i = 0; tensors && i < tensors->size(); ++i) {
            auto x = tensor(tensors->Get(i), at(place + ".tensors", i));
            if (!x)
                return std::nullopt;
            s.tensors.push_back(std::move(*x));
        }
        const TableVector* ops = tables(t, field::kSubgraphOperators, place + ".operators");
        if (!ok_)
            return std::nullopt;
        for (flatbuffers::uoffset_t i = 0; ops && i < ops->size(); ++i) {
            auto o = op(ops->Get(i), at(place + ".operators", i));
            if (!o)
                return std::nullopt;
            s.operators.push_back(std::move(*o));
        }
        verifier_.EndTable();
        return s;
    }

    const std::string& bytes_;
    const std::uint8_t* data_;
    flatbuffers::Verifier verifier_;
    std::string error_;
    bool ok_ = true;
};

std::string indexError(const std::string& place, const std::string& what, std::int64_t index,
                       std::size_t count) {
    return what + " " + std::to_string(index) + " is out of range (" + std::to_string(count) +
           " in the file) (at " + place + ")";
}

/// What the verifier cannot know: that the indices point at something, and that a constant's
/// data fits its shape.
std::string checkIndices(const TfliteModel& m) {
    if (m.subgraphs.empty())
        return "the model has no subgraph (at model.subgraphs)";
    for (std::size_t si = 0; si < m.subgraphs.size(); ++si) {
        const TfliteSubgraph& s = m.subgraphs[si];
        const std::string sp = "model.subgraphs[" + std::to_string(si) + "]";
        const std::size_t nt = s.tensors.size();
        auto tensorOk = [&](std::int32_t t, bool optional) {
            return (optional && t == -1) || (t >= 0 && static_cast<std::size_t>(t) < nt);
        };
        for (std::size_t ti = 0; ti < nt; ++ti) {
            const TfliteTensor& x = s.tensors[ti];
            const std::string tp = sp + ".tensors[" + std::to_string(ti) + "]";
            if (x.buffer >= m.buffers.size() && !(x.buffer == 0 && m.buffers.empty()))
                return indexError(tp + ".buffer", "buffer", x.buffer, m.buffers.size());
            const std::size_t size = m.bufferData(x.buffer).size();
            const int bytes = tflite::typeBytes(x.type);
            if (size == 0 || bytes == 0)
                continue;
            // Elements times bytes, saturating: a shape too big for memory is not the data.
            std::uint64_t need = static_cast<std::uint64_t>(bytes);
            for (std::int32_t d : x.shape)
                need = d == 0 || need <= std::numeric_limits<std::uint64_t>::max() /
                                             static_cast<std::uint64_t>(d)
                           ? need * static_cast<std::uint64_t>(d)
                           : std::numeric_limits<std::uint64_t>::max();
            if (need != size)
                return "tensor '" + x.name + "' (" + tflite::typeName(x.type) + ") needs " +
                       std::to_string(need) + " bytes of data, its buffer " +
                       std::to_string(x.buffer) + " holds " + std::to_string(size) + " (at " + tp +
                       ")";
        }
        for (std::size_t i = 0; i < s.inputs.size(); ++i)
            if (!tensorOk(s.inputs[i], false))
                return indexError(sp + ".inputs[" + std::to_string(i) + "]", "tensor", s.inputs[i],
                                  nt);
        for (std::size_t i = 0; i < s.outputs.size(); ++i)
            if (!tensorOk(s.outputs[i], false))
                return indexError(sp + ".outputs[" + std::to_string(i) + "]", "tensor",
                                  s.outputs[i], nt);
        for (std::size_t oi = 0; oi < s.operators.size(); ++oi) {
            const TfliteOperator& o = s.operators[oi];
            const std::string op = sp + ".operators[" + std::to_string(oi) + "]";
            if (o.opcodeIndex >= m.operatorCodes.size())
                return indexError(op + ".opcode_index", "operator code", o.opcodeIndex,
                                  m.operatorCodes.size());
            for (std::size_t i = 0; i < o.inputs.size(); ++i)
                if (!tensorOk(o.inputs[i], true))
                    return indexError(op + ".inputs[" + std::to_string(i) + "]", "tensor",
                                      o.inputs[i], nt);
            for (std::size_t i = 0; i < o.outputs.size(); ++i)
                if (!tensorOk(o.outputs[i], false))
                    return indexError(op + ".outputs[" + std::to_string(i) + "]", "tensor",
                                      o.outputs[i], nt);
        }
    }
    return {};
}

} // namespace

bool hasTfliteIdentifier(const std::string& head) {
    return head.size() >= 8 && head.compare(4, 4, "TFL3") == 0;
}

TfliteReadResult readTflite(std::string bytes) {
    TfliteReadResult r;
    if (bytes.size() < 8) {
        r.error =
            "is too short for a TensorFlow Lite file (" + std::to_string(bytes.size()) + " bytes)";
        return r;
    }
    if (!hasTfliteIdentifier(bytes)) {
        r.error = "is not a TensorFlow Lite file: bytes 4..7 are not the 'TFL3' identifier";
        return r;
    }
    // The verifier's offsets are 32-bit: a flatbuffer cannot be larger.
    if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
        r.error = "is larger than a FlatBuffer can be (" + std::to_string(bytes.size()) + " bytes)";
        return r;
    }
    std::optional<TfliteModel> m;
    {
        Reader reader(bytes);
        m = reader.model();
        if (!m) {
            r.error = reader.error();
            return r;
        }
    }
    m->bytes = std::move(bytes);
    if (std::string e = checkIndices(*m); !e.empty()) {
        r.error = std::move(e);
        return r;
    }
    r.model = std::move(m);
    return r;
}

} // namespace zipcnn
