// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphEdgeItem.h"

#include "common/ScaledFont.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPalette>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace zipcnn::gui {

namespace {

constexpr double kArrowLength = 8.0;
constexpr double kArrowHalfWidth = 4.0;
constexpr double kLabelGap = 5.0;

} // namespace

GraphEdgeItem::GraphEdgeItem(std::size_t source, std::size_t target, std::size_t slot,
                             const QPainterPath& path, const QRectF& labelBox, const QString& label)
    : source_(source), target_(target), slot_(slot), path_(path), labelBox_(labelBox),
      label_(label) {
    setFlag(ItemIsSelectable);
    // A wide invisible band makes a thin curve easy to click.
    QPainterPathStroker stroker;
    stroker.setWidth(9);
    shape_ = stroker.createStroke(path_);
    shape_.addPolygon(arrowHead());
}

QFont GraphEdgeItem::labelFont() {
    return scaledFont(QApplication::font(), 0.85);
}

QSizeF GraphEdgeItem::labelSize(const QString& label) {
    const QFontMetricsF fm(labelFont());
    return {std::ceil(fm.horizontalAdvance(label) + 2 * kLabelGap), std::ceil(fm.height())};
}

void GraphEdgeItem::setLabel(const QString& label) {
    if (label == label_)
        return;
    label_ = label;
    update();
}

QPolygonF GraphEdgeItem::arrowHead() const {
    if (path_.elementCount() < 2)
        return {};
    const QPointF tip = path_.pointAtPercent(1.0);
    // The direction over the last few points of the curve, which dot ends almost straight.
    QPointF back = path_.pointAtPercent(std::max(0.0, 1.0 - 6.0 / std::max(path_.length(), 6.0)));
    QLineF dir(tip, back);
    if (dir.length() < 1e-6)
        dir = QLineF(tip, tip - QPointF(0, 1));
    dir.setLength(kArrowLength);
    const QPointF base = dir.p2();
    const QPointF normal(-(base.y() - tip.y()) / kArrowLength * kArrowHalfWidth,
                         (base.x() - tip.x()) / kArrowLength * kArrowHalfWidth);
    return QPolygonF({tip, base + normal, base - normal});
}

QRectF GraphEdgeItem::boundingRect() const {
    return shape_.boundingRect().united(labelBox_).adjusted(-2, -2, 2, 2);
}

QPainterPath GraphEdgeItem::shape() const {
    QPainterPath s = shape_;
    if (!labelBox_.isEmpty())
        s.addRect(labelBox_);
    return s;
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const bool selected = option->state & QStyle::State_Selected;
    const QColor color =
        selected ? QApplication::palette().color(QPalette::Highlight) : QColor(120, 120, 120);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(color, selected ? 2.5 : 1.3));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path_);
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawPolygon(arrowHead());

    if (!label_.isEmpty() && !labelBox_.isEmpty()) {
        // dot reserves the label's box beside the curve, its left side on the curve.
        painter->setFont(labelFont());
        painter->setPen(selected ? color : QColor(70, 70, 70));
        painter->drawText(labelBox_.adjusted(kLabelGap, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          label_);
    }
}

} // namespace zipcnn::gui
