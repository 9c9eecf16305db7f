#include "io/NetworkJson.h"

#include "base/AtomicFile.h"
#include "base/JsonReader.h"

#include <limits>

namespace zipcnn {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "zipcnn-network";
constexpr std::int64_t kMaxDim = std::numeric_limits<std::int32_t>::max();

json size2(Size2 s) {
    return json::array({s.h, s.w});
}
json pad4(Pad4 p) {
    return json::array({p.top, p.bottom, p.left, p.right});
}

bool isPool(LayerType t) {
    return t == LayerType::AveragePooling2D || t == LayerType::MaxPooling2D;
}

/// The attribute keys each layer kind reads and writes (besides name/type/inputs/prune_rate).
std::vector<std::string> attributeKeys(LayerType t) {
    switch (t) {
    case LayerType::Input:
        return {"shape"};
    case LayerType::Conv2D:
        return {"filters", "kernel", "strides",  "dilation",   "padding",
                "pads",    "groups", "use_bias", "activation", "alpha"};
    case LayerType::DepthwiseConv2D:
        return {"kernel",           "strides",  "dilation",   "padding", "pads",
                "depth_multiplier", "use_bias", "activation", "alpha"};
    case LayerType::SeparableConv2D:
        return {"filters", "kernel",           "strides",  "dilation",   "padding",
                "pads",    "depth_multiplier", "use_bias", "activation", "alpha"};
    case LayerType::Dense:
        return {"units", "input_units", "use_bias", "activation", "alpha"};
    case LayerType::AveragePooling2D:
    case LayerType::MaxPooling2D:
        return {"pool_size", "strides", "padding", "pads"};
    case LayerType::BatchNormalization:
        return {"center", "scale", "epsilon"};
    case LayerType::Activation:
        return {"activation", "alpha"};
    case LayerType::Concatenate:
        return {"axis"};
    case LayerType::Reshape:
        return {"target_shape"};
    case LayerType::ZeroPadding2D:
        return {"pads"};
    case LayerType::UpSampling2D:
        return {"size", "interpolation"};
    case LayerType::Dropout:
        return {"rate"};
    case LayerType::Unsupported:
        return {"source_class", "output_shape"};
    default:
        return {};
    }
}

json layerToJson(const Layer& l) {
    const auto& a = l.attrs;
    json j;
    j["name"] = l.name;
    j["type"] = std::string(layerTypeName(l.type));
    j["inputs"] = l.inputs;
    if (a.pruneRate)
        j["prune_rate"] = *a.pruneRate;
    for (const auto& key : attributeKeys(l.type)) {
        if (key == "shape")
            j[key] = a.inputShape.dims;
        else if (key == "filters")
            j[key] = a.filters;
        else if (key == "units")
            j[key] = a.units;
        else if (key == "input_units") {
            if (a.inputUnits)
                j[key] = a.inputUnits;
        } else if (key == "kernel" || key == "pool_size")
            j[key] = size2(a.kernel);
        else if (key == "strides")
            j[key] = size2(a.strides);
        else if (key == "dilation")
            j[key] = size2(a.dilation);
        else if (key == "padding")
            j[key] = std::string(paddingName(a.padding));
        else if (key == "pads") {
            if (l.type == LayerType::ZeroPadding2D || a.padding == Padding::Explicit)
                j[key] = pad4(a.pads);
        } else if (key == "groups")
            j[key] = a.groups;
        else if (key == "depth_multiplier")
            j[key] = a.depthMultiplier;
        else if (key == "use_bias")
            j[key] = a.useBias;
        else if (key == "activation")
            j[key] = std::string(activationName(a.activation));
        else if (key == "alpha") {
            if (a.activation == ActivationKind::LeakyRelu)
                j[key] = a.alpha;
        } else if (key == "center")
            j[key] = a.center;
        else if (key == "scale")
            j[key] = a.scale;
        else if (key == "epsilon")
            j[key] = a.epsilon;
        else if (key == "axis")
            j[key] = a.axis;
        else if (key == "target_shape")
            j[key] = a.targetShape;
        else if (key == "size")
            j[key] = size2(a.upsample);
        else if (key == "interpolation")
            j[key] = std::string(interpolationName(a.interpolation));
        else if (key == "rate")
            j[key] = a.rate;
        else if (key == "source_class")
            j[key] = a.sourceClass;
        else if (key == "output_shape") {
            if (!a.outputShape.empty())
                j[key] = a.outputShape.dims;
        }
    }
    return j;
}

/// Reads one layer; returns nullopt when the layer cannot be used at all.
class LayerReader {
public:
    LayerReader(JsonReader& r, const json& j, std::string path)
        : r_(r), j_(j), path_(std::move(path)) {}

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
        if (auto it = j_.find("prune_rate"); it != j_.end() && !it->is_null()) {
            double rate = r_.optNumber(j_, "prune_rate", path_, 0.0);
            if (rate < 0.0 || rate > 0.95)
                r_.error(JsonReader::join(path_, "prune_rate"), "must be within [0, 0.95]");
            else
                l.attrs.pruneRate = rate;
        }
        std::vector<std::string> known = attributeKeys(l.type);
        known.insert(known.end(), {"name", "type", "inputs", "prune_rate"});
        r_.warnUnknownKeys(j_, path_, known);
        for (const auto& key : attributeKeys(l.type))
            if (j_.contains(key))
                readAttribute(l, key);
        if (isPool(l.type) && !j_.contains("strides"))
            l.attrs.strides = l.attrs.kernel; // Keras: strides default to the pool size
        return l;
    }

private:
    std::string at(const std::string& key) const { return JsonReader::join(path_, key); }

    std::optional<Size2> readSize2(const std::string& key) {
        auto v = r_.intArray(j_.at(key), at(key), 0, kMaxDim);
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

    std::optional<ActivationKind> readActivation() {
        std::string s = r_.optString(j_, "activation", path_, "linear");
        auto act = activationFromName(s);
        if (!act)
            r_.error(at("activation"), "unknown activation '" + s + "'");
        return act;
    }

    void readAttribute(Layer& l, const std::string& key) {
        auto& a = l.attrs;
        if (key == "shape") {
            if (auto v =
                    r_.intArray(j_.at(key), at(key), 0, std::numeric_limits<std::int64_t>::max()))
                a.inputShape = Shape(*v);
        } else if (key == "filters")
            a.filters = static_cast<int>(r_.optInt(j_, key, path_, 0, 0, kMaxDim));
        else if (key == "units")
            a.units = static_cast<int>(r_.optInt(j_, key, path_, 0, 0, kMaxDim));
        else if (key == "input_units")
            a.inputUnits = static_cast<int>(r_.optInt(j_, key, path_, 0, 0, kMaxDim));
        else if (key == "kernel" || key == "pool_size") {
            if (auto s = readSize2(key))
                a.kernel = *s;
        } else if (key == "strides") {
            if (auto s = readSize2(key))
                a.strides = *s;
        } else if (key == "dilation") {
            if (auto s = readSize2(key))
                a.dilation = *s;
        } else if (key == "size") {
            if (auto s = readSize2(key))
                a.upsample = *s;
        } else if (key == "padding") {
            std::string s = r_.optString(j_, key, path_, "valid");
            if (auto p = paddingFromName(s))
                a.padding = *p;
            else
                r_.error(at(key), "unknown padding '" + s + "' (expected valid, same or explicit)");
        } else if (key == "pads") {
            auto v = r_.intArray(j_.at(key), at(key), 0, kMaxDim);
            if (v && v->size() == 4)
                a.pads = {static_cast<int>((*v)[0]), static_cast<int>((*v)[1]),
                          static_cast<int>((*v)[2]), static_cast<int>((*v)[3])};
            else if (v)
                r_.error(at(key), "expected [top, bottom, left, right]");
        } else if (key == "groups")
            a.groups = static_cast<int>(r_.optInt(j_, key, path_, 1, 0, kMaxDim));
        else if (key == "depth_multiplier")
            a.depthMultiplier = static_cast<int>(r_.optInt(j_, key, path_, 1, 0, kMaxDim));
        else if (key == "use_bias")
            a.useBias = r_.optBool(j_, key, path_, true);
        else if (key == "activation") {
            if (auto act = readActivation())
                a.activation = *act;
        } else if (key == "alpha")
            a.alpha = r_.optNumber(j_, key, path_, 0.3);
        else if (key == "center")
            a.center = r_.optBool(j_, key, path_, true);
        else if (key == "scale")
            a.scale = r_.optBool(j_, key, path_, true);
        else if (key == "epsilon")
            a.epsilon = r_.optNumber(j_, key, path_, 1e-3);
        else if (key == "axis")
            a.axis = static_cast<int>(r_.optInt(j_, key, path_, -1, -8, 8));
        else if (key == "target_shape") {
            if (auto v =
                    r_.intArray(j_.at(key), at(key), -1, std::numeric_limits<std::int64_t>::max()))
                a.targetShape = *v;
        } else if (key == "interpolation") {
            std::string s = r_.optString(j_, key, path_, "nearest");
            if (auto i = interpolationFromName(s))
                a.interpolation = *i;
            else
                r_.error(at(key), "unknown interpolation '" + s + "'");
        } else if (key == "source_class")
            a.sourceClass = r_.optString(j_, key, path_, "");
        else if (key == "output_shape") {
            if (auto v =
                    r_.intArray(j_.at(key), at(key), 0, std::numeric_limits<std::int64_t>::max()))
                a.outputShape = Shape(*v);
        } else if (key == "rate") {
            a.rate = r_.optNumber(j_, key, path_, 0.0);
            if (a.rate < 0.0 || a.rate >= 1.0)
                r_.error(at(key), "dropout rate must be within [0, 1)");
        }
    }

    JsonReader& r_;
    const json& j_;
    std::string path_;
};

} // namespace

json networkToJson(const Network& net) {
    json j;
    j["format"] = kFormat;
    j["version"] = kNetworkFormatVersion;
    j["name"] = net.name();
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
    if (!r.checkHeader(j, kFormat, kNetworkFormatVersion, "network"))
        return result;
    r.warnUnknownKeys(j, "", {"format", "version", "name", "layers"});
    Network net(r.optString(j, "name", "", "network"));
    auto layers = j.find("layers");
    if (layers == j.end() || !layers->is_array()) {
        r.error("layers", layers == j.end() ? "missing" : "expected an array of layers");
        return result;
    }
    for (std::size_t i = 0; i < layers->size(); ++i) {
        LayerReader lr(r, (*layers)[i], JsonReader::index("layers", i));
        if (auto l = lr.read())
            net.add(std::move(*l));
    }
    result.network = std::move(net);
    return result;
}

NetworkLoadResult loadNetworkText(const std::string& text, const std::string& file) {
    NetworkLoadResult result;
    auto j = parseJsonText(text, file, result.diagnostics);
    if (!j)
        return result;
    return networkFromJson(*j, file);
}

NetworkLoadResult loadNetworkFile(const std::string& path) {
    NetworkLoadResult result;
    auto text = readTextFile(path, result.diagnostics);
    if (!text)
        return result;
    return loadNetworkText(*text, path);
}

bool saveNetworkFile(const Network& net, const std::string& path, std::string* error) {
    return writeFileAtomically(path, networkToText(net), error);
}

} // namespace zipcnn
