// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/NetworkGraphView.h"

#include "DocumentWithSelection.h"
#include "WidgetTestSupport.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "document/SetLayerAttrsCommand.h"
#include "graph/GraphEdgeItem.h"
#include "graph/GraphNodeItem.h"
#include "graph/LayerPalette.h"
#include "graph/NetworkGraphScene.h"
#include "panels/InspectorPanel.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QMenu>
#include <QScrollBar>
#include <QTest>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <iostream>

namespace zipcnn::gui::test {
namespace {

struct Editor : DocumentWithSelection {
    explicit Editor(const std::string& zooName) { doc.reset(exampleProject(zooName, zooName)); }
    NetworkGraphView view{&doc, &selection};
    NetworkGraphScene* scene() { return view.graphScene(); }
    GraphNodeItem* node(const char* name) { return scene()->nodeItem(QString::fromLatin1(name)); }
};

GraphEdgeItem* edgeBetween(NetworkGraphScene* scene, std::size_t from, std::size_t to) {
    for (GraphEdgeItem* e : scene->edgeItems())
        if (e->sourceIndex() == from && e->targetIndex() == to)
            return e;
    return nullptr;
}

TEST(NetworkGraphView, ShowsANodePerLayerAndAnEdgePerInputLabelledWithItsShape) {
    Editor ed("resnet8");
    const Network& net = ed.doc.project().network;
    ASSERT_EQ(ed.scene()->nodeItems().size(), net.size());
    std::size_t inputs = 0;
    for (const auto& l : net.layers())
        inputs += l.inputs.size();
    EXPECT_EQ(ed.scene()->edgeItems().size(), inputs);
    for (std::size_t i = 0; i < net.size(); ++i)
        EXPECT_EQ(ed.scene()->nodeItems()[i]->layerName(),
                  QString::fromStdString(net.layers()[i].name));
    // conv1 (3x3, 16 filters, same) turns 32x32x3 into 32x32x16.
    GraphEdgeItem* e = edgeBetween(ed.scene(), *net.indexOf("conv1"), *net.indexOf("bn1"));
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->label(), QStringLiteral("32x32x16"));
    e = edgeBetween(ed.scene(), *net.indexOf("input"), *net.indexOf("conv1"));
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->label(), QStringLiteral("32x32x3"));
    EXPECT_TRUE(ed.node("conv1")->content().detail.startsWith(QStringLiteral("Conv2D")));
}

TEST(NetworkGraphView, ColoursNodesByTheirShareAndShowsThePercentage) {
    Editor ed("lenet5");
    const std::size_t n = ed.doc.project().network.size();
    std::vector<double> heat(n, 0.0);
    heat[1] = 0.5;  // conv1: the largest share, full colour
    heat[3] = 0.25; // conv2
    heat[0] = std::nan("");
    ed.view.setLayerHeat(heat, QStringLiteral("latency"));

    GraphNodeItem* conv1 = ed.scene()->nodeItems()[1];
    GraphNodeItem* conv2 = ed.scene()->nodeItems()[3];
    EXPECT_EQ(conv1->fillColor(), GraphNodeItem::heatColor(1.0));
    EXPECT_EQ(conv2->fillColor(), GraphNodeItem::heatColor(0.5));
    EXPECT_NE(conv1->fillColor(), conv2->fillColor());
    EXPECT_TRUE(conv1->drawnText().contains(QStringLiteral("50.0 %")));
    EXPECT_TRUE(conv2->drawnText().contains(QStringLiteral("25.0 %")));
    EXPECT_TRUE(conv1->toolTip().contains(QStringLiteral("Share of latency")));
    // No data: neither a colour of the scale nor a percentage.
    GraphNodeItem* input = ed.scene()->nodeItems()[0];
    EXPECT_FALSE(input->drawnText().join(' ').contains(QLatin1Char('%')));
    EXPECT_NE(input->fillColor(), GraphNodeItem::heatColor(0.0));
    EXPECT_DOUBLE_EQ(ed.scene()->maxHeat(), 0.5);

    // Clearing goes back to the family colours.
    const QColor family = conv1->content().baseColor;
    ed.view.setLayerHeat({}, QString());
    EXPECT_EQ(conv1->fillColor(), family);
    EXPECT_FALSE(conv1->drawnText().join(' ').contains(QLatin1Char('%')));

    // A vector for another network (size mismatch) is not shown.
    ed.view.setLayerHeat(std::vector<double>(n + 1, 0.1), QStringLiteral("energy"));
    EXPECT_EQ(conv1->fillColor(), family);
}

TEST(NetworkGraphView, DrawsTheShapeErrorOnTheNode) {
    Editor ed("lenet5");
    Project broken = exampleProject("lenet5", "broken");
    // A 16x16 kernel does not fit pool1's 14x14 map.
    broken.network.find("conv2")->attrs.kernel = {16, 16};
    ed.doc.reset(broken);
    const auto index = *ed.doc.project().network.indexOf("conv2");
    ASSERT_TRUE(ed.doc.summary().layerHasError(index));
    GraphNodeItem* conv2 = ed.node("conv2");
    ASSERT_NE(conv2, nullptr);
    ASSERT_FALSE(conv2->content().errors.isEmpty());
    const QString lines = conv2->drawnText().join('\n');
    EXPECT_TRUE(lines.contains(conv2->content().errors.front())) << lines.toStdString();
    // The error makes the node taller, so its message has room.
    EXPECT_GT(conv2->nodeRect().height(), ed.node("conv1")->nodeRect().height());
    EXPECT_TRUE(ed.node("conv1")->content().errors.isEmpty());
}

TEST(NetworkGraphView, MarksTheRamPeakLayerUntilTheLeadSetsIt) {
    Editor ed("lenet5");
    const auto peak = ed.doc.summary().ramPeakLayer();
    ASSERT_TRUE(peak);
    for (std::size_t i = 0; i < ed.scene()->nodeItems().size(); ++i)
        EXPECT_EQ(ed.scene()->nodeItems()[i]->content().ramPeak, i == *peak) << i;
    ed.view.setRamPeakLayer(5);
    for (std::size_t i = 0; i < ed.scene()->nodeItems().size(); ++i)
        EXPECT_EQ(ed.scene()->nodeItems()[i]->content().ramPeak, i == 5u) << i;
    EXPECT_TRUE(ed.scene()->nodeItems()[5]->drawnText().contains(QStringLiteral("RAM peak")));
    ed.view.setRamPeakLayer(std::nullopt);
    for (GraphNodeItem* node : ed.scene()->nodeItems())
        EXPECT_FALSE(node->content().ramPeak);
}

TEST(NetworkGraphView, SelectionFollowsTheSharedLayerSelectionBothWays) {
    Editor ed("lenet5");
    ed.selection.setCurrentLayer(QStringLiteral("conv2"));
    EXPECT_TRUE(ed.node("conv2")->isSelected());
    EXPECT_EQ(ed.scene()->selectedItems().size(), 1);

    ed.node("fc1")->setSelected(true);
    ed.node("conv2")->setSelected(false);
    EXPECT_EQ(ed.selection.currentLayer(), QStringLiteral("fc1"));
    ed.scene()->clearSelection();
    EXPECT_EQ(ed.selection.currentLayer(), QString());

    // The selection follows a rename and is cleared when the layer goes.
    ed.selection.setCurrentLayer(QStringLiteral("fc1"));
    LayerAttrs a = ed.doc.project().network.find("fc1")->attrs;
    ed.doc.renameLayer(QStringLiteral("fc1"), QStringLiteral("dense_a"));
    EXPECT_EQ(ed.selection.currentLayer(), QStringLiteral("dense_a"));
    EXPECT_TRUE(ed.node("dense_a")->isSelected());
    ed.view.deleteSelection();
    EXPECT_EQ(ed.doc.project().network.find("dense_a"), nullptr);
    EXPECT_EQ(ed.selection.currentLayer(), QString());
    ed.doc.undoStack()->undo();
    EXPECT_NE(ed.doc.project().network.find("dense_a"), nullptr);
    Q_UNUSED(a);
}

TEST(NetworkGraphView, DeletesASelectedEdgeAsOneInput) {
    Editor ed("resnet8");
    const Network original = ed.doc.project().network;
    // The first block's Add: shortcut (relu1) first, then the residual branch.
    std::size_t add = 0;
    for (std::size_t i = 0; i < original.size(); ++i)
        if (original.layers()[i].type == LayerType::Add) {
            add = i;
            break;
        }
    const auto shortcut = *original.indexOf(original.layers()[add].inputs[0]);
    GraphEdgeItem* e = edgeBetween(ed.scene(), shortcut, add);
    ASSERT_NE(e, nullptr);
    ed.scene()->clearSelection();
    e->setSelected(true);
    QTest::keyClick(&ed.view, Qt::Key_Delete);
    EXPECT_EQ(ed.doc.project().network.layers()[add].inputs.size(), 1u);
    EXPECT_TRUE(ed.doc.undoStack()->text(0).startsWith(QStringLiteral("Disconnect")));
    ed.doc.undoStack()->undo();
    EXPECT_EQ(ed.doc.project().network, original);
}

TEST(NetworkGraphView, DraggingFromAnOutputPortConnectsLayers) {
    Editor ed("lenet5");
    ed.view.resize(900, 700);
    ed.view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&ed.view));
    GraphNodeItem* from = ed.node("pool1");
    GraphNodeItem* to = ed.node("flatten");
    ed.view.centerOn(from);
    const QPoint start = ed.view.mapFromScene(from->outputPortSceneRect().center());
    QTest::mousePress(ed.view.viewport(), Qt::LeftButton, {}, start);
    const QPoint end = ed.view.mapFromScene(to->sceneBoundingRect().center());
    QTest::mouseMove(ed.view.viewport(), (start + end) / 2);
    QTest::mouseMove(ed.view.viewport(), end);
    QTest::mouseRelease(ed.view.viewport(), Qt::LeftButton, {}, end);
    EXPECT_EQ(ed.doc.project().network.find("flatten")->inputs,
              (std::vector<std::string>{"pool2", "pool1"}));
    EXPECT_EQ(ed.doc.undoStack()->text(0), QStringLiteral("Connect pool1 to flatten"));
    // A connection that would close a cycle is refused.
    EXPECT_FALSE(ed.scene()->canConnect(QStringLiteral("fc2"), QStringLiteral("conv1")));
    EXPECT_FALSE(ed.scene()->canConnect(QStringLiteral("conv1"), QStringLiteral("input")));
    EXPECT_TRUE(ed.scene()->canConnect(QStringLiteral("conv1"), QStringLiteral("fc2")));
}

TEST(NetworkGraphView, PaletteAddsALayerAfterTheSelectedOneAndSelectsIt) {
    Editor ed("lenet5");
    ed.selection.setCurrentLayer(QStringLiteral("pool1"));
    QAction* conv = ed.view.palette()->actionFor(LayerType::Conv2D);
    ASSERT_NE(conv, nullptr);
    conv->trigger();
    const Network& net = ed.doc.project().network;
    ASSERT_EQ(net.size(), 10u);
    const Layer& added = net.layers()[*net.indexOf("pool1") + 1];
    EXPECT_EQ(added.type, LayerType::Conv2D);
    EXPECT_EQ(added.attrs.filters, 16);
    EXPECT_EQ(net.find("conv2")->inputs, std::vector<std::string>{added.name});
    EXPECT_EQ(ed.selection.currentLayer(), QString::fromStdString(added.name));
    EXPECT_TRUE(ed.node(added.name.c_str())->isSelected());
    EXPECT_EQ(ed.scene()->nodeItems().size(), 10u);
    // Every palette entry is a layer type; none is the importer's placeholder.
    int entries = 0;
    for (QAction* a : ed.view.palette()->typeMenu()->actions())
        if (a->data().isValid()) {
            ++entries;
            EXPECT_NE(a->text(), QStringLiteral("Unsupported"));
        }
    EXPECT_GE(entries, 19);
}

TEST(NetworkGraphView, ZoomsFitsAndKeepsItsShortcuts) {
    Editor ed("resnet26");
    ed.view.resize(800, 600);
    ed.view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&ed.view));
    ed.view.resetZoom();
    EXPECT_DOUBLE_EQ(ed.view.zoom(), 1.0);
    ed.view.zoomIn();
    EXPECT_GT(ed.view.zoom(), 1.0);
    QTest::keyClick(&ed.view, Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_NEAR(ed.view.zoom(), 1.0, 1e-9);
    QTest::keyClick(&ed.view, Qt::Key_0, Qt::ControlModifier);
    const QRectF visible = ed.view.mapToScene(ed.view.viewport()->rect()).boundingRect();
    EXPECT_TRUE(visible.adjusted(-2, -2, 2, 2).contains(ed.scene()->itemsBoundingRect()));
    EXPECT_LT(ed.view.zoom(), 0.5); // resnet26 is deep
    const double fitted = ed.view.zoom();
    QWheelEvent wheel(QPointF(200, 200), ed.view.viewport()->mapToGlobal(QPointF(200, 200)),
                      QPoint(), QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(ed.view.viewport(), &wheel);
    EXPECT_GT(ed.view.zoom(), fitted);
}

TEST(NetworkGraphView, BuildsDeepNetworksQuicklyAndEditsWithoutANewLayout) {
    for (const char* name : {"resnet26", "mobilenet-v1-0.25"}) {
        ProjectDocument doc;
        LayerSelection selection(&doc);
        QElapsedTimer timer;
        timer.start();
        NetworkGraphView view(&doc, &selection);
        doc.reset(exampleProject(name, name));
        const double total = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        NetworkGraphScene* scene = view.graphScene();
        std::cout << "[ timing   ] " << name << ": layout " << scene->lastLayoutMs()
                  << " ms, scene update " << scene->lastSyncMs() << " ms, view + document + scene "
                  << total << " ms\n";
        EXPECT_LT(scene->lastSyncMs(), 200.0) << name;

        // An edit that keeps every node's size and every label's room moves nothing.
        const int layouts = scene->layoutCount();
        const Network& net = doc.project().network;
        std::string conv;
        for (const auto& l : net.layers())
            if (l.type == LayerType::Conv2D && l.attrs.kernel == Size2{1, 1}) {
                conv = l.name;
                break;
            }
        if (conv.empty())
            conv = net.layers()[1].name;
        LayerAttrs a = net.find(conv)->attrs;
        a.useBias = !a.useBias;
        timer.restart();
        doc.undoStack()->push(new SetLayerAttrsCommand(&doc, QString::fromStdString(conv), a,
                                                       attributeCommandId(AttrField::UseBias)));
        const double edit = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        EXPECT_EQ(scene->layoutCount(), layouts) << name;
        std::cout << "[ timing   ] " << name << ": attribute edit (summary + scene) " << edit
                  << " ms, of which scene " << scene->lastSyncMs() << " ms\n";

        // A structural edit lays out again, still quickly.
        timer.restart();
        doc.undoStack()->undo();
        doc.undoStack()->push(new SetLayerAttrsCommand(&doc, QString::fromStdString(conv), a,
                                                       attributeCommandId(AttrField::UseBias)));
        selection.setCurrentLayer(QString::fromStdString(conv));
        view.addLayer(LayerType::BatchNormalization);
        const double add = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        EXPECT_EQ(scene->layoutCount(), layouts + 1) << name;
        std::cout << "[ timing   ] " << name << ": add layer (3 commands) " << add
                  << " ms, relayout " << scene->lastLayoutMs() << " ms, scene update "
                  << scene->lastSyncMs() << " ms\n";
        EXPECT_LT(scene->lastSyncMs(), 200.0) << name;
    }
}

/// Not a check: renders the editor to PNG files for a person to look at, when
/// ZIPCNN_GRAPH_PNG_DIR names a folder.
TEST(NetworkGraphView, RendersToPngForReview) {
    const QString dir = qEnvironmentVariable("ZIPCNN_GRAPH_PNG_DIR");
    if (dir.isEmpty())
        GTEST_SKIP() << "set ZIPCNN_GRAPH_PNG_DIR to render";
    {
        Editor ed("resnet26");
        ed.view.resize(1000, 1400);
        ed.view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&ed.view));
        const std::size_t n = ed.doc.project().network.size();
        std::vector<double> heat(n, std::nan(""));
        double total = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (i < ed.doc.summary().analysis.layers.size())
                total += static_cast<double>(ed.doc.summary().analysis.layers[i].macs);
        for (std::size_t i = 0; i < n; ++i)
            if (ed.doc.summary().analysis.layers[i].macs > 0)
                heat[i] = static_cast<double>(ed.doc.summary().analysis.layers[i].macs) / total;
        ed.view.setLayerHeat(heat, QStringLiteral("latency"));
        ed.selection.setCurrentLayer(QStringLiteral("stack2_block1_conv1"));
        ed.view.resetZoom();
        ed.view.centerOn(ed.node("stack2_block1_conv1"));
        QApplication::processEvents();
        EXPECT_TRUE(ed.view.grab().save(dir + QStringLiteral("/graph-resnet26-heat.png")));
        ed.view.fitToWindow();
        QApplication::processEvents();
        EXPECT_TRUE(ed.view.grab().save(dir + QStringLiteral("/graph-resnet26-fit.png")));
        ed.view.resetZoom();
        ed.view.verticalScrollBar()->setValue(ed.view.verticalScrollBar()->minimum());
        QApplication::processEvents();
        EXPECT_TRUE(ed.view.grab().save(dir + QStringLiteral("/graph-resnet26-top.png")));
    }
    {
        Editor ed("mobilenet-v1-0.25");
        ed.view.resize(900, 1200);
        ed.view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&ed.view));
        Layer l = *ed.doc.project().network.find("conv_pw_3");
        l.attrs.kernel = {31, 31}; // larger than its 24x24 input
        l.attrs.padding = Padding::Valid;
        ed.doc.setLayer(*ed.doc.project().network.indexOf("conv_pw_3"), l);
        ed.view.resetZoom();
        ed.view.centerOn(ed.node("conv_pw_3"));
        QApplication::processEvents();
        EXPECT_TRUE(ed.view.grab().save(dir + QStringLiteral("/graph-mobilenet-error.png")));
        InspectorPanel inspector(&ed.doc, &ed.selection);
        ed.selection.setCurrentLayer(QStringLiteral("conv_pw_3"));
        inspector.setLayerCosts(
            {{"conv_pw_3", 1.2e6, 15.0, 4.1e-4}, {"conv_dw_3", 3e6, 45.0, 1e-3}},
            QStringLiteral("STM32L496ZG \u00b7 INT8 \u00b7 80 MHz"));
        inspector.resize(360, 900);
        inspector.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&inspector));
        EXPECT_TRUE(inspector.grab().save(dir + QStringLiteral("/graph-inspector.png")));
    }
}

} // namespace
} // namespace zipcnn::gui::test
