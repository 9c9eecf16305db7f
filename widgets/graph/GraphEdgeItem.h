// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QGraphicsItem>
#include <QPainterPath>
#include <QString>

namespace zipcnn::gui {

/// One input of a layer in the network graph: a curve from the producing layer down to the
/// consuming one, with an arrowhead and the shape of the tensor it carries. Selectable, so that
/// Delete removes that input.
class GraphEdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };

    /// `slot` is the position of the source among the target's inputs. `labelBox` is the room
    /// the layout reserved for the label.
    GraphEdgeItem(std::size_t source, std::size_t target, std::size_t slot,
                  const QPainterPath& path, const QRectF& labelBox, const QString& label);

    int type() const override { return Type; }
    std::size_t sourceIndex() const { return source_; }
    std::size_t targetIndex() const { return target_; }
    std::size_t slot() const { return slot_; }
    const QString& label() const { return label_; }
    void setLabel(const QString& label);
    const QPainterPath& path() const { return path_; }

    /// The font of the shape labels; the layout reserves room with it.
    static QFont labelFont();
    /// The room a label needs: the text plus the gap that keeps it off the curve.
    static QSizeF labelSize(const QString& label);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QPolygonF arrowHead() const;

    std::size_t source_;
    std::size_t target_;
    std::size_t slot_;
    QPainterPath path_;
    QRectF labelBox_;
    QString label_;
    QPainterPath shape_;
};

} // namespace zipcnn::gui
