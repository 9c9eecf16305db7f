// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/KerasWeightCheck.h"

#include <algorithm>
#include <map>

namespace zipcnn {

namespace {

using Dims = std::vector<std::int64_t>;

std::string dimsText(const Dims& d) {
    std::string s = "[";
    for (std::size_t i = 0; i < d.size(); ++i)
        s += (i ? ", " : "") + std::to_string(d[i]);
    return s + "]";
}

std::string thousands(std::int64_t v) {
    const std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out = v < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

bool startsWith(const std::vector<std::string>& path, const std::vector<std::string>& prefix) {
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

/// "layer1/conv/bn/beta:0" -> "layer1/conv/bn".
std::string layerOfWeightName(std::string name) {
    if (auto colon = name.rfind(':'); colon != std::string::npos)
        name.resize(colon);
    auto slash = name.rfind('/');
    return slash == std::string::npos ? std::string() : name.substr(0, slash);
}

class Checker {
public:
    Checker(const KerasModelConfig& model, const Network& net, const Analysis& analysis,
            const WeightCheckOptions& options, ImportReport& report, Diagnostics& diags)
        : model_(model), net_(net), analysis_(analysis), options_(options), report_(report),
          diags_(diags) {}

    void run(const StoredWeights& stored) {
        assign(stored);
        for (std::size_t r = 0; r < model_.layers.size(); ++r)
            checkRecord(r);
        totals(stored);
    }

private:
    void warn(const std::string& code, const std::string& message, const std::string& layer) {
        Diagnostic d = makeWarning(code, message, layer);
        d.file = options_.file;
        diags_.push_back(std::move(d));
    }

    const std::vector<std::string>& keyOf(std::size_t r) const {
        return options_.bySavePath ? model_.layers[r].savePath : model_.layers[r].path;
    }

    /// Gives each stored tensor to the record of its layer.
    void assign(const StoredWeights& stored) {
        std::map<std::vector<std::string>, std::size_t> byPath;
        for (std::size_t r = 0; r < model_.layers.size(); ++r)
            byPath.emplace(keyOf(r), r);
        for (const auto& group : stored.layers) {
            if (auto it = byPath.find(group.path); it != byPath.end()) {
                auto& mine = tensors_[it->second];
                mine.insert(mine.end(), group.tensors.begin(), group.tensors.end());
                continue;
            }
            // A nested model's group (legacy .h5): match by the layer name in the weight name.
            std::vector<std::size_t> under;
            for (std::size_t r = 0; r < model_.layers.size(); ++r)
                if (startsWith(keyOf(r), group.path))
                    under.push_back(r);
            std::int64_t unmatched = 0;
            for (const auto& t : group.tensors) {
                const std::string layer = layerOfWeightName(t.name);
                auto rec = std::find_if(under.begin(), under.end(), [&](std::size_t r) {
                    return model_.layers[r].path.back() == layer;
                });
                if (rec == under.end()) {
                    unmatched += t.elements;
                    continue;
                }
                tensors_[*rec].push_back(t);
            }
            if (unmatched > 0) {
                std::string where;
                for (const auto& p : group.path)
                    where += (where.empty() ? "" : "/") + p;
                warn("keras-unmatched-weights",
                     thousands(unmatched) + " stored weights under '" + where +
                         "' belong to no layer of the model config",
                     where);
            }
        }
    }

    void checkRecord(std::size_t r) {
        const KerasLayerRecord& rec = model_.layers[r];
        if (rec.weightLayer.empty())
            return;
        const std::vector<StoredTensor>& stored = tensors_[r];
        std::int64_t storedElements = 0;
        for (const auto& t : stored)
            storedElements += t.elements;
        if (rec.unsupported) {
            report_.unsupportedParams += storedElements;
            for (auto& u : report_.unsupported)
                if (u.name == rec.weightLayer)
                    u.storedParams = storedElements;
            return;
        }
        auto index = net_.indexOf(rec.weightLayer);
        if (!index || !analysis_.layers[*index].shapeKnown)
            return;
        const Layer& layer = net_.layers()[*index];
        const auto expected = expectedWeightShapes(layer, analysis_.layers[*index]);
        const std::string what = "layer '" + rec.weightLayer + "' (" + rec.className + ")";
        if (expected.size() != stored.size()) {
            std::string need, have;
            for (const auto& e : expected)
                need += (need.empty() ? "" : ", ") + dimsText(e);
            for (const auto& t : stored)
                have += (have.empty() ? "" : ", ") + t.location + " " + dimsText(t.shape);
            warn("keras-weight-shape-mismatch",
                 what + " stores " + std::to_string(stored.size()) + " weight tensors (" +
                     (have.empty() ? "none" : have) + ") but its attributes give " +
                     std::to_string(expected.size()) + " (" + (need.empty() ? "none" : need) + ")",
                 rec.weightLayer);
            return;
        }
        for (std::size_t k = 0; k < expected.size(); ++k) {
            const Dims& want = expected[k];
            const Dims& got = stored[k].shape;
            if (got == want || (got.empty() && want == Dims{1}))
                continue;
            if (options_.anyKernelOrder && got.size() == want.size()) {
                Dims a = got, b = want;
                std::sort(a.begin(), a.end());
                std::sort(b.begin(), b.end());
                if (a == b)
                    continue;
            }
            warn("keras-weight-shape-mismatch",
                 what + ": stored weight '" + stored[k].location + "' has the shape " +
                     dimsText(got) + " but the layer's attributes give " + dimsText(want),
                 rec.weightLayer);
        }
    }

    void totals(const StoredWeights& stored) {
        report_.storedParams = stored.totalElements;
        report_.weightTensors = stored.datasets;
        report_.graphParams = analysis_.params;
        if (report_.paramsMatch())
            return;
        std::string message =
            "the imported graph has " + thousands(report_.graphParams) + " parameters";
        if (report_.unsupportedParams > 0)
            message +=
                " (plus " + thousands(report_.unsupportedParams) + " in unsupported placeholders)";
        message += " but the file stores " + thousands(report_.storedParams) + " weights in " +
                   std::to_string(report_.weightTensors) + " tensors under '" + stored.root + "'";
        warn("keras-param-count-mismatch", message, {});
    }

    const KerasModelConfig& model_;
    const Network& net_;
    const Analysis& analysis_;
    const WeightCheckOptions& options_;
    ImportReport& report_;
    Diagnostics& diags_;
    std::map<std::size_t, std::vector<StoredTensor>> tensors_;
};

} // namespace

std::vector<std::vector<std::int64_t>> expectedWeightShapes(const Layer& layer,
                                                            const LayerInfo& info) {
    const auto& a = layer.attrs;
    const std::int64_t cin = info.inputShapes.empty() ? 0 : info.inputShapes.front().channels();
    const std::int64_t cout = info.outputShape.channels();
    const std::int64_t kh = a.kernel.h, kw = a.kernel.w;
    std::vector<Dims> out;
    switch (layer.type) {
    case LayerType::Conv2D:
        out.push_back({kh, kw, a.groups > 0 ? cin / a.groups : cin, cout});
        break;
    case LayerType::DepthwiseConv2D:
        out.push_back({kh, kw, cin, a.depthMultiplier});
        break;
    case LayerType::SeparableConv2D:
        out.push_back({kh, kw, cin, a.depthMultiplier});
        out.push_back({1, 1, cin * a.depthMultiplier, cout});
        break;
    case LayerType::Conv2DTranspose:
        // Keras stores a transposed kernel as (kh, kw, filters, input channels).
        out.push_back({kh, kw, cout, cin});
        break;
    case LayerType::Dense:
        out.push_back({a.inputUnits ? a.inputUnits : cin, cout});
        break;
    case LayerType::BatchNormalization:
        if (a.scale)
            out.push_back({cout});
        if (a.center)
            out.push_back({cout});
        out.push_back({cout});
        out.push_back({cout});
        return out;
    default:
        return out;
    }
    if (a.useBias)
        out.push_back({cout});
    return out;
}

void checkKerasWeights(const KerasModelConfig& model, const Network& net, const Analysis& analysis,
                       const StoredWeights& stored, const WeightCheckOptions& options,
                       ImportReport& report, Diagnostics& diags) {
    Checker(model, net, analysis, options, report, diags).run(stored);
}

} // namespace zipcnn
