// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/KerasConfigParser.h"

#include "analysis/NetworkAnalysis.h"
#include "base/JsonReader.h"
#include "model/NetworkBuilder.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace zipcnn {

using nlohmann::json;

namespace {

constexpr int kMaxNesting = 32;

/// A reference to a Keras tensor: the layer that made it and which of its outputs.
struct TensorRef {
    std::string layer;
    std::int64_t tensor = 0;
};

std::string str(const json& obj, const char* key) {
    if (!obj.is_object())
        return {};
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string joinPath(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path)
        out += (out.empty() ? "" : "/") + p;
    return out;
}

/// ["name", node, tensor(, kwargs)] of Keras 1/2.
std::optional<TensorRef> refFromArray(const json& v) {
    if (!v.is_array() || v.empty() || !v[0].is_string())
        return std::nullopt;
    TensorRef r{v[0].get<std::string>(), 0};
    if (v.size() >= 3 && v[2].is_number_integer())
        r.tensor = v[2].get<std::int64_t>();
    return r;
}

/// Every `__keras_tensor__` inside Keras 3 call arguments, in order.
void collectKeras3Tensors(const json& v, std::vector<TensorRef>& out, int depth = 0) {
    if (depth > kMaxNesting)
        return;
    if (v.is_object()) {
        if (str(v, "class_name") == "__keras_tensor__") {
            auto c = v.find("config");
            if (c != v.end() && c->is_object())
                if (auto h = c->find("keras_history"); h != c->end())
                    if (auto r = refFromArray(*h))
                        out.push_back(*r);
            return;
        }
        for (const auto& [k, e] : v.items())
            collectKeras3Tensors(e, out, depth + 1);
    } else if (v.is_array()) {
        for (const auto& e : v)
            collectKeras3Tensors(e, out, depth + 1);
    }
}

/// The input tensors of one inbound node, in Keras 1/2 or Keras 3 form; nullopt when the
/// node has neither form.
std::optional<std::vector<TensorRef>> nodeInputs(const json& node) {
    std::vector<TensorRef> refs;
    if (node.is_object()) { // Keras 3: {"args": [...], "kwargs": {...}}
        auto args = node.find("args");
        if (args == node.end())
            return std::nullopt;
        collectKeras3Tensors(*args, refs);
        return refs;
    }
    if (!node.is_array())
        return std::nullopt;
    for (const auto& e : node) { // Keras 1/2: [["layer", node, tensor, {kwargs}], ...]
        auto r = refFromArray(e);
        if (!r)
            return std::nullopt;
        refs.push_back(*r);
    }
    return refs;
}

/// "input_layers"/"output_layers": [["name", 0, 0], ...] or a single ["name", 0, 0].
std::vector<TensorRef> endpointRefs(const json& v) {
    std::vector<TensorRef> refs;
    if (!v.is_array())
        return refs;
    if (auto single = refFromArray(v)) {
        refs.push_back(*single);
        return refs;
    }
    for (const auto& e : v)
        if (auto r = refFromArray(e))
            refs.push_back(*r);
    return refs;
}

/// The shape text of a declared input, with "?" for unknown dimensions.
std::string shapeText(const std::vector<std::int64_t>& dims) {
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + (dims[i] < 0 ? std::string("?") : std::to_string(dims[i]));
    return s + "]";
}

/// Where a layer is: its Keras names from the top model down, and the names Keras 3 saves its
/// weights under (snake_case class names, numbered per container: "conv2d", "conv2d_1").
struct KerasPath {
    std::vector<std::string> names;
    std::vector<std::string> saved;

    KerasPath child(const std::string& name, const std::string& savedName) const {
        KerasPath p = *this;
        p.names.push_back(name);
        p.saved.push_back(savedName);
        return p;
    }
};

/// Keras 3's naming.to_snake_case: "DepthwiseConv2D" -> "depthwise_conv2d", "ReLU" -> "re_lu".
std::string snakeCase(const std::string& className) {
    std::string s;
    for (char c : className)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
            s += c;
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto lowerCase = [](char c) { return c >= 'a' && c <= 'z'; };
    // (.)([A-Z][a-z]+) -> \1_\2
    std::string a;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && upper(s[i]) && i + 1 < s.size() && lowerCase(s[i + 1]))
            a += '_';
        a += s[i];
    }
    // ([a-z])([A-Z]) -> \1_\2, then lower case
    std::string b;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (i > 0 && lowerCase(a[i - 1]) && upper(a[i]))
            b += '_';
        b += static_cast<char>(std::tolower(static_cast<unsigned char>(a[i])));
    }
    return b;
}

/// The next saved name for a class in one container: "conv2d", then "conv2d_1", ...
std::string nextSavedName(std::map<std::string, int>& used, const std::string& className) {
    std::string base = snakeCase(className);
    auto [it, fresh] = used.emplace(base, 0);
    if (fresh)
        return base;
    return base + "_" + std::to_string(++it->second);
}

class ConfigParser {
public:
    ConfigParser(std::string file, std::optional<std::vector<std::int64_t>> inputShape)
        : file_(std::move(file)), inputShape_(std::move(inputShape)), builder_("keras") {}

    KerasModelConfig run(const json& root) {
        if (!root.is_object() || !root.contains("config")) {
            error("keras-bad-config", "the model config is not a Keras model (no 'config')",
                  "config");
            return std::move(out_);
        }
        out_.modelClass = str(root, "class_name");
        if (!isKerasModelClass(out_.modelClass) && !hasLayers(root)) {
            error("keras-bad-config",
                  "the top-level class '" + out_.modelClass +
                      "' is not a model (expected Sequential, Functional or Model)",
                  "class_name");
            return std::move(out_);
        }
        std::string name = modelName(root);
        builder_.network().setName(name.empty() ? "keras-model" : name);
        model(root, "config", KerasPath{}, "", nullptr, 0);
        if (!hasErrors(out_.diagnostics))
            out_.network = builder_.take();
        return std::move(out_);
    }

private:
    using Outputs = std::vector<std::string>; ///< graph layer per output tensor

    static bool hasLayers(const json& l) {
        auto c = l.find("config");
        if (c == l.end())
            return false;
        if (c->is_array())
            return true; // Keras <= 2.2.2 Sequential: a bare list of layers
        return c->is_object() && c->contains("layers") && (*c)["layers"].is_array();
    }

    static std::string modelName(const json& m) {
        std::string n = str(m, "name");
        if (n.empty() && m.contains("config"))
            n = str(m["config"], "name");
        return n;
    }

    void error(const std::string& code, const std::string& message, const std::string& where,
               const std::string& layer = {}) {
        Diagnostic d = makeError(code, message + " (at " + where + ")", layer);
        d.file = file_;
        out_.diagnostics.push_back(std::move(d));
    }

    /// Whether the entry `where` of a model's layer list is an object; an error when not.
    bool isLayerObject(const json& l, const std::string& where) {
        if (!l.is_object())
            error("keras-bad-config", "expected a layer object", where);
        return l.is_object();
    }

    /// A model: top level (`bound` null) or used as a layer (`bound`: the graph layers feeding
    /// its inputs). Returns its outputs.
    std::optional<Outputs> model(const json& m, const std::string& where,
                                 const KerasPath& kerasPath, const std::string& prefix,
                                 const Outputs* bound, int depth) {
        if (depth > kMaxNesting) {
            error("keras-bad-config",
                  "models nested more than " + std::to_string(kMaxNesting) + " deep", where);
            return std::nullopt;
        }
        // A class named "Sequential" may come without a config: find(), not operator[], which
        // on a const object is only defined for keys that exist.
        static const json kNone;
        const auto found = m.find("config");
        const json& config = found != m.end() ? *found : kNone;
        const json* layers = config.is_array() ? &config : nullptr;
        if (!layers && config.is_object())
            if (auto it = config.find("layers"); it != config.end() && it->is_array())
                layers = &*it;
        if (!layers) {
            error("keras-bad-config", "the model has no layer list", where + ".config");
            return std::nullopt;
        }
        const std::string layersPath = where + (config.is_array() ? "" : ".layers");
        const bool functional = config.is_object() && config.contains("input_layers");
        if (functional)
            return functionalModel(config, *layers, layersPath, where, kerasPath, prefix, bound,
                                   depth);
        return sequentialModel(m, *layers, layersPath, kerasPath, prefix, bound, depth);
    }

    std::string graphName(const std::string& prefix, const std::string& kerasName) const {
        return prefix + kerasName;
    }

    /// Adds an Input layer for a declared shape.
    std::string addInput(const std::string& name, std::vector<std::int64_t> dims,
                         const std::string& where) {
        auto open = [](const std::vector<std::int64_t>& d) {
            return d.empty() ||
                   std::any_of(d.begin(), d.end(), [](std::int64_t x) { return x <= 0; });
        };
        if (open(dims) && inputShape_) {
            // The user's shape, batch first (1x96x96x3), or without the batch: it must agree
            // with the sizes the model does state.
            std::vector<std::int64_t> given = *inputShape_;
            if (given.size() == dims.size() + 1)
                given.erase(given.begin());
            bool fits = given.size() == dims.size();
            for (std::size_t i = 0; fits && i < dims.size(); ++i)
                fits = given[i] > 0 && (dims[i] <= 0 || dims[i] == given[i]);
            if (!fits) {
                error("keras-input-shape-mismatch",
                      "input '" + name + "' has the shape " + shapeText(dims) +
                          "; the input shape given (" + shapeText(*inputShape_) +
                          ", batch first) does not fit it",
                      where, name);
            } else {
                dims = given;
            }
        } else if (open(dims)) {
            error("keras-dynamic-input-shape",
                  "input '" + name + "' has the shape " + shapeText(dims) +
                      " with unknown dimensions; the engine needs a fixed input size: give it "
                      "(--input-shape 1x96x96x3 on the command line, the import prompt in the "
                      "window)",
                  where, name);
        }
        Layer l;
        l.type = LayerType::Input;
        l.name = builder_.network().uniqueName(name);
        l.attrs.inputShape = Shape(dims);
        return builder_.layer(std::move(l));
    }

    void countClass(const std::string& cls) { ++out_.layerClasses[cls]; }

    void recordInput(const KerasPath& kerasPath, const std::string& name,
                     const std::string& savedName, const std::string& where) {
        KerasLayerRecord rec;
        const KerasPath p = kerasPath.child(name, savedName);
        rec.path = p.names;
        rec.savePath = p.saved;
        rec.className = "InputLayer";
        rec.jsonPath = where;
        out_.layers.push_back(std::move(rec));
        countClass("InputLayer");
    }

    std::optional<Outputs> sequentialModel(const json& m, const json& layers,
                                           const std::string& layersPath,
                                           const KerasPath& kerasPath, const std::string& prefix,
                                           const Outputs* bound, int depth) {
        std::string current = bound && !bound->empty() ? bound->front() : std::string();
        std::map<std::string, int> used;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const json& l = layers[i];
            const std::string where = JsonReader::index(layersPath, i);
            if (!isLayerObject(l, where))
                return std::nullopt;
            const std::string cls = str(l, "class_name");
            const std::string name = modelName(l);
            // Keras 3 saves a Sequential's layers without its leading InputLayer.
            const std::string saved =
                i == 0 && cls == "InputLayer" ? std::string() : nextSavedName(used, cls);
            if (cls == "InputLayer") {
                recordInput(kerasPath, name, saved, where);
                if (current.empty()) {
                    auto shape = kerasDeclaredInputShape(l.value("config", json::object()));
                    if (!shape) {
                        error("keras-missing-input-shape",
                              "InputLayer '" + name + "' declares no shape", where, name);
                        return std::nullopt;
                    }
                    current = addInput(graphName(prefix, name), *shape, where);
                }
                continue;
            }
            if (current.empty()) {
                // No InputLayer: the first layer declares the input shape (Keras 1/2), or
                // the model's build_config does (Keras 3).
                auto shape = kerasDeclaredInputShape(l.value("config", json::object()));
                if (auto b = m.find("build_config"); !shape && b != m.end() && b->is_object())
                    shape = kerasDeclaredInputShape(
                        json{{"batch_input_shape", b->value("input_shape", json())}});
                if (!shape) {
                    error("keras-missing-input-shape",
                          "the Sequential model declares no input shape (no InputLayer, no "
                          "batch_input_shape on its first layer)",
                          where, name);
                    return std::nullopt;
                }
                current = addInput(graphName(prefix, name + "_input"), *shape, where);
            }
            auto outs = layerOrModel(l, where, kerasPath, saved, prefix, {current}, depth);
            if (!outs || outs->empty())
                return std::nullopt;
            current = outs->front();
        }
        if (current.empty()) {
            error("keras-bad-config", "the Sequential model has no layers", layersPath);
            return std::nullopt;
        }
        return Outputs{current};
    }

    std::optional<Outputs> functionalModel(const json& config, const json& layers,
                                           const std::string& layersPath, const std::string& where,
                                           const KerasPath& kerasPath, const std::string& prefix,
                                           const Outputs* bound, int depth) {
        std::map<std::string, Outputs> resolved;
        std::map<std::string, std::size_t> byName;
        std::vector<std::string> saved(layers.size());
        std::map<std::string, int> used;
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (layers[i].is_object()) {
                byName.emplace(modelName(layers[i]), i);
                saved[i] = nextSavedName(used, str(layers[i], "class_name"));
            }

        // Inputs: bound to the outer graph, or new Input layers.
        const std::vector<TensorRef> inputRefs = endpointRefs(config.value("input_layers", json()));
        if (bound && bound->size() != inputRefs.size()) {
            error("keras-bad-config",
                  "the nested model has " + std::to_string(inputRefs.size()) +
                      " inputs but is called with " + std::to_string(bound->size()),
                  where + ".config.input_layers");
            return std::nullopt;
        }
        for (std::size_t k = 0; k < inputRefs.size(); ++k)
            if (bound)
                resolved[inputRefs[k].layer] = {(*bound)[k]};

        std::vector<std::size_t> pending;
        for (std::size_t i = 0; i < layers.size(); ++i) {
            const json& l = layers[i];
            const std::string lw = JsonReader::index(layersPath, i);
            if (!isLayerObject(l, lw))
                return std::nullopt;
            const std::string name = modelName(l);
            if (str(l, "class_name") != "InputLayer") {
                pending.push_back(i);
                continue;
            }
            recordInput(kerasPath, name, saved[i], lw);
            if (resolved.count(name))
                continue; // bound to the outer graph
            auto shape = kerasDeclaredInputShape(l.value("config", json::object()));
            if (!shape) {
                error("keras-missing-input-shape", "InputLayer '" + name + "' declares no shape",
                      lw, name);
                continue;
            }
            resolved[name] = {addInput(graphName(prefix, name), *shape, lw)};
        }

        std::set<std::string> failed;
        bool progress = true;
        while (!pending.empty() && progress) {
            progress = false;
            std::vector<std::size_t> still;
            for (auto i : pending) {
                const json& l = layers[i];
                const std::string lw = JsonReader::index(layersPath, i);
                const std::string name = modelName(l);
                auto node = inboundNode(l, lw, name);
                if (!node) {
                    failed.insert(name);
                    progress = true;
                    continue;
                }
                Outputs inputs;
                bool ready = true, broken = false;
                for (const auto& ref : *node) {
                    auto it = resolved.find(ref.layer);
                    if (it == resolved.end()) {
                        ready = false;
                        broken = broken || failed.count(ref.layer) > 0;
                        continue;
                    }
                    if (ref.tensor < 0 ||
                        static_cast<std::size_t>(ref.tensor) >= it->second.size()) {
                        error("keras-bad-config",
                              "input '" + ref.layer + "' has no output #" +
                                  std::to_string(ref.tensor),
                              lw + ".inbound_nodes", name);
                        broken = true;
                        continue;
                    }
                    inputs.push_back(it->second[static_cast<std::size_t>(ref.tensor)]);
                }
                if (broken) {
                    failed.insert(name);
                    progress = true;
                    continue;
                }
                if (!ready) {
                    still.push_back(i);
                    continue;
                }
                progress = true;
                auto outs = layerOrModel(l, lw, kerasPath, saved[i], prefix, inputs, depth);
                if (outs)
                    resolved[name] = *outs;
                else
                    failed.insert(name);
            }
            pending = std::move(still);
        }
        // No progress: inputs that are not layers of the model, else a cycle.
        bool missing = false;
        for (auto i : pending) {
            const json& l = layers[i];
            const std::string lw = JsonReader::index(layersPath, i);
            const std::string name = modelName(l);
            auto it = l.find("inbound_nodes");
            auto node = nodeInputs((*it)[0]);
            for (const auto& ref : node.value_or(std::vector<TensorRef>{}))
                if (!resolved.count(ref.layer) && !failed.count(ref.layer) &&
                    !byName.count(ref.layer)) {
                    error("keras-missing-inbound-layer",
                          "layer '" + name + "' reads '" + ref.layer +
                              "', which is not a layer of the model",
                          lw + ".inbound_nodes", name);
                    missing = true;
                }
        }
        if (!missing && !pending.empty()) {
            std::string names;
            for (auto i : pending)
                names += (names.empty() ? "'" : ", '") + modelName(layers[i]) + "'";
            error("keras-cycle", "the layers " + names + " wait on each other (a cycle)",
                  JsonReader::index(layersPath, pending.front()));
        }

        Outputs outputs;
        const std::vector<TensorRef> outRefs = endpointRefs(config.value("output_layers", json()));
        if (outRefs.empty())
            error("keras-bad-config", "the model names no output layer",
                  where + ".config.output_layers");
        for (const auto& ref : outRefs) {
            auto it = resolved.find(ref.layer);
            if (it == resolved.end()) {
                if (!failed.count(ref.layer) && !byName.count(ref.layer))
                    error("keras-missing-inbound-layer",
                          "output '" + ref.layer + "' is not a layer of the model",
                          where + ".config.output_layers");
                return std::nullopt;
            }
            if (ref.tensor < 0 || static_cast<std::size_t>(ref.tensor) >= it->second.size()) {
                error("keras-bad-config",
                      "output '" + ref.layer + "' has no output #" + std::to_string(ref.tensor),
                      where + ".config.output_layers");
                return std::nullopt;
            }
            outputs.push_back(it->second[static_cast<std::size_t>(ref.tensor)]);
        }
        if (!pending.empty() || outputs.empty())
            return std::nullopt;
        return outputs;
    }

    /// The one inbound node of a functional layer; an error for none or several (a layer
    /// called more than once, whose weights are shared, is not supported).
    std::optional<std::vector<TensorRef>> inboundNode(const json& l, const std::string& where,
                                                      const std::string& name) {
        auto it = l.find("inbound_nodes");
        if (it == l.end() || !it->is_array() || it->empty()) {
            error("keras-bad-config", "layer '" + name + "' has no inbound node",
                  where + ".inbound_nodes", name);
            return std::nullopt;
        }
        if (it->size() > 1) {
            error("keras-shared-layer",
                  "layer '" + name + "' is called " + std::to_string(it->size()) +
                      " times (shared weights); the importer supports one call per layer",
                  where + ".inbound_nodes", name);
            return std::nullopt;
        }
        auto refs = nodeInputs((*it)[0]);
        if (!refs || refs->empty()) {
            error("keras-bad-config", "layer '" + name + "' has an inbound node with no input",
                  where + ".inbound_nodes[0]", name);
            return std::nullopt;
        }
        return refs;
    }

    /// A leaf layer or a model used as a layer, fed by `inputs`.
    std::optional<Outputs> layerOrModel(const json& l, const std::string& where,
                                        const KerasPath& kerasPath, const std::string& savedName,
                                        const std::string& prefix, const Outputs& inputs,
                                        int depth) {
        const std::string name = modelName(l);
        if (name.empty()) {
            error("keras-bad-config", "layer has no name", where);
            return std::nullopt;
        }
        if (isKerasModelClass(str(l, "class_name")) || hasLayers(l)) {
            const KerasPath path = kerasPath.child(name, savedName);
            out_.nestedModels.push_back(joinPath(path.names));
            return model(l, where, path, prefix + name + "/", &inputs, depth + 1);
        }
        return leaf(l, where, kerasPath.child(name, savedName), prefix, inputs);
    }

    std::optional<Outputs> leaf(const json& l, const std::string& where, const KerasPath& path,
                                const std::string& prefix, const Outputs& inputs) {
        static const json kEmpty = json::object();
        KerasLayerSpec spec;
        const std::string kerasName = modelName(l);
        spec.name = builder_.network().uniqueName(graphName(prefix, kerasName));
        spec.className = str(l, "class_name");
        spec.registeredName = str(l, "registered_name");
        spec.module = str(l, "module");
        auto c = l.find("config");
        spec.config = c != l.end() && c->is_object() ? &*c : &kEmpty;
        spec.jsonPath = where;
        spec.file = file_;
        countClass(spec.className);
        if (spec.className.empty()) {
            error("keras-bad-config", "layer '" + kerasName + "' has no class_name", where,
                  kerasName);
            return std::nullopt;
        }

        KerasLayerMapping m = mapKerasLayer(spec, out_.diagnostics);
        KerasLayerRecord rec;
        rec.path = path.names;
        rec.savePath = path.saved;
        rec.className = spec.className;
        rec.jsonPath = where;
        std::string previous;
        for (std::size_t k = 0; k < m.layers.size(); ++k) {
            Layer layer = std::move(m.layers[k]);
            const std::string mapped = layer.name;
            layer.name = builder_.network().uniqueName(layer.name);
            if (k == 0)
                layer.inputs = inputs;
            else
                layer.inputs = {previous};
            if (auto r = m.shapeRules.find(mapped);
                r != m.shapeRules.end() && layer.type == LayerType::Reshape)
                out_.shapeRules[layer.name] = r->second; // a reshape whose target follows
            if (layer.type == LayerType::Unsupported) {
                UnsupportedLayer u;
                u.name = layer.name;
                u.className = layer.attrs.sourceClass;
                u.reason = m.unsupportedReasons[mapped];
                out_.unsupported.push_back(std::move(u));
                if (auto r = m.shapeRules.find(mapped); r != m.shapeRules.end())
                    out_.shapeRules[layer.name] = r->second;
            }
            if (k == m.weightLayer) {
                rec.weightLayer = layer.name;
                rec.unsupported = layer.type == LayerType::Unsupported;
            }
            previous = builder_.layer(std::move(layer));
        }
        out_.layers.push_back(std::move(rec));
        if (previous.empty())
            return std::nullopt;
        return Outputs{previous};
    }

    std::string file_;
    std::optional<std::vector<std::int64_t>> inputShape_;
    NetworkBuilder builder_;
    KerasModelConfig out_;
};

} // namespace

KerasModelConfig parseKerasConfig(const nlohmann::json& config, const std::string& file,
                                  const std::optional<std::vector<std::int64_t>>& inputShape) {
    try {
        return ConfigParser(file, inputShape).run(config);
    } catch (const json::exception& e) {
        // The parser checks types before reading; this is the last line of defence.
        KerasModelConfig out;
        Diagnostic d =
            makeError("keras-bad-config",
                      std::string("unexpected structure of the model config: ") + e.what());
        d.file = file;
        out.diagnostics.push_back(std::move(d));
        return out;
    }
}

KerasModelConfig parseKerasConfigText(const std::string& text, const std::string& file,
                                      const std::optional<std::vector<std::int64_t>>& inputShape) {
    KerasModelConfig result;
    auto j = parseJsonText(text, file, result.diagnostics);
    return j ? parseKerasConfig(*j, file, inputShape) : result;
}

void applyShapeRules(Network& net, const std::map<std::string, ShapeRule>& rules) {
    if (rules.empty())
        return;
    std::set<std::string> done;
    while (done.size() < rules.size()) {
        const Analysis a = analyze(net);
        bool applied = false;
        for (auto i : a.order) {
            const Layer& l = net.layers()[i];
            auto rule = rules.find(l.name);
            if (rule == rules.end() || done.count(l.name))
                continue;
            done.insert(l.name);
            const LayerInfo& info = a.layers[i];
            bool inputsKnown = !info.inputShapes.empty();
            for (const auto& in : l.inputs) {
                auto p = net.indexOf(in);
                inputsKnown = inputsKnown && p && a.layers[*p].shapeKnown;
            }
            if (inputsKnown)
                if (auto shape = rule->second(info.inputShapes.front())) {
                    Layer& target = net.layers()[i];
                    if (target.type == LayerType::Reshape)
                        target.attrs.targetShape = shape->dims;
                    else
                        target.attrs.outputShape = *shape;
                }
            applied = true;
            break; // the shapes after this layer changed: analyse again
        }
        if (!applied)
            break; // the remaining placeholders are not in the analysed order (cycles)
    }
}

} // namespace zipcnn
