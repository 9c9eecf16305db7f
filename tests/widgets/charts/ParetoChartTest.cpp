// SPDX-License-Identifier: GPL-3.0-or-later
// The accuracy-against-cost chart: the points it draws (front, dominated, ringed), the line
// listing variants without an accuracy and those not run, labels that cover no point, the
// charts tab following the focused target, and the accuracy metric and accuracies entered
// through the variants panel, its dialog and the undo stack.
#include "charts/ParetoChart.h"

#include "WidgetTestSupport.h"
#include "charts/ChartsPanel.h"
#include "core/HandMadeCosts.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationController.h"
#include "exploration/ExplorationEngine.h"
#include "panels/FeasibilityTableModel.h"
#include "panels/VariantDialog.h"
#include "panels/VariantTableModel.h"
#include "panels/VariantsPanel.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <qcustomplot.h>

namespace zipcnn::gui::test {
namespace {

using testsupport::costPoint;

SweepCell cell(double energyAt10, double energyAt80) {
    SweepCell c;
    c.points = {costPoint(10.0, 100.0, energyAt10), costPoint(80.0, 15.0, energyAt80)};
    c.feasibleFreqsMhz = {10.0, 80.0};
    c.minEnergyFreqMhz = energyAt10 < energyAt80 ? 10.0 : 80.0;
    c.minEnergyJ = std::min(energyAt10, energyAt80) * 1e-3;
    return c;
}

VariantSpec spec(const std::string& name, std::optional<double> accuracy) {
    VariantSpec s;
    s.name = name;
    s.accuracyPct = accuracy;
    return s;
}

/// One target "MCU-X": A (99, 2 mJ), B (98, 1 mJ), C (97, 3 mJ: dominated), D (no accuracy),
/// E (not run: the runtime refuses it). B breaks a constraint at its least-energy clock.
std::shared_ptr<const Exploration> handMade() {
    auto e = std::make_shared<Exploration>();
    e->specs = {spec("A", 99.0), spec("B", 98.0), spec("C", 97.0), spec("D", std::nullopt),
                spec("E", 99.5)};
    e->variants = std::make_shared<const std::vector<CostVariant>>(e->specs.size());
    CostTarget t;
    t.name = "MCU-X";
    e->targets = {t};
    e->sweep.cells = {cell(4.0, 2.0), cell(1.0, 1.5), cell(3.0, 3.5), cell(0.5, 0.9)};
    e->sweep.cells[1].points[0].feasible = false;
    e->sweep.cells[1].points[0].violations.push_back({"latency", 100.0, 50.0});
    SweepCell refused;
    refused.note = "x-cube-ai-9 runs INT8 networks only";
    e->sweep.cells.push_back(refused);
    return e;
}

TEST(ParetoChart, DrawsTheFrontTheDominatedAndListsTheRest) {
    ParetoChart chart;
    chart.setExploration(handMade(), ExplorationFocus{0, 0, 80.0}, QStringLiteral("top-1 %"));
    EXPECT_EQ(chart.frontGraph()->dataCount(), 2);     // B and A
    EXPECT_EQ(chart.dominatedGraph()->dataCount(), 1); // C
    EXPECT_EQ(chart.breaksGraph()->dataCount(), 1);    // B, ringed
    EXPECT_EQ(chart.labels().size(), 3u);
    // The front as a step line, from the least energy: B (1 mJ) then A (2 mJ).
    EXPECT_EQ(chart.frontGraph()->lineStyle(), QCPGraph::lsStepLeft);
    EXPECT_DOUBLE_EQ(chart.frontGraph()->data()->at(0)->key, 1.0);
    EXPECT_DOUBLE_EQ(chart.frontGraph()->data()->at(1)->value, 99.0);
    EXPECT_EQ(chart.plot()->yAxis->label(), QStringLiteral("top-1 %"));
    EXPECT_TRUE(chart.plot()->xAxis->label().contains(QLatin1String("Energy per inference")));
    const QString missing = chart.missingText();
    EXPECT_TRUE(missing.contains(QLatin1String("No accuracy entered: D\n")))
        << missing.toStdString();
    EXPECT_TRUE(missing.contains(
        QLatin1String("Not run on MCU-X: E (x-cube-ai-9 runs INT8 networks only)")))
        << missing.toStdString();
    EXPECT_EQ(chart.missingLabel()->text(), missing);
    // The readout says who dominates whom.
    EXPECT_TRUE(chart.readout(*chart.data().find(2)).contains(QLatin1String("dominated by B, A")))
        << chart.readout(*chart.data().find(2)).toStdString();
    EXPECT_TRUE(
        chart.readout(*chart.data().find(1)).contains(QLatin1String("breaks a constraint")));

    // Latency at the focused clock (80 MHz): all take 15 ms, so only the most accurate is on
    // the front.
    ASSERT_TRUE(chart.setAxis("latency"));
    chart.setClock(AccuracyClock::Focused);
    EXPECT_EQ(chart.frontGraph()->dataCount(), 1);
    EXPECT_EQ(chart.dominatedGraph()->dataCount(), 2);
    EXPECT_TRUE(chart.plot()->xAxis->label().contains(QLatin1String("80 MHz")))
        << chart.plot()->xAxis->label().toStdString();
    EXPECT_FALSE(chart.setAxis("battery"));
}

TEST(ParetoChart, NoAccuracyAtAllIsSaidNotDrawn) {
    auto e = std::make_shared<Exploration>(*handMade());
    for (VariantSpec& s : e->specs)
        s.accuracyPct.reset();
    ParetoChart chart;
    chart.setExploration(e, ExplorationFocus{0, 0, 80.0}, QString());
    EXPECT_EQ(chart.frontGraph()->dataCount(), 0);
    EXPECT_EQ(chart.dominatedGraph()->dataCount(), 0);
    EXPECT_TRUE(chart.missingText().startsWith(QLatin1String("No variant has an accuracy yet")));
    EXPECT_EQ(chart.plot()->yAxis->label(), QStringLiteral("accuracy %"));
}

TEST(ParetoChart, AnExtraAxisPlugsInAndHigherIsBetterTurnsTheSteps) {
    ParetoChart chart;
    std::vector<CostAxis> axes = builtinCostAxes();
    axes.push_back(testsupport::inferencesPerJouleAxis(
        [](double v) { return std::to_string(static_cast<long>(v)); }));
    chart.setAxes(axes);
    EXPECT_EQ(chart.axisCombo()->count(), 3);
    chart.setExploration(handMade(), ExplorationFocus{0, 0, 80.0}, QString());
    ASSERT_TRUE(chart.setAxis("life"));
    EXPECT_EQ(chart.frontGraph()->lineStyle(), QCPGraph::lsStepRight);
    EXPECT_EQ(chart.frontGraph()->dataCount(), 2);
    EXPECT_EQ(chart.dominatedGraph()->dataCount(), 1);
}

/// The label rectangles as drawn (top-left position and the font's size of the text).
std::vector<QRectF> labelRects(const ParetoChart& chart) {
    std::vector<QRectF> rects;
    for (QCPItemText* label : chart.labels()) {
        const QFontMetricsF fm(label->font());
        const QPointF topLeft = label->position->pixelPosition();
        rects.emplace_back(topLeft, QSizeF(fm.horizontalAdvance(label->text()), fm.height()));
    }
    return rects;
}

/// The bundled LeNet5 example with the thesis's accuracies (Table 4.13 for the pruned ones,
/// which are of its ReLU LeNet5) but none for 80 %, every variant shown.
Project lenetWithAccuracies() {
    Project p = exampleProject("lenet5", "LeNet5");
    const std::vector<std::optional<double>> acc = {97.86, 98.2,         98.93, 98.18,
                                                    98.67, std::nullopt, 98.25};
    for (std::size_t i = 0; i < p.variants.size() && i < acc.size(); ++i) {
        p.variants[i].accuracyPct = acc[i];
        p.variants[i].visible = true;
    }
    p.accuracyMetric = "top-1 % (MNIST)";
    return p;
}

TEST(ParetoChart, LabelsCoverNoPointAndNoOtherLabel) {
    const Catalogs catalogs = loadCatalogs(QCoreApplication::applicationDirPath().toStdString());
    const Project p = lenetWithAccuracies();
    auto e = computeExploration(p, "", catalogs);
    ParetoChart chart;
    chart.resize(820, 480);
    // The STM32L496ZG under thesis-c runs every variant.
    chart.setExploration(e, ExplorationFocus{0, 0, e->cell(0, 0).minEnergyFreqMhz},
                         QStringLiteral("top-1 %"));
    chart.layOutAt(820, 440); // the report's size
    const AccuracyCost& d = chart.data();
    EXPECT_EQ(static_cast<std::size_t>(chart.frontGraph()->dataCount() +
                                       chart.dominatedGraph()->dataCount()),
              p.variants.size() - 1);
    EXPECT_TRUE(
        chart.missingText().contains(QLatin1String("No accuracy entered: FP32 pruned 80 %")))
        << chart.missingText().toStdString();
    const std::vector<QRectF> rects = labelRects(chart);
    ASSERT_EQ(rects.size(), p.variants.size() - 1);
    for (std::size_t i = 0; i < rects.size(); ++i) {
        for (std::size_t j = i + 1; j < rects.size(); ++j)
            EXPECT_FALSE(rects[i].intersects(rects[j]))
                << chart.labels()[i]->text().toStdString() << " / "
                << chart.labels()[j]->text().toStdString();
        for (const AccuracyCostPoint& pt : d.points) {
            if (!pt.cost || !pt.accuracyPct)
                continue;
            const QPointF c(chart.plot()->xAxis->coordToPixel(*pt.cost),
                            chart.plot()->yAxis->coordToPixel(*pt.accuracyPct));
            EXPECT_FALSE(rects[i].contains(c))
                << chart.labels()[i]->text().toStdString() << " covers " << pt.name;
        }
    }
}

/// The example explored in a document, with the charts panel and its controller.
struct Window {
    ProjectDocument doc;
    std::unique_ptr<ExplorationEngine> engine;
    FeasibilityTableModel feasibility;
    ChartsPanel charts;
    std::unique_ptr<ExplorationController> controller;
    Window() {
        EXPECT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
        engine = std::make_unique<ExplorationEngine>(
            &doc, loadCatalogs(QCoreApplication::applicationDirPath().toStdString()));
        engine->waitUntilIdle();
        controller =
            std::make_unique<ExplorationController>(&doc, engine.get(), &charts, &feasibility);
    }
};

TEST(ParetoChart, TabFollowsTheFocusedTargetAndTheUndoStack) {
    Window w;
    ASSERT_TRUE(w.charts.showTab(QStringLiteral("accuracy")));
    ParetoChart* chart = w.charts.paretoChart();
    EXPECT_EQ(w.charts.tabs()->currentWidget(), chart);
    VariantTableModel model(&w.doc);
    w.controller->setFocus(0, 0); // STM32L496ZG under thesis-c: runs every variant
    // Clear whatever the example holds, then enter two accuracies through the table.
    for (int row = 0; row < model.rowCount(); ++row)
        model.setData(model.index(row, VariantTableModel::Accuracy), QString(), Qt::EditRole);
    const int steps = w.doc.undoStack()->count();
    ASSERT_TRUE(model.setData(model.index(0, VariantTableModel::Accuracy), QStringLiteral("97.86"),
                              Qt::EditRole));
    ASSERT_TRUE(model.setData(model.index(1, VariantTableModel::Accuracy), QStringLiteral("98.2"),
                              Qt::EditRole));
    EXPECT_EQ(w.doc.undoStack()->count(), steps + 2);
    EXPECT_EQ(chart->frontGraph()->dataCount() + chart->dominatedGraph()->dataCount(), 2);

    // Focus the X-CUBE-AI target: it runs INT8 only, so FP32 is listed as not run there.
    const auto& targets = w.engine->current()->targets;
    std::size_t cube = targets.size();
    for (std::size_t t = 0; t < targets.size(); ++t)
        if (!targets[t].usesLut())
            cube = t;
    ASSERT_LT(cube, targets.size());
    w.controller->setFocus(1, cube);
    EXPECT_EQ(chart->data().target, cube);
    EXPECT_EQ(chart->frontGraph()->dataCount(), 1); // INT8 alone
    EXPECT_EQ(chart->dominatedGraph()->dataCount(), 0);
    EXPECT_TRUE(chart->missingText().contains(
        QStringLiteral("Not run on %1: FP32 (").arg(QString::fromStdString(targets[cube].name))))
        << chart->missingText().toStdString();

    // Undo the INT8 accuracy: nothing is placed any more on that target, and INT8 is listed.
    w.doc.undoStack()->undo();
    EXPECT_EQ(chart->frontGraph()->dataCount(), 0);
    EXPECT_TRUE(chart->emptyText().startsWith(QLatin1String("No variant with an accuracy runs")))
        << chart->emptyText().toStdString();
    EXPECT_TRUE(chart->missingText().startsWith(QLatin1String("No accuracy entered: INT8")))
        << chart->missingText().toStdString();
}

TEST(VariantsPanel, AccuracyMetricIsUndoableAndHeadsTheColumnAndTheChart) {
    Window w;
    VariantsPanel panel(&w.doc);
    VariantTableModel* model = panel.model();
    const QString before = QString::fromStdString(w.doc.project().accuracyMetric);
    EXPECT_EQ(model->headerData(VariantTableModel::Accuracy, Qt::Horizontal).toString(), before);
    int headerChanges = 0;
    QObject::connect(model, &QAbstractItemModel::headerDataChanged,
                     [&](Qt::Orientation, int first, int) {
                         headerChanges += first == VariantTableModel::Accuracy ? 1 : 0;
                     });
    const int steps = w.doc.undoStack()->count();
    panel.renameMetric(QStringLiteral("  mAP %  "));
    EXPECT_EQ(w.doc.project().accuracyMetric, "mAP %");
    EXPECT_EQ(w.doc.undoStack()->count(), steps + 1);
    EXPECT_EQ(model->headerData(VariantTableModel::Accuracy, Qt::Horizontal).toString(),
              QStringLiteral("mAP %"));
    EXPECT_GE(headerChanges, 1);
    EXPECT_EQ(panel.metricEditor()->currentText(), QStringLiteral("mAP %"));
    w.charts.showTab(QStringLiteral("Accuracy"));
    EXPECT_EQ(w.charts.paretoChart()->plot()->yAxis->label(), QStringLiteral("mAP %"));
    // The same name again is no edit; a blank one is the default.
    panel.renameMetric(QStringLiteral("mAP %"));
    EXPECT_EQ(w.doc.undoStack()->count(), steps + 1);
    w.doc.undoStack()->undo();
    EXPECT_EQ(QString::fromStdString(w.doc.project().accuracyMetric), before);
    EXPECT_EQ(panel.metricEditor()->currentText(), before);
    EXPECT_EQ(w.charts.paretoChart()->plot()->yAxis->label(), before);
    panel.renameMetric(QStringLiteral("   "));
    EXPECT_EQ(w.doc.project().accuracyMetric, kDefaultAccuracyMetric);
}

TEST(VariantDialog, TakesTheAccuracyOrNone) {
    VariantDialog dialog{QString()};
    dialog.setAccuracyMetric(QStringLiteral("F1 %"));
    auto* field = dialog.findChild<QLineEdit*>(QStringLiteral("accuracy"));
    ASSERT_NE(field, nullptr);
    EXPECT_FALSE(dialog.variant().accuracyPct);
    field->setText(QStringLiteral("91.25"));
    ASSERT_TRUE(dialog.variant().accuracyPct);
    EXPECT_DOUBLE_EQ(*dialog.variant().accuracyPct, 91.25);
    VariantSpec s;
    s.name = "x";
    s.accuracyPct = 70.95;
    dialog.setVariant(s);
    EXPECT_EQ(field->text(), QStringLiteral("70.95"));
    s.accuracyPct.reset();
    dialog.setVariant(s);
    EXPECT_FALSE(dialog.variant().accuracyPct);
    bool labelled = false;
    for (const QLabel* l : dialog.findChildren<QLabel*>())
        labelled = labelled || l->text() == QStringLiteral("Accuracy (F1 %)");
    EXPECT_TRUE(labelled);
}

} // namespace
} // namespace zipcnn::gui::test
