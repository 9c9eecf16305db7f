// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/KitExport.h"

#include "base/HumanUnits.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <sstream>

namespace zipcnn {

namespace {

/// The kit's C name of an activation, or nullopt when its kernels have none.
std::optional<std::string> kitActivation(ActivationKind a) {
    switch (a) {
    case ActivationKind::Linear:
        return "KIT_LINEAR";
    case ActivationKind::Relu:
        return "KIT_RELU";
    case ActivationKind::Relu6:
        return "KIT_RELU6";
    case ActivationKind::Sigmoid:
        return "KIT_SIGMOID";
    case ActivationKind::Tanh:
        return "KIT_TANH";
    case ActivationKind::Softmax:
        return "KIT_SOFTMAX";
    default:
        return std::nullopt;
    }
}

/// The kit's C kind of a layer type, or nullopt when the reference kernels do not run it.
std::optional<std::string> kitKind(LayerType t) {
    switch (t) {
    case LayerType::Input:
        return "KIT_INPUT";
    case LayerType::Conv2D:
        return "KIT_CONV2D";
    case LayerType::DepthwiseConv2D:
        return "KIT_DEPTHWISE_CONV2D";
    case LayerType::Dense:
        return "KIT_DENSE";
    case LayerType::AveragePooling2D:
        return "KIT_AVG_POOL";
    case LayerType::MaxPooling2D:
        return "KIT_MAX_POOL";
    case LayerType::GlobalAveragePooling2D:
        return "KIT_GLOBAL_AVG_POOL";
    case LayerType::GlobalMaxPooling2D:
        return "KIT_GLOBAL_MAX_POOL";
    case LayerType::BatchNormalization:
        return "KIT_BATCH_NORM";
    case LayerType::Activation:
        return "KIT_ACTIVATION";
    case LayerType::Add:
        return "KIT_ADD";
    case LayerType::ZeroPadding2D:
        return "KIT_ZERO_PADDING";
    case LayerType::Flatten:
    case LayerType::Reshape:
    case LayerType::Dropout:
        return "KIT_ALIAS";
    default:
        return std::nullopt;
    }
}

/// H, W, C of a shape: rank 3 as it is, rank 2 as 1 x W x C, rank 1 as 1 x 1 x N.
std::optional<std::array<std::int64_t, 3>> hwc(const Shape& s) {
    switch (s.rank()) {
    case 1:
        return std::array<std::int64_t, 3>{1, 1, s.dims[0]};
    case 2:
        return std::array<std::int64_t, 3>{1, s.dims[0], s.dims[1]};
    case 3:
        return std::array<std::int64_t, 3>{s.dims[0], s.dims[1], s.dims[2]};
    default:
        return std::nullopt;
    }
}

/// "Same" padding before the first row: half the total, the extra one after (Keras, TFLite).
int samePadBefore(std::int64_t in, std::int64_t out, int k, int s) {
    const std::int64_t total = std::max<std::int64_t>((out - 1) * s + k - in, 0);
    return static_cast<int>(total / 2);
}

/// First-fit placement of buffers by lifetime: each buffer takes the lowest 8-byte-aligned
/// offset that overlaps no buffer alive at the same time. The kit keeps it this simple on
/// purpose: its arena only has to hold the network, not to match a runtime's planner.
class ArenaFit {
public:
    std::int64_t place(std::int64_t bytes, int first, int last) {
        bytes = (bytes + 7) / 8 * 8;
        std::vector<std::pair<std::int64_t, std::int64_t>> busy;
        for (const auto& b : placed_)
            if (b.first <= last && first <= b.last)
                busy.emplace_back(b.offset, b.offset + b.bytes);
        std::sort(busy.begin(), busy.end());
        std::int64_t offset = 0;
        for (const auto& [lo, hi] : busy) {
            if (offset + bytes <= lo)
                break;
            offset = std::max(offset, hi);
        }
        placed_.push_back({offset, bytes, first, last});
        size_ = std::max(size_, offset + bytes);
        return offset;
    }
    std::int64_t size() const { return size_; }

private:
    struct Placed {
        std::int64_t offset, bytes;
        int first, last;
    };
    std::vector<Placed> placed_;
    std::int64_t size_ = 0;
};

/// 32-bit linear congruential generator (Numerical Recipes constants): the same synthetic
/// weights on every machine and compiler.
class Lcg {
public:
    explicit Lcg(std::uint32_t seed) : s_(seed) {}
    std::uint32_t next() { return s_ = s_ * 1664525u + 1013904223u; }
    /// In [-1, 1).
    double uniform() { return static_cast<double>(next() >> 8) / 8388608.0 - 1.0; }
    /// In [lo, hi].
    int integer(int lo, int hi) {
        return lo + static_cast<int>((next() >> 8) % static_cast<std::uint32_t>(hi - lo + 1));
    }

private:
    std::uint32_t s_;
};

std::string floatLiteral(float v) {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".e") == std::string::npos)
        s += ".0";
    return s + "f";
}

} // namespace

std::string cStringBody(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7f || c == '?') { // '?': no trigraphs
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

KitNetwork buildKitNetwork(const Network& net, const Analysis& analysis) {
    KitNetwork kit;
    kit.name = net.name();
    auto fail = [&](const Layer& l, const std::string& why) {
        kit.diagnostics.push_back(
            makeError("kit-unsupported", std::string(layerTypeName(l.type)) + ": " + why, l.name));
    };
    if (!analysis.ok() || analysis.order.size() != net.size()) {
        kit.diagnostics.push_back(
            makeError("kit-unsupported", "the network has errors: fix them before making a kit"));
        return kit;
    }
    const auto& layers = net.layers();
    // A buffer is named by the layer that writes it; aliases read and extend their input's.
    std::vector<int> owner(layers.size());
    std::vector<int> lastUse(layers.size(), 0);
    const int end = static_cast<int>(analysis.order.size());
    for (std::size_t s = 0; s < analysis.order.size(); ++s) {
        const std::size_t i = analysis.order[s];
        const Layer& l = layers[i];
        const auto kind = kitKind(l.type);
        const bool alias =
            (kind && *kind == "KIT_ALIAS") ||
            (l.type == LayerType::Activation && l.attrs.activation == ActivationKind::Linear);
        owner[i] = static_cast<int>(i);
        if (alias && !l.inputs.empty())
            owner[i] = owner[*net.indexOf(l.inputs.front())];
        for (const auto& in : l.inputs) {
            const int o = owner[*net.indexOf(in)];
            lastUse[o] = std::max(lastUse[o], static_cast<int>(s));
        }
    }
    for (const auto& out : net.outputs())
        lastUse[owner[*net.indexOf(out)]] = end;

    ArenaFit arena;
    std::vector<std::int64_t> offsetOf(layers.size(), 0);
    std::int64_t weights = 0;
    for (std::size_t s = 0; s < analysis.order.size(); ++s) {
        const std::size_t i = analysis.order[s];
        const Layer& l = layers[i];
        const LayerInfo& info = analysis.layers[i];
        const LayerAttrs& a = l.attrs;
        auto kind = kitKind(l.type);
        if (!kind) {
            fail(l, "the kit's reference kernels do not implement this layer kind");
            continue;
        }
        KitLayer k;
        k.name = l.name;
        k.type = l.type;
        k.kind = *kind;
        if (l.type == LayerType::Activation && a.activation == ActivationKind::Linear)
            k.kind = "KIT_ALIAS";
        const bool fused = hasFusedActivation(l.type) || l.type == LayerType::Activation;
        if (fused && k.kind != "KIT_ALIAS") {
            auto act = kitActivation(a.activation);
            if (!act) {
                fail(l, "activation '" + std::string(activationName(a.activation)) +
                            "' is not implemented by the kit's kernels");
                continue;
            }
            k.act = *act;
        }
        if ((l.type == LayerType::Conv2D && a.groups != 1) ||
            ((l.type == LayerType::Conv2D || l.type == LayerType::DepthwiseConv2D) &&
             (a.dilation.h != 1 || a.dilation.w != 1))) {
            fail(l, "grouped or dilated convolutions are not implemented by the kit's kernels");
            continue;
        }
        if (l.type == LayerType::Add && l.inputs.size() != 2) {
            fail(l, "the kit's Add takes exactly two inputs");
            continue;
        }
        const Shape inShape = info.inputShapes.empty() ? info.outputShape : info.inputShapes[0];
        auto in = hwc(inShape);
        auto out = hwc(info.outputShape);
        if (!in || !out) {
            fail(l, "tensors of rank " +
                        std::to_string(std::max(inShape.rank(), info.outputShape.rank())) +
                        " are not implemented by the kit's kernels");
            continue;
        }
        if (l.type == LayerType::Dense && inShape.rank() != 1) {
            fail(l, "a Dense layer on a tensor of rank " + std::to_string(inShape.rank()) +
                        " (flatten it first)");
            continue;
        }
        const auto tooLarge = [](std::int64_t v) {
            return v > std::numeric_limits<std::int16_t>::max();
        };
        if (std::any_of(in->begin(), in->end(), tooLarge) ||
            std::any_of(out->begin(), out->end(), tooLarge)) {
            fail(l, "a dimension past 32767, the kit's layer table limit");
            continue;
        }
        k.inH = static_cast<int>((*in)[0]), k.inW = static_cast<int>((*in)[1]);
        k.inC = static_cast<int>((*in)[2]);
        k.outH = static_cast<int>((*out)[0]), k.outW = static_cast<int>((*out)[1]);
        k.outC = static_cast<int>((*out)[2]);
        switch (l.type) {
        case LayerType::Conv2D:
        case LayerType::DepthwiseConv2D:
        case LayerType::AveragePooling2D:
        case LayerType::MaxPooling2D:
            k.kH = a.kernel.h, k.kW = a.kernel.w, k.sH = a.strides.h, k.sW = a.strides.w;
            if (a.padding == Padding::Same) {
                k.padTop = samePadBefore(k.inH, k.outH, k.kH, k.sH);
                k.padLeft = samePadBefore(k.inW, k.outW, k.kW, k.sW);
            } else if (a.padding == Padding::Explicit) {
                k.padTop = a.pads.top, k.padLeft = a.pads.left;
            }
            break;
        case LayerType::GlobalAveragePooling2D:
        case LayerType::GlobalMaxPooling2D:
            k.kH = k.inH, k.kW = k.inW, k.outH = k.outW = 1;
            break;
        case LayerType::ZeroPadding2D:
            k.padTop = a.pads.top, k.padLeft = a.pads.left;
            break;
        default:
            break;
        }
        if (l.type == LayerType::Conv2D) {
            k.fanIn = static_cast<std::int64_t>(k.kH) * k.kW * k.inC;
            k.nW = k.fanIn * k.outC;
            k.nB = a.useBias ? k.outC : 0;
        } else if (l.type == LayerType::DepthwiseConv2D) {
            k.depthMult = a.depthMultiplier;
            k.fanIn = static_cast<std::int64_t>(k.kH) * k.kW;
            k.nW = k.fanIn * k.inC * k.depthMult;
            k.nB = a.useBias ? k.outC : 0;
        } else if (l.type == LayerType::Dense) {
            k.fanIn = k.inC;
            k.nW = static_cast<std::int64_t>(k.inC) * k.outC;
            k.nB = a.useBias ? k.outC : 0;
        } else if (l.type == LayerType::BatchNormalization) {
            k.nB = 4LL * k.outC; // gamma, beta, moving mean, moving variance
        }
        if (k.fanIn > 0) // acc ~ sqrt(n) x 37 x 73 (uniform int8 data x weights) back to ~32
            k.shift = std::clamp(
                static_cast<int>(std::lround(std::log2(84.0 * std::sqrt(double(k.fanIn))))), 0, 24);
        k.wOff = weights, weights += k.nW;
        k.bOff = weights, weights += k.nB;
        for (const auto& name : l.inputs)
            k.inOff.push_back(offsetOf[owner[*net.indexOf(name)]]);
        if (owner[i] == static_cast<int>(i)) {
            const std::int64_t bytes = info.outputShape.elements() * 4; // FP32 sizes hold INT8
            offsetOf[i] =
                arena.place(bytes, static_cast<int>(s), std::max(lastUse[i], static_cast<int>(s)));
        }
        k.outOff = offsetOf[owner[i]];
        kit.layers.push_back(std::move(k));
    }
    kit.arenaBytes = std::max<std::int64_t>(arena.size(), 8);
    kit.weightCount = weights;
    if (kit.arenaBytes > std::numeric_limits<std::int32_t>::max() ||
        weights > std::numeric_limits<std::int32_t>::max())
        kit.diagnostics.push_back(
            makeError("kit-unsupported",
                      "the network's activations or weights pass 2 GiB: too large for a kit"));
    return kit;
}

std::string kitHeaderText(const KitNetwork& net, const KitOptions& o) {
    std::ostringstream h;
    h << "/* Generated by zipcnn-cli kit from '" << cStringBody(o.model)
      << "': the layers of network '" << cStringBody(net.name)
      << "' in execution order (docs/kit.md).\n"
      << " * Regenerate it rather than edit it: the weights in kit_weights.c follow this table. "
         "*/\n"
      << "#ifndef ZIPCNN_KIT_NETWORK_H\n#define ZIPCNN_KIT_NETWORK_H\n\n#include \"kit.h\"\n\n"
      << "#define KIT_NETWORK_NAME \"" << cStringBody(net.name) << "\"\n"
      << "#define KIT_CORE_NAME \"" << cStringBody(o.core) << "\"\n"
      << "#define KIT_CLOCKS_MHZ {";
    for (std::size_t i = 0; i < o.clocksMhz.size(); ++i)
        h << (i ? ", " : "") << plainNumber(o.clocksMhz[i], 12);
    h << "}\n"
      << "#define KIT_LAYER_COUNT " << net.layers.size() << "\n"
      << "#define KIT_ARENA_BYTES " << net.arenaBytes << "\n"
      << "#define KIT_WEIGHT_COUNT " << std::max<std::int64_t>(net.weightCount, 1) << "\n\n"
      << "static const kit_layer_t kit_layers[KIT_LAYER_COUNT] = {\n";
    for (const auto& k : net.layers) {
        const std::int64_t in0 = k.inOff.empty() ? 0 : k.inOff[0];
        const std::int64_t in1 = k.inOff.size() > 1 ? k.inOff[1] : 0;
        h << "    {.name = \"" << cStringBody(k.name) << "\", .type = \"" << layerTypeName(k.type)
          << "\", .kind = " << k.kind << ", .act = " << k.act << ", .n_in = " << k.inOff.size()
          << ", .shift = " << k.shift << ", .in_off = {" << in0 << ", " << in1
          << "}, .out_off = " << k.outOff << ",\n     .in_h = " << k.inH << ", .in_w = " << k.inW
          << ", .in_c = " << k.inC << ", .out_h = " << k.outH << ", .out_w = " << k.outW
          << ", .out_c = " << k.outC << ", .k_h = " << k.kH << ", .k_w = " << k.kW
          << ", .s_h = " << k.sH << ", .s_w = " << k.sW << ", .pad_top = " << k.padTop
          << ", .pad_left = " << k.padLeft << ", .depth_mult = " << k.depthMult
          << ",\n     .w_off = " << k.wOff << ", .n_w = " << k.nW << ", .b_off = " << k.bOff
          << ", .n_b = " << k.nB << "},\n";
    }
    h << "};\n\n#endif\n";
    return h.str();
}

std::string kitWeightsText(const KitNetwork& net) {
    std::ostringstream f32, i8;
    std::int64_t n = 0;
    auto sep = [&](std::ostringstream& s) { s << ((n % 8) ? " " : "\n   "); };
    for (std::size_t li = 0; li < net.layers.size(); ++li) {
        const KitLayer& k = net.layers[li];
        // Seeded by the layer's position: a layer keeps its weights when another changes.
        Lcg g(static_cast<std::uint32_t>(li) * 2654435761u + 1u);
        const double scale = k.fanIn > 0 ? 1.0 / std::sqrt(static_cast<double>(k.fanIn)) : 1.0;
        auto emit = [&](double f, int q) {
            sep(f32), sep(i8);
            f32 << floatLiteral(static_cast<float>(f)) << ",";
            i8 << q << ",";
            ++n;
        };
        for (std::int64_t w = 0; w < k.nW; ++w)
            emit(g.uniform() * scale, g.integer(-127, 127));
        if (k.type == LayerType::BatchNormalization) {
            const int c = k.outC;
            for (int j = 0; j < c; ++j) // gamma
                emit(1.0 + 0.5 * g.uniform(), g.integer(1, 4));
            for (int j = 0; j < c; ++j) // beta
                emit(0.1 * g.uniform(), g.integer(-8, 8));
            for (int j = 0; j < c; ++j) // moving mean
                emit(0.1 * g.uniform(), g.integer(-8, 8));
            for (int j = 0; j < c; ++j) // moving variance: a divisor, never 0
                emit(1.0 + 0.5 * g.uniform(), g.integer(1, 4));
        } else {
            for (std::int64_t b = 0; b < k.nB; ++b)
                emit(0.1 * g.uniform(), g.integer(-16, 16));
        }
    }
    if (n == 0) { // C forbids an empty initialiser list
        f32 << "\n    0.0f,";
        i8 << "\n    0,";
    }
    std::ostringstream out;
    out << "/* Generated by zipcnn-cli kit: synthetic weights of network '" << cStringBody(net.name)
        << "'.\n * Deterministic (a 32-bit LCG seeded per layer), scaled by 1/sqrt(fan-in) so "
           "that\n"
        << " * activations stay in range. The kit measures time, not accuracy: real weights would "
           "cost the same. */\n"
        << "#include \"kit.h\"\n\n"
        << "const float kit_weights_f32[" << std::max<std::int64_t>(n, 1) << "] = {" << f32.str()
        << "\n};\n\n"
        << "const int8_t kit_weights_i8[" << std::max<std::int64_t>(n, 1) << "] = {" << i8.str()
        << "\n};\n";
    return out.str();
}

} // namespace zipcnn
