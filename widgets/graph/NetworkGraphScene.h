// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/NetworkSummary.h"
#include "graph/GraphLayout.h"
#include "graph/GraphNodeItem.h"
#include "model/Network.h"

#include <QGraphicsScene>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

class QGraphicsLineItem;

namespace zipcnn::gui {

class GraphEdgeItem;
class LayerSelection;
class ProjectDocument;

/// The document's network as a graph scene: one `GraphNodeItem` per layer, one `GraphEdgeItem`
/// per layer input, laid out by Graphviz. It follows the document: an edit that keeps the
/// graph's structure and node sizes updates the items in place; any other re-runs the layout.
/// Node selection and the shared `LayerSelection` follow each other. Dragging from a node's
/// output port to another node adds an input (an undo command).
class NetworkGraphScene : public QGraphicsScene {
    Q_OBJECT

public:
    NetworkGraphScene(ProjectDocument* document, LayerSelection* selection,
                      QObject* parent = nullptr);
    /// A scene that only draws `network` (the report): no document, no selection, no editing.
    explicit NetworkGraphScene(Network network, QObject* parent = nullptr);
    ~NetworkGraphScene() override;

    /// Null for a scene made from a network alone.
    ProjectDocument* document() const { return document_; }
    LayerSelection* selection() const { return selection_; }

    /// Indexed like `Network::layers()`.
    const std::vector<GraphNodeItem*>& nodeItems() const { return nodes_; }
    const std::vector<GraphEdgeItem*>& edgeItems() const { return edges_; }
    GraphNodeItem* nodeItem(const QString& layer) const;

    /// See `NetworkGraphView::setLayerHeat()`.
    void setLayerHeat(const std::vector<double>& shareByLayerIndex, const QString& metricLabel);
    const QString& heatLabel() const { return heatLabel_; }
    /// The largest share of the current colouring (NaN when none is shown).
    double maxHeat() const;
    /// See `NetworkGraphView::setRamPeakLayer()`.
    void setRamPeakLayer(std::optional<std::size_t> layerIndex);
    /// Goes back to marking the document's RAM-peak layer.
    void useDocumentRamPeak();
    std::optional<std::size_t> ramPeakLayer() const;

    /// Whether dragging a connection from `from` to `to` would add an input: not the same layer,
    /// not an Input layer, not already an input, and no cycle.
    bool canConnect(const QString& from, const QString& to) const;
    /// Deletes the selected layers and inputs, one undo step. False when nothing is selected.
    bool deleteSelection();

    /// Time of the last Graphviz layout, and of the last update (layout included), in ms.
    double lastLayoutMs() const { return lastLayoutMs_; }
    double lastSyncMs() const { return lastSyncMs_; }
    /// How many layouts ran since the scene was made (an edit that needs none does not count).
    int layoutCount() const { return layoutCount_; }
    const GraphLayout& layout() const { return layout_; }

signals:
    /// A new layout was placed; `reset` when it shows another project.
    void layoutChanged(bool reset);
    /// The selected node, in scene coordinates, for the view to bring into sight.
    void selectedNodeMoved(const QRectF& sceneRect);
    /// The heat legend changed (colouring set or cleared).
    void heatChanged();

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

private:
    struct LayoutKey {
        std::vector<QSizeF> nodes;
        std::vector<GraphLayoutEdge> edges;
        bool operator==(const LayoutKey& o) const;
    };
    struct EdgeSpec {
        std::size_t source;
        std::size_t target;
        std::size_t slot;
        QString label;
    };

    static QString edgeToolTip(const Network& net, const EdgeSpec& edge);
    const Network& network() const;
    const NetworkSummary& summary() const;
    void sync(bool reset);
    std::vector<GraphNodeContent> nodeContents() const;
    void refreshContents();
    void selectFromSelection();
    void sceneSelectionChanged();
    void cancelConnection();
    GraphNodeItem* nodeAt(const QPointF& scenePos, const GraphNodeItem* except) const;

    ProjectDocument* document_ = nullptr;
    LayerSelection* selection_ = nullptr;
    /// What a scene without a document draws.
    struct Drawn {
        Network network;
        NetworkSummary summary;
    };
    std::unique_ptr<const Drawn> drawn_;
    std::vector<GraphNodeItem*> nodes_;
    std::vector<GraphEdgeItem*> edges_;
    LayoutKey key_;
    GraphLayout layout_;
    std::vector<double> heat_;
    QString heatLabel_;
    bool ramPeakOverridden_ = false;
    std::optional<std::size_t> ramPeakOverride_;
    bool updatingSelection_ = false;
    double lastLayoutMs_ = 0.0;
    double lastSyncMs_ = 0.0;
    int layoutCount_ = 0;
    // The connection being dragged from an output port.
    GraphNodeItem* connectFrom_ = nullptr;
    GraphNodeItem* connectTo_ = nullptr;
    QGraphicsLineItem* connectLine_ = nullptr;
};

} // namespace zipcnn::gui
