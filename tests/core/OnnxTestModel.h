// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small ONNX models built in memory with the protobuf classes, for the importer's tests: a
// builder for graphs, attribute setters, and the checks the tests share.
#include "analysis/NetworkAnalysis.h"
#include "core/TestSupport.h"
#include "import/OnnxImporter.h"

#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>
#include <string>
#include <vector>

namespace zipcnn::onnxtest {

using Dims = std::vector<std::int64_t>;

/// A model under construction: ir 7, the given opset, one graph.
struct Builder {
    onnx::ModelProto model;
    onnx::GraphProto* g;

    explicit Builder(int opset = 13) {
        model.set_ir_version(7);
        model.set_producer_name("zipcnn-test");
        auto* o = model.add_opset_import();
        o->set_domain("");
        o->set_version(opset);
        g = model.mutable_graph();
        g->set_name("test");
    }

    /// A graph input; -1 dimensions are symbolic ("N" for the first, "S<i>" for others).
    void input(const std::string& name, const Dims& dims, int type = onnx::TensorProto::FLOAT) {
        auto* vi = g->add_input();
        vi->set_name(name);
        auto* tt = vi->mutable_type()->mutable_tensor_type();
        tt->set_elem_type(type);
        for (std::size_t i = 0; i < dims.size(); ++i) {
            auto* d = tt->mutable_shape()->add_dim();
            if (dims[i] < 0)
                d->set_dim_param(i == 0 ? "N" : "S" + std::to_string(i));
            else
                d->set_dim_value(dims[i]);
        }
    }

    void output(const std::string& name) { g->add_output()->set_name(name); }

    /// An initializer of `dims` holding `values` (zeros when empty), in raw_data or the typed
    /// field.
    void init(const std::string& name, const Dims& dims, int type = onnx::TensorProto::FLOAT,
              bool raw = true, std::vector<double> values = {}) {
        auto* t = g->add_initializer();
        t->set_name(name);
        t->set_data_type(type);
        std::int64_t n = 1;
        for (auto d : dims) {
            t->add_dims(d);
            n *= d;
        }
        if (values.empty())
            values.assign(static_cast<std::size_t>(n), 0.0);
        if (raw) {
            std::string bytes;
            for (double v : values) {
                if (type == onnx::TensorProto::FLOAT) {
                    float f = static_cast<float>(v);
                    bytes.append(reinterpret_cast<const char*>(&f), 4);
                } else if (type == onnx::TensorProto::INT64) {
                    auto i = static_cast<std::int64_t>(v);
                    bytes.append(reinterpret_cast<const char*>(&i), 8);
                } else if (type == onnx::TensorProto::INT32) {
                    auto i = static_cast<std::int32_t>(v);
                    bytes.append(reinterpret_cast<const char*>(&i), 4);
                } else {
                    bytes.push_back(static_cast<char>(static_cast<int>(v)));
                }
            }
            t->set_raw_data(bytes);
        } else {
            for (double v : values) {
                if (type == onnx::TensorProto::FLOAT)
                    t->add_float_data(static_cast<float>(v));
                else if (type == onnx::TensorProto::INT64)
                    t->add_int64_data(static_cast<std::int64_t>(v));
                else
                    t->add_int32_data(static_cast<std::int32_t>(v));
            }
        }
    }

    onnx::NodeProto* node(const std::string& op, std::vector<std::string> inputs,
                          std::vector<std::string> outputs, const std::string& name = {}) {
        auto* n = g->add_node();
        n->set_op_type(op);
        n->set_name(name.empty() ? outputs.front() : name);
        for (auto& i : inputs)
            n->add_input(i);
        for (auto& o : outputs)
            n->add_output(o);
        return n;
    }

    std::string bytes() const { return model.SerializeAsString(); }
};

inline void ints(onnx::NodeProto* n, const std::string& name, const Dims& v) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (auto x : v)
        a->add_ints(x);
}
inline void intAttr(onnx::NodeProto* n, const std::string& name, std::int64_t v) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(v);
}
inline void floatAttr(onnx::NodeProto* n, const std::string& name, float v) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(v);
}

inline ImportResult import(const Builder& b, ImportOptions options = {}) {
    return importOnnxBytes(b.bytes(), "model.onnx", options);
}

inline const Layer& layerOfType(const Network& net, LayerType t, int nth = 0) {
    for (const auto& l : net.layers())
        if (l.type == t && nth-- == 0)
            return l;
    static Layer none;
    ADD_FAILURE() << "no layer of type " << layerTypeName(t);
    return none;
}

inline Shape outputShape(const Network& net) {
    Analysis a = analyze(net);
    EXPECT_TRUE(a.ok()) << testsupport::dump(a.diagnostics);
    const auto outs = net.outputs();
    EXPECT_EQ(outs.size(), 1u);
    return a.layers[*net.indexOf(outs.front())].outputShape;
}

} // namespace zipcnn::onnxtest
