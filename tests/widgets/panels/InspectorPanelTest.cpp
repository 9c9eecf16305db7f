// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/InspectorPanel.h"

#include "DocumentWithSelection.h"
#include "WidgetTestSupport.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

struct Inspector : DocumentWithSelection {
    explicit Inspector(const std::string& zooName) { doc.reset(exampleProject(zooName, zooName)); }
    InspectorPanel panel{&doc, &selection};

    template <typename T> T* editor(const char* name) {
        return panel.findChild<T*>(QString::fromLatin1(name));
    }
    const Layer& layer(const char* name) { return *doc.project().network.find(name); }
};

TEST(InspectorPanel, ShowsTheSelectedLayersFieldsAndFigures) {
    Inspector in("lenet5");
    EXPECT_TRUE(in.panel.editorNames().isEmpty());
    in.selection.setCurrentLayer(QStringLiteral("conv1"));
    const QStringList editors = in.panel.editorNames();
    for (const char* name : {"filters", "kernel.h", "kernel.w", "strides.h", "padding",
                             "activation", "useBias", "pruneRate", "pruneRate.own"})
        EXPECT_TRUE(editors.contains(QLatin1String(name))) << name;
    EXPECT_FALSE(editors.contains(QStringLiteral("units")));
    ASSERT_NE(in.editor<QSpinBox>("filters"), nullptr);
    EXPECT_EQ(in.editor<QSpinBox>("filters")->value(), 6);
    EXPECT_EQ(in.editor<QSpinBox>("kernel.h")->value(), 5);
    EXPECT_EQ(in.editor<QComboBox>("activation")->currentText(), QStringLiteral("sigmoid"));
    EXPECT_EQ(in.editor<QLineEdit>("name")->text(), QStringLiteral("conv1"));
    EXPECT_FALSE(in.editor<QCheckBox>("pruneRate.own")->isChecked());

    const QStringList lines = in.panel.infoLines();
    EXPECT_TRUE(lines.contains(QStringLiteral("Output: 28x28x6")))
        << lines.join('\n').toStdString();
    EXPECT_TRUE(lines.contains(QStringLiteral("Parameters: 156")));
    EXPECT_TRUE(lines.contains(QStringLiteral("MACs: 117,600")));
    EXPECT_TRUE(lines.contains(QStringLiteral("Inputs: input (32x32x1)")));
    EXPECT_TRUE(lines.filter(QStringLiteral("Primitives: conv2d")).size() == 1)
        << lines.join('\n').toStdString();

    // A pooling layer has a pool size and no filters.
    in.selection.setCurrentLayer(QStringLiteral("pool1"));
    EXPECT_TRUE(in.panel.editorNames().contains(QStringLiteral("kernel.h")));
    EXPECT_FALSE(in.panel.editorNames().contains(QStringLiteral("filters")));
    EXPECT_FALSE(in.panel.editorNames().contains(QStringLiteral("pruneRate")));
    in.selection.setCurrentLayer(QStringLiteral("fc1"));
    EXPECT_EQ(in.editor<QSpinBox>("units")->value(), 120);
}

TEST(InspectorPanel, ShowsTheQuantisationAModelFileGave) {
    Inspector in("lenet5");
    Project p = in.doc.project();
    LayerQuantization q;
    q.scheme = QuantScheme::PerChannel;
    q.scales = 6;
    q.weightBits = 8;
    q.activationBits = 16;
    p.network.find("conv1")->quantization = q;
    in.doc.reset(std::move(p));
    in.selection.setCurrentLayer(QStringLiteral("conv1"));
    const QStringList lines = in.panel.infoLines();
    EXPECT_TRUE(lines.contains(
        QStringLiteral("Quantisation: INT8 weights, 6 per-channel scale(s); INT16 activations")))
        << lines.join('\n').toStdString();
    // A float layer has no such row.
    in.selection.setCurrentLayer(QStringLiteral("fc1"));
    EXPECT_TRUE(in.panel.infoLines().filter(QStringLiteral("Quantisation")).isEmpty());
}

TEST(InspectorPanel, AnEditPushesOneUndoCommandAndADragMergesIntoIt) {
    Inspector in("lenet5");
    in.selection.setCurrentLayer(QStringLiteral("conv1"));
    QUndoStack* stack = in.doc.undoStack();
    QSpinBox* filters = in.editor<QSpinBox>("filters");
    filters->setValue(8);
    EXPECT_EQ(stack->count(), 1);
    EXPECT_EQ(in.layer("conv1").attrs.filters, 8);
    EXPECT_TRUE(in.panel.infoLines().contains(QStringLiteral("Output: 28x28x8")));
    // Holding the arrow: more values, still one step.
    filters->stepUp();
    filters->stepUp();
    EXPECT_EQ(stack->count(), 1);
    EXPECT_EQ(in.layer("conv1").attrs.filters, 10);
    EXPECT_EQ(stack->text(0), QStringLiteral("Set filters of conv1 to 10"));
    stack->undo();
    EXPECT_EQ(in.layer("conv1").attrs.filters, 6);
    EXPECT_EQ(filters->value(), 6) << "the editor follows undo";
    EXPECT_EQ(stack->count(), 1);

    // A slider drag over the pruning rate is one step too.
    stack->clear();
    in.editor<QCheckBox>("pruneRate.own")->setChecked(true);
    QSlider* rate = in.panel.findChild<QSlider*>(QStringLiteral("pruneRate.slider"));
    ASSERT_NE(rate, nullptr);
    for (int v = 5; v <= 40; v += 5)
        rate->setValue(v);
    EXPECT_EQ(stack->count(), 1);
    ASSERT_TRUE(in.layer("conv1").attrs.pruneRate);
    EXPECT_DOUBLE_EQ(*in.layer("conv1").attrs.pruneRate, 0.40);
    EXPECT_EQ(in.editor<QSpinBox>("pruneRate")->value(), 40);
    stack->undo();
    EXPECT_FALSE(in.layer("conv1").attrs.pruneRate);
}

TEST(InspectorPanel, CtrlZInAFieldJustEditedCommitsThenUndoesTheProject) {
    Inspector in("lenet5");
    in.selection.setCurrentLayer(QStringLiteral("conv1"));
    QUndoStack* stack = in.doc.undoStack();
    // The window's Undo / Redo actions, as MainWindow has them.
    QAction* undo = stack->createUndoAction(&in.panel);
    undo->setShortcuts(QKeySequence::Undo);
    QAction* redo = stack->createRedoAction(&in.panel);
    redo->setShortcuts(QKeySequence::Redo);
    in.panel.addActions({undo, redo});
    in.panel.show();
    in.panel.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&in.panel));

    // A spin box: type 12, then Ctrl+Z before leaving the field.
    QSpinBox* filters = in.editor<QSpinBox>("filters");
    filters->setFocus();
    filters->selectAll();
    QTest::keyClicks(filters, QStringLiteral("12"));
    QTest::keyClick(filters, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(in.layer("conv1").attrs.filters, 6);
    EXPECT_EQ(stack->count(), 1) << "the typed value was committed, then undone";
    EXPECT_EQ(stack->index(), 0);
    EXPECT_EQ(in.editor<QSpinBox>("filters")->value(), 6);
    // Redo from the same kind of field brings it back.
    QSpinBox* again = in.editor<QSpinBox>("filters");
    again->setFocus();
    QTest::keyClick(again, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(in.layer("conv1").attrs.filters, 12);

    // The name field: a new name typed, Ctrl+Z: the layer keeps its name and the field shows it.
    QLineEdit* name = in.editor<QLineEdit>("name");
    name->setFocus();
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("features"));
    QTest::keyClick(name, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_NE(in.doc.project().network.find("conv1"), nullptr);
    EXPECT_EQ(in.doc.project().network.find("features"), nullptr);
    EXPECT_EQ(name->text(), QStringLiteral("conv1"));
}

TEST(InspectorPanel, RenamesThroughTheUndoStackAndKeepsTheSelection) {
    Inspector in("lenet5");
    in.selection.setCurrentLayer(QStringLiteral("fc2"));
    QLineEdit* name = in.editor<QLineEdit>("name");
    name->setText(QStringLiteral("hidden"));
    emit name->editingFinished();
    EXPECT_NE(in.doc.project().network.find("hidden"), nullptr);
    EXPECT_EQ(in.selection.currentLayer(), QStringLiteral("hidden"));
    EXPECT_EQ(in.doc.undoStack()->count(), 1);
    // A taken name is refused and the field shows the layer's name again.
    name->setText(QStringLiteral("fc1"));
    emit name->editingFinished();
    EXPECT_EQ(in.doc.undoStack()->count(), 1);
    EXPECT_EQ(name->text(), QStringLiteral("hidden"));
}

TEST(InspectorPanel, ShowsTheSelectedLayersCost) {
    Inspector in("lenet5");
    in.selection.setCurrentLayer(QStringLiteral("conv1"));
    in.panel.setLayerCosts({{"conv1", 8.0e6, 100.0, 2.0e-3},
                            {"conv2", 2.0e6, 25.0, 0.5e-3},
                            {"overhead", 1.0e6, 125.0, 2.5e-3}},
                           QStringLiteral("STM32L496ZG \u00b7 INT8 \u00b7 80 MHz"));
    const QStringList lines = in.panel.infoLines();
    EXPECT_TRUE(lines.contains(QStringLiteral("Target: STM32L496ZG \u00b7 INT8 \u00b7 80 MHz")));
    EXPECT_TRUE(lines.contains(QStringLiteral("Latency: 100 ms")))
        << lines.join('\n').toStdString();
    EXPECT_TRUE(lines.contains(QStringLiteral("Energy: 2 mJ"))) << lines.join('\n').toStdString();
    EXPECT_TRUE(lines.contains(QStringLiteral("Share: 40.0 % of latency, 40.0 % of energy")));
    in.selection.setCurrentLayer(QStringLiteral("flatten"));
    EXPECT_TRUE(in.panel.infoLines().filter(QStringLiteral("Latency: no cost")).size() == 1);
    in.panel.setLayerCosts({}, {});
    EXPECT_TRUE(in.panel.infoLines().filter(QStringLiteral("Latency")).isEmpty());
    // The focused target's confidence goes beside its figures.
    in.selection.setCurrentLayer(QStringLiteral("conv1"));
    in.panel.setLayerCosts({{"conv1", 8.0e6, 100.0, 2.0e-3}}, QStringLiteral("F746 · INT8"),
                           QStringLiteral("benchmark, expected latency error ±9.7 %"));
    EXPECT_TRUE(in.panel.infoLines().contains(
        QStringLiteral("Confidence: benchmark, expected latency error ±9.7 %")))
        << in.panel.infoLines().join('\n').toStdString();
}

TEST(InspectorPanel, ShowsTheLayersProblemsAndEmptiesWhenItGoes) {
    Inspector in("lenet5");
    Project broken = exampleProject("lenet5", "broken");
    broken.network.find("fc1")->inputs = {"missing"};
    in.doc.reset(broken);
    in.selection.setCurrentLayer(QStringLiteral("fc1"));
    EXPECT_TRUE(in.panel.infoLines().contains(QStringLiteral("Output: unknown")));
    in.doc.reset(exampleProject("lenet5", "other"));
    EXPECT_EQ(in.selection.currentLayer(), QStringLiteral("fc1")) << "still a layer there";
    in.doc.reset(Project{});
    EXPECT_EQ(in.selection.currentLayer(), QString());
    EXPECT_TRUE(in.panel.editorNames().isEmpty());
    EXPECT_TRUE(in.panel.infoLines().isEmpty());
}

TEST(InspectorPanel, EditsOtherKindsOfAttributes) {
    Inspector in("resnet8");
    QUndoStack* stack = in.doc.undoStack();
    in.selection.setCurrentLayer(QStringLiteral("conv1"));
    QComboBox* padding = in.editor<QComboBox>("padding");
    padding->setCurrentIndex(2); // explicit: the four sizes appear
    EXPECT_EQ(in.layer("conv1").attrs.padding, Padding::Explicit);
    QApplication::processEvents(); // the old form is deleted later
    EXPECT_TRUE(in.panel.editorNames().contains(QStringLiteral("pads.top")));
    in.editor<QSpinBox>("pads.top")->setValue(1);
    EXPECT_EQ(in.layer("conv1").attrs.pads.top, 1);
    EXPECT_EQ(stack->count(), 2);

    in.selection.setCurrentLayer(QStringLiteral("bn1"));
    in.editor<QCheckBox>("scale")->setChecked(false);
    EXPECT_FALSE(in.layer("bn1").attrs.scale);

    in.selection.setCurrentLayer(QStringLiteral("input"));
    QLineEdit* shape = in.editor<QLineEdit>("inputShape");
    EXPECT_EQ(shape->text(), QStringLiteral("32x32x3"));
    shape->setText(QStringLiteral("64, 64, 3"));
    emit shape->editingFinished();
    EXPECT_EQ(in.layer("input").attrs.inputShape, (Shape{64, 64, 3}));
    shape->setText(QStringLiteral("nonsense"));
    emit shape->editingFinished();
    EXPECT_EQ(in.layer("input").attrs.inputShape, (Shape{64, 64, 3}));
    EXPECT_EQ(shape->text(), QStringLiteral("64x64x3"));
    EXPECT_EQ(stack->count(), 4);
}

} // namespace
} // namespace zipcnn::gui::test
