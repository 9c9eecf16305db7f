// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/OnnxConstant.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <onnx/onnx_pb.h>

namespace zipcnn {

namespace {

using TP = onnx::TensorProto;

/// Bytes per element in raw_data; 0 for types the importer does not decode (strings, complex).
int elementBytes(int t) {
    switch (t) {
    case TP::FLOAT:
    case TP::INT32:
    case TP::UINT32:
        return 4;
    case TP::UINT8:
    case TP::INT8:
    case TP::BOOL:
        return 1;
    case TP::UINT16:
    case TP::INT16:
    case TP::FLOAT16:
    case TP::BFLOAT16:
        return 2;
    case TP::INT64:
    case TP::UINT64:
    case TP::DOUBLE:
        return 8;
    default:
        return 0;
    }
}

double halfToDouble(std::uint16_t h) {
    const int exp = (h >> 10) & 0x1f;
    const int mant = h & 0x3ff;
    const double sign = (h & 0x8000) ? -1.0 : 1.0;
    if (exp == 0)
        return sign * std::ldexp(mant, -24);
    if (exp == 31)
        return mant ? std::numeric_limits<double>::quiet_NaN()
                    : sign * std::numeric_limits<double>::infinity();
    return sign * std::ldexp(mant + 1024, exp - 25);
}

/// One little-endian element of type `t` at `p` (ONNX stores raw_data little-endian).
double rawElement(int t, const unsigned char* p) {
    auto le = [p](int n) {
        std::uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i)
            v = (v << 8) | p[i];
        return v;
    };
    switch (t) {
    case TP::FLOAT: {
        const auto bits = static_cast<std::uint32_t>(le(4));
        float f;
        std::memcpy(&f, &bits, 4);
        return f;
    }
    case TP::DOUBLE: {
        const std::uint64_t bits = le(8);
        double d;
        std::memcpy(&d, &bits, 8);
        return d;
    }
    case TP::INT32:
        return static_cast<std::int32_t>(le(4));
    case TP::UINT32:
        return static_cast<double>(le(4));
    case TP::INT64:
        return static_cast<double>(static_cast<std::int64_t>(le(8)));
    case TP::UINT64:
        return static_cast<double>(le(8));
    case TP::INT8:
        return static_cast<std::int8_t>(p[0]);
    case TP::UINT8:
    case TP::BOOL:
        return p[0];
    case TP::INT16:
        return static_cast<std::int16_t>(le(2));
    case TP::UINT16:
        return static_cast<double>(le(2));
    case TP::FLOAT16:
        return halfToDouble(static_cast<std::uint16_t>(le(2)));
    case TP::BFLOAT16: {
        const auto bits = static_cast<std::uint32_t>(le(2)) << 16;
        float f;
        std::memcpy(&f, &bits, 4);
        return f;
    }
    default:
        return 0.0;
    }
}

} // namespace

std::string OnnxConstant::typeName(int t) {
    if (onnx::TensorProto_DataType_IsValid(t))
        return onnx::TensorProto_DataType_Name(static_cast<onnx::TensorProto_DataType>(t));
    return "type " + std::to_string(t);
}

bool OnnxConstant::isInteger8() const {
    return dataType == TP::INT8 || dataType == TP::UINT8;
}

std::optional<std::vector<std::int64_t>> OnnxConstant::integers() const {
    if (!values)
        return std::nullopt;
    std::vector<std::int64_t> out;
    out.reserve(values->size());
    for (double v : *values) {
        if (!std::isfinite(v) || std::fabs(v) > 9.2e18)
            return std::nullopt;
        out.push_back(static_cast<std::int64_t>(v));
    }
    return out;
}

std::optional<OnnxConstant> OnnxConstant::fromTensor(const onnx::TensorProto& t,
                                                     std::string& error) {
    OnnxConstant c;
    c.dataType = t.data_type();
    for (auto d : t.dims()) {
        if (d < 0) {
            error = "dimension " + std::to_string(d) + " is negative";
            return std::nullopt;
        }
        c.dims.push_back(d);
        if (d != 0 && c.elements > std::numeric_limits<std::int64_t>::max() / d) {
            error = "its dimensions overflow 64 bits";
            return std::nullopt;
        }
        c.elements *= d;
    }
    if (t.data_location() == TP::EXTERNAL) {
        // The data sits in a file beside the model: the count is the shape's; small values
        // (shapes, bounds) are not read from there.
        return c;
    }
    const bool decode = c.elements <= kMaxDecoded;
    if (t.has_raw_data()) {
        const int bytes = elementBytes(c.dataType);
        if (bytes == 0) {
            error = "raw_data of type " + typeName(c.dataType) + " is not read";
            return std::nullopt;
        }
        const auto want =
            static_cast<std::uint64_t>(c.elements) * static_cast<std::uint64_t>(bytes);
        if (t.raw_data().size() != want) {
            error = "raw_data holds " + std::to_string(t.raw_data().size()) + " bytes, " +
                    std::to_string(c.elements) + " x " + std::to_string(bytes) + " bytes expected";
            return std::nullopt;
        }
        if (decode) {
            std::vector<double> v(static_cast<std::size_t>(c.elements));
            const auto* p = reinterpret_cast<const unsigned char*>(t.raw_data().data());
            for (std::size_t i = 0; i < v.size(); ++i)
                v[i] = rawElement(c.dataType, p + i * static_cast<std::size_t>(bytes));
            c.values = std::move(v);
        }
        return c;
    }
    // Typed fields: which one depends on the type (int8/uint8/int16/bool/float16 sit in
    // int32_data, float16 as its bit pattern).
    std::int64_t count = 0;
    std::vector<double> v;
    switch (c.dataType) {
    case TP::FLOAT:
        count = t.float_data_size();
        if (decode)
            v.assign(t.float_data().begin(), t.float_data().end());
        break;
    case TP::DOUBLE:
        count = t.double_data_size();
        if (decode)
            v.assign(t.double_data().begin(), t.double_data().end());
        break;
    case TP::INT64:
        count = t.int64_data_size();
        if (decode)
            for (auto x : t.int64_data())
                v.push_back(static_cast<double>(x));
        break;
    case TP::UINT32:
    case TP::UINT64:
        count = t.uint64_data_size();
        if (decode)
            for (auto x : t.uint64_data())
                v.push_back(static_cast<double>(x));
        break;
    case TP::INT32:
    case TP::INT8:
    case TP::UINT8:
    case TP::INT16:
    case TP::UINT16:
    case TP::BOOL:
    case TP::FLOAT16:
    case TP::BFLOAT16:
        count = t.int32_data_size();
        if (decode)
            for (auto x : t.int32_data())
                v.push_back(c.dataType == TP::FLOAT16 ? halfToDouble(static_cast<std::uint16_t>(x))
                                                      : static_cast<double>(x));
        break;
    case TP::STRING:
        count = t.string_data_size();
        break;
    default:
        error = "data of type " + typeName(c.dataType) + " is not read";
        return std::nullopt;
    }
    if (count != c.elements) {
        error = "holds " + std::to_string(count) + " values for its " + std::to_string(c.elements) +
                " elements";
        return std::nullopt;
    }
    if (decode && c.dataType != TP::STRING)
        c.values = std::move(v);
    return c;
}

} // namespace zipcnn
