// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/PrimitiveRecipe.h"

#include "analysis/Decomposition.h"
#include "base/EnumNames.h"

#include <charconv>

namespace zipcnn {

namespace {

constexpr auto kCostFamilyNames = std::to_array<EnumName<CostFamily>>({
    {CostFamily::Conv, "conv"},
    {CostFamily::Fc, "fc"},
    {CostFamily::Sigmoid, "sigmoid"},
    {CostFamily::Elementwise, "elementwise"},
});

} // namespace

std::string_view costFamilyName(CostFamily f) {
    return nameOf(kCostFamilyNames, f);
}

namespace {

/// Parses "AxB" (both positive) at the end of `id` after `prefix`.
std::optional<std::pair<std::int64_t, std::int64_t>> twoSizes(const std::string& id,
                                                              const std::string& prefix) {
    const std::string rest = id.substr(prefix.size());
    const auto x = rest.find('x');
    if (x == std::string::npos)
        return std::nullopt;
    std::int64_t a = 0, b = 0;
    auto ra = std::from_chars(rest.data(), rest.data() + x, a);
    auto rb = std::from_chars(rest.data() + x + 1, rest.data() + rest.size(), b);
    if (ra.ec != std::errc() || ra.ptr != rest.data() + x || rb.ec != std::errc() ||
        rb.ptr != rest.data() + rest.size() || a <= 0 || b <= 0)
        return std::nullopt;
    return std::pair{a, b};
}

PrimitiveRecipe make(CostFamily family, std::initializer_list<std::pair<Op, double>> ops,
                     bool validated) {
    PrimitiveRecipe r;
    r.family = family;
    r.validated = validated;
    for (auto [op, n] : ops)
        r.ops[static_cast<std::size_t>(op)] += n;
    return r;
}

} // namespace

std::optional<PrimitiveRecipe> recipeFor(const std::string& id, std::int64_t reduceLength) {
    const std::string kind = primitiveKind(id);
    using enum Op;
    if (kind == "conv2d" || kind == "conv2d_rgb" || kind == "dwconv2d" || kind == "tconv2d") {
        // Annex A.1, Alg. 1/2: K^2 multiply-accumulates plus the bias add.
        auto k = twoSizes(id, kind + "_");
        if (!k)
            return std::nullopt;
        const double taps = static_cast<double>(k->first * k->second);
        // Depthwise and transposed convolutions (a K x K scatter per input value and filter)
        // follow the same loop but were never measured.
        return make(CostFamily::Conv, {{Mul, taps}, {Add, taps + 1}},
                    kind != "dwconv2d" && kind != "tconv2d");
    }
    if (kind == "fc") {
        // Alg. 9: I x O multiply-accumulates, O bias adds; every weight read once from Flash.
        auto io = twoSizes(id, "fc_");
        if (!io)
            return std::nullopt;
        const double w = static_cast<double>(io->first) * static_cast<double>(io->second);
        auto r = make(CostFamily::Fc, {{Mul, w}, {Add, w + static_cast<double>(io->second)}}, true);
        r.flashWeights = w;
        return r;
    }
    if (kind == "avgpool" || kind == "maxpool") {
        auto k = twoSizes(id, kind + "_");
        if (!k)
            return std::nullopt;
        const double taps = static_cast<double>(k->first * k->second);
        if (kind == "avgpool") // Alg. 3
            return make(CostFamily::Elementwise, {{Add, taps}, {Div, 1}}, true);
        return make(CostFamily::Elementwise, {{Sub, taps}}, false); // K^2 compares
    }
    if (kind == "softmax") {
        // Alg. 5 as printed: 2N exp, N add, N div; always FP32 (docs/cost-model.md 1.5).
        std::int64_t n = 0;
        const std::string rest = id.substr(8);
        auto res = std::from_chars(rest.data(), rest.data() + rest.size(), n);
        if (res.ec != std::errc() || res.ptr != rest.data() + rest.size() || n <= 0)
            return std::nullopt;
        const double nd = static_cast<double>(n);
        auto r = make(CostFamily::Elementwise, {{Exp, 2 * nd}, {Add, nd}, {Div, nd}}, true);
        r.fp32Only = true;
        return r;
    }
    const double reduce = static_cast<double>(reduceLength > 0 ? reduceLength : 1);
    if (id == "relu")
        return make(CostFamily::Elementwise, {{Sub, 1}}, true); // Alg. 6: one compare
    if (id == "batchnorm")
        return make(CostFamily::Elementwise, {{Sub, 1}, {Div, 1}, {Mul, 1}, {Add, 1}}, true);
    if (id == "residual_add")
        return make(CostFamily::Elementwise, {{Add, 1}}, true); // Alg. 8
    if (id == "sigmoid")
        return make(CostFamily::Sigmoid, {{Sub, 4}, {Mul, 1}, {Add, 1}}, true); // Alg. 4
    // Not measured by the thesis: the obvious op counts, reported as not validated.
    if (id == "tanh")
        return make(CostFamily::Sigmoid, {{Sub, 4}, {Mul, 1}, {Add, 1}}, false);
    if (id == "swish")
        return make(CostFamily::Sigmoid, {{Sub, 4}, {Mul, 2}, {Add, 1}}, false);
    if (id == "relu6")
        return make(CostFamily::Elementwise, {{Sub, 2}}, false);
    if (id == "leaky_relu")
        return make(CostFamily::Elementwise, {{Sub, 1}, {Mul, 1}}, false);
    if (id == "hard_sigmoid")
        return make(CostFamily::Elementwise, {{Mul, 1}, {Add, 1}, {Sub, 2}}, false);
    if (id == "hard_swish")
        return make(CostFamily::Elementwise, {{Mul, 2}, {Add, 1}, {Sub, 2}}, false);
    if (id == "global_avgpool")
        return make(CostFamily::Elementwise, {{Add, reduce}, {Div, 1}}, false);
    if (id == "global_maxpool")
        return make(CostFamily::Elementwise, {{Sub, reduce}}, false);
    if (id == "mul")
        return make(CostFamily::Elementwise, {{Mul, 1}}, false);
    if (id == "concat" || id == "pad" || id == "upsample_nearest")
        return make(CostFamily::Elementwise, {{Add, 1}}, false); // one move per element
    if (id == "upsample_bilinear")
        return make(CostFamily::Elementwise, {{Mul, 4}, {Add, 3}}, false);
    return std::nullopt;
}

} // namespace zipcnn
