// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Writes small TensorFlow Lite files for the importer's tests (and the fuzzer's seeds) with
// flatbuffers::FlatBufferBuilder and the tables' field ids, the way the importer reads them:
// no TFLite schema or generated code is involved.

#include <cstdint>
#include <cstring>
#include <flatbuffers/flatbuffers.h>
#include <string>
#include <vector>

namespace zipcnn::test {

class TfliteTestModel {
public:
    /// One field of an options table: its id and value.
    struct Field {
        enum Kind { I8, I32, Bool, F32, IntVector } kind = I32;
        int id = 0;
        std::int64_t value = 0;
        float real = 0.0f;
        std::vector<std::int32_t> ints = {};
    };

    struct Tensor {
        std::vector<std::int32_t> shape;
        std::int8_t type = 0; // FLOAT32
        std::string name;
        std::vector<std::uint8_t> data; // empty: computed at run time
        std::vector<float> scales;      // quantisation; empty: none
        int quantizedDimension = 0;
    };

    struct Op {
        std::int32_t code = 0;
        std::string customCode;
        std::vector<std::int32_t> inputs, outputs;
        std::uint8_t optionsType = 0;
        std::vector<Field> options;
    };

    std::vector<Tensor> tensors;
    std::vector<Op> ops;
    std::vector<std::int32_t> inputs, outputs;
    std::uint32_t version = 3;
    /// Write operator codes the old way: the code in deprecated_builtin_code only.
    bool deprecatedCodesOnly = false;
    /// Extra operator-code table fields, to test the rule code = max(deprecated, builtin).
    std::vector<std::pair<std::int8_t, std::int32_t>> rawCodes; // (deprecated, builtin)
    /// An opcode_index to write instead of the real one for operator `badOpcodeOp` (>= 0).
    int badOpcodeOp = -1;
    std::uint32_t badOpcodeIndex = 0;
    /// A buffer index to write instead of the real one for tensor `badBufferTensor` (>= 0).
    int badBufferTensor = -1;
    std::uint32_t badBuffer = 0;

    static int bytesOf(std::int8_t type) {
        switch (type) {
        case 9:
        case 3:
            return 1; // INT8, UINT8
        case 7:
            return 2; // INT16
        case 4:
            return 8; // INT64
        default:
            return 4; // FLOAT32, INT32
        }
    }

    int tensor(std::vector<std::int32_t> shape, std::int8_t type = 0, std::string name = {}) {
        Tensor t;
        t.shape = std::move(shape);
        t.type = type;
        t.name = name.empty() ? "t" + std::to_string(tensors.size()) : std::move(name);
        tensors.push_back(std::move(t));
        return static_cast<int>(tensors.size()) - 1;
    }

    /// A stored tensor filled with zeros.
    int constant(std::vector<std::int32_t> shape, std::int8_t type = 0, std::string name = {}) {
        const int t = tensor(shape, type, std::move(name));
        std::size_t n = 1;
        for (auto d : shape)
            n *= static_cast<std::size_t>(d);
        tensors[static_cast<std::size_t>(t)].data.assign(
            n * static_cast<std::size_t>(bytesOf(type)), 0);
        return t;
    }

    /// A stored INT32 tensor holding `values`.
    int ints(std::vector<std::int32_t> shape, const std::vector<std::int32_t>& values) {
        const int t = tensor(std::move(shape), 2);
        auto& d = tensors[static_cast<std::size_t>(t)].data;
        for (std::int32_t v : values) {
            std::uint8_t b[4];
            std::memcpy(b, &v, 4);
            d.insert(d.end(), b, b + 4);
        }
        return t;
    }

    void quantize(int t, std::size_t scales, int dimension = 0) {
        tensors[static_cast<std::size_t>(t)].scales.assign(scales, 0.05f);
        tensors[static_cast<std::size_t>(t)].quantizedDimension = dimension;
    }

    void op(std::int32_t code, std::vector<std::int32_t> in, std::vector<std::int32_t> out,
            std::uint8_t optionsType = 0, std::vector<Field> options = {},
            std::string customCode = {}) {
        ops.push_back({code, std::move(customCode), std::move(in), std::move(out), optionsType,
                       std::move(options)});
    }

    // Options tables (field ids of the schema).
    static std::vector<Field> conv(int padding, int strideW, int strideH, int act, int dilW = 1,
                                   int dilH = 1) {
        return {{Field::I8, 0, padding}, {Field::I32, 1, strideW}, {Field::I32, 2, strideH},
                {Field::I8, 3, act},     {Field::I32, 4, dilW},    {Field::I32, 5, dilH}};
    }
    static std::vector<Field> depthwise(int padding, int strideW, int strideH, int multiplier,
                                        int act) {
        return {{Field::I8, 0, padding},
                {Field::I32, 1, strideW},
                {Field::I32, 2, strideH},
                {Field::I32, 3, multiplier},
                {Field::I8, 4, act}};
    }
    static std::vector<Field> pool(int padding, int stride, int filter, int act = 0) {
        return {{Field::I8, 0, padding}, {Field::I32, 1, stride}, {Field::I32, 2, stride},
                {Field::I32, 3, filter}, {Field::I32, 4, filter}, {Field::I8, 5, act}};
    }
    static std::vector<Field> activationOnly(int act) { return {{Field::I8, 0, act}}; }
    static std::vector<Field> concatenation(int axis, int act = 0) {
        return {{Field::I32, 0, axis}, {Field::I8, 1, act}};
    }
    static std::vector<Field> reducer(bool keepDims) { return {{Field::Bool, 0, keepDims}}; }

    std::string bytes() const {
        using namespace flatbuffers;
        FlatBufferBuilder b;
        auto slot = [](int id) { return static_cast<voffset_t>(4 + 2 * id); };

        // Buffers: 0 is the empty sentinel, then one per stored tensor.
        std::vector<Offset<void>> buffers;
        std::vector<std::uint32_t> bufferOf(tensors.size(), 0);
        {
            auto start = b.StartTable();
            buffers.push_back(Offset<void>(b.EndTable(start)));
        }
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            if (tensors[i].data.empty())
                continue;
            b.ForceVectorAlignment(tensors[i].data.size(), 1, 16);
            auto data = b.CreateVector(tensors[i].data);
            auto start = b.StartTable();
            b.AddOffset(slot(0), data);
            bufferOf[i] = static_cast<std::uint32_t>(buffers.size());
            buffers.push_back(Offset<void>(b.EndTable(start)));
        }

        std::vector<Offset<void>> tensorTables;
        for (std::size_t i = 0; i < tensors.size(); ++i) {
            const Tensor& t = tensors[i];
            auto shape = b.CreateVector(t.shape);
            auto name = b.CreateString(t.name);
            Offset<void> quant;
            if (!t.scales.empty()) {
                auto scale = b.CreateVector(t.scales);
                auto zero = b.CreateVector(std::vector<std::int64_t>(t.scales.size(), 0));
                auto qs = b.StartTable();
                b.AddOffset(slot(2), scale);
                b.AddOffset(slot(3), zero);
                b.AddElement<std::int32_t>(slot(6), t.quantizedDimension, 0);
                quant = Offset<void>(b.EndTable(qs));
            }
            auto start = b.StartTable();
            b.AddOffset(slot(0), shape);
            b.AddElement<std::int8_t>(slot(1), t.type, 0);
            b.AddElement<std::uint32_t>(
                slot(2), static_cast<int>(i) == badBufferTensor ? badBuffer : bufferOf[i], 0);
            b.AddOffset(slot(3), name);
            if (!t.scales.empty())
                b.AddOffset(slot(4), quant);
            tensorTables.push_back(Offset<void>(b.EndTable(start)));
        }

        // Operator codes: one per distinct (code, custom code), in order of first use.
        std::vector<std::pair<std::int32_t, std::string>> codes;
        std::vector<std::uint32_t> opcodeOf;
        for (const Op& o : ops) {
            std::size_t k = 0;
            while (k < codes.size() &&
                   !(codes[k].first == o.code && codes[k].second == o.customCode))
                ++k;
            if (k == codes.size())
                codes.emplace_back(o.code, o.customCode);
            opcodeOf.push_back(static_cast<std::uint32_t>(k));
        }
        std::vector<Offset<void>> codeTables;
        auto codeTable = [&](std::int8_t deprecated, std::int32_t builtin,
                             const std::string& custom) {
            Offset<String> c;
            if (!custom.empty())
                c = b.CreateString(custom);
            auto start = b.StartTable();
            b.AddElement<std::int8_t>(slot(0), deprecated, 0);
            if (!custom.empty())
                b.AddOffset(slot(1), c);
            b.AddElement<std::int32_t>(slot(2), 1, 1);
            b.AddElement<std::int32_t>(slot(3), builtin, 0);
            codeTables.push_back(Offset<void>(b.EndTable(start)));
        };
        for (const auto& [code, custom] : codes) {
            if (deprecatedCodesOnly)
                codeTable(static_cast<std::int8_t>(code), 0, custom);
            else
                codeTable(static_cast<std::int8_t>(code < 127 ? code : 127), code, custom);
        }
        for (const auto& [deprecated, builtin] : rawCodes)
            codeTable(deprecated, builtin, {});

        std::vector<Offset<void>> opTables;
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const Op& o = ops[i];
            auto in = b.CreateVector(o.inputs);
            auto out = b.CreateVector(o.outputs);
            Offset<void> options;
            if (o.optionsType != 0) {
                std::vector<std::pair<int, Offset<void>>> vectors;
                for (const Field& f : o.options)
                    if (f.kind == Field::IntVector)
                        vectors.emplace_back(f.id, Offset<void>(b.CreateVector(f.ints).o));
                auto start = b.StartTable();
                for (const Field& f : o.options) {
                    switch (f.kind) {
                    case Field::I8:
                        b.AddElement<std::int8_t>(slot(f.id), static_cast<std::int8_t>(f.value));
                        break;
                    case Field::I32:
                        b.AddElement<std::int32_t>(slot(f.id), static_cast<std::int32_t>(f.value));
                        break;
                    case Field::Bool:
                        b.AddElement<std::uint8_t>(slot(f.id), static_cast<std::uint8_t>(f.value));
                        break;
                    case Field::F32:
                        b.AddElement<float>(slot(f.id), f.real);
                        break;
                    case Field::IntVector:
                        break;
                    }
                }
                for (const auto& [id, v] : vectors)
                    b.AddOffset(slot(id), v);
                options = Offset<void>(b.EndTable(start));
            }
            auto start = b.StartTable();
            const std::uint32_t index =
                static_cast<int>(i) == badOpcodeOp ? badOpcodeIndex : opcodeOf[i];
            b.AddElement<std::uint32_t>(slot(0), index, 0);
            b.AddOffset(slot(1), in);
            b.AddOffset(slot(2), out);
            if (o.optionsType != 0) {
                b.AddElement<std::uint8_t>(slot(3), o.optionsType, 0);
                b.AddOffset(slot(4), options);
            }
            opTables.push_back(Offset<void>(b.EndTable(start)));
        }

        auto tensorVec = b.CreateVector(tensorTables);
        auto inVec = b.CreateVector(inputs);
        auto outVec = b.CreateVector(outputs);
        auto opVec = b.CreateVector(opTables);
        auto sgName = b.CreateString("main");
        auto sgStart = b.StartTable();
        b.AddOffset(slot(0), tensorVec);
        b.AddOffset(slot(1), inVec);
        b.AddOffset(slot(2), outVec);
        b.AddOffset(slot(3), opVec);
        b.AddOffset(slot(4), sgName);
        std::vector<Offset<void>> subgraphs{Offset<void>(b.EndTable(sgStart))};

        auto codeVec = b.CreateVector(codeTables);
        auto sgVec = b.CreateVector(subgraphs);
        auto description = b.CreateString("zipcnn test model");
        auto bufVec = b.CreateVector(buffers);
        auto root = b.StartTable();
        b.AddElement<std::uint32_t>(slot(0), version, 0);
        b.AddOffset(slot(1), codeVec);
        b.AddOffset(slot(2), sgVec);
        b.AddOffset(slot(3), description);
        b.AddOffset(slot(4), bufVec);
        b.Finish(Offset<void>(b.EndTable(root)), "TFL3");
        return std::string(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
    }
};

} // namespace zipcnn::test
