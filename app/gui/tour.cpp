// SPDX-License-Identifier: GPL-3.0-or-later
// Walks the explorer through the thesis scenario (docs/user-guide.md) and saves a screenshot of
// each step into a folder: ResNet26 fails Flash -> distil to ResNet8 -> RAM on the 132 KiB part
// -> INT8 and pruning -> the feasible clock range of pruning at 70 %. Run it under Xvfb:
//   xvfb-run -s "-screen 0 1700x1100x24" build/dev/app/gui/zipcnn-explorer-tour docs/screenshots
#include "ToolExample.h"
#include "charts/AbacusChart.h"
#include "charts/ChartsPanel.h"
#include "charts/MemoryView.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationController.h"
#include "exploration/ExplorationEngine.h"
#include "panels/FeasibilityTableModel.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QUndoStack>
#include <cstdio>

using namespace zipcnn;
using namespace zipcnn::gui;

namespace {

void settle(MainWindow& w) {
    w.engine()->waitUntilIdle();
    for (int i = 0; i < 5; ++i) {
        QApplication::processEvents();
        QThread::msleep(20);
    }
}

bool shoot(MainWindow& w, const QDir& dir, const QString& name) {
    settle(w);
    const QString path = dir.filePath(name);
    const bool ok = w.grab().save(path);
    std::printf("%s %s\n", ok ? "saved" : "FAILED", qPrintable(path));
    return ok;
}

VariantSpec student(const std::string& name, DType dtype, double prune, bool visible) {
    VariantSpec v;
    v.name = name;
    v.dtype = dtype;
    v.prune = prune;
    v.student.kind = StudentKind::Zoo;
    v.student.model = "resnet8";
    v.visible = visible;
    return v;
}

std::size_t indexOf(const ProjectDocument& doc, const std::string& name) {
    const auto& vs = doc.project().variants;
    for (std::size_t i = 0; i < vs.size(); ++i)
        if (vs[i].name == name)
            return i;
    return 0;
}

void showOnly(ProjectDocument& doc, const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < doc.project().variants.size(); ++i) {
        VariantSpec v = doc.project().variants[i];
        const bool show = std::find(names.begin(), names.end(), v.name) != names.end();
        if (v.visible != show) {
            v.visible = show;
            doc.undoStack()->push(new SetVariantCommand(&doc, i, v, QStringLiteral("show")));
        }
    }
}

} // namespace

int main(int argc, char* argv[]) {
    QStandardPaths::setTestModeEnabled(true); // leave the user's settings alone
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("zipcnn-explorer-tour"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: zipcnn-explorer-tour OUTPUT_FOLDER\n");
        return 2;
    }
    QDir dir(QString::fromLocal8Bit(argv[1]));
    dir.mkpath(QStringLiteral("."));

    ProjectDocument doc;
    if (!openToolExample(doc, QStringLiteral("resnet26.zipcnn.json")))
        return 1;
    MainWindow w(&doc);
    w.resize(1680, 1050);
    w.show();
    bool ok = true;

    // 1. ResNet26 on the three parts: Flash does not fit.
    w.charts()->tabs()->setCurrentIndex(
        w.charts()->tabs()->indexOf(w.charts()->memoryView())); // memory
    ok &= shoot(w, dir, QStringLiteral("01-resnet26-flash.png"));

    // 2. Distil to ResNet8: Flash fits everywhere, RAM not on the 132 KiB part.
    doc.undoStack()->beginMacro(QStringLiteral("tour: students"));
    const std::size_t end = doc.project().variants.size();
    doc.undoStack()->push(
        new AddRemoveVariantCommand(&doc, end, student("ResNet8", DType::FP32, 0.0, true)));
    doc.undoStack()->push(new AddRemoveVariantCommand(
        &doc, end + 1, student("ResNet8 INT8", DType::INT8, 0.0, true)));
    for (int pct : {50, 60, 70, 80, 90})
        doc.undoStack()->push(
            new AddRemoveVariantCommand(&doc, doc.project().variants.size(),
                                        student("ResNet8 pruned " + std::to_string(pct) + " %",
                                                DType::FP32, pct / 100.0, pct == 70)));
    doc.undoStack()->endMacro();
    showOnly(doc, {"FP32", "ResNet8"});
    settle(w);
    w.controller()->setFocus(indexOf(doc, "ResNet8"), 1);
    ok &= shoot(w, dir, QStringLiteral("02-distilled-resnet8.png"));

    // 3. The energy abacus of ResNet8: the M7 never meets the energy limit, the L4 does.
    w.charts()->tabs()->setCurrentIndex(1);
    w.controller()->setFocus(indexOf(doc, "ResNet8"), 0);
    ok &= shoot(w, dir, QStringLiteral("03-energy-abacus.png"));
    w.charts()->tabs()->setCurrentIndex(0);
    ok &= shoot(w, dir, QStringLiteral("04-latency-abacus.png"));

    // 4. On the 132 KiB part: INT8 and pruning 50-90 %.
    showOnly(doc, {"ResNet8", "ResNet8 INT8", "ResNet8 pruned 50 %", "ResNet8 pruned 70 %",
                   "ResNet8 pruned 90 %"});
    w.charts()->tabs()->setCurrentIndex(w.charts()->tabs()->indexOf(w.charts()->memoryView()));
    w.controller()->setFocus(indexOf(doc, "ResNet8 pruned 70 %"), 1);
    ok &= shoot(w, dir, QStringLiteral("05-memory-pruning.png"));

    // 5. The feasible clock range of pruning at 70 % on the 132 KiB part.
    showOnly(doc, {"ResNet8 INT8", "ResNet8 pruned 70 %"});
    w.charts()->tabs()->setCurrentIndex(1);
    w.controller()->setFocus(indexOf(doc, "ResNet8 pruned 70 %"), 1);
    ok &= shoot(w, dir, QStringLiteral("06-feasible-range.png"));

    // 6. The network graph coloured by latency share, dark palette.
    w.setDarkPalette(true);
    w.networkTabs()->setCurrentIndex(0);
    showOnly(doc, {"FP32", "INT8", "FP32 pruned 70 %"});
    w.controller()->setFocus(indexOf(doc, "INT8"), 0);
    w.charts()->tabs()->setCurrentIndex(0);
    ok &= shoot(w, dir, QStringLiteral("07-dark-graph.png"));

    // The bundled LeNet5 example, as the explorer opens on first start.
    w.setDarkPalette(false);
    doc.openAsTemplate(toolExamplePath(QStringLiteral("lenet5.zipcnn.json")));
    w.charts()->tabs()->setCurrentIndex(0);
    ok &= shoot(w, dir, QStringLiteral("00-lenet5-start.png"));

    // 7. The File menu and its exports (a popup: the screen is grabbed, not the window).
    for (QAction* a : w.menuBar()->actions())
        if (a->menu() && a->text() == QLatin1String("&File")) {
            w.menuBar()->setActiveAction(a);
            settle(w);
            const QRect area = w.geometry().united(a->menu()->geometry()).adjusted(0, 0, 0, 0);
            const QString path = dir.filePath(QStringLiteral("08-file-exports.png"));
            const bool saved = w.screen()
                                   ->grabWindow(0, w.x(), w.y(), std::min(area.width(), 760),
                                                std::min(area.height(), 560))
                                   .save(path);
            std::printf("%s %s\n", saved ? "saved" : "FAILED", qPrintable(path));
            ok &= saved;
            a->menu()->close();
        }
    return ok ? 0 : 1;
}
