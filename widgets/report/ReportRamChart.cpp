// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportRamChart.h"

#include "base/HumanUnits.h"
#include "cost/Sweep.h"
#include "report/ReportFlow.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <numeric>

namespace zipcnn::gui {

namespace {

constexpr double kFontPt = 7.5;
constexpr double kRowGap = 3.0;

QString tr(const char* text) {
    return QCoreApplication::translate("ReportRamChart", text);
}

/// Where the parts of the chart go: the name column as wide as the longest name, up to half
/// the width (a longer name wraps, never cut), then the bars, then the sizes.
struct ChartLayout {
    QStringList names;
    std::vector<QStringList> lines;
    std::vector<double> heights;
    double nameW = 0.0;
    double valueW = 0.0;
    double lineH = 0.0;
    double total = 0.0;
};

ChartLayout layOut(const RamTopLayers& top, double width, QPaintDevice* device) {
    ChartLayout c;
    const QFont bold = ReportFlow::font(kFontPt, true);
    const QFontMetricsF fm(bold, device);
    c.lineH = fm.height();
    for (const auto& r : top.rows) {
        c.names << QStringLiteral("%1. %2").arg(r.position).arg(r.name);
        c.nameW = std::max(c.nameW, fm.horizontalAdvance(c.names.back()));
    }
    c.nameW = std::min(c.nameW + 8.0, width * 0.5);
    c.valueW = fm.horizontalAdvance(QStringLiteral("999 KiB")) + 8.0;
    for (const QString& name : c.names) {
        c.lines.push_back(ReportFlow::wrapCell(name, bold, c.nameW - 6.0, device));
        c.heights.push_back(c.lines.back().size() * c.lineH + kRowGap);
        c.total += c.heights.back();
    }
    if (top.hidden > 0)
        c.total += 1.5 * (c.lineH + kRowGap);
    return c;
}

} // namespace

RamTopLayers topRamLayers(const CostVariant& variant, std::size_t count) {
    const auto& layers = variant.ramLayers;
    std::vector<std::size_t> order(layers.size());
    std::iota(order.begin(), order.end(), 0);
    // Largest first; among equals the peak layer first (it is the one the report names).
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (layers[a].bytes != layers[b].bytes)
            return layers[a].bytes > layers[b].bytes;
        return layers[a].name == variant.ramPeakLayer && layers[b].name != variant.ramPeakLayer;
    });
    RamTopLayers top;
    for (std::size_t i = 0; i < order.size() && i < count; ++i) {
        const auto& l = layers[order[i]];
        top.rows.push_back({QString::fromStdString(l.name), l.bytes, l.name == variant.ramPeakLayer,
                            order[i] + 1});
    }
    top.hidden = layers.size() - top.rows.size();
    return top;
}

double ramTopLayersHeight(const RamTopLayers& top, double width, QPaintDevice* device) {
    return layOut(top, width, device).total;
}

void drawRamTopLayers(const RamTopLayers& top, QPainter* painter, const QRectF& rect) {
    if (top.rows.empty())
        return;
    const ChartLayout c = layOut(top, rect.width(), painter->device());
    const QFont font = ReportFlow::font(kFontPt);
    const QFont bold = ReportFlow::font(kFontPt, true);
    const double barLeft = rect.left() + c.nameW;
    const double barW = std::max(10.0, rect.width() - c.nameW - c.valueW);
    const double hi = static_cast<double>(std::max<std::int64_t>(1, top.rows.front().bytes));
    painter->save();
    double y = rect.top();
    for (std::size_t i = 0; i < top.rows.size(); ++i) {
        const auto& r = top.rows[i];
        painter->setFont(r.peak ? bold : font);
        painter->setPen(Qt::black);
        double ly = y + kRowGap / 2.0;
        for (const QString& line : c.lines[i]) {
            painter->drawText(QRectF(rect.left(), ly, c.nameW - 6.0, c.lineH),
                              Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, line.trimmed());
            ly += c.lineH;
        }
        const double w = barW * static_cast<double>(r.bytes) / hi;
        const QColor fill = r.peak ? QColor(0xd6, 0x27, 0x28) : QColor(0x7f, 0x8c, 0x99);
        const QRectF bar(barLeft, y + kRowGap / 2.0, w, c.lineH);
        painter->fillRect(bar, fill);
        painter->drawText(QRectF(bar.right() + 4.0, bar.top(), c.valueW, c.lineH),
                          Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                          QString::fromStdString(humanBytes(r.bytes)));
        y += c.heights[i];
    }
    if (top.hidden > 0) {
        painter->setFont(font);
        painter->setPen(QColor(0x55, 0x5f, 0x6a));
        const QString more =
            top.hidden == 1 ? tr("1 more layer needs less RAM and is not shown.")
                            : tr("%1 more layers need less RAM and are not shown.").arg(top.hidden);
        painter->drawText(QRectF(rect.left(), y + c.lineH * 0.5, rect.width(), c.lineH),
                          Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, more);
    }
    painter->restore();
}

} // namespace zipcnn::gui
