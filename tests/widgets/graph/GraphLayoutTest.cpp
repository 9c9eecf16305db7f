// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphLayout.h"

#include "WidgetTestSupport.h"

#include <algorithm>
#include <cctype>
#include <gtest/gtest.h>
#include <iostream>

namespace zipcnn::gui::test {
namespace {

/// The request the graph scene makes for a network: one box per layer, one labelled edge per
/// input.
GraphLayoutRequest requestFor(const Network& net) {
    GraphLayoutRequest r;
    r.nodeSizes.assign(net.size(), QSizeF(170, 44));
    for (std::size_t t = 0; t < net.size(); ++t)
        for (const auto& in : net.layers()[t].inputs)
            if (auto s = net.indexOf(in))
                r.edges.push_back({*s, t, QSizeF(64, 14)});
    return r;
}

class ZooLayout : public ::testing::TestWithParam<const char*> {};

TEST_P(ZooLayout, NodesDoNotOverlapAndEdgesPointDown) {
    const Network net = zooModel(GetParam()).value();
    const GraphLayoutRequest request = requestFor(net);
    const GraphLayout layout = layoutGraph(request);
    std::cout << "[ layout   ] " << GetParam() << ": " << net.size() << " nodes, "
              << request.edges.size() << " edges in " << layout.milliseconds << " ms\n";
    RecordProperty("layout_ms", std::to_string(layout.milliseconds));
    ASSERT_TRUE(layout.ok);
    EXPECT_TRUE(layout.graphviz) << layout.error.toStdString();
    ASSERT_EQ(layout.nodeRects.size(), net.size());
    ASSERT_EQ(layout.routes.size(), request.edges.size());
    // Well under the 200 ms budget of a whole scene update; generous for a loaded machine.
    EXPECT_LT(layout.milliseconds, 150.0);

    for (std::size_t i = 0; i < layout.nodeRects.size(); ++i) {
        EXPECT_EQ(layout.nodeRects[i].size(), request.nodeSizes[i]);
        EXPECT_TRUE(layout.bounds.adjusted(-1, -1, 1, 1).contains(layout.nodeRects[i])) << i;
        for (std::size_t j = i + 1; j < layout.nodeRects.size(); ++j)
            EXPECT_FALSE(layout.nodeRects[i].intersects(layout.nodeRects[j]))
                << net.layers()[i].name << " overlaps " << net.layers()[j].name;
    }
    for (std::size_t e = 0; e < request.edges.size(); ++e) {
        const auto& route = layout.routes[e];
        ASSERT_GE(route.points.size(), 4u);
        EXPECT_EQ((route.points.size() - 1) % 3, 0u);
        const QRectF& from = layout.nodeRects[request.edges[e].from];
        const QRectF& to = layout.nodeRects[request.edges[e].to];
        // Downward: the target sits below the source, and the curve runs from one to the other.
        EXPECT_GT(to.top(), from.bottom()) << "edge " << e;
        EXPECT_LT(route.points.front().y(), route.points.back().y()) << "edge " << e;
        EXPECT_NEAR(route.points.front().y(), from.bottom(), 2.0);
        EXPECT_NEAR(route.points.back().y(), to.top(), 2.0);
        // The label's box overlaps no node.
        const QRectF label(route.labelCenter - QPointF(32, 7), QSizeF(64, 14));
        for (const QRectF& node : layout.nodeRects)
            EXPECT_FALSE(label.adjusted(1, 1, -1, -1).intersects(node)) << "label of edge " << e;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Zoo, ZooLayout, ::testing::Values("lenet5", "resnet8", "resnet26", "mobilenet-v1-0.25"),
    [](const auto& info) {
        std::string n = info.param;
        std::replace_if(
            n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
            '_');
        return n;
    });

TEST(GraphLayout, ScalesToLongNetworks) {
    // 600 layers: a chain with a skip connection every five, like a very deep ResNet.
    GraphLayoutRequest r;
    r.nodeSizes.assign(600, QSizeF(170, 44));
    for (std::size_t i = 1; i < 600; ++i) {
        r.edges.push_back({i - 1, i, QSizeF(64, 14), 4});
        if (i % 5 == 0)
            r.edges.push_back({i - 5, i, QSizeF(64, 14)});
    }
    const GraphLayout layout = layoutGraph(r);
    std::cout << "[ layout   ] synthetic: 600 nodes, " << r.edges.size() << " edges in "
              << layout.milliseconds << " ms\n";
    EXPECT_TRUE(layout.graphviz);
    EXPECT_LT(layout.milliseconds, 3000.0);
}

TEST(GraphLayout, HandlesEmptyGraphsBadEdgesAndCycles) {
    EXPECT_TRUE(layoutGraph({}).ok);
    EXPECT_TRUE(layoutGraph({}).nodeRects.empty());

    GraphLayoutRequest r;
    r.nodeSizes = {QSizeF(100, 40), QSizeF(100, 40), QSizeF(100, 40)};
    r.edges = {{0, 1, {}}, {1, 2, {}}, {2, 0, {}}, {0, 7, {}}, {1, 1, {}}};
    const GraphLayout layout = layoutGraph(r);
    ASSERT_TRUE(layout.ok);
    ASSERT_EQ(layout.routes.size(), 5u);
    EXPECT_FALSE(layout.routes[0].points.empty());
    EXPECT_FALSE(layout.routes[2].points.empty()) << "a back edge is routed too";
    EXPECT_TRUE(layout.routes[3].points.empty()) << "an edge to a missing node is not";
    EXPECT_FALSE(layout.routes[0].path().isEmpty());
}

TEST(GraphLayout, ParallelEdgesGetTheirOwnRoutes) {
    GraphLayoutRequest r;
    r.nodeSizes = {QSizeF(100, 40), QSizeF(100, 40)};
    r.edges = {{0, 1, QSizeF(40, 12)}, {0, 1, QSizeF(40, 12)}};
    const GraphLayout layout = layoutGraph(r);
    ASSERT_EQ(layout.routes.size(), 2u);
    EXPECT_NE(layout.routes[0].points, layout.routes[1].points);
}

} // namespace
} // namespace zipcnn::gui::test
