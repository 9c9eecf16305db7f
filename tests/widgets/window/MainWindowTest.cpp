// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/MainWindow.h"

#include "WidgetTestSupport.h"
#include "charts/ChartsPanel.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationController.h"
#include "exploration/ExplorationEngine.h"
#include "panels/LayerColumnPresets.h"
#include "panels/LayerTableModel.h"
#include "panels/SummaryPanel.h"
#include "window/FileActions.h"

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

QAction* findAction(QMainWindow& w, const QString& menuTitle, const QString& prefix) {
    for (QAction* menu : w.menuBar()->actions())
        if (menu->text() == menuTitle && menu->menu())
            for (QAction* a : menu->menu()->actions())
                if (a->text().startsWith(prefix))
                    return a;
    return nullptr;
}

TEST(MainWindow, ShowsTheDocumentAndItsState) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    MainWindow w(&doc);
    w.show();

    EXPECT_EQ(w.windowTitle(), QStringLiteral("LeNet5 thesis example[*]"));
    EXPECT_FALSE(w.isWindowModified());
    EXPECT_EQ(w.layerView()->model()->rowCount(), static_cast<int>(doc.project().network.size()));
    // Every column on show is wide enough to show something, under each column preset.
    for (int p = 0; p < LayerColumnPresets::PresetCount; ++p) {
        const auto preset = static_cast<LayerColumnPresets::Preset>(p);
        w.layerPresets()->apply(preset);
        const QList<int> shown = LayerColumnPresets::columnsOf(preset);
        for (int c = 0; c < LayerTableModel::ColumnCount; ++c) {
            EXPECT_EQ(w.layerView()->isColumnHidden(c), !shown.contains(c)) << "column " << c;
            if (shown.contains(c)) {
                EXPECT_GT(w.layerView()->columnWidth(c), 20) << "preset " << p << " column " << c;
            }
        }
    }
    w.layerPresets()->apply(LayerColumnPresets::Shapes);

    const QStringList lines = w.summaryPanel()->lines();
    EXPECT_TRUE(lines.contains(QStringLiteral("Parameters: 61,706")))
        << lines.join(u'|').toStdString();
    EXPECT_TRUE(lines.filter(QStringLiteral("RAM, thesis rule:"))
                    .value(0)
                    .contains(QStringLiteral("peak at layer")));
    EXPECT_TRUE(lines.contains(QStringLiteral("Problems: none")));

    // An edit marks the window modified; undo through the Edit menu clears it.
    auto* model = w.layerModel();
    ASSERT_TRUE(model->setData(model->index(1, LayerTableModel::NameColumn), QStringLiteral("c")));
    EXPECT_TRUE(w.isWindowModified());
    QAction* undo = findAction(w, QStringLiteral("&Edit"), QStringLiteral("&Undo"));
    ASSERT_NE(undo, nullptr);
    EXPECT_EQ(undo->shortcut(), QKeySequence(QKeySequence::Undo));
    undo->trigger();
    EXPECT_FALSE(w.isWindowModified());

    EXPECT_EQ(w.fileActions()->openAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+O")));
    EXPECT_EQ(w.fileActions()->saveAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+S")));
    EXPECT_EQ(w.fileActions()->saveAsAction()->shortcut(),
              QKeySequence(QStringLiteral("Ctrl+Shift+S")));
    QAction* quit = findAction(w, QStringLiteral("&File"), QStringLiteral("&Quit"));
    ASSERT_NE(quit, nullptr);
    EXPECT_EQ(quit->shortcut(), QKeySequence(QStringLiteral("Ctrl+Q")));
}

TEST(MainWindow, FollowsTheDocumentToAnotherProject) {
    ProjectDocument doc;
    MainWindow w(&doc);
    EXPECT_EQ(w.windowTitle(), QStringLiteral("Untitled[*]"));
    ASSERT_EQ(doc.open(examplePath(QStringLiteral("resnet26.zipcnn.json"))), QString());
    EXPECT_EQ(w.windowTitle(), QStringLiteral("resnet26.zipcnn.json[*]"));
    EXPECT_EQ(w.layerView()->model()->rowCount(), static_cast<int>(doc.project().network.size()));
    EXPECT_TRUE(w.summaryPanel()->lines().value(0).startsWith(QStringLiteral("Network: resnet26")));
}

TEST(MainWindow, ANewProjectSaysWhatToDoInsteadOfCostingNothing) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    MainWindow w(&doc);
    w.show();
    auto* page = w.findChild<QWidget*>(QStringLiteral("emptyProjectPage"));
    ASSERT_NE(page, nullptr);
    EXPECT_FALSE(page->isVisible());
    EXPECT_TRUE(w.feasibilityView()->isVisible());

    ASSERT_TRUE(w.fileActions()->newProject());
    EXPECT_TRUE(page->isVisible());
    EXPECT_FALSE(w.charts()->isVisible());
    EXPECT_FALSE(w.feasibilityView()->isVisible());
    auto* focusLabel = w.findChild<QLabel*>(QStringLiteral("focusLabel"));
    ASSERT_NE(focusLabel, nullptr);
    EXPECT_TRUE(focusLabel->text().isEmpty()) << "no focus on an empty network";
    EXPECT_TRUE(w.summaryPanel()->lines().value(0).contains(QStringLiteral("only its input")))
        << w.summaryPanel()->lines().join(u'|').toStdString();
    // The page's built-in models: one of them gives the answer back.
    QMenu* zoo = w.fileActions()->zooMenu();
    ASSERT_NE(zoo, nullptr);
    QAction* resnet8 = zoo->findChild<QAction*>(QStringLiteral("zoo.resnet8"));
    ASSERT_NE(resnet8, nullptr);
    resnet8->trigger();
    EXPECT_EQ(doc.project().network.name(), "resnet8");
    EXPECT_FALSE(page->isVisible());
    EXPECT_TRUE(w.charts()->isVisible());
    EXPECT_TRUE(w.feasibilityView()->isVisible());
}

TEST(MainWindow, TheFocusedCellIsSavedWithTheProjectAndRestored) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("focus.zipcnn.json"));
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    MainWindow w(&doc);
    const auto settle = [&] {
        w.engine()->waitUntilIdle();
        QApplication::processEvents();
    };
    settle();
    const auto e = w.engine()->current();
    ASSERT_GE(e->variantCount(), 3u);
    ASSERT_GE(e->targetCount(), 2u);
    const double clock = e->targets[1].freqMaxMhz;
    w.controller()->setFocus(2, 1, clock);
    EXPECT_FALSE(w.isWindowModified()) << "a focus change is not an edit";
    ASSERT_EQ(doc.saveAs(path), QString());

    ASSERT_EQ(doc.open(examplePath(QStringLiteral("resnet26.zipcnn.json"))), QString());
    settle();
    ASSERT_EQ(doc.open(path), QString());
    settle();
    const auto focus = w.controller()->focus();
    ASSERT_TRUE(focus.has_value());
    EXPECT_EQ(focus->variant, 2u);
    EXPECT_EQ(focus->mcu, 1u);
    EXPECT_EQ(focus->freqMhz, clock);
}

} // namespace
} // namespace zipcnn::gui::test
