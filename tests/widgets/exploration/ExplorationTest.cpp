// SPDX-License-Identifier: GPL-3.0-or-later
// The exploration side of the window: the engine that keeps the sweep up to date, the chart
// data built from it, the feasibility table, the catalogue and variant models, the constraint
// sliders and their undo commands.
#include "explore/Exploration.h"

#include "WidgetTestSupport.h"
#include "charts/AbacusChart.h"
#include "charts/AbacusChartData.h"
#include "common/ChartStyle.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationEngine.h"
#include "io/NetworkJson.h"
#include "panels/ConstraintSlider.h"
#include "panels/ConstraintsPanel.h"
#include "panels/FeasibilityTableModel.h"
#include "panels/TargetCatalogModel.h"
#include "panels/VariantTableModel.h"

#include <QAbstractItemModelTester>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <random>

namespace zipcnn::gui::test {
namespace {

Catalogs sourceCatalog() {
    return loadCatalogs(QCoreApplication::applicationDirPath().toStdString());
}

/// The bundled LeNet5 example, explored to the end.
struct Explored {
    ProjectDocument doc;
    std::unique_ptr<ExplorationEngine> engine;
    explicit Explored(const QString& example = QStringLiteral("lenet5.zipcnn.json")) {
        EXPECT_EQ(doc.openAsTemplate(examplePath(example)), QString());
        engine = std::make_unique<ExplorationEngine>(&doc, sourceCatalog());
        engine->waitUntilIdle();
    }
    const Exploration& e() const { return *engine->current(); }
};

TEST(ExplorationFreqs, KeepEveryCharacterisedClockAndFillWideGaps) {
    const Catalogs catalogs = sourceCatalog();
    const McuCatalog& catalog = catalogs.luts;
    ASSERT_GE(catalog.mcus.size(), 3u);
    std::vector<CostTarget> mcus;
    for (const auto& m : catalog.mcus)
        mcus.push_back(lutTarget(m, nullptr));
    const std::vector<double> freqs = explorationFreqs(mcus);
    for (const auto& m : catalog.mcus)
        for (double f : m.freqsMhz)
            EXPECT_NE(std::find(freqs.begin(), freqs.end(), f), freqs.end()) << m.name << " " << f;
    for (std::size_t i = 1; i < freqs.size(); ++i) {
        EXPECT_GT(freqs[i], freqs[i - 1]);
        EXPECT_LE(freqs[i] / freqs[i - 1], 1.31) << freqs[i - 1] << " -> " << freqs[i];
    }
}

TEST(ExplorationEngine, SweepsEveryVariantOnEveryCandidate) {
    Explored x;
    const Exploration& e = x.e();
    EXPECT_FALSE(x.engine->isBusy());
    ASSERT_EQ(e.variantCount(), x.doc.project().variants.size());
    ASSERT_EQ(e.targetCount(), 4u);
    ASSERT_EQ(e.sweep.cells.size(), e.variantCount() * e.targetCount());
    for (const SweepCell& cell : e.sweep.cells) {
        // X-CUBE-AI runs the INT8 variants only, and says so.
        if (!e.targets[cell.mcu].usesLut() && e.variant(cell.variant).dtype != DType::INT8) {
            EXPECT_TRUE(cell.points.empty());
            EXPECT_NE(cell.note.find("int8 only"), std::string::npos) << cell.note;
            continue;
        }
        EXPECT_FALSE(cell.points.empty());
        for (const SweepPoint& p : cell.points)
            EXPECT_TRUE(p.cost.ok) << p.cost.why;
    }
    // Characterised clocks are exact, the others interpolated.
    const SweepCell& cell = e.cell(0, 0);
    const McuProfile& mcu = *e.targets[0].lut;
    for (const SweepPoint& p : cell.points) {
        const bool characterised = std::find(mcu.freqsMhz.begin(), mcu.freqsMhz.end(),
                                             p.cost.freqMhz) != mcu.freqsMhz.end();
        EXPECT_EQ(p.cost.interpolated, !characterised) << p.cost.freqMhz;
    }
}

TEST(ExplorationEngine, ConstraintChangesResweepAtOnceAndUndoRestores) {
    Explored x;
    const int before = x.e().generation;
    const Constraints original = x.doc.project().constraints;
    Constraints tight = original;
    tight.maxLatencyMs = 0.001;
    x.doc.undoStack()->push(new SetConstraintsCommand(&x.doc, tight, QStringLiteral("tight")));
    // No waiting: the sweep of prepared variants runs on the spot.
    EXPECT_FALSE(x.engine->isBusy());
    EXPECT_GT(x.e().generation, before);
    for (const SweepCell& cell : x.e().sweep.cells) {
        EXPECT_FALSE(cell.feasible());
        if (cell.points.empty()) // FP32 under X-CUBE-AI: not run, nothing to fail
            continue;
        ASSERT_FALSE(cell.failing.empty());
    }
    x.doc.undoStack()->undo();
    EXPECT_EQ(x.doc.project().constraints, original);
    EXPECT_EQ(x.e().constraints, original);
}

TEST(ExplorationEngine, VariantEditsArePreparedOffTheGuiThreadAndStaleResultsDropped) {
    Explored x;
    QSignalSpy updated(x.engine.get(), &ExplorationEngine::updated);
    VariantSpec v;
    v.name = "INT8 pruned 80 %";
    v.dtype = DType::INT8;
    v.prune = 0.8;
    const std::size_t n = x.doc.project().variants.size();
    // A burst of edits: one preparation, the last state wins.
    for (int i = 0; i < 5; ++i) {
        v.prune = 0.5 + 0.08 * i;
        x.doc.undoStack()->push(new AddRemoveVariantCommand(&x.doc, n, v));
        x.doc.undoStack()->undo();
    }
    x.doc.undoStack()->redo();
    EXPECT_TRUE(x.engine->isBusy());
    x.engine->waitUntilIdle();
    EXPECT_FALSE(x.engine->isBusy());
    ASSERT_EQ(x.e().variantCount(), n + 1);
    EXPECT_DOUBLE_EQ(x.e().variant(n).prune, 0.5 + 0.08 * 4);
    EXPECT_EQ(x.e().specs[n].name, "INT8 pruned 80 %");
    EXPECT_EQ(updated.count(), 1);
}

TEST(AbacusChartData, OneCurvePerVisibleVariantAndMcuWithItsFeasibleRanges) {
    Explored x;
    const Exploration& e = x.e();
    std::size_t visible = 0;
    for (const auto& s : e.specs)
        visible += s.visible ? 1 : 0;
    for (AbacusMetric metric : {AbacusMetric::Latency, AbacusMetric::Energy, AbacusMetric::Power}) {
        const AbacusChartData data = buildAbacusData(e, metric, ExplorationFocus{1, 2, {}});
        // One curve per cell with estimates (X-CUBE-AI has none for the FP32 variants).
        std::size_t drawn = 0;
        for (const SweepCell& cell : e.sweep.cells)
            drawn += e.specs[cell.variant].visible && !cell.points.empty() ? 1 : 0;
        ASSERT_EQ(visible * e.targetCount() - drawn, visible - 1) << "only INT8 under x-cube-ai";
        ASSERT_EQ(data.curves.size(), drawn);
        EXPECT_TRUE(data.curves.back().focused) << "focused curve drawn last";
        EXPECT_EQ(data.curves.back().variant, 1u);
        for (const AbacusCurve& c : data.curves) {
            const SweepCell& cell = e.cell(c.variant, c.mcu);
            ASSERT_EQ(c.points.size(), cell.points.size());
            std::size_t feasible = 0;
            for (std::size_t i = 0; i < c.points.size(); ++i) {
                EXPECT_DOUBLE_EQ(c.points[i].value, abacusValue(metric, cell.points[i]));
                EXPECT_GE(c.points[i].value, data.yMin);
                EXPECT_LE(c.points[i].value, data.yMax);
                feasible += c.points[i].feasible ? 1 : 0;
            }
            EXPECT_EQ(feasible, cell.feasibleFreqsMhz.size());
            for (const auto& [lo, hi] : c.feasibleRanges) {
                EXPECT_LE(lo, hi);
                EXPECT_NE(std::find(cell.feasibleFreqsMhz.begin(), cell.feasibleFreqsMhz.end(), lo),
                          cell.feasibleFreqsMhz.end());
            }
            ASSERT_TRUE(c.minEnergy.has_value());
            EXPECT_EQ(c.minEnergy->freqMhz, *cell.minEnergyFreqMhz);
        }
    }
    const AbacusChartData latency = buildAbacusData(e, AbacusMetric::Latency);
    ASSERT_TRUE(latency.limit.has_value());
    EXPECT_EQ(*latency.limit, *e.constraints.maxLatencyMs);
    EXPECT_EQ(latency.unit, QStringLiteral("ms"));
    EXPECT_FALSE(buildAbacusData(e, AbacusMetric::Power).limit.has_value());
}

TEST(AbacusChartData, FeasibleRangesAreRunsOfFeasiblePoints) {
    std::vector<AbacusPoint> pts;
    const bool ok[] = {false, true, true, false, true, false, true, true, true};
    for (int i = 0; i < 9; ++i)
        pts.push_back({double(i + 1), 1.0, false, ok[i]});
    const auto runs = feasibleRanges(pts);
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0], std::make_pair(2.0, 3.0));
    EXPECT_EQ(runs[1], std::make_pair(5.0, 5.0));
    EXPECT_EQ(runs[2], std::make_pair(7.0, 9.0));
}

TEST(AbacusChart, DrawsTheDataReadsOutPointsAndExports) {
    Explored x;
    AbacusChart chart(AbacusMetric::Energy);
    chart.resize(800, 500);
    chart.setChartData(buildAbacusData(x.e(), AbacusMetric::Energy));
    chart.replot();
    ASSERT_FALSE(chart.chartData().empty());
    // Hover: the pixel of a point finds that point.
    const AbacusCurve& curve = chart.chartData().curves.front();
    const AbacusPoint& p = curve.points[curve.points.size() / 2];
    const QPointF pos(chart.xAxis->coordToPixel(p.freqMhz), chart.yAxis->coordToPixel(p.value));
    const auto hit = chart.pointAt(pos);
    ASSERT_TRUE(hit.has_value());
    const AbacusPoint& found = chart.chartData().curves[hit->first].points[hit->second];
    EXPECT_EQ(found.freqMhz, p.freqMhz);
    const QString text = chart.readout(curve, p);
    EXPECT_TRUE(text.contains(QStringLiteral("mJ"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("MHz"))) << text.toStdString();

    QTemporaryDir dir;
    for (const char* suffix : {"png", "svg", "pdf"}) {
        const QString path = dir.filePath(QStringLiteral("chart.") + QLatin1String(suffix));
        EXPECT_EQ(chartstyle::exportPlot(&chart, path), QString()) << suffix;
        EXPECT_GT(QFileInfo(path).size(), 1000) << suffix;
    }
    EXPECT_TRUE(chartstyle::exportPlot(&chart, dir.filePath(QStringLiteral("chart.bmpx")))
                    .contains(QStringLiteral("unknown image format")));
}

TEST(FeasibilityTableModel, SaysWhatFitsWhereAndWhyNot) {
    Explored x;
    FeasibilityTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setExploration(x.engine->current());
    ASSERT_EQ(model.rowCount(), static_cast<int>(x.e().variantCount()));
    ASSERT_EQ(model.columnCount(), 4);
    EXPECT_EQ(model.headerData(0, Qt::Horizontal).toString(),
              QStringLiteral("STM32L496ZG\nthesis-c"));
    EXPECT_EQ(model.headerData(3, Qt::Horizontal).toString(),
              QStringLiteral("STM32F746ZG\nx-cube-ai-9"));
    EXPECT_TRUE(model.headerData(3, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Expected latency error")));
    int fits = 0;
    for (int r = 0; r < model.rowCount(); ++r)
        for (int c = 0; c < model.columnCount(); ++c) {
            // The cell shows a compact verdict; the full sentence is cellText (tooltip, report).
            const QString shown = model.data(model.index(r, c)).toString();
            const QString text = model.cellText(r, c);
            EXPECT_EQ(shown, model.compactText(r, c));
            const bool feasible =
                model.data(model.index(r, c), FeasibilityTableModel::FeasibleRole).toBool();
            EXPECT_EQ(feasible, x.e().cell(r, c).feasible());
            if (x.e().cell(r, c).points.empty()) {
                EXPECT_EQ(text, QStringLiteral("not run by this runtime"));
                EXPECT_EQ(shown, QStringLiteral("not run"));
                continue;
            }
            if (feasible) {
                ++fits;
                EXPECT_TRUE(text.startsWith(QStringLiteral("fits "))) << text.toStdString();
                EXPECT_TRUE(text.contains(QStringLiteral("least energy at"))) << text.toStdString();
                EXPECT_TRUE(shown.startsWith(QStringLiteral("✓ "))) << shown.toStdString();
            } else {
                EXPECT_TRUE(text.startsWith(QStringLiteral("no: "))) << text.toStdString();
                EXPECT_TRUE(shown.startsWith(QStringLiteral("✗ "))) << shown.toStdString();
            }
        }
    EXPECT_GT(fits, 0);

    // Every cell fails on Flash when the reserve eats the whole Flash.
    Constraints c = x.doc.project().constraints;
    c.flashReserveKib = 2048;
    x.doc.undoStack()->push(new SetConstraintsCommand(&x.doc, c, QStringLiteral("reserve")));
    model.setExploration(x.engine->current());
    for (int r = 0; r < model.rowCount(); ++r)
        for (int col = 0; col < model.columnCount(); ++col) {
            if (x.e().cell(r, col).points.empty())
                continue; // not run by its runtime
            EXPECT_TRUE(
                model.data(model.index(r, col)).toString().contains(QStringLiteral("Flash +")))
                << model.data(model.index(r, col)).toString().toStdString();
        }
}

TEST(TargetCatalogModel, TickingChangesTheCandidatesUndoably) {
    Explored x;
    TargetCatalogModel model(&x.doc, &x.engine->catalogs());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    // The three measured MCUs under thesis-c, then the catalogue's MCUs under each runtime.
    ASSERT_GT(model.rowCount(), 40);
    EXPECT_EQ(model.targetAt(0).runtimeId(), "thesis-c");
    const auto before = x.doc.project().targets;
    int row = model.rowOf({"STM32F446ZE", "thesis-c"});
    ASSERT_GE(row, 0);
    EXPECT_EQ(model.data(model.index(row, 0), Qt::CheckStateRole).toInt(), Qt::Checked);
    EXPECT_TRUE(model.setData(model.index(row, 0), Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_EQ(x.doc.project().targets, (std::vector<TargetSpec>{{"STM32L496ZG", "thesis-c"},
                                                                {"STM32F746ZG", "thesis-c"},
                                                                {"STM32F746ZG", "x-cube-ai-9"}}));
    EXPECT_EQ(x.e().targetCount(), 3u);
    EXPECT_EQ(model.data(model.index(row, 0), Qt::CheckStateRole).toInt(), Qt::Unchecked);
    // Ticking the same MCU under another runtime adds a column at once (a re-sweep).
    const int tflm = model.rowOf({"STM32L4R5ZI", "tflm-cmsis-nn"});
    ASSERT_GE(tflm, 0);
    EXPECT_EQ(model.data(model.index(tflm, TargetCatalogModel::Basis)).toString(),
              QStringLiteral("benchmark"));
    EXPECT_TRUE(model.setData(model.index(tflm, 0), Qt::Checked, Qt::CheckStateRole));
    EXPECT_EQ(x.e().targetCount(), 4u);
    EXPECT_EQ(x.e().targets.back().name, "STM32L4R5ZI · tflm-cmsis-nn");
    x.doc.undoStack()->undo();
    x.doc.undoStack()->undo();
    EXPECT_EQ(x.doc.project().targets, before);
    EXPECT_EQ(x.e().targetCount(), 4u);
}

TEST(VariantTableModel, EditsGoThroughTheUndoStack) {
    Explored x;
    VariantTableModel model(&x.doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(model.rowCount(), static_cast<int>(x.doc.project().variants.size()));
    const Project original = x.doc.project();
    // Hiding a variant removes its curves without preparing anything again.
    EXPECT_TRUE(
        model.setData(model.index(0, VariantTableModel::Name), Qt::Unchecked, Qt::CheckStateRole));
    EXPECT_FALSE(x.engine->isBusy());
    EXPECT_FALSE(x.e().specs[0].visible);
    for (const AbacusCurve& c : buildAbacusData(x.e(), AbacusMetric::Latency).curves)
        EXPECT_NE(c.variant, 0u);
    EXPECT_TRUE(model.setData(model.index(1, VariantTableModel::Accuracy), QStringLiteral("91.5 %"),
                              Qt::EditRole));
    EXPECT_EQ(x.doc.project().variants[1].accuracyPct, 91.5);
    EXPECT_FALSE(model.setData(model.index(1, VariantTableModel::Pruning), QStringLiteral("120"),
                               Qt::EditRole));
    EXPECT_TRUE(model.setData(model.index(1, VariantTableModel::Pruning), QStringLiteral("40"),
                              Qt::EditRole));
    EXPECT_DOUBLE_EQ(x.doc.project().variants[1].prune, 0.4);
    EXPECT_TRUE(x.engine->isBusy()); // what the variant is changed: prepared again
    x.engine->waitUntilIdle();
    EXPECT_DOUBLE_EQ(x.e().variant(1).prune, 0.4);
    while (x.doc.undoStack()->canUndo())
        x.doc.undoStack()->undo();
    EXPECT_EQ(x.doc.project(), original);
}

TEST(ConstraintSlider, ADragIsOneUndoStepAndTheSpinBoxFollows) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    ConstraintsPanel panel(&doc);
    ConstraintSlider* latency = panel.latency();
    EXPECT_EQ(latency->value(), doc.project().constraints.maxLatencyMs);
    // Log scale: the ends of the slider are the ends of the range, the middle their geometric mean.
    EXPECT_NEAR(latency->valueAt(0), 0.01, 1e-12);
    EXPECT_NEAR(latency->valueAt(1000), 100000.0, 1e-6);
    EXPECT_NEAR(latency->valueAt(500), 31.6227766, 1e-6);

    QSlider* slider = latency->slider();
    emit slider->sliderPressed();
    slider->setSliderDown(true);
    for (int pos = 600; pos <= 700; pos += 10)
        slider->setValue(pos);
    slider->setSliderDown(false);
    emit slider->sliderReleased();
    ASSERT_EQ(doc.undoStack()->count(), 1);
    const double dragged = *doc.project().constraints.maxLatencyMs;
    EXPECT_NEAR(dragged, latency->valueAt(700), latency->valueAt(700) * 0.01);
    EXPECT_DOUBLE_EQ(latency->spinBox()->value(), dragged);

    // Typing a value is its own step; unticking leaves latency unconstrained.
    latency->spinBox()->setValue(420.0);
    EXPECT_EQ(doc.undoStack()->count(), 2);
    EXPECT_EQ(doc.project().constraints.maxLatencyMs, 420.0);
    latency->checkBox()->setChecked(false);
    EXPECT_FALSE(doc.project().constraints.maxLatencyMs.has_value());
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().constraints.maxLatencyMs, 250.0);
    EXPECT_EQ(latency->value(), 250.0); // the panel follows undo
    // The spin box reads like the limit people set, without trailing zeros.
    EXPECT_EQ(latency->spinBox()->text(), QStringLiteral("250 ms"));
    latency->spinBox()->setValue(12.5);
    EXPECT_EQ(latency->spinBox()->text(), QStringLiteral("12.5 ms"));
}

TEST(ExplorationCommands, RandomSequencesUndoToTheOriginalProject) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    const Project original = doc.project();
    std::mt19937 rng(20261121);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    const std::vector<std::string> names = {"STM32L496ZG", "STM32F446ZE", "STM32F746ZG"};
    for (int step = 0; step < 300; ++step) {
        const auto& p = doc.project();
        switch (pick(4)) {
        case 0: {
            std::vector<TargetSpec> mcus;
            for (const auto& n : names)
                if (pick(2))
                    mcus.push_back({n, pick(2) ? "thesis-c" : "x-cube-ai"});
            doc.undoStack()->push(new SetTargetsCommand(&doc, mcus));
            break;
        }
        case 1: {
            Constraints c = p.constraints;
            c.maxEnergyMj = pick(3) ? std::optional<double>(0.01 * (1 + pick(500))) : std::nullopt;
            c.ramReserveKib = pick(64);
            doc.undoStack()->push(new SetConstraintsCommand(&doc, c, QStringLiteral("c"), pick(3)));
            break;
        }
        case 2: {
            if (p.variants.empty())
                break;
            const std::size_t i = static_cast<std::size_t>(pick(int(p.variants.size())));
            VariantSpec v = p.variants[i];
            v.visible = !v.visible;
            v.prune = 0.1 * pick(9);
            doc.undoStack()->push(new SetVariantCommand(&doc, i, v, QStringLiteral("v")));
            break;
        }
        default: {
            const std::size_t n = p.variants.size();
            if (n > 0 && pick(2))
                doc.undoStack()->push(
                    new AddRemoveVariantCommand(&doc, static_cast<std::size_t>(pick(int(n)))));
            else {
                VariantSpec added;
                added.name = "x";
                doc.undoStack()->push(new AddRemoveVariantCommand(
                    &doc, static_cast<std::size_t>(pick(int(n) + 1)), added));
            }
            break;
        }
        }
    }
    const Project edited = doc.project();
    while (doc.undoStack()->canUndo())
        doc.undoStack()->undo();
    EXPECT_EQ(doc.project(), original);
    while (doc.undoStack()->canRedo())
        doc.undoStack()->redo();
    EXPECT_EQ(doc.project(), edited);
}

TEST(ExplorationCommands, SaveAndOpenKeepTargetsConstraintsAndVariants) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    Constraints c = doc.project().constraints;
    c.maxPowerMw = 42.5;
    doc.undoStack()->push(new SetConstraintsCommand(&doc, c, QStringLiteral("c")));
    doc.undoStack()->push(new SetTargetsCommand(
        &doc, {{"STM32F746ZG", "thesis-c"}, {"STM32U575ZI", "tflm-cmsis-nn"}}));
    VariantSpec v;
    v.name = "hybrid";
    v.dtype = DType::INT8;
    v.prune = 0.7;
    v.student.kind = StudentKind::Zoo;
    v.student.model = "resnet8";
    v.accuracyPct = 88.0;
    v.visible = false;
    doc.undoStack()->push(new AddRemoveVariantCommand(&doc, 0, v));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.zipcnn.json"));
    ASSERT_EQ(doc.saveAs(path), QString());
    EXPECT_FALSE(doc.isModified());
    ProjectDocument again;
    ASSERT_EQ(again.open(path), QString());
    EXPECT_EQ(again.project(), doc.project());
}

} // namespace
} // namespace zipcnn::gui::test

namespace zipcnn::gui::test {
namespace {

TEST(ProjectDocumentImport, AModelFileBecomesANewProjectAndABadOneSaysWhy) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lenet5.json"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(networkToText(zooModel("lenet5").value())));
    }
    ProjectDocument doc;
    const auto outcome = doc.importModel(path, false);
    EXPECT_EQ(outcome.error, QString());
    EXPECT_EQ(doc.project().network, zooModel("lenet5").value());
    EXPECT_EQ(doc.project().targets.size(), 4u);
    EXPECT_EQ(doc.project().variants, defaultVariants());
    EXPECT_TRUE(doc.filePath().isEmpty()); // Save asks for a name

    const Project before = doc.project();
    const QString missing = dir.filePath(QStringLiteral("missing.h5"));
    const auto failed = doc.importModel(missing, false);
    EXPECT_TRUE(failed.error.contains(QStringLiteral("missing.h5"))) << failed.error.toStdString();
    EXPECT_EQ(doc.project(), before);
    EXPECT_TRUE(ProjectDocument::modelFileFilter().contains(QStringLiteral("*.h5")));
}

} // namespace
} // namespace zipcnn::gui::test
