// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportGraph.h"

#include "graph/GraphEdgeItem.h"
#include "graph/GraphNodeItem.h"
#include "graph/NetworkGraphScene.h"

#include <QGraphicsItem>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace zipcnn::gui {

namespace {

constexpr double kColumnGap = 14.0;

double pointSize(const QFont& f) {
    // A font given in pixels has no point size; the report's 96 dpi converts it.
    return f.pointSizeF() > 0 ? f.pointSizeF() : f.pixelSize() * 72.0 / 96.0;
}

/// Where a strip that starts at `top` and may be `height` tall ends: above the first node it
/// would cut through (unless that node starts the strip, then through it).
double cutBelow(const std::vector<std::pair<double, double>>& nodes, double top, double height,
                double bottom) {
    double cut = std::min(top + height, bottom);
    if (cut >= bottom)
        return bottom;
    for (bool moved = true; moved;) {
        moved = false;
        for (const auto& [a, b] : nodes)
            if (a < cut && cut < b && a - 4.0 > top) {
                cut = a - 4.0;
                moved = true;
            }
    }
    return cut;
}

} // namespace

double graphSmallestFontPt(const NetworkGraphScene& scene) {
    double pt = pointSize(GraphNodeItem::detailFont());
    if (!scene.edgeItems().empty())
        pt = std::min(pt, pointSize(GraphEdgeItem::labelFont()));
    return pt;
}

GraphPagePlan planGraphPages(const NetworkGraphScene& scene, QSizeF first, QSizeF page) {
    GraphPagePlan plan;
    const QRectF all = scene.itemsBoundingRect().adjusted(-4, -4, 4, 4);
    plan.scene = all;
    if (all.isEmpty() || first.isEmpty() || page.isEmpty())
        return plan;
    std::vector<std::pair<double, double>> nodes;
    for (const GraphNodeItem* n : scene.nodeItems()) {
        const QRectF r = n->sceneBoundingRect();
        nodes.emplace_back(r.top(), r.bottom());
    }
    // The horizontal extent of what a band of the scene holds (its nodes, edges and labels).
    auto extent = [&](double top, double bottom) {
        double left = all.right(), right = all.left();
        for (const QGraphicsItem* item :
             scene.items(QRectF(all.left(), top, all.width(), bottom - top),
                         Qt::IntersectsItemBoundingRect)) {
            const QRectF r = item->sceneBoundingRect();
            left = std::min(left, r.left() - 4.0);
            right = std::max(right, r.right() + 4.0);
        }
        if (left >= right)
            return std::make_pair(all.left(), all.right());
        return std::make_pair(std::max(left, all.left()), std::min(right, all.right()));
    };
    // Strips cut in order, each put beside the previous ones while the page is wide enough.
    auto layOut = [&](double s) {
        std::vector<std::vector<GraphPagePlan::Strip>> pages(1);
        double used = 0.0;
        double top = all.top();
        while (top < all.bottom() - 1.0) {
            const QSizeF area = pages.size() == 1 ? first : page;
            const double cut = cutBelow(nodes, top, area.height() / s, all.bottom());
            const auto [left, right] = extent(top, cut);
            const double w = (right - left) * s;
            if (!pages.back().empty() && used + kColumnGap + w > area.width()) {
                // A new page: the strip is cut again for that page's height.
                pages.emplace_back();
                used = 0.0;
                continue;
            }
            pages.back().push_back({top, cut, left, right});
            used += (pages.back().size() > 1 ? kColumnGap : 0.0) + w;
            top = cut;
        }
        return pages;
    };

    const double fontPt = graphSmallestFontPt(scene);
    const double minScale = std::min(1.0, kReportGraphMinFontPt / fontPt);
    // The whole graph on the first page, as large as up to six columns allow.
    double best = 0.0;
    for (int k = 1; k <= 6; ++k) {
        const double sw = (first.width() - kColumnGap * (k - 1)) / (k * all.width());
        const double sh = first.height() * k / all.height() * 0.92; // cuts fall between nodes
        best = std::max(best, std::min({sw, sh, 1.0}));
    }
    double scale = best;
    if (best < minScale) {
        // Too small to read: the minimum size, continued on following pages. A graph wider
        // than the page at that size is shrunk to the page's width (its type then says so).
        scale = std::min(minScale, page.width() / all.width());
    }
    plan.scale = scale;
    plan.smallestFontPt = fontPt * scale;
    plan.pages = layOut(scale);
    return plan;
}

void drawGraphPage(NetworkGraphScene& scene, const GraphPagePlan& plan, std::size_t index,
                   QPainter* painter, const QRectF& rect) {
    if (index >= plan.pages.size())
        return;
    const auto& strips = plan.pages[index];
    if (strips.empty())
        return;
    double used = kColumnGap * (strips.size() - 1);
    for (const auto& strip : strips)
        used += (strip.right - strip.left) * plan.scale;
    double x = rect.left() + std::max(0.0, (rect.width() - used) / 2.0);
    for (std::size_t i = 0; i < strips.size(); ++i) {
        const auto& strip = strips[i];
        const QRectF source(strip.left, strip.top, strip.right - strip.left,
                            strip.bottom - strip.top);
        if (i > 0) {
            painter->save();
            painter->setPen(QPen(QColor(0xc0, 0xc6, 0xcc), 0.6, Qt::DashLine));
            const double divider = x - kColumnGap / 2.0;
            painter->drawLine(QPointF(divider, rect.top()), QPointF(divider, rect.bottom()));
            painter->restore();
        }
        scene.render(
            painter,
            QRectF(x, rect.top(), source.width() * plan.scale, source.height() * plan.scale),
            source, Qt::KeepAspectRatio);
        x += source.width() * plan.scale + kColumnGap;
    }
}

} // namespace zipcnn::gui
