// SPDX-License-Identifier: GPL-3.0-or-later
// Walks the layer catalogue: the network reader accepts exactly each attribute's range.
#include "io/NetworkJson.h"
#include "model/LayerCatalog.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <string>

namespace zipcnn {
namespace {

using nlohmann::json;

constexpr const char* kFile = "range.json";

/// The value of `attr` written with every element `v` (an int64 past the range as unsigned).
json valueOf(const LayerAttribute& attr, json v) {
    switch (attr.type) {
    case AttrType::Size2:
        return json::array({v, v});
    case AttrType::Pad4:
        return json::array({v, v, v, v});
    case AttrType::Dims:
        return json::array({v});
    default:
        return v;
    }
}

Diagnostics readLayer(const LayerKind& kind, const LayerAttribute& attr, const json& value) {
    json layer = {{"name", "probe"}, {"type", std::string(kind.name)}, {"inputs", json::array()}};
    layer[std::string(attr.key)] = value;
    const json net = {{"format", "zipcnn-network"}, {"version", 1}, {"layers", {layer}}};
    return loadNetworkText(net.dump(), kFile).diagnostics;
}

std::string describe(const Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags)
        out += d.toString() + "\n";
    return out;
}

void expectAccepted(const LayerKind& kind, const LayerAttribute& attr, const json& v) {
    const Diagnostics d = readLayer(kind, attr, valueOf(attr, v));
    EXPECT_FALSE(hasErrors(d)) << kind.name << "." << attr.key << " = " << v.dump() << ": "
                               << describe(d);
}

void expectRefused(const LayerKind& kind, const LayerAttribute& attr, const json& v) {
    const Diagnostics d = readLayer(kind, attr, valueOf(attr, v));
    const Diagnostic* e = firstError(d);
    ASSERT_NE(e, nullptr) << kind.name << "." << attr.key << " = " << v.dump() << " accepted";
    // The message names the file, the layer and the attribute.
    EXPECT_EQ(e->file, kFile);
    EXPECT_EQ(e->layer, "probe") << e->toString();
    EXPECT_NE(e->message.find("layers[0]." + std::string(attr.key)), std::string::npos)
        << e->toString();
}

TEST(NetworkJsonRange, TheReaderAcceptsExactlyTheCataloguesRanges) {
    int checked = 0;
    for (const LayerKind& kind : layerCatalog())
        for (const LayerAttribute& attr : allAttributes(kind)) {
            SCOPED_TRACE(std::string(kind.name) + "." + std::string(attr.key));
            switch (attr.type) {
            case AttrType::Int:
            case AttrType::Size2:
            case AttrType::Pad4:
            case AttrType::Dims: {
                expectAccepted(kind, attr, attr.intMin);
                expectAccepted(kind, attr, attr.intMax);
                expectRefused(kind, attr, attr.intMin - 1);
                if (attr.intMax == std::numeric_limits<std::int64_t>::max())
                    expectRefused(kind, attr, static_cast<std::uint64_t>(attr.intMax) + 1);
                else
                    expectRefused(kind, attr, attr.intMax + 1);
                ++checked;
                break;
            }
            case AttrType::Real:
            case AttrType::Rate: {
                expectAccepted(kind, attr, attr.min);
                const double top =
                    attr.maxExclusive ? std::nextafter(attr.max, attr.min) : attr.max;
                expectAccepted(kind, attr, top);
                expectRefused(kind, attr, attr.min - 1);
                expectRefused(kind, attr, attr.max + 1);
                // The bounds are exact, not one unit off.
                expectRefused(kind, attr, attr.min - 1e-6);
                expectRefused(kind, attr, attr.maxExclusive ? attr.max : attr.max + 1e-6);
                ++checked;
                break;
            }
            default:
                break;
            }
        }
    EXPECT_GE(checked, 40); // every numeric attribute of every kind, prune_rate on each
}

TEST(NetworkJsonRange, TheFiltersTheInspectorStoppedAtAreReadAndWritten) {
    const LayerAttribute& filters = *findAttribute(layerKind(LayerType::Conv2D), "filters");
    EXPECT_EQ(filters.intMax, std::numeric_limits<std::int32_t>::max());
    Network net("n");
    Layer conv;
    conv.name = "conv";
    conv.type = LayerType::Conv2D;
    conv.attrs.filters = 100000; // past the old 65,536 of the inspector
    net.add(conv);
    const auto back = loadNetworkText(networkToText(net), kFile);
    ASSERT_FALSE(hasErrors(back.diagnostics)) << describe(back.diagnostics);
    EXPECT_EQ(back.network->layers().front().attrs.filters, 100000);
}

} // namespace
} // namespace zipcnn
