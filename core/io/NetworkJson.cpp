// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/NetworkJson.h"

#include "base/AtomicFile.h"
#include "base/JsonReader.h"
#include "model/LayerCatalog.h"

#include <cstdio>
#include <limits>

namespace zipcnn {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "zipcnn-network";

/// The attribute keys each layer kind reads and writes (besides name/type/inputs/prune_rate).
std::vector<std::string> attributeKeys(LayerType t) {
    std::vector<std::string> keys;
    for (const LayerAttribute& a : layerKind(t).attributes)
        keys.emplace_back(a.key);
    return keys;
}

/// "0.3", "1e-05": a number as messages print it.
std::string numberText(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// Attribute `spec` of `l` as the network file writes it; null for a value the file leaves out
/// (explicit pads without explicit padding, a slope without leaky ReLU, no deployed input width,
/// no stated output shape).
json attributeToJson(const Layer& l, const LayerAttribute& spec) {
    const auto& a = l.attrs;
    const bool omitted =
        (spec.field == AttrField::Pads && l.type != LayerType::ZeroPadding2D &&
         l.type != LayerType::Cropping2D && a.padding != Padding::Explicit) ||
        (spec.field == AttrField::Alpha && a.activation != ActivationKind::LeakyRelu) ||
        (spec.field == AttrField::InputUnits && !a.inputUnits) ||
        (spec.field == AttrField::OutputShape && a.outputShape.empty());
    if (omitted)
        return nullptr;
    auto integer = [&](int element = 0) {
        return static_cast<int>(attributeNumber(a, spec.field, element));
    };
    switch (spec.type) {
    case AttrType::Int:
        return integer();
    case AttrType::Bool:
        return attributeNumber(a, spec.field) != 0;
    case AttrType::Real:
    case AttrType::Rate:
        return attributeNumber(a, spec.field);
    case AttrType::Size2:
        return json::array({integer(0), integer(1)});
    case AttrType::Pad4:
        return json::array({integer(0), integer(1), integer(2), integer(3)});
    case AttrType::Choice:
        if (spec.field == AttrField::Padding)
            return std::string(paddingName(a.padding));
        if (spec.field == AttrField::Activation)
            return std::string(activationName(a.activation));
        return std::string(interpolationName(a.interpolation));
    case AttrType::Dims:
        if (spec.field == AttrField::InputShape)
            return a.inputShape.dims;
        if (spec.field == AttrField::OutputShape)
            return a.outputShape.dims;
        return a.targetShape;
    case AttrType::Text:
        return a.sourceClass;
    }
    return nullptr;
}

json layerToJson(const Layer& l) {
    json j;
    j["name"] = l.name;
    j["type"] = std::string(layerTypeName(l.type));
    j["inputs"] = l.inputs;
    if (l.attrs.pruneRate)
        j["prune_rate"] = *l.attrs.pruneRate;
    for (const LayerAttribute& spec : layerKind(l.type).attributes)
        if (json v = attributeToJson(l, spec); !v.is_null())
            j[std::string(spec.key)] = std::move(v);
    if (const auto& q = l.quantization) {
        // Written only for layers read from a quantised model file: older files are unchanged.
        j["quantization"] = {{"scheme", std::string(quantSchemeName(q->scheme))},
                             {"scales", q->scales},
                             {"weight_bits", q->weightBits},
                             {"activation_bits", q->activationBits}};
    }
    return j;
}

/// Reads one layer; returns nullopt when the layer cannot be used at all.
class LayerReader {
public:
    LayerReader(JsonReader& r, Diagnostics& diags, const json& j, std::string path)
        : r_(r), diags_(diags), j_(j), path_(std::move(path)) {}

    std::optional<Layer> read() {
        if (!r_.isObject(j_, path_))
            return std::nullopt;
        auto name = r_.requireString(j_, "name", path_);
        auto typeName = r_.requireString(j_, "type", path_);
        if (!name || !typeName)
            return std::nullopt;
        auto type = layerTypeFromName(*typeName);
        if (!type) {
            r_.error(JsonReader::join(path_, "type"),
                     "layer '" + *name + "' has unknown type '" + *typeName + "'");
            return std::nullopt;
        }
        Layer l;
        l.name = *name;
        l.type = *type;
        if (auto it = j_.find("inputs"); it != j_.end()) {
            auto ins = r_.stringArray(*it, JsonReader::join(path_, "inputs"));
            if (!ins)
                return std::nullopt;
            l.inputs = *ins;
        }
        // Attribute errors name the layer as well as the JSON path.
        const std::size_t firstDiagnostic = diags_.size();
        if (auto it = j_.find("prune_rate"); it != j_.end() && !it->is_null()) {
            const LayerAttribute& spec = *findAttribute(layerKind(l.type), "prune_rate");
            double rate = r_.optNumber(j_, "prune_rate", path_, 0.0);
            if (!inRange(spec, rate))
                r_.error(JsonReader::join(path_, "prune_rate"),
                         "must be within " + rangeText(spec));
            else
                l.attrs.pruneRate = rate;
        }
        std::vector<std::string> known = attributeKeys(l.type);
        known.insert(known.end(), {"name", "type", "inputs", "prune_rate", "quantization"});
        r_.warnUnknownKeys(j_, path_, known);
        const LayerKind& kind = layerKind(l.type);
        for (const LayerAttribute& spec : kind.attributes)
            if (j_.contains(std::string(spec.key)))
                readAttribute(l, spec);
        if (auto it = j_.find("quantization"); it != j_.end())
            readQuantization(l, *it);
        if (kind.stridesDefaultToKernel && !j_.contains("strides"))
            l.attrs.strides = l.attrs.kernel; // Keras: strides default to the pool size
        for (std::size_t i = firstDiagnostic; i < diags_.size(); ++i)
            diags_[i].layer = l.name;
        return l;
    }

private:
    std::string at(const std::string& key) const { return JsonReader::join(path_, key); }

    /// {"scheme": "per-channel", "scales": 16, "weight_bits": 8, "activation_bits": 8}
    void readQuantization(Layer& l, const json& q) {
        const std::string path = at("quantization");
        if (!r_.isObject(q, path))
            return;
        r_.warnUnknownKeys(q, path, {"scheme", "scales", "weight_bits", "activation_bits"});
        LayerQuantization out;
        const std::string scheme = r_.optString(q, "scheme", path, "per-tensor");
        if (auto s = quantSchemeFromName(scheme))
            out.scheme = *s;
        else
            r_.error(JsonReader::join(path, "scheme"),
                     "unknown scheme '" + scheme + "' (expected per-tensor or per-channel)");
        out.scales = static_cast<int>(r_.optInt(q, "scales", path, 0, 0, kMaxAttrInt));
        out.weightBits = static_cast<int>(r_.optInt(q, "weight_bits", path, 0, 0, 64));
        out.activationBits = static_cast<int>(r_.optInt(q, "activation_bits", path, 8, 1, 64));
        l.quantization = out;
    }

    std::optional<Size2> readSize2(const std::string& key, const LayerAttribute& spec) {
        auto v = r_.intArray(j_.at(key), at(key), spec.intMin, spec.intMax);
        if (!v)
            return std::nullopt;
        if (v->size() == 1)
            return Size2{static_cast<int>((*v)[0]), static_cast<int>((*v)[0])};
        if (v->size() != 2) {
            r_.error(at(key), "expected [height, width]");
            return std::nullopt;
        }
        return Size2{static_cast<int>((*v)[0]), static_cast<int>((*v)[1])};
    }

    void readAttribute(Layer& l, const LayerAttribute& spec) {
        auto& a = l.attrs;
        const std::string key(spec.key);
        switch (spec.type) {
        case AttrType::Int:
            setAttributeNumber(a, spec.field,
                               static_cast<double>(r_.optInt(
                                   j_, key, path_, static_cast<std::int64_t>(spec.defaultValue),
                                   spec.intMin, spec.intMax)));
            return;
        case AttrType::Size2:
            if (auto s = readSize2(key, spec)) {
                setAttributeNumber(a, spec.field, s->h, 0);
                setAttributeNumber(a, spec.field, s->w, 1);
            }
            return;
        case AttrType::Pad4: {
            auto v = r_.intArray(j_.at(key), at(key), spec.intMin, spec.intMax);
            if (v && v->size() == 4) {
                for (int i = 0; i < 4; ++i)
                    setAttributeNumber(a, spec.field, static_cast<double>((*v)[std::size_t(i)]), i);
            } else if (v)
                r_.error(at(key), "expected [top, bottom, left, right]");
            return;
        }
        case AttrType::Bool:
            setAttributeNumber(a, spec.field, r_.optBool(j_, key, path_, spec.defaultValue != 0));
            return;
        case AttrType::Real:
        case AttrType::Rate: {
            const double v = r_.optNumber(j_, key, path_, spec.defaultValue);
            if (inRange(spec, v))
                setAttributeNumber(a, spec.field, v);
            else if (spec.field == AttrField::Rate)
                r_.error(at(key), "dropout rate must be within " + rangeText(spec));
            else
                r_.error(at(key), "value " + numberText(v) + " is outside " + rangeText(spec));
            return;
        }
        case AttrType::Dims:
            if (auto v = r_.intArray(j_.at(key), at(key), spec.intMin, spec.intMax)) {
                if (spec.field == AttrField::InputShape)
                    a.inputShape = Shape(*v);
                else if (spec.field == AttrField::TargetShape)
                    a.targetShape = *v;
                else if (spec.field == AttrField::OutputShape)
                    a.outputShape = Shape(*v);
            }
            return;
        case AttrType::Text:
            if (spec.field == AttrField::SourceClass)
                a.sourceClass = r_.optString(j_, key, path_, std::string(spec.defaultText));
            return;
        case AttrType::Choice:
            readChoice(a, spec);
            return;
        }
    }

    void readChoice(LayerAttrs& a, const LayerAttribute& spec) {
        const std::string key(spec.key);
        const std::string s = r_.optString(j_, key, path_, std::string(spec.defaultText));
        switch (spec.field) {
        case AttrField::Padding:
            return setChoice(paddingFromName(s), a.padding, key,
                             "unknown padding '" + s + "' (expected valid, same or explicit)");
        case AttrField::Activation:
            return setChoice(activationFromName(s), a.activation, key,
                             "unknown activation '" + s + "'");
        case AttrField::Interpolation:
            return setChoice(interpolationFromName(s), a.interpolation, key,
                             "unknown interpolation '" + s + "'");
        default:
            return;
        }
    }

    /// Sets `dest` to the value a choice's name stands for; an error when the name is unknown.
    template <class T>
    void setChoice(const std::optional<T>& value, T& dest, const std::string& key,
                   const std::string& unknown) {
        if (value)
            dest = *value;
        else
            r_.error(at(key), unknown);
    }

    JsonReader& r_;
    Diagnostics& diags_;
    const json& j_;
    std::string path_;
};

} // namespace

json networkToJson(const Network& net) {
    json j = versionedHeader(kFormat, kNetworkFormatVersion);
    j["name"] = net.name();
    if (net.baselineDType() != DType::FP32)
        j["baseline_dtype"] = std::string(dtypeName(net.baselineDType()));
    j["layers"] = json::array();
    for (const auto& l : net.layers())
        j["layers"].push_back(layerToJson(l));
    return j;
}

std::string networkToText(const Network& net) {
    return networkToJson(net).dump(2) + "\n";
}

NetworkLoadResult networkFromJson(const json& j, const std::string& file) {
    NetworkLoadResult result;
    JsonReader r(file, result.diagnostics);
    if (!r.checkHeader(j, kFormat, kNetworkFormatVersion, "network",
                       {"name", "layers", "baseline_dtype"}))
        return result;
    Network net(r.optString(j, "name", "", "network"));
    if (j.contains("baseline_dtype")) {
        const std::string d = r.optString(j, "baseline_dtype", "", "fp32");
        if (auto t = dtypeFromName(d))
            net.setBaselineDType(*t);
        else
            r.error("baseline_dtype", "unknown format '" + d + "' (expected fp32 or int8)");
    }
    const json* layers = r.requireArray(j, "layers", "", "an array of layers");
    if (!layers)
        return result;
    for (std::size_t i = 0; i < layers->size(); ++i) {
        LayerReader lr(r, result.diagnostics, (*layers)[i], JsonReader::index("layers", i));
        if (auto l = lr.read())
            net.add(std::move(*l));
    }
    result.network = std::move(net);
    return result;
}

NetworkLoadResult loadNetworkText(const std::string& text, const std::string& file) {
    return parseJsonDocument(text, file, &networkFromJson);
}

NetworkLoadResult loadNetworkFile(const std::string& path) {
    return loadJsonDocument(path, &networkFromJson);
}

bool saveNetworkFile(const Network& net, const std::string& path, std::string* error) {
    return writeFileAtomically(path, networkToText(net), error);
}

} // namespace zipcnn
