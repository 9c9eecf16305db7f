// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/KerasLayerMapper.h"

#include "model/LayerCatalog.h"

#include <cmath>
#include <initializer_list>
#include <limits>

namespace zipcnn {

using nlohmann::json;

namespace {

constexpr int kMaxInt = std::numeric_limits<int>::max();

/// Reads Keras config values leniently (ints written as 1.0, booleans as 0/1, Keras 1 key
/// aliases) and reports what cannot be used, naming the file, the layer and the JSON path.
class AttrReader {
public:
    AttrReader(const KerasLayerSpec& spec, Diagnostics& diags) : spec_(spec), diags_(diags) {}

    /// The first of `keys` present and not null, with the key found.
    const json* find(std::initializer_list<const char*> keys, const char** found = nullptr) const {
        if (!spec_.config || !spec_.config->is_object())
            return nullptr;
        for (const char* k : keys) {
            auto it = spec_.config->find(k);
            if (it != spec_.config->end() && !it->is_null()) {
                if (found)
                    *found = k;
                return &*it;
            }
        }
        return nullptr;
    }

    void error(const std::string& key, const std::string& message) {
        Diagnostic d = makeError("keras-bad-attribute",
                                 spec_.className + " attribute '" + key + "' (at " +
                                     spec_.jsonPath + ".config." + key + "): " + message,
                                 spec_.name);
        d.file = spec_.file;
        diags_.push_back(std::move(d));
    }

    static std::optional<std::int64_t> asInteger(const json& v) {
        if (v.is_number_integer())
            return v.get<std::int64_t>();
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
                return static_cast<std::int64_t>(d);
        }
        if (v.is_boolean())
            return v.get<bool>() ? 1 : 0;
        return std::nullopt;
    }

    /// The first of `keys` present, as `convert` reads it; `fallback` when absent, and also,
    /// with the error "expected <expected>, got <value>", when `convert` refuses it.
    template <class T, class Convert>
    T typed(std::initializer_list<const char*> keys, T fallback, const std::string& expected,
            Convert convert) {
        const char* key = nullptr;
        const json* v = find(keys, &key);
        if (!v)
            return fallback;
        if (std::optional<T> value = convert(*v))
            return *value;
        error(key, "expected " + expected + ", got " + v->dump());
        return fallback;
    }

    int integer(std::initializer_list<const char*> keys, int fallback, int min = 0,
                int max = kMaxInt) {
        return typed<int>(keys, fallback,
                          "an integer within [" + std::to_string(min) + ", " + std::to_string(max) +
                              "]",
                          [&](const json& v) -> std::optional<int> {
                              auto i = asInteger(v);
                              if (!i || *i < min || *i > max)
                                  return std::nullopt;
                              return static_cast<int>(*i);
                          });
    }

    bool boolean(std::initializer_list<const char*> keys, bool fallback) {
        return typed<bool>(keys, fallback, "a boolean", [](const json& v) -> std::optional<bool> {
            if (v.is_boolean())
                return v.get<bool>();
            if (v.is_number())
                return v.get<double>() != 0.0;
            return std::nullopt;
        });
    }

    double number(std::initializer_list<const char*> keys, double fallback) {
        return typed<double>(keys, fallback, "a number",
                             [](const json& v) -> std::optional<double> {
                                 if (v.is_number())
                                     return v.get<double>();
                                 return std::nullopt;
                             });
    }

    std::string string(std::initializer_list<const char*> keys, const std::string& fallback) {
        return typed<std::string>(keys, fallback, "a string",
                                  [](const json& v) -> std::optional<std::string> {
                                      if (v.is_string())
                                          return v.get<std::string>();
                                      return std::nullopt;
                                  });
    }

    /// An int or a list of integers; nullopt (with an error) when mistyped, or when absent.
    std::optional<std::vector<std::int64_t>> intList(std::initializer_list<const char*> keys,
                                                     std::int64_t min, bool nullAsMinusOne) {
        const char* key = nullptr;
        const json* v = find(keys, &key);
        if (!v)
            return std::nullopt;
        std::vector<std::int64_t> out;
        auto take = [&](const json& e) {
            if (e.is_null() && nullAsMinusOne) {
                out.push_back(-1);
                return true;
            }
            auto i = asInteger(e);
            if (!i || *i < min || *i > kMaxInt)
                return false;
            out.push_back(*i);
            return true;
        };
        bool ok = true;
        if (v->is_array()) {
            for (const auto& e : *v)
                ok = ok && take(e);
        } else {
            ok = take(*v);
        }
        if (!ok) {
            error(key, "expected an integer or a list of integers >= " + std::to_string(min) +
                           ", got " + v->dump());
            return std::nullopt;
        }
        return out;
    }

    /// "3", "[3]", "[3, 2]" as a pair of sizes.
    Size2 size2(std::initializer_list<const char*> keys, Size2 fallback) {
        auto v = intList(keys, 0, false);
        if (!v)
            return fallback;
        if (v->size() == 1)
            return {static_cast<int>((*v)[0]), static_cast<int>((*v)[0])};
        if (v->size() == 2)
            return {static_cast<int>((*v)[0]), static_cast<int>((*v)[1])};
        error(*keys.begin(), "expected [height, width]");
        return fallback;
    }

    /// "1", "[1, 2]" (symmetric) or "[[top, bottom], [left, right]]".
    std::optional<Pad4> pad4(const char* key) {
        const json* v = find({key});
        if (!v)
            return Pad4{};
        auto i = asInteger(*v);
        if (i && *i >= 0 && *i <= kMaxInt)
            return Pad4{static_cast<int>(*i), static_cast<int>(*i), static_cast<int>(*i),
                        static_cast<int>(*i)};
        if (v->is_array() && v->size() == 2) {
            std::int64_t p[4] = {0, 0, 0, 0};
            bool ok = true;
            for (std::size_t axis = 0; axis < 2; ++axis) {
                const json& e = (*v)[axis];
                if (auto s = asInteger(e)) {
                    p[2 * axis] = p[2 * axis + 1] = *s;
                } else if (e.is_array() && e.size() == 2) {
                    auto a = asInteger(e[0]);
                    auto b = asInteger(e[1]);
                    ok = ok && a && b;
                    if (a && b) {
                        p[2 * axis] = *a;
                        p[2 * axis + 1] = *b;
                    }
                } else {
                    ok = false;
                }
            }
            for (auto x : p)
                ok = ok && x >= 0 && x <= kMaxInt;
            if (ok)
                return Pad4{static_cast<int>(p[0]), static_cast<int>(p[1]), static_cast<int>(p[2]),
                            static_cast<int>(p[3])};
        }
        error(key, "expected n, [h, w] or [[top, bottom], [left, right]], got " + v->dump());
        return std::nullopt;
    }

private:
    const KerasLayerSpec& spec_;
    Diagnostics& diags_;
};

/// The activation named by a config value: a string, or a serialized function object.
std::string activationText(const json& v) {
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_object()) {
        if (auto c = v.find("config"); c != v.end() && c->is_string())
            return c->get<std::string>();
        if (auto c = v.find("class_name"); c != v.end() && c->is_string())
            return c->get<std::string>();
    }
    return v.dump();
}

std::optional<ActivationKind> kerasActivation(const std::string& name) {
    if (name == "hard_silu")
        return ActivationKind::HardSwish;
    return activationFromName(name);
}

bool isCustom(const KerasLayerSpec& s) {
    if (s.registeredName.find('>') != std::string::npos)
        return true;
    if (s.module.empty())
        return false;
    for (const char* builtin : {"keras", "tf_keras", "tensorflow"})
        if (s.module == builtin || s.module.rfind(std::string(builtin) + ".", 0) == 0)
            return false;
    return true;
}

bool channelsFirst(AttrReader& r) {
    return r.string({"data_format"}, "channels_last") == "channels_first" ||
           r.string({"dim_ordering"}, "tf") == "th";
}

class Mapper {
public:
    Mapper(const KerasLayerSpec& spec, Diagnostics& diags) : s_(spec), r_(spec, diags) {}

    KerasLayerMapping run() {
        const std::string& c = s_.className;
        if (isCustom(s_))
            return unsupported("custom layer (module '" + s_.module + "')");
        // The catalogue (model/LayerCatalog.h) says which kind a class name maps to.
        const LayerKind* kind = layerKindForImporter(ImporterFormat::Keras, c);
        if (kind && kind->channelsLast && channelsFirst(r_))
            return channelsFirstLayer(kind);
        if (kind && kind->type == LayerType::BatchNormalization && batchNormOnAxis1())
            return channelsFirstLayer(kind);
        return mapKind(kind);
    }

private:
    KerasLayerMapping mapKind(const LayerKind* kind) {
        const std::string& c = s_.className;
        if (c == "Merge")
            return merge(); // Keras 1: one class, three kinds by its mode
        if (!kind || kind->type == LayerType::Input)
            return unsupported("no engine equivalent"); // an InputLayer is the parser's
        switch (kind->type) {
        case LayerType::Conv2D:
        case LayerType::DepthwiseConv2D:
        case LayerType::SeparableConv2D:
            return conv(kind->type);
        case LayerType::Conv2DTranspose:
            return transposedConv();
        case LayerType::Dense:
            return dense();
        case LayerType::AveragePooling2D:
        case LayerType::MaxPooling2D:
            return pool(kind->type);
        case LayerType::GlobalAveragePooling2D:
        case LayerType::GlobalMaxPooling2D:
            return globalPool(kind->type);
        case LayerType::BatchNormalization:
            return batchNorm();
        case LayerType::Activation:
            if (c == "ReLU")
                return relu();
            if (c == "LeakyReLU")
                return single(activation(ActivationKind::LeakyRelu,
                                         r_.number({"negative_slope", "alpha"}, 0.3)));
            if (c == "Softmax")
                return softmax();
            return activationLayer();
        case LayerType::Add:
        case LayerType::Multiply:
        case LayerType::Flatten:
            return single(make(kind->type));
        case LayerType::Concatenate:
            return concatenate(r_.integer({"axis"}, -1, -8, 8));
        case LayerType::Reshape:
            return reshape();
        case LayerType::ZeroPadding2D:
            return zeroPadding();
        case LayerType::Cropping2D:
            return cropping();
        case LayerType::UpSampling2D:
            return upSampling();
        case LayerType::Dropout:
            return dropout();
        case LayerType::Unsupported:
            return permute();
        case LayerType::Input:
            break;
        }
        return unsupported("no engine equivalent");
    }

    /// BatchNormalization over axis 1 (Keras counts the batch): the channels of a
    /// channels_first image.
    bool batchNormOnAxis1() {
        const json* v = r_.find({"axis"});
        if (!v)
            return false;
        if (v->is_array() && v->size() == 1)
            v = &(*v)[0];
        auto a = AttrReader::asInteger(*v);
        return a && *a == 1;
    }

    /// A reshape whose target the parser sets from its input's shape (data movement the engine
    /// costs as free): `rule` gives the output shape.
    Layer movement(const std::string& name, ShapeRule rule) {
        Layer l = make(LayerType::Reshape);
        l.name = name;
        l.attrs.targetShape = {-1}; // until applyShapeRules knows the input
        m_.shapeRules[name] = std::move(rule);
        return l;
    }

    /// A layer reading a channels_first (C, H, W) image: the engine computes it channels-last
    /// between two moves, (C, H, W) -> (H, W, C) before and back after, so the tensors around
    /// it keep the shapes Keras gives them (a model may mix both orders). Rank-1 tensors (a
    /// global pooling's output, a dense input) pass unchanged.
    KerasLayerMapping channelsFirstLayer(const LayerKind* kind) {
        KerasLayerMapping inner = mapKind(kind);
        if (!inner.unsupportedReasons.empty())
            return inner;
        m_ = KerasLayerMapping{};
        m_.layers.push_back(
            movement(s_.name + "/to_channels_last", [](const Shape& in) -> std::optional<Shape> {
                if (in.rank() != 3)
                    return in;
                return Shape{in.dims[1], in.dims[2], in.dims[0]};
            }));
        for (auto& l : inner.layers)
            m_.layers.push_back(std::move(l));
        for (auto& [name, rule] : inner.shapeRules)
            m_.shapeRules[name] = std::move(rule);
        m_.weightLayer = inner.weightLayer + 1;
        m_.layers.push_back(
            movement(s_.name + "/to_channels_first", [](const Shape& in) -> std::optional<Shape> {
                if (in.rank() != 3)
                    return in;
                return Shape{in.dims[2], in.dims[0], in.dims[1]};
            }));
        return std::move(m_);
    }

    Layer make(LayerType t) const {
        Layer l;
        l.name = s_.name;
        l.type = t;
        return l;
    }

    Layer activation(ActivationKind act, double alpha = 0.3) const {
        Layer l = make(LayerType::Activation);
        l.attrs.activation = act;
        if (act == ActivationKind::LeakyRelu)
            l.attrs.alpha = alpha;
        return l;
    }

    KerasLayerMapping single(Layer l) {
        m_.layers.push_back(std::move(l));
        return std::move(m_);
    }

    std::string displayClass() const {
        if (s_.registeredName.find('>') != std::string::npos)
            return s_.registeredName;
        return s_.className;
    }

    KerasLayerMapping unsupported(const std::string& reason, ShapeRule rule = {}) {
        Layer l = make(LayerType::Unsupported);
        l.attrs.sourceClass = displayClass();
        m_.unsupportedReasons[l.name] = reason;
        if (rule)
            m_.shapeRules[l.name] = std::move(rule);
        m_.layers.push_back(std::move(l));
        return std::move(m_);
    }

    /// Sets a fused activation, or appends an Unsupported placeholder for an unknown one.
    void fusedActivation(Layer& l) {
        const json* v = r_.find({"activation"});
        if (!v)
            return;
        const std::string name = activationText(*v);
        if (auto act = kerasActivation(name)) {
            l.attrs.activation = *act;
            return;
        }
        Layer p = make(LayerType::Unsupported);
        p.name = s_.name + "/" + name;
        p.attrs.sourceClass = "activation '" + name + "'";
        m_.unsupportedReasons[p.name] = "fused activation '" + name + "' of " + s_.className +
                                        " '" + s_.name + "' has no engine equivalent";
        pending_.push_back(std::move(p));
    }

    bool padding(LayerAttrs& a) {
        const std::string p = r_.string({"padding", "border_mode"}, "valid");
        if (p == "valid" || p == "VALID")
            a.padding = Padding::Valid;
        else if (p == "same" || p == "SAME")
            a.padding = Padding::Same;
        else
            return false;
        return true;
    }

    /// A convolution's kernel: Keras 2's kernel_size or Keras 1's nb_row x nb_col.
    Size2 kernelSize() {
        if (r_.find({"kernel_size"}))
            return r_.size2({"kernel_size"}, {1, 1});
        return {r_.integer({"nb_row"}, 1, 1), r_.integer({"nb_col"}, 1, 1)};
    }

    /// The end every convolution shares: its bias, padding and fused activation.
    KerasLayerMapping finishConvolution(Layer l) {
        l.attrs.useBias = r_.boolean({"use_bias", "bias"}, true);
        if (!padding(l.attrs))
            return unsupported("padding '" + r_.string({"padding", "border_mode"}, "") + "'");
        fusedActivation(l);
        m_.layers.push_back(std::move(l));
        return finish();
    }

    KerasLayerMapping conv(LayerType t) {
        Layer l = make(t);
        auto& a = l.attrs;
        if (t != LayerType::DepthwiseConv2D)
            a.filters = r_.integer({"filters", "nb_filter"}, 0, 1);
        a.kernel = kernelSize();
        a.strides = r_.size2({"strides", "subsample"}, {1, 1});
        a.dilation = r_.size2({"dilation_rate", "atrous_rate"}, {1, 1});
        if (t == LayerType::Conv2D)
            a.groups = r_.integer({"groups"}, 1, 1);
        if (t != LayerType::Conv2D)
            a.depthMultiplier = r_.integer({"depth_multiplier"}, 1, 1);
        return finishConvolution(std::move(l));
    }

    /// Conv2DTranspose (Keras 1: Deconvolution2D, whose output_shape is not compared with the
    /// engine's rule). An output_padding or a dilation changes the output size or the scatter:
    /// the engine's kind has neither, so such a layer is refused by name.
    KerasLayerMapping transposedConv() {
        if (const json* op = r_.find({"output_padding"}))
            return unsupported("output_padding " + op->dump() +
                               " (the engine's Conv2DTranspose has none)");
        const Size2 dilation = r_.size2({"dilation_rate"}, {1, 1});
        if (dilation != Size2{1, 1})
            return unsupported("dilation_rate " + dilation.toString() +
                               " (the engine's Conv2DTranspose is not dilated)");
        Layer l = make(LayerType::Conv2DTranspose);
        auto& a = l.attrs;
        a.filters = r_.integer({"filters", "nb_filter"}, 0, 1);
        a.kernel = kernelSize();
        a.strides = r_.size2({"strides", "subsample"}, {1, 1});
        return finishConvolution(std::move(l));
    }

    KerasLayerMapping dense() {
        Layer l = make(LayerType::Dense);
        l.attrs.units = r_.integer({"units", "output_dim"}, 0, 1);
        l.attrs.useBias = r_.boolean({"use_bias", "bias"}, true);
        fusedActivation(l);
        m_.layers.push_back(std::move(l));
        return finish();
    }

    KerasLayerMapping finish() {
        for (auto& p : pending_)
            m_.layers.push_back(std::move(p));
        pending_.clear();
        return std::move(m_);
    }

    KerasLayerMapping pool(LayerType t) {
        Layer l = make(t);
        l.attrs.kernel = r_.size2({"pool_size"}, {2, 2});
        l.attrs.strides = r_.size2({"strides"}, l.attrs.kernel);
        if (!padding(l.attrs))
            return unsupported("padding '" + r_.string({"padding", "border_mode"}, "") + "'");
        return single(std::move(l));
    }

    KerasLayerMapping globalPool(LayerType t) {
        m_.layers.push_back(make(t));
        if (r_.boolean({"keepdims"}, false)) {
            // keepdims: 1x1xC, as a free reshape after the pooling.
            Layer keep = make(LayerType::Reshape);
            keep.name = s_.name + "/keepdims";
            keep.attrs.targetShape = {1, 1, -1};
            m_.layers.push_back(std::move(keep));
        }
        return std::move(m_);
    }

    KerasLayerMapping batchNorm() {
        Layer l = make(LayerType::BatchNormalization);
        l.attrs.center = r_.boolean({"center"}, true);
        l.attrs.scale = r_.boolean({"scale"}, true);
        l.attrs.epsilon = r_.number({"epsilon"}, 1e-3);
        return single(std::move(l));
    }

    KerasLayerMapping activationLayer() {
        const json* v = r_.find({"activation"});
        const std::string name = v ? activationText(*v) : "linear";
        if (auto act = kerasActivation(name))
            return single(activation(*act));
        return unsupported("activation '" + name + "' has no engine equivalent");
    }

    KerasLayerMapping relu() {
        const double slope = r_.number({"negative_slope"}, 0.0);
        const double threshold = r_.number({"threshold"}, 0.0);
        const json* maxValue = r_.find({"max_value"});
        const double max = maxValue ? r_.number({"max_value"}, 0.0) : -1.0;
        if (threshold == 0.0 && slope == 0.0 && !maxValue)
            return single(activation(ActivationKind::Relu));
        if (threshold == 0.0 && slope == 0.0 && max == 6.0)
            return single(activation(ActivationKind::Relu6));
        if (threshold == 0.0 && slope > 0.0 && !maxValue)
            return single(activation(ActivationKind::LeakyRelu, slope));
        return unsupported("ReLU with max_value " + (maxValue ? maxValue->dump() : "null") +
                           ", negative_slope " + std::to_string(slope) + ", threshold " +
                           std::to_string(threshold));
    }

    KerasLayerMapping softmax() {
        auto axis = r_.intList({"axis"}, -8, false);
        if (axis && !(axis->size() == 1 && (*axis)[0] == -1))
            return unsupported("softmax over an axis other than the last");
        return single(activation(ActivationKind::Softmax));
    }

    KerasLayerMapping concatenate(int kerasAxis) {
        if (kerasAxis == 0)
            return unsupported("concatenation along the batch axis");
        Layer l = make(LayerType::Concatenate);
        // Keras counts the batch axis, the engine does not.
        l.attrs.axis = kerasAxis > 0 ? kerasAxis - 1 : kerasAxis;
        return single(std::move(l));
    }

    KerasLayerMapping merge() {
        const std::string mode = r_.string({"mode"}, "sum");
        if (mode == "sum")
            return single(make(LayerType::Add));
        if (mode == "mul")
            return single(make(LayerType::Multiply));
        if (mode == "concat")
            return concatenate(r_.integer({"concat_axis"}, -1, -8, 8));
        return unsupported("Merge mode '" + mode + "'");
    }

    KerasLayerMapping reshape() {
        Layer l = make(LayerType::Reshape);
        if (auto t = r_.intList({"target_shape", "dims"}, -1, true))
            l.attrs.targetShape = *t;
        return single(std::move(l));
    }

    KerasLayerMapping zeroPadding() {
        Layer l = make(LayerType::ZeroPadding2D);
        l.attrs.pads = r_.pad4("padding").value_or(Pad4{});
        return single(std::move(l));
    }

    KerasLayerMapping cropping() {
        Layer l = make(LayerType::Cropping2D);
        l.attrs.pads = r_.pad4("cropping").value_or(Pad4{});
        return single(std::move(l));
    }

    KerasLayerMapping upSampling() {
        Layer l = make(LayerType::UpSampling2D);
        l.attrs.upsample = r_.size2({"size"}, {2, 2});
        const std::string interp = r_.string({"interpolation"}, "nearest");
        auto i = interpolationFromName(interp);
        if (!i)
            return unsupported("interpolation '" + interp + "'");
        l.attrs.interpolation = *i;
        return single(std::move(l));
    }

    KerasLayerMapping dropout() {
        Layer l = make(LayerType::Dropout);
        const double rate = r_.number({"rate", "p"}, 0.0);
        l.attrs.rate = rate >= 0.0 && rate < 1.0 ? rate : 0.0;
        return single(std::move(l));
    }

    /// Permute: a transposition, mapped to a reshape to the permuted shape (the engine moves
    /// no data for either; the shapes after it are Keras's).
    KerasLayerMapping permute() {
        auto dims = r_.intList({"dims"}, 1, false);
        if (!dims)
            return unsupported("Permute without valid 'dims'");
        ShapeRule rule = [d = *dims](const Shape& in) -> std::optional<Shape> {
            if (d.size() != in.rank())
                return std::nullopt;
            Shape out;
            for (auto i : d) {
                if (i < 1 || static_cast<std::size_t>(i) > in.rank())
                    return std::nullopt;
                out.dims.push_back(in.dims[static_cast<std::size_t>(i - 1)]);
            }
            return out;
        };
        m_.layers.push_back(movement(s_.name, std::move(rule)));
        return std::move(m_);
    }

    const KerasLayerSpec& s_;
    AttrReader r_;
    KerasLayerMapping m_;
    std::vector<Layer> pending_;
};

} // namespace

bool isKerasModelClass(const std::string& className) {
    return className == "Sequential" || className == "Functional" || className == "Model";
}

KerasLayerMapping mapKerasLayer(const KerasLayerSpec& spec, Diagnostics& diags) {
    KerasLayerMapping m = Mapper(spec, diags).run();
    // What the reader took may still be out of what a network holds (a stride of 0): refuse it
    // here, naming the file's attribute, rather than let the network fail its own round trip.
    for (const Layer& l : m.layers) {
        for (const AttributeRangeProblem& p : attributeRangeProblems(l)) {
            Diagnostic d = makeError("keras-bad-attribute",
                                     spec.className + " attribute '" + std::string(p.key) +
                                         "' (at " + spec.jsonPath + ".config): " + p.message,
                                     spec.name);
            d.file = spec.file;
            diags.push_back(std::move(d));
        }
    }
    return m;
}

std::optional<double> kerasNumber(const nlohmann::json& config, const char* key) {
    if (!config.is_object())
        return std::nullopt;
    auto it = config.find(key);
    if (it == config.end() || !it->is_number())
        return std::nullopt;
    return it->get<double>();
}

std::optional<std::vector<std::int64_t>> kerasDeclaredInputShape(const nlohmann::json& config) {
    if (!config.is_object())
        return std::nullopt;
    auto dims = [](const json& v, bool dropBatch) -> std::optional<std::vector<std::int64_t>> {
        if (!v.is_array() || (dropBatch && v.empty()))
            return std::nullopt;
        std::vector<std::int64_t> out;
        for (std::size_t i = dropBatch ? 1 : 0; i < v.size(); ++i) {
            const json& d = v[i];
            if (d.is_number_integer() && d.get<std::int64_t>() > 0)
                out.push_back(d.get<std::int64_t>());
            else if (d.is_number_float() && d.get<double>() >= 1.0 && d.get<double>() < 9e15)
                out.push_back(static_cast<std::int64_t>(d.get<double>()));
            else
                out.push_back(-1);
        }
        return out;
    };
    for (const char* key : {"batch_input_shape", "batch_shape"})
        if (auto it = config.find(key); it != config.end() && !it->is_null())
            return dims(*it, true);
    if (auto it = config.find("input_shape"); it != config.end() && !it->is_null())
        return dims(*it, false);
    if (auto it = config.find("input_dim"); it != config.end() && it->is_number_integer())
        return std::vector<std::int64_t>{it->get<std::int64_t>()};
    return std::nullopt;
}

} // namespace zipcnn
