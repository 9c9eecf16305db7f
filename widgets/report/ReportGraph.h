// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRectF>
#include <QSizeF>
#include <utility>
#include <vector>

class QPainter;

namespace zipcnn::gui {

class NetworkGraphScene;

/// The smallest type the report prints the network graph in: below it a 150-layer network
/// becomes a texture, not a graph (issue 16).
constexpr double kReportGraphMinFontPt = 7.0;

/// How the network graph goes onto the report's pages: one scale for all, the scene cut into
/// horizontal strips between nodes, the strips set side by side (newspaper columns) and
/// continued on as many pages as they need.
struct GraphPagePlan {
    double scale = 1.0;          ///< report units per scene unit (both 96 dpi)
    double smallestFontPt = 0.0; ///< the graph's smallest type at that scale
    QRectF scene;                ///< the part of the scene drawn (all items, a small margin)
    /// A horizontal band of the scene drawn as one column: [top, bottom) and the part
    /// [left, right) its items take (a column is only as wide as what it holds).
    struct Strip {
        double top = 0.0;
        double bottom = 0.0;
        double left = 0.0;
        double right = 0.0;
    };
    /// Per page, the strips drawn on it side by side.
    std::vector<std::vector<Strip>> pages;
};

/// The smallest type of `scene` at its natural size: the tensor shapes on its edges, the
/// details in its nodes (points).
double graphSmallestFontPt(const NetworkGraphScene& scene);

/// Plans the graph onto a first area of `first` (what remains below its heading) and further
/// pages of `page`: the whole graph on the first when that keeps its type at least
/// `kReportGraphMinFontPt`, drawn as large as it fits in at most six columns; else at the
/// minimum size (at most the natural size), as many columns a page as fit side by side, each
/// as wide as the part of the graph it holds.
GraphPagePlan planGraphPages(const NetworkGraphScene& scene, QSizeF first, QSizeF page);

/// Draws page `index` of `plan` into `rect` (as wide as the area planned for).
void drawGraphPage(NetworkGraphScene& scene, const GraphPagePlan& plan, std::size_t index,
                   QPainter* painter, const QRectF& rect);

} // namespace zipcnn::gui
