// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QString>
#include <QStringList>
#include <cmath>
#include <limits>

namespace zipcnn::gui {

/// What a node of the network graph shows about its layer.
struct GraphNodeContent {
    QString name;
    QString detail;     ///< the type and the main attributes ("Conv2D 16 · 3x3 · relu")
    QStringList errors; ///< the layer's error messages; the first is drawn on the node
    QString toolTip;
    QColor baseColor;       ///< fill by layer family, when no heat colouring is shown
    bool heatShown = false; ///< a heat colouring is active for the whole graph
    double heat = std::numeric_limits<double>::quiet_NaN(); ///< share in [0, 1], NaN = no data
    double heatLevel = 0.0; ///< share relative to the largest share, for the colour
    bool ramPeak = false;

    bool operator==(const GraphNodeContent& o) const;
};

/// One layer in the network graph: a rounded box with the layer's name, type and attributes,
/// its share of the selected cost (colour and percentage), its shape error and an output port
/// at the bottom from which a connection is dragged.
class GraphNodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    GraphNodeItem(std::size_t layerIndex, const GraphNodeContent& content, QSizeF size);

    int type() const override { return Type; }
    std::size_t layerIndex() const { return index_; }
    const QString& layerName() const { return content_.name; }
    const GraphNodeContent& content() const { return content_; }
    void setContent(const GraphNodeContent& content);
    void setLayerIndex(std::size_t index) { index_ = index; }
    /// The box, in item coordinates (top-left at 0, 0).
    QRectF nodeRect() const { return QRectF(QPointF(0, 0), size_); }
    /// The output port, in scene coordinates.
    QRectF outputPortSceneRect() const;
    /// Marks the node as the target under a connection being dragged.
    void setDropTarget(bool on);
    /// The colour the box is filled with (heat, or the layer family's colour).
    QColor fillColor() const;
    /// The text lines drawn on the node, for tests: name, detail, heat percentage, error.
    QStringList drawnText() const;

    /// The size a node needs for `content`.
    static QSizeF sizeFor(const GraphNodeContent& content);
    /// The heat colour of `level` in [0, 1]: pale yellow to red.
    static QColor heatColor(double level);
    static QFont nameFont();
    static QFont detailFont();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    QString heatText() const;
    QString errorText() const;

    std::size_t index_;
    GraphNodeContent content_;
    QSizeF size_;
    bool hovered_ = false;
    bool dropTarget_ = false;
};

} // namespace zipcnn::gui
