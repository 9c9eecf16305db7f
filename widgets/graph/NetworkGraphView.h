// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/LayerType.h"

#include <QGraphicsView>
#include <QString>
#include <optional>
#include <vector>

class QAction;
class QLabel;
class QToolBar;

namespace zipcnn::gui {

class LayerPalette;
class LayerSelection;
class NetworkGraphScene;
class ProjectDocument;

/// The network graph editor: the document's layers as a top-to-bottom graph with the tensor
/// shapes on the edges, coloured by each layer's share of a cost. Edits go through the
/// document's undo stack: add a layer from the palette (after the selected one), delete the
/// selected layers or inputs (Delete), connect by dragging from a node's bottom port onto
/// another node. Zoom with Ctrl+wheel, Ctrl++ / Ctrl+-, fit with Ctrl+0; pan by dragging the
/// background.
class NetworkGraphView : public QGraphicsView {
    Q_OBJECT

public:
    NetworkGraphView(ProjectDocument* document, LayerSelection* selection,
                     QWidget* parent = nullptr);

    NetworkGraphScene* graphScene() const { return scene_; }
    LayerPalette* palette() const { return palette_; }
    QToolBar* toolBar() const { return toolBar_; }
    /// The view's scale (1 = one scene point per pixel).
    double zoom() const;

    /// Colours each node by its share of a cost: one value in [0, 1] per index of
    /// `Network::layers()`, NaN where there is no data; the percentage is drawn on the node.
    /// An empty vector goes back to colouring by layer family. `metricLabel` names the cost
    /// ("latency") in the legend and tooltips. A vector whose size is not the network's is kept
    /// but not shown until the sizes agree again.
    void setLayerHeat(const std::vector<double>& shareByLayerIndex, const QString& metricLabel);
    /// Marks the layer that sets the RAM peak (nullopt: none). Until this is called, the mark
    /// follows `ProjectDocument::summary().ramPeakLayer()`.
    void setRamPeakLayer(std::optional<std::size_t> layerIndex);

    QAction* deleteAction() const { return deleteAction_; }
    QAction* zoomInAction() const { return zoomInAction_; }
    QAction* zoomOutAction() const { return zoomOutAction_; }
    QAction* fitAction() const { return fitAction_; }

public slots:
    void zoomIn();
    void zoomOut();
    /// Sets the scale, kept between 5 % and 400 %.
    void setZoom(double zoom);
    void resetZoom();
    /// Shows the whole graph (never magnified beyond 100 %).
    void fitToWindow();
    /// Adds a layer of `type` after the selected layer (or after the last output) and selects
    /// it.
    void addLayer(zipcnn::LayerType type);
    /// Deletes the selected layers and inputs.
    void deleteSelection();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void layoutChanged(bool reset);
    void showTop();
    void updateLegend();
    void updateActions();
    void placeToolBar();

    ProjectDocument* document_;
    LayerSelection* selection_;
    NetworkGraphScene* scene_;
    QToolBar* toolBar_;
    LayerPalette* palette_;
    QLabel* legend_;
    QAction* deleteAction_;
    QAction* zoomInAction_;
    QAction* zoomOutAction_;
    QAction* fitAction_;
    QAction* resetZoomAction_;
    // A new project is shown from its top once the view has a size.
    bool pendingInitialView_ = true;
};

} // namespace zipcnn::gui
