// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphLayout.h"

#include <QElapsedTimer>
#include <QtMath>
#include <algorithm>
#include <cstdio>
#include <gvc.h>
#include <mutex>

namespace zipcnn::gui {

namespace {

// Graphviz measures in points (1/72 inch), as the scene does, so no scaling is needed.
constexpr double kPointsPerInch = 72.0;

std::string inches(double points) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", points / kPointsPerInch);
    return buf;
}

/// An invisible HTML-like label of exactly `size`: Graphviz reserves the room for the label
/// (as a virtual node, so it overlaps nothing) without measuring text with its own fonts.
std::string labelBox(QSizeF size) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                  "<TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\"></TD></TR></TABLE>",
                  std::max(1, qCeil(size.width())), std::max(1, qCeil(size.height())));
    return buf;
}

std::mutex& graphvizMutex() {
    static std::mutex m;
    return m;
}

/// One context for the process: creating it reads the plugin configuration (about 10 ms).
GVC_t* graphvizContext() {
    static GVC_t* context = [] {
        // Warnings go to stderr otherwise; failures are reported through the result instead.
        agseterr(AGMAX);
        return gvContext();
    }();
    return context;
}

char* str(const char* s) {
    return const_cast<char*>(s);
}

/// For each edge, whether it goes back to a node on the depth-first path that reaches it (in
/// node order, as dot's own acyclic() walks): removing those leaves the graph acyclic.
/// Self-loops are not counted; dot leaves them out of the ranking anyway.
std::vector<char> backEdges(const std::vector<GraphLayoutEdge>& edges, std::size_t n) {
    std::vector<std::vector<std::size_t>> out(n);
    for (std::size_t i = 0; i < edges.size(); ++i)
        if (edges[i].from < n && edges[i].to < n && edges[i].from != edges[i].to)
            out[edges[i].from].push_back(i);
    std::vector<char> back(edges.size(), 0);
    std::vector<char> state(n, 0); // 0 unseen, 1 on the path, 2 done
    auto visit = [&](auto&& self, std::size_t v) -> void {
        state[v] = 1;
        for (std::size_t i : out[v]) {
            const std::size_t w = edges[i].to;
            if (state[w] == 1)
                back[i] = 1;
            else if (state[w] == 0)
                self(self, w);
        }
        state[v] = 2;
    };
    for (std::size_t v = 0; v < n; ++v)
        if (state[v] == 0)
            visit(visit, v);
    return back;
}

bool layoutWithGraphviz(const GraphLayoutRequest& request, GraphLayout& out) {
    std::lock_guard lock(graphvizMutex());
    GVC_t* gvc = graphvizContext();
    if (!gvc) {
        out.error = QStringLiteral("Graphviz context unavailable");
        return false;
    }
    Agraph_t* g = agopen(str("g"), Agdirected, nullptr);
    agattr(g, AGRAPH, str("rankdir"), str("TB"));
    agattr(g, AGRAPH, str("nodesep"), str(inches(request.nodeSpacing).c_str()));
    agattr(g, AGRAPH, str("ranksep"), str(inches(request.rankSpacing).c_str()));
    agattr(g, AGNODE, str("shape"), str("box"));
    agattr(g, AGNODE, str("fixedsize"), str("true"));
    agattr(g, AGNODE, str("label"), str(""));
    Agsym_t* width = agattr(g, AGNODE, str("width"), str("1"));
    Agsym_t* height = agattr(g, AGNODE, str("height"), str("0.5"));
    agattr(g, AGEDGE, str("arrowhead"), str("none"));
    Agsym_t* label = agattr(g, AGEDGE, str("label"), str(""));
    Agsym_t* weight = agattr(g, AGEDGE, str("weight"), str("1"));
    Agsym_t* constraint = agattr(g, AGEDGE, str("constraint"), str("true"));

    const std::size_t n = request.nodeSizes.size();
    std::vector<Agnode_t*> nodes(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string id = "n" + std::to_string(i);
        nodes[i] = agnode(g, str(id.c_str()), 1);
        agxset(nodes[i], width, str(inches(request.nodeSizes[i].width()).c_str()));
        agxset(nodes[i], height, str(inches(request.nodeSizes[i].height()).c_str()));
    }
    // Edges closing a cycle (only a half-edited graph has one) are left out of the ranking:
    // dot would reverse them itself and leak the virtual edge it makes for that (graphviz
    // 2.42, acyclic() -> reverse_edge(); LeakSanitizer reports it), with the same drawing.
    const std::vector<char> closesCycle = backEdges(request.edges, n);
    std::vector<Agedge_t*> edges(request.edges.size(), nullptr);
    for (std::size_t i = 0; i < request.edges.size(); ++i) {
        const GraphLayoutEdge& e = request.edges[i];
        if (e.from >= n || e.to >= n)
            continue;
        // A unique key keeps parallel edges (Add(x, x)) apart instead of merging them.
        const std::string key = "e" + std::to_string(i);
        edges[i] = agedge(g, nodes[e.from], nodes[e.to], str(key.c_str()), 1);
        if (e.weight > 1)
            agxset(edges[i], weight, str(std::to_string(e.weight).c_str()));
        if (closesCycle[i])
            agxset(edges[i], constraint, str("false"));
        if (!e.labelSize.isEmpty())
            agxset(edges[i], label, agstrdup_html(g, str(labelBox(e.labelSize).c_str())));
    }

    if (gvLayout(gvc, g, "dot") != 0) {
        const char* why = aglasterr();
        out.error = why ? QString::fromUtf8(why).trimmed() : QStringLiteral("dot layout failed");
        agclose(g);
        return false;
    }

    // Graphviz's y grows upwards from the bottom of the bounding box.
    const boxf bb = GD_bb(g);
    const auto flip = [&](pointf p) { return QPointF(p.x - bb.LL.x, bb.UR.y - p.y); };
    out.nodeRects.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        const QSizeF s = request.nodeSizes[i];
        const QPointF c = flip(ND_coord(nodes[i]));
        out.nodeRects[i] =
            QRectF(c.x() - s.width() / 2, c.y() - s.height() / 2, s.width(), s.height());
    }
    out.routes.resize(request.edges.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        if (!edges[i])
            continue;
        GraphLayoutRoute& r = out.routes[i];
        if (const splines* spl = ED_spl(edges[i]); spl && spl->size > 0) {
            const bezier& bz = spl->list[0];
            r.points.reserve(static_cast<std::size_t>(bz.size));
            for (int k = 0; k < bz.size; ++k)
                r.points.push_back(flip(bz.list[k]));
        }
        if (const textlabel_t* tl = ED_label(edges[i]); tl && tl->set)
            r.labelCenter = flip(tl->pos);
        else if (!r.points.empty())
            r.labelCenter = r.points[r.points.size() / 2];
    }
    out.bounds = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
    gvFreeLayout(gvc, g);
    agclose(g);
    return true;
}

/// Longest-path layering with the nodes of a layer side by side and straight edges: crude, but
/// readable, and it needs nothing.
void layoutFallback(const GraphLayoutRequest& request, GraphLayout& out) {
    const std::size_t n = request.nodeSizes.size();
    std::vector<std::vector<std::size_t>> preds(n);
    for (const auto& e : request.edges)
        if (e.from < n && e.to < n && e.from != e.to)
            preds[e.to].push_back(e.from);
    // Depth-first longest path; a node already on the stack is a cycle and is ignored.
    std::vector<int> rank(n, -1);
    std::vector<char> onStack(n, 0);
    auto rankOf = [&](auto&& self, std::size_t v) -> int {
        if (rank[v] >= 0)
            return rank[v];
        onStack[v] = 1;
        int r = 0;
        for (std::size_t p : preds[v])
            if (!onStack[p])
                r = std::max(r, self(self, p) + 1);
        onStack[v] = 0;
        return rank[v] = r;
    };
    int ranks = 0;
    for (std::size_t v = 0; v < n; ++v)
        ranks = std::max(ranks, rankOf(rankOf, v) + 1);

    std::vector<double> rankHeight(static_cast<std::size_t>(ranks), 0.0);
    std::vector<double> rankWidth(static_cast<std::size_t>(ranks), 0.0);
    for (std::size_t v = 0; v < n; ++v) {
        auto r = static_cast<std::size_t>(rank[v]);
        rankHeight[r] = std::max(rankHeight[r], request.nodeSizes[v].height());
        rankWidth[r] += request.nodeSizes[v].width() + request.nodeSpacing;
    }
    double labelHeight = 0.0;
    for (const auto& e : request.edges)
        labelHeight = std::max(labelHeight, e.labelSize.height());
    const double widest =
        rankWidth.empty() ? 0.0 : *std::max_element(rankWidth.begin(), rankWidth.end());
    std::vector<double> top(static_cast<std::size_t>(ranks), 0.0);
    for (std::size_t r = 1; r < top.size(); ++r)
        top[r] = top[r - 1] + rankHeight[r - 1] + request.rankSpacing * 2 + labelHeight;
    std::vector<double> cursor(static_cast<std::size_t>(ranks));
    for (std::size_t r = 0; r < cursor.size(); ++r)
        cursor[r] = (widest - rankWidth[r]) / 2;
    out.nodeRects.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
        auto r = static_cast<std::size_t>(rank[v]);
        const QSizeF s = request.nodeSizes[v];
        out.nodeRects[v] = QRectF(QPointF(cursor[r], top[r] + (rankHeight[r] - s.height()) / 2), s);
        cursor[r] += s.width() + request.nodeSpacing;
        out.bounds |= out.nodeRects[v];
    }
    out.routes.resize(request.edges.size());
    for (std::size_t i = 0; i < request.edges.size(); ++i) {
        const auto& e = request.edges[i];
        if (e.from >= n || e.to >= n)
            continue;
        const QPointF a(out.nodeRects[e.from].center().x(), out.nodeRects[e.from].bottom());
        const QPointF b(out.nodeRects[e.to].center().x(), out.nodeRects[e.to].top());
        const QPointF d = (b - a) / 3;
        out.routes[i].points = {a, a + d, a + 2 * d, b};
        out.routes[i].labelCenter = (a + b) / 2 + QPointF(e.labelSize.width() / 2 + 4, 0);
    }
}

} // namespace

QPainterPath GraphLayoutRoute::path() const {
    QPainterPath p;
    if (points.empty())
        return p;
    p.moveTo(points.front());
    for (std::size_t k = 1; k + 2 < points.size(); k += 3)
        p.cubicTo(points[k], points[k + 1], points[k + 2]);
    return p;
}

GraphLayout layoutGraph(const GraphLayoutRequest& request) {
    QElapsedTimer timer;
    timer.start();
    GraphLayout out;
    if (!request.nodeSizes.empty() && !layoutWithGraphviz(request, out)) {
        out.nodeRects.clear();
        out.routes.clear();
        layoutFallback(request, out);
    } else {
        out.graphviz = !request.nodeSizes.empty();
    }
    out.routes.resize(request.edges.size());
    out.ok = true;
    out.milliseconds = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    return out;
}

} // namespace zipcnn::gui
