// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/MainWindow.h"

#include "WidgetTestSupport.h"
#include "document/ProjectDocument.h"
#include "panels/LayerTableModel.h"
#include "panels/SummaryPanel.h"
#include "window/FileActions.h"

#include <QAction>
#include <QHeaderView>
#include <QMenuBar>
#include <QTableView>
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
    // Every column is wide enough to show something.
    for (int c = 0; c < LayerTableModel::ColumnCount; ++c)
        EXPECT_GT(w.layerView()->columnWidth(c), 20) << "column " << c;

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

} // namespace
} // namespace zipcnn::gui::test
