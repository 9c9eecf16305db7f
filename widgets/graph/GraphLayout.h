// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <cstddef>
#include <vector>

namespace zipcnn::gui {

/// One edge to lay out, between two node indices, with the room its label needs (an empty
/// size for no label).
struct GraphLayoutEdge {
    std::size_t from = 0;
    std::size_t to = 0;
    QSizeF labelSize;
    /// How hard the layout tries to keep the edge short and vertical (Graphviz's weight, an
    /// integer of at least 1).
    int weight = 1;
};

/// A graph to lay out: node sizes (the node's index is its id) and directed edges.
struct GraphLayoutRequest {
    std::vector<QSizeF> nodeSizes;
    std::vector<GraphLayoutEdge> edges;
    double nodeSpacing = 28.0; ///< least horizontal gap between two nodes of one rank
    double rankSpacing = 22.0; ///< least vertical gap between two ranks
};

/// Where one edge runs.
struct GraphLayoutRoute {
    /// A cubic Bezier spline: the start point, then (control, control, end) triples. Empty when
    /// the edge was not laid out (an index out of range).
    std::vector<QPointF> points;
    /// The centre of the label's box, when the edge asked for a label.
    QPointF labelCenter;

    /// The spline as a path, from the source's border to the target's border.
    QPainterPath path() const;
};

/// The result of `layoutGraph()`, in a coordinate system with y growing downwards and the
/// top-left corner of `bounds` at the origin.
struct GraphLayout {
    bool ok = false;
    QString error;                 ///< why Graphviz failed, when it did (the fallback was used)
    bool graphviz = false;         ///< laid out by Graphviz's dot (else by the simple fallback)
    std::vector<QRectF> nodeRects; ///< per node index
    std::vector<GraphLayoutRoute> routes; ///< per edge index of the request
    QRectF bounds;
    double milliseconds = 0.0; ///< time taken, for reports and tests
};

/// Lays out a directed graph top to bottom in layers (Graphviz's "dot": sources at the top,
/// edges pointing down where the graph has no cycle, few crossings). Falls back to a plain
/// longest-path layering when Graphviz cannot run. Thread-safe (Graphviz is not, so calls are
/// serialised).
GraphLayout layoutGraph(const GraphLayoutRequest& request);

} // namespace zipcnn::gui
