// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/NetworkGraphView.h"

#include "document/AddLayerCommand.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "graph/GraphNodeItem.h"
#include "graph/LayerPalette.h"
#include "graph/NetworkGraphScene.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QToolBar>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtMath>
#include <cmath>

namespace zipcnn::gui {

namespace {

constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 4.0;
constexpr double kZoomStep = 1.25;

} // namespace

NetworkGraphView::NetworkGraphView(ProjectDocument* document, LayerSelection* selection,
                                   QWidget* parent)
    : QGraphicsView(parent), document_(document), selection_(selection),
      scene_(new NetworkGraphScene(document, selection, this)), toolBar_(new QToolBar(this)),
      palette_(new LayerPalette(toolBar_)), legend_(new QLabel(toolBar_)) {
    setScene(scene_);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(ScrollHandDrag);
    setTransformationAnchor(AnchorUnderMouse);
    setResizeAnchor(AnchorViewCenter);
    setViewportUpdateMode(SmartViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);

    // Shortcuts act while the graph has the focus, so they cannot clash with the window's.
    auto makeAction = [this](const QString& text, const QList<QKeySequence>& keys, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    deleteAction_ = makeAction(tr("Delete"), {QKeySequence::Delete, Qt::Key_Backspace},
                               &NetworkGraphView::deleteSelection);
    deleteAction_->setToolTip(tr("Delete the selected layers or inputs (Delete)"));
    zoomOutAction_ = makeAction(tr("Zoom out"), {QKeySequence(Qt::CTRL | Qt::Key_Minus)},
                                &NetworkGraphView::zoomOut);
    zoomInAction_ =
        makeAction(tr("Zoom in"),
                   {QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)},
                   &NetworkGraphView::zoomIn);
    fitAction_ =
        makeAction(tr("Fit"), {QKeySequence(Qt::CTRL | Qt::Key_0)}, &NetworkGraphView::fitToWindow);
    fitAction_->setToolTip(tr("Fit the graph to the window (Ctrl+0)"));
    resetZoomAction_ = makeAction(tr("100 %"), {}, &NetworkGraphView::resetZoom);

    toolBar_->setIconSize(QSize(16, 16));
    toolBar_->addWidget(palette_);
    toolBar_->addAction(deleteAction_);
    toolBar_->addSeparator();
    toolBar_->addAction(zoomOutAction_);
    toolBar_->addAction(zoomInAction_);
    toolBar_->addAction(fitAction_);
    toolBar_->addAction(resetZoomAction_);
    toolBar_->addSeparator();
    toolBar_->addWidget(legend_);
    legend_->setContentsMargins(6, 0, 6, 0);
    // The tool bar sits in the viewport's top margin, so it never hides a node.
    setViewportMargins(0, toolBar_->sizeHint().height(), 0, 0);

    connect(palette_, &LayerPalette::layerTypeChosen, this, &NetworkGraphView::addLayer);
    connect(scene_, &NetworkGraphScene::layoutChanged, this, &NetworkGraphView::layoutChanged);
    connect(scene_, &NetworkGraphScene::heatChanged, this, &NetworkGraphView::updateLegend);
    connect(scene_, &NetworkGraphScene::selectedNodeMoved, this,
            [this](const QRectF& r) { ensureVisible(r, 40, 40); });
    connect(scene_, &QGraphicsScene::selectionChanged, this, &NetworkGraphView::updateActions);
    // A heat vector is shown only while its size matches the network's.
    connect(document_, &ProjectDocument::changed, this, &NetworkGraphView::updateLegend);
    updateLegend();
    updateActions();
}

double NetworkGraphView::zoom() const {
    return transform().m11();
}

void NetworkGraphView::setLayerHeat(const std::vector<double>& shareByLayerIndex,
                                    const QString& metricLabel) {
    scene_->setLayerHeat(shareByLayerIndex, metricLabel);
}

void NetworkGraphView::setRamPeakLayer(std::optional<std::size_t> layerIndex) {
    scene_->setRamPeakLayer(layerIndex);
}

void NetworkGraphView::zoomIn() {
    setZoom(zoom() * kZoomStep);
}

void NetworkGraphView::zoomOut() {
    setZoom(zoom() / kZoomStep);
}

void NetworkGraphView::setZoom(double z) {
    z = std::clamp(z, kMinZoom, kMaxZoom);
    const double factor = z / zoom();
    if (!std::isfinite(factor) || qFuzzyCompare(factor, 1.0))
        return;
    scale(factor, factor);
}

void NetworkGraphView::resetZoom() {
    setZoom(1.0);
}

void NetworkGraphView::fitToWindow() {
    const QRectF r = scene_->sceneRect();
    if (r.isEmpty() || viewport()->width() < 2 || viewport()->height() < 2)
        return;
    const double z =
        std::min({viewport()->width() / r.width(), viewport()->height() / r.height(), 1.0});
    setZoom(z);
    centerOn(r.center());
}

void NetworkGraphView::showTop() {
    // A deep network fitted whole is unreadable: fit its width, show its top.
    const QRectF r = scene_->sceneRect();
    if (r.isEmpty() || viewport()->width() < 2)
        return;
    setZoom(std::clamp(viewport()->width() / r.width(), 0.5, 1.0));
    centerOn(r.center().x(), r.top() + viewport()->height() / (2 * zoom()));
}

void NetworkGraphView::addLayer(LayerType type) {
    const QString after = selection_ ? selection_->currentLayer() : QString();
    AddLayerCommand* command = AddLayerCommand::insertAfter(document_, type, after);
    // Read before pushing: the stack deletes a command that turns out to do nothing.
    const QString name = command->layerName();
    document_->undoStack()->push(command);
    if (selection_)
        selection_->setCurrentLayer(name);
}

void NetworkGraphView::deleteSelection() {
    scene_->deleteSelection();
}

void NetworkGraphView::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0.0) {
            const ViewportAnchor anchor = transformationAnchor();
            setTransformationAnchor(AnchorUnderMouse);
            setZoom(zoom() * std::pow(kZoomStep, steps));
            setTransformationAnchor(anchor);
        }
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void NetworkGraphView::keyPressEvent(QKeyEvent* event) {
    // The actions' shortcuts normally take these keys first; this serves when the window is not
    // active (tests, some platforms) and keeps both paths alike.
    struct KeyCommand {
        int key;
        bool ctrl;
        void (NetworkGraphView::*run)();
    };
    static constexpr KeyCommand kKeys[] = {
        {Qt::Key_Delete, false, &NetworkGraphView::deleteSelection},
        {Qt::Key_Backspace, false, &NetworkGraphView::deleteSelection},
        {Qt::Key_Plus, true, &NetworkGraphView::zoomIn},
        {Qt::Key_Equal, true, &NetworkGraphView::zoomIn},
        {Qt::Key_Minus, true, &NetworkGraphView::zoomOut},
        {Qt::Key_0, true, &NetworkGraphView::fitToWindow},
    };
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    for (const KeyCommand& k : kKeys)
        if (event->key() == k.key && ctrl == k.ctrl) {
            (this->*k.run)();
            event->accept();
            return;
        }
    QGraphicsView::keyPressEvent(event);
}

void NetworkGraphView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    placeToolBar();
    if (pendingInitialView_ && viewport()->width() > 1) {
        pendingInitialView_ = false;
        showTop();
    }
}

void NetworkGraphView::showEvent(QShowEvent* event) {
    QGraphicsView::showEvent(event);
    // A view sized while hidden (a tab not shown yet) gets no resize when it appears.
    if (pendingInitialView_ && viewport()->width() > 1) {
        pendingInitialView_ = false;
        showTop();
    }
}

void NetworkGraphView::placeToolBar() {
    const int f = frameWidth();
    toolBar_->setGeometry(f, f, width() - 2 * f, toolBar_->sizeHint().height());
}

void NetworkGraphView::contextMenuEvent(QContextMenuEvent* event) {
    // Right-clicking a node or an input selects it first, as in most editors.
    if (QGraphicsItem* item = itemAt(event->pos()); item && !item->isSelected()) {
        scene_->clearSelection();
        item->setSelected(true);
    }
    QMenu menu(this);
    QMenu* add = menu.addMenu(tr("Add layer after selection"));
    add->addActions(palette_->typeMenu()->actions());
    menu.addAction(deleteAction_);
    menu.addSeparator();
    menu.addAction(zoomInAction_);
    menu.addAction(zoomOutAction_);
    menu.addAction(fitAction_);
    menu.exec(event->globalPos());
}

void NetworkGraphView::layoutChanged(bool reset) {
    if (!reset)
        return;
    if (viewport()->width() > 1 && isVisible())
        showTop();
    else
        pendingInitialView_ = true;
}

void NetworkGraphView::updateLegend() {
    const double max = scene_->maxHeat();
    if (scene_->heatLabel().isEmpty() || std::isnan(max))
        legend_->setText(tr("Colour: layer family"));
    else
        legend_->setText(tr("Colour: share of %1 (largest %2 %)")
                             .arg(scene_->heatLabel())
                             .arg(max * 100.0, 0, 'f', 1));
}

void NetworkGraphView::updateActions() {
    deleteAction_->setEnabled(!scene_->selectedItems().isEmpty());
}

} // namespace zipcnn::gui
