// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphNodeItem.h"

#include "common/ScaledFont.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSceneHoverEvent>
#include <QPainter>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QTextLayout>
#include <algorithm>

namespace zipcnn::gui {

namespace {

constexpr double kPad = 7.0;
constexpr double kPortRadius = 5.0;
constexpr double kMinWidth = 144.0;
constexpr double kMaxWidth = 252.0;
constexpr double kWidthStep = 18.0;
constexpr int kErrorLines = 3;
// An erroneous node is wider, so its message is readable on the node itself.
constexpr double kErrorMinWidth = 234.0;
const QColor kErrorColor(200, 30, 30);
const QColor kPeakColor(120, 60, 170);

double lineHeight(const QFont& f) {
    return QFontMetricsF(f).height();
}

/// The lines an error message takes on a node `width` wide, at most kErrorLines.
int errorLineCount(const QString& text, double width) {
    QTextLayout layout(text, GraphNodeItem::detailFont());
    layout.beginLayout();
    int lines = 0;
    while (lines < kErrorLines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        ++lines;
    }
    layout.endLayout();
    return std::max(1, lines);
}

} // namespace

bool GraphNodeContent::operator==(const GraphNodeContent& o) const {
    const bool sameHeat = (std::isnan(heat) && std::isnan(o.heat)) || heat == o.heat;
    return name == o.name && detail == o.detail && errors == o.errors && toolTip == o.toolTip &&
           baseColor == o.baseColor && heatShown == o.heatShown && sameHeat &&
           heatLevel == o.heatLevel && ramPeak == o.ramPeak;
}

GraphNodeItem::GraphNodeItem(std::size_t layerIndex, const GraphNodeContent& content, QSizeF size)
    : index_(layerIndex), content_(content), size_(size) {
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setToolTip(content_.toolTip);
    // Above the edges, so a curve passing behind a node never hides its text.
    setZValue(1);
}

QFont GraphNodeItem::nameFont() {
    QFont f = QApplication::font();
    f.setBold(true);
    return f;
}

QFont GraphNodeItem::detailFont() {
    return scaledFont(QApplication::font(), 0.9);
}

QSizeF GraphNodeItem::sizeFor(const GraphNodeContent& content) {
    const QFontMetricsF name(nameFont());
    const QFontMetricsF detail(detailFont());
    // Room for the percentage beside the name, so switching the colouring on keeps the size.
    const double badge = detail.horizontalAdvance(QStringLiteral("100.0 %")) + kPad;
    double w = std::max(name.horizontalAdvance(content.name) + badge,
                        detail.horizontalAdvance(content.detail));
    // Widths in steps, so a chain of similar layers lines up instead of zigzagging.
    w = std::clamp(std::ceil((w + 2 * kPad) / kWidthStep) * kWidthStep, kMinWidth, kMaxWidth);
    double h = kPad + name.height() + 2 + detail.height() + kPad;
    if (!content.errors.isEmpty()) {
        w = std::max(w, kErrorMinWidth);
        h += errorLineCount(QStringLiteral("\u26a0 ") + content.errors.front(), w - 2 * kPad) *
                 detail.height() +
             2;
    }
    return {w, std::ceil(h)};
}

QColor GraphNodeItem::heatColor(double level) {
    level = std::clamp(level, 0.0, 1.0);
    // Pale yellow through orange to a red still light enough for black text.
    const QColor stops[] = {QColor(255, 250, 222), QColor(255, 205, 110), QColor(238, 98, 72)};
    const double x = level * 2.0;
    const int i = std::min(1, static_cast<int>(x));
    const double t = x - i;
    const QColor& a = stops[i];
    const QColor& b = stops[i + 1];
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

void GraphNodeItem::setContent(const GraphNodeContent& content) {
    if (content == content_)
        return;
    const QSizeF size = sizeFor(content);
    if (size != size_) {
        prepareGeometryChange();
        size_ = size;
    }
    content_ = content;
    setToolTip(content_.toolTip);
    update();
}

QRectF GraphNodeItem::outputPortSceneRect() const {
    const QPointF c(size_.width() / 2, size_.height());
    return mapRectToScene(QRectF(c - QPointF(kPortRadius + 3, kPortRadius + 3),
                                 QSizeF(2 * kPortRadius + 6, 2 * kPortRadius + 6)));
}

void GraphNodeItem::setDropTarget(bool on) {
    if (dropTarget_ == on)
        return;
    dropTarget_ = on;
    update();
}

QColor GraphNodeItem::fillColor() const {
    if (!content_.heatShown)
        return content_.baseColor.isValid() ? content_.baseColor : QColor(245, 245, 245);
    if (std::isnan(content_.heat))
        return QColor(236, 236, 236);
    return heatColor(content_.heatLevel);
}

QString GraphNodeItem::heatText() const {
    if (!content_.heatShown || std::isnan(content_.heat))
        return {};
    return QStringLiteral("%1 %").arg(content_.heat * 100.0, 0, 'f', 1);
}

QString GraphNodeItem::errorText() const {
    return content_.errors.isEmpty() ? QString()
                                     : QStringLiteral("\u26a0 ") + content_.errors.front();
}

QStringList GraphNodeItem::drawnText() const {
    QStringList lines{content_.name, content_.detail};
    if (const QString h = heatText(); !h.isEmpty())
        lines << h;
    if (const QString e = errorText(); !e.isEmpty())
        lines << e;
    if (content_.ramPeak)
        lines << QObject::tr("RAM peak");
    return lines;
}

QRectF GraphNodeItem::boundingRect() const {
    // The selection outline, the port and the RAM-peak tag stick out of the box a little.
    const double chip = lineHeight(detailFont()) / 2 + 2;
    return nodeRect().adjusted(-3, -3, 3, std::max(kPortRadius + 3, chip));
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const QRectF box = nodeRect();
    const bool selected = option->state & QStyle::State_Selected;
    const QPalette pal = QApplication::palette();
    painter->setRenderHint(QPainter::Antialiasing);

    // Box and border: error red wins over the RAM-peak purple; selection adds an outline.
    QPen border(QColor(110, 110, 110), 1.0);
    if (content_.ramPeak)
        border = QPen(kPeakColor, 2.0);
    if (!content_.errors.isEmpty())
        border = QPen(kErrorColor, 2.0);
    if (dropTarget_)
        border = QPen(QColor(40, 150, 60), 3.0);
    painter->setPen(border);
    painter->setBrush(fillColor());
    painter->drawRoundedRect(box, 6, 6);
    if (selected) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(box.adjusted(-2.5, -2.5, 2.5, 2.5), 8, 8);
    }

    const QFont nf = nameFont();
    const QFont df = detailFont();
    const QFontMetricsF nm(nf);
    const QFontMetricsF dm(df);
    const QRectF inner = box.adjusted(kPad, kPad, -kPad, -kPad);
    painter->setPen(Qt::black);

    // Name line, with the percentage at its right.
    const QString heat = heatText();
    double nameWidth = inner.width();
    if (!heat.isEmpty()) {
        painter->setFont(df);
        const double hw = dm.horizontalAdvance(heat);
        painter->drawText(QRectF(inner.right() - hw, inner.top(), hw, nm.height()),
                          Qt::AlignRight | Qt::AlignVCenter, heat);
        nameWidth -= hw + kPad;
    }
    painter->setFont(nf);
    painter->drawText(QRectF(inner.left(), inner.top(), nameWidth, nm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      nm.elidedText(content_.name, Qt::ElideMiddle, nameWidth));

    double y = inner.top() + nm.height() + 2;
    painter->setFont(df);
    painter->setPen(QColor(60, 60, 60));
    painter->drawText(QRectF(inner.left(), y, inner.width(), dm.height()),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      dm.elidedText(content_.detail, Qt::ElideRight, inner.width()));
    y += dm.height() + 2;

    // The first error, wrapped on a few lines; the tooltip has them all.
    if (const QString err = errorText(); !err.isEmpty()) {
        painter->setPen(kErrorColor);
        QTextLayout layout(err, df);
        layout.beginLayout();
        double ly = 0;
        for (int i = 0; i < kErrorLines; ++i) {
            QTextLine line = layout.createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(inner.width());
            line.setPosition(QPointF(0, ly));
            ly += line.height();
        }
        layout.endLayout();
        const int shown = layout.lineCount();
        for (int i = 0; i < shown; ++i) {
            QTextLine line = layout.lineAt(i);
            QString text = err.mid(line.textStart(), line.textLength()).trimmed();
            if (i == shown - 1 && line.textStart() + line.textLength() < err.size())
                text = dm.elidedText(err.mid(line.textStart()), Qt::ElideRight, inner.width());
            painter->drawText(QPointF(inner.left(), y + line.y() + dm.ascent()), text);
        }
    }

    if (content_.ramPeak) {
        const QString tag = QObject::tr("RAM peak");
        const double tw = dm.horizontalAdvance(tag) + 10;
        // On the bottom border, right of the port: incoming edges end on the top border, and
        // outgoing ones leave from the middle.
        const QRectF chip(box.right() - tw - 8, box.bottom() - dm.height() / 2, tw, dm.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(kPeakColor);
        painter->drawRoundedRect(chip, chip.height() / 2, chip.height() / 2);
        painter->setPen(Qt::white);
        painter->drawText(chip, Qt::AlignCenter, tag);
    }

    if (hovered_ || selected) {
        painter->setPen(QPen(QColor(80, 80, 80), 1.2));
        painter->setBrush(pal.color(QPalette::Base));
        painter->drawEllipse(QPointF(box.center().x(), box.bottom()), kPortRadius, kPortRadius);
    }
}

void GraphNodeItem::hoverEnterEvent(QGraphicsSceneHoverEvent* event) {
    hovered_ = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void GraphNodeItem::hoverMoveEvent(QGraphicsSceneHoverEvent* event) {
    // A cross over the port says a connection can be dragged from there.
    if (outputPortSceneRect().contains(event->scenePos()))
        setCursor(Qt::CrossCursor);
    else
        unsetCursor();
    QGraphicsItem::hoverMoveEvent(event);
}

void GraphNodeItem::hoverLeaveEvent(QGraphicsSceneHoverEvent* event) {
    hovered_ = false;
    unsetCursor();
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

} // namespace zipcnn::gui
