// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportRamChart.h"

#include "base/HumanUnits.h"
#include "cost/Sweep.h"
#include "report/ReportFlow.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>
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

namespace {

/// A step of 1, 2 or 5 times a power of ten giving about `ticks` ticks up to `hi`.
double niceStep(double hi, int ticks) {
    const double raw = hi / ticks;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw)
            return m * power;
    return 10.0 * power;
}

} // namespace

void drawRamProfile(const CostVariant& variant, const std::vector<RamBudgetLine>& budgets,
                    QPainter* painter, const QRectF& rect) {
    const auto& layers = variant.ramLayers;
    if (layers.empty())
        return;
    const QFont font = ReportFlow::font(kFontPt);
    const QFontMetricsF fm(font, painter->device());
    double hi = 1.0;
    for (const auto& l : layers)
        hi = std::max(hi, static_cast<double>(l.bytes));
    for (const auto& b : budgets)
        hi = std::max(hi, b.bytes);
    hi *= 1.08;
    // Steps of 1, 2 or 5 times a power of ten of KiB, or of MiB past 1.5 MiB (round labels).
    const double unit = hi >= 1.5 * 1024.0 * 1024.0 ? 1024.0 * 1024.0 : 1024.0;
    const double step = niceStep(hi / unit, 5) * unit;
    const double labelW = fm.horizontalAdvance(QString::fromStdString(humanBytes(
                              static_cast<std::int64_t>(std::floor(hi / step) * step)))) +
                          8.0;
    const QRectF plot(rect.left() + labelW, rect.top() + 4.0, rect.width() - labelW - 4.0,
                      rect.height() - fm.height() * 2.0 - 8.0);
    auto yOf = [&](double bytes) { return plot.bottom() - plot.height() * bytes / hi; };
    const double slot = plot.width() / static_cast<double>(layers.size());

    painter->save();
    painter->setFont(font);
    const QColor grid(0xd0, 0xd5, 0xdb);
    const QColor text(0x33, 0x3a, 0x42);
    for (double v = 0.0; v <= hi; v += step) {
        painter->setPen(QPen(grid, 0.5));
        painter->drawLine(QPointF(plot.left(), yOf(v)), QPointF(plot.right(), yOf(v)));
        painter->setPen(text);
        painter->drawText(
            QRectF(rect.left(), yOf(v) - fm.height() / 2.0, labelW - 6.0, fm.height()),
            Qt::AlignRight | Qt::AlignVCenter,
            QString::fromStdString(humanBytes(static_cast<std::int64_t>(v))));
    }
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const bool peak = layers[i].name == variant.ramPeakLayer;
        const double y = yOf(static_cast<double>(layers[i].bytes));
        painter->fillRect(QRectF(plot.left() + slot * (i + 0.15), y, slot * 0.7, plot.bottom() - y),
                          peak ? QColor(0xd6, 0x27, 0x28) : QColor(0x7f, 0x8c, 0x99));
    }
    // Positions along the network: every 10th layer (every 20th, 50th... when many).
    const int every = layers.size() <= 60 ? 10 : layers.size() <= 150 ? 20 : 50;
    painter->setPen(text);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const std::size_t position = i + 1;
        if (position != 1 && position % every != 0)
            continue;
        const double x = plot.left() + slot * (i + 0.5);
        painter->drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3.0));
        painter->drawText(QRectF(x - 30.0, plot.bottom() + 3.0, 60.0, fm.height()),
                          Qt::AlignHCenter | Qt::AlignTop, QString::number(position));
    }
    painter->drawLine(plot.bottomLeft(), plot.bottomRight());
    painter->drawText(
        QRectF(plot.left(), plot.bottom() + 3.0 + fm.height(), plot.width(), fm.height()),
        Qt::AlignHCenter | Qt::AlignTop,
        tr("layer, in the network's order (%1 layers)").arg(layers.size()));
    // Labels above their lines, at the right end; one that would overlap the previous goes to
    // the left end, then higher up.
    std::vector<RamBudgetLine> sorted = budgets;
    std::sort(sorted.begin(), sorted.end(),
              [](const RamBudgetLine& a, const RamBudgetLine& b) { return a.bytes < b.bytes; });
    double lastTop[2] = {1e9, 1e9}; // right, left: the top of the last label drawn there
    for (const auto& b : sorted) {
        const double y = yOf(b.bytes);
        painter->setPen(QPen(QColor(0x1f, 0x4e, 0x79), 1.0, Qt::DashLine));
        painter->drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter->setPen(QColor(0x1f, 0x4e, 0x79));
        double top = y - fm.height() - 1.0;
        int side = 0;
        if (top + fm.height() > lastTop[0]) {
            side = top + fm.height() > lastTop[1] ? (lastTop[0] < lastTop[1] ? 1 : 0) : 1;
            top = std::min(top, lastTop[side] - fm.height());
        }
        lastTop[side] = top;
        const QString label = QStringLiteral("%1: %2").arg(
            b.label, QString::fromStdString(humanBytes(static_cast<std::int64_t>(b.bytes))));
        const double w = fm.horizontalAdvance(label) + 4.0;
        const QRectF box(side == 0 ? plot.right() - 2.0 - w : plot.left() + 2.0, top, w,
                         fm.height());
        // On a light ground, so that bars behind it do not hide it.
        painter->fillRect(box, QColor(255, 255, 255, 220));
        painter->drawText(box, Qt::AlignCenter, label);
    }
    painter->restore();
}

} // namespace zipcnn::gui
