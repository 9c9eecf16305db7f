// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/NetworkGraphScene.h"

#include "common/Formatting.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "document/RemoveLayerCommand.h"
#include "document/SetLayerInputsCommand.h"
#include "graph/GraphEdgeItem.h"
#include "model/LayerCatalog.h"

#include <QElapsedTimer>
#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace zipcnn::gui {

namespace {

constexpr double kSceneMargin = 30.0;
// Label widths are rounded up to this step, so that a shape growing by a digit rarely needs a
// new layout.
constexpr double kLabelWidthStep = 16.0;

QString str(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

/// One tint per family of the layer catalogue (the palette's sections); the shape kinds and the
/// others are grey.
QColor familyColor(LayerType t) {
    static const std::map<std::string_view, QColor> tints{
        {"Input", {226, 232, 240}}, {"Convolution", {214, 230, 250}},
        {"Dense", {230, 222, 250}}, {"Pooling", {218, 240, 221}},
        {"Merge", {251, 229, 208}}, {"Normalisation and activation", {243, 240, 228}},
    };
    const auto it = tints.find(layerKind(t).family);
    return it == tints.end() ? QColor(236, 236, 236) : it->second;
}

QString stridesText(const Size2& s) {
    return (s.h == 1 && s.w == 1) ? QString() : QStringLiteral(" /") + str(s.toString());
}

/// The type and the attributes that tell layers of one type apart, on one line.
QString describeLayer(const Layer& l) {
    const LayerAttrs& a = l.attrs;
    QStringList parts{str(layerTypeName(l.type))};
    const QString act =
        a.activation == ActivationKind::Linear ? QString() : str(activationName(a.activation));
    switch (l.type) {
    case LayerType::Input:
        parts << str(a.inputShape.toString());
        break;
    case LayerType::Conv2D:
    case LayerType::SeparableConv2D:
    case LayerType::Conv2DTranspose:
        parts << QString::number(a.filters);
        [[fallthrough]];
    case LayerType::DepthwiseConv2D:
        parts << str(a.kernel.toString()) + stridesText(a.strides);
        if (a.padding == Padding::Same)
            parts << QStringLiteral("same");
        if (!act.isEmpty())
            parts << act;
        break;
    case LayerType::Dense:
        parts << QString::number(a.units);
        if (!act.isEmpty())
            parts << act;
        break;
    case LayerType::AveragePooling2D:
    case LayerType::MaxPooling2D:
        parts << str(a.kernel.toString()) + stridesText(a.strides);
        break;
    case LayerType::Activation:
        parts << str(activationName(a.activation));
        break;
    case LayerType::Dropout:
        parts << QStringLiteral("%1 %").arg(a.rate * 100.0, 0, 'g', 3);
        break;
    case LayerType::UpSampling2D:
        parts << str(a.upsample.toString());
        break;
    default:
        break;
    }
    QString text = parts.join(QStringLiteral(" \u00b7 "));
    if (a.pruneRate)
        text += QObject::tr(" \u00b7 pruned %1 %").arg(*a.pruneRate * 100.0, 0, 'g', 3);
    return text;
}

QSizeF roundedLabelSize(const QString& label) {
    const QSizeF s = GraphEdgeItem::labelSize(label);
    return {std::ceil(s.width() / kLabelWidthStep) * kLabelWidthStep, s.height()};
}

} // namespace

QString NetworkGraphScene::edgeToolTip(const Network& net, const EdgeSpec& e) {
    const auto& layers = net.layers();
    const QString target = str(layers[e.target].name);
    QString tip = tr("%1 \u2192 %2: %3").arg(str(layers[e.source].name), target, e.label);
    if (layers[e.target].inputs.size() > 1)
        tip += tr(" (input %1 of %2)").arg(e.slot + 1).arg(layers[e.target].inputs.size());
    return tip + tr("\nSelect and press Delete to disconnect.");
}

bool NetworkGraphScene::LayoutKey::operator==(const LayoutKey& o) const {
    if (nodes != o.nodes || edges.size() != o.edges.size())
        return false;
    for (std::size_t i = 0; i < edges.size(); ++i)
        if (edges[i].from != o.edges[i].from || edges[i].to != o.edges[i].to ||
            edges[i].labelSize != o.edges[i].labelSize || edges[i].weight != o.edges[i].weight)
            return false;
    return true;
}

NetworkGraphScene::NetworkGraphScene(ProjectDocument* document, LayerSelection* selection,
                                     QObject* parent)
    : QGraphicsScene(parent), document_(document), selection_(selection) {
    // Items only move on a new layout; a BSP index would cost more to keep than it saves.
    setItemIndexMethod(NoIndex);
    connect(document_, &ProjectDocument::changed, this,
            [this](ProjectDocument::ChangeKind kind, const QString&) {
                using Kind = ProjectDocument::ChangeKind;
                if (kind == Kind::Reset || kind == Kind::Network)
                    sync(kind == Kind::Reset);
            });
    connect(this, &QGraphicsScene::selectionChanged, this,
            &NetworkGraphScene::sceneSelectionChanged);
    if (selection_)
        connect(selection_, &LayerSelection::currentLayerChanged, this,
                &NetworkGraphScene::selectFromSelection);
    sync(true);
}

NetworkGraphScene::NetworkGraphScene(Network network, QObject* parent) : QGraphicsScene(parent) {
    setItemIndexMethod(NoIndex);
    NetworkSummary summary = NetworkSummary::compute(network);
    drawn_ = std::make_unique<const Drawn>(Drawn{std::move(network), std::move(summary)});
    sync(true);
}

const Network& NetworkGraphScene::network() const {
    return document_ ? document_->project().network : drawn_->network;
}

const NetworkSummary& NetworkGraphScene::summary() const {
    return document_ ? document_->summary() : drawn_->summary;
}

NetworkGraphScene::~NetworkGraphScene() {
    // The items go with the scene; nothing may react to the selection changes that causes.
    updatingSelection_ = true;
    // ~QGraphicsScene removes the items after this class is gone and emits selectionChanged():
    // a slot of this class, or of the view being destroyed around it, would then run on a
    // destroyed object (UBSan: "downcast ... does not point to an object of type
    // NetworkGraphScene / NetworkGraphView"). Nobody may hear about that selection.
    disconnect(this, &QGraphicsScene::selectionChanged, nullptr, nullptr);
}

GraphNodeItem* NetworkGraphScene::nodeItem(const QString& layer) const {
    for (GraphNodeItem* n : nodes_)
        if (n->layerName() == layer)
            return n;
    return nullptr;
}

std::vector<GraphNodeContent> NetworkGraphScene::nodeContents() const {
    const Network& net = network();
    const NetworkSummary& s = summary();
    const auto& layers = net.layers();
    const bool heatShown = !heat_.empty() && heat_.size() == layers.size();
    double maxShare = 0.0;
    if (heatShown)
        for (double h : heat_)
            if (std::isfinite(h))
                maxShare = std::max(maxShare, h);
    const auto peak = ramPeakLayer();

    std::vector<GraphNodeContent> out(layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const Layer& l = layers[i];
        GraphNodeContent& c = out[i];
        c.name = str(l.name);
        c.detail = describeLayer(l);
        c.baseColor = familyColor(l.type);
        c.ramPeak = peak == i;
        if (s.layerHasError(i))
            for (const auto& d : s.diagnostics)
                if (d.severity == Severity::Error && d.layer == l.name)
                    c.errors << str(d.message);
        if (heatShown) {
            c.heatShown = true;
            c.heat = std::isfinite(heat_[i]) ? heat_[i] : std::nan("");
            c.heatLevel = (std::isfinite(heat_[i]) && maxShare > 0) ? heat_[i] / maxShare : 0.0;
        }
        QStringList tip{QStringLiteral("<b>%1</b> \u2014 %2")
                            .arg(c.name.toHtmlEscaped(), c.detail.toHtmlEscaped())};
        if (i < s.analysis.layers.size() && s.analysis.layers[i].shapeKnown) {
            const LayerInfo& info = s.analysis.layers[i];
            tip << tr("Output: %1").arg(str(info.outputShape.toString()))
                << tr("Parameters: %1").arg(formatCount(info.params))
                << tr("MACs: %1").arg(formatCount(info.macs));
        }
        if (c.heatShown && !std::isnan(c.heat))
            tip << tr("Share of %1: %2 %").arg(heatLabel_).arg(c.heat * 100.0, 0, 'f', 1);
        if (c.ramPeak)
            tip << tr("Sets the RAM peak.");
        for (const QString& e : c.errors)
            tip << QStringLiteral("<span style='color:#c81e1e'>%1</span>").arg(e.toHtmlEscaped());
        if (document_)
            tip << tr("<i>Drag from the bottom port to another layer to connect them.</i>");
        c.toolTip = tip.join(QStringLiteral("<br>"));
    }
    return out;
}

void NetworkGraphScene::sync(bool reset) {
    QElapsedTimer timer;
    timer.start();
    cancelConnection();
    const Network& net = network();
    const NetworkSummary& s = summary();
    const auto& layers = net.layers();
    const std::vector<GraphNodeContent> contents = nodeContents();

    std::vector<EdgeSpec> specs;
    LayoutKey key;
    key.nodes.reserve(layers.size());
    for (const auto& c : contents)
        key.nodes.push_back(GraphNodeItem::sizeFor(c));
    std::unordered_map<std::string, std::size_t> indexOf;
    for (std::size_t i = 0; i < layers.size(); ++i)
        indexOf.emplace(layers[i].name, i);
    std::vector<int> consumers(layers.size(), 0);
    for (std::size_t t = 0; t < layers.size(); ++t)
        for (const auto& in : layers[t].inputs)
            if (auto it = indexOf.find(in); it != indexOf.end())
                ++consumers[it->second];
    for (std::size_t t = 0; t < layers.size(); ++t) {
        for (std::size_t slot = 0; slot < layers[t].inputs.size(); ++slot) {
            const auto it = indexOf.find(layers[t].inputs[slot]);
            if (it == indexOf.end())
                continue; // a dangling input: the node shows the error
            const std::size_t source = it->second;
            const bool known =
                source < s.analysis.layers.size() && s.analysis.layers[source].shapeKnown;
            EdgeSpec e{source, t, slot,
                       known ? str(s.analysis.layers[source].outputShape.toString())
                             : QStringLiteral("?")};
            // Chains (one consumer, one input) are the backbone of a CNN: kept straight, they
            // read like a list, and branches and skip connections bend around them.
            const int weight = layers[t].inputs.size() == 1 && consumers[source] == 1 ? 4 : 1;
            key.edges.push_back({e.source, e.target, roundedLabelSize(e.label), weight});
            specs.push_back(std::move(e));
        }
    }

    const bool relayout = reset || !(key == key_) || nodes_.size() != layers.size();
    updatingSelection_ = true;
    if (!relayout) {
        // Same structure and sizes: only the texts, colours and marks change.
        for (std::size_t i = 0; i < nodes_.size(); ++i) {
            nodes_[i]->setLayerIndex(i);
            nodes_[i]->setContent(contents[i]);
        }
        for (std::size_t i = 0; i < edges_.size(); ++i) {
            edges_[i]->setLabel(specs[i].label);
            edges_[i]->setToolTip(edgeToolTip(net, specs[i]));
        }
    } else {
        GraphLayoutRequest request;
        request.nodeSizes = key.nodes;
        request.edges = key.edges;
        layout_ = layoutGraph(request);
        lastLayoutMs_ = layout_.milliseconds;
        ++layoutCount_;
        key_ = std::move(key);

        clear();
        nodes_.clear();
        edges_.clear();
        for (std::size_t i = 0; i < layers.size(); ++i) {
            auto* node = new GraphNodeItem(i, contents[i], layout_.nodeRects[i].size());
            node->setPos(layout_.nodeRects[i].topLeft());
            addItem(node);
            nodes_.push_back(node);
        }
        for (std::size_t i = 0; i < specs.size(); ++i) {
            const GraphLayoutRoute& route = layout_.routes[i];
            const QSizeF box = key_.edges[i].labelSize;
            const QRectF labelBox(route.labelCenter - QPointF(box.width() / 2, box.height() / 2),
                                  box);
            auto* edge = new GraphEdgeItem(specs[i].source, specs[i].target, specs[i].slot,
                                           route.path(), labelBox, specs[i].label);
            edge->setToolTip(edgeToolTip(net, specs[i]));
            addItem(edge);
            edges_.push_back(edge);
        }
        setSceneRect(
            layout_.bounds.adjusted(-kSceneMargin, -kSceneMargin, kSceneMargin, kSceneMargin));
    }
    updatingSelection_ = false;
    selectFromSelection();
    lastSyncMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    if (relayout)
        emit layoutChanged(reset);
}

void NetworkGraphScene::setLayerHeat(const std::vector<double>& shareByLayerIndex,
                                     const QString& metricLabel) {
    heat_ = shareByLayerIndex;
    heatLabel_ = heat_.empty() ? QString() : metricLabel;
    refreshContents();
    emit heatChanged();
}

double NetworkGraphScene::maxHeat() const {
    if (heat_.empty() || heat_.size() != network().size())
        return std::nan("");
    double m = std::nan("");
    for (double h : heat_)
        if (std::isfinite(h) && !(h <= m))
            m = h;
    return m;
}

void NetworkGraphScene::setRamPeakLayer(std::optional<std::size_t> layerIndex) {
    ramPeakOverridden_ = true;
    ramPeakOverride_ = layerIndex;
    refreshContents();
}

void NetworkGraphScene::useDocumentRamPeak() {
    ramPeakOverridden_ = false;
    ramPeakOverride_.reset();
    refreshContents();
}

void NetworkGraphScene::refreshContents() {
    // Colours and marks do not change a node's size, so no layout is needed.
    const auto contents = nodeContents();
    for (std::size_t i = 0; i < nodes_.size() && i < contents.size(); ++i)
        nodes_[i]->setContent(contents[i]);
}

std::optional<std::size_t> NetworkGraphScene::ramPeakLayer() const {
    return ramPeakOverridden_ ? ramPeakOverride_ : summary().ramPeakLayer();
}

void NetworkGraphScene::selectFromSelection() {
    if (updatingSelection_)
        return;
    const QString current = selection_ ? selection_->currentLayer() : QString();
    GraphNodeItem* target = current.isEmpty() ? nullptr : nodeItem(current);
    // Keeps a selected edge when the layer selection is empty, so Delete still removes it.
    const QList<QGraphicsItem*> selected = selectedItems();
    if (!target && std::none_of(selected.begin(), selected.end(),
                                [](QGraphicsItem* i) { return i->type() == GraphNodeItem::Type; }))
        return;
    if (target && selected.size() == 1 && selected.front() == target)
        return;
    updatingSelection_ = true;
    clearSelection();
    if (target)
        target->setSelected(true);
    updatingSelection_ = false;
    if (target)
        emit selectedNodeMoved(target->sceneBoundingRect());
}

void NetworkGraphScene::sceneSelectionChanged() {
    if (updatingSelection_ || !selection_)
        return;
    QString name;
    for (QGraphicsItem* item : selectedItems())
        if (item->type() == GraphNodeItem::Type) {
            name = static_cast<GraphNodeItem*>(item)->layerName();
            break;
        }
    updatingSelection_ = true;
    selection_->setCurrentLayer(name);
    updatingSelection_ = false;
}

bool NetworkGraphScene::canConnect(const QString& from, const QString& to) const {
    if (!document_)
        return false;
    const Network& net = network();
    const Layer* source = net.find(from.toStdString());
    const Layer* target = net.find(to.toStdString());
    if (!source || !target || source == target || target->type == LayerType::Input)
        return false;
    if (std::find(target->inputs.begin(), target->inputs.end(), source->name) !=
        target->inputs.end())
        return false;
    // A cycle: the source already depends on the target.
    std::vector<std::string> stack{target->name};
    std::set<std::string> seen;
    while (!stack.empty()) {
        const std::string n = std::move(stack.back());
        stack.pop_back();
        if (n == source->name)
            return false;
        if (!seen.insert(n).second)
            continue;
        for (auto& c : net.consumers(n))
            stack.push_back(std::move(c));
    }
    return true;
}

bool NetworkGraphScene::deleteSelection() {
    if (!document_)
        return false;
    // Read everything first: each command rebuilds the items.
    std::vector<QString> layers;
    std::vector<std::pair<QString, std::size_t>> inputs; // target, slot
    const auto& net = network();
    for (QGraphicsItem* item : selectedItems()) {
        if (item->type() == GraphNodeItem::Type)
            layers.push_back(static_cast<GraphNodeItem*>(item)->layerName());
        else if (item->type() == GraphEdgeItem::Type) {
            auto* e = static_cast<GraphEdgeItem*>(item);
            if (e->targetIndex() < net.size())
                inputs.emplace_back(str(net.layers()[e->targetIndex()].name), e->slot());
        }
    }
    // Inputs of a layer being deleted go with it; the others go from the last slot down so
    // that earlier slots keep their numbers.
    std::erase_if(inputs, [&](const auto& in) {
        return std::find(layers.begin(), layers.end(), in.first) != layers.end();
    });
    std::sort(inputs.begin(), inputs.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    const std::size_t count = layers.size() + inputs.size();
    if (count == 0)
        return false;
    QUndoStack* stack = document_->undoStack();
    if (count > 1)
        stack->beginMacro(layers.empty() ? tr("Delete %n input(s)", "", int(inputs.size()))
                                         : tr("Delete %n layer(s)", "", int(layers.size())));
    for (const auto& [target, slot] : inputs)
        stack->push(SetLayerInputsCommand::disconnectInput(document_, target, slot));
    for (const QString& l : layers)
        stack->push(new RemoveLayerCommand(document_, l));
    if (count > 1)
        stack->endMacro();
    return true;
}

GraphNodeItem* NetworkGraphScene::nodeAt(const QPointF& scenePos,
                                         const GraphNodeItem* except) const {
    for (QGraphicsItem* item : items(scenePos))
        if (item->type() == GraphNodeItem::Type && item != except)
            return static_cast<GraphNodeItem*>(item);
    return nullptr;
}

void NetworkGraphScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton && document_) {
        for (GraphNodeItem* node : nodes_) {
            if (node->outputPortSceneRect().contains(event->scenePos())) {
                connectFrom_ = node;
                connectLine_ =
                    addLine(QLineF(node->outputPortSceneRect().center(), event->scenePos()),
                            QPen(QColor(40, 150, 60), 2, Qt::DashLine));
                connectLine_->setZValue(2);
                event->accept();
                return;
            }
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void NetworkGraphScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (!connectFrom_) {
        QGraphicsScene::mouseMoveEvent(event);
        return;
    }
    connectLine_->setLine(QLineF(connectFrom_->outputPortSceneRect().center(), event->scenePos()));
    GraphNodeItem* over = nodeAt(event->scenePos(), connectFrom_);
    if (over && !canConnect(connectFrom_->layerName(), over->layerName()))
        over = nullptr;
    if (over != connectTo_) {
        if (connectTo_)
            connectTo_->setDropTarget(false);
        connectTo_ = over;
        if (connectTo_)
            connectTo_->setDropTarget(true);
    }
    event->accept();
}

void NetworkGraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (!connectFrom_) {
        QGraphicsScene::mouseReleaseEvent(event);
        return;
    }
    const QString from = connectFrom_->layerName();
    const QString to = connectTo_ ? connectTo_->layerName() : QString();
    cancelConnection();
    event->accept();
    // Last: the command rebuilds the items.
    if (!to.isEmpty())
        document_->undoStack()->push(SetLayerInputsCommand::connectLayers(document_, from, to));
}

void NetworkGraphScene::cancelConnection() {
    if (connectTo_)
        connectTo_->setDropTarget(false);
    delete connectLine_;
    connectLine_ = nullptr;
    connectFrom_ = nullptr;
    connectTo_ = nullptr;
}

} // namespace zipcnn::gui
