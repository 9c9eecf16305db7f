// SPDX-License-Identifier: GPL-3.0-or-later
// The default layout at the screen sizes people have: every feasibility cell readable, the
// window inside the screen, the focused cell's answer in full below the table.
#include "WidgetTestSupport.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationController.h"
#include "exploration/ExplorationEngine.h"
#include "panels/FeasibilityTableModel.h"
#include "panels/FocusPanel.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QHeaderView>
#include <QTableView>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

class DefaultLayout : public ::testing::TestWithParam<QSize> {};

TEST_P(DefaultLayout, NoFeasibilityCellIsCutAndTheWindowFitsTheScreen) {
    const QSize screen = GetParam();
    for (const char* example : {"lenet5.zipcnn.json", "resnet26.zipcnn.json"}) {
        ProjectDocument doc;
        ASSERT_EQ(doc.openAsTemplate(examplePath(QString::fromLatin1(example))), QString());
        MainWindow w(&doc);
        w.applyDefaultLayout(screen);
        w.show();
        w.engine()->waitUntilIdle();
        QApplication::processEvents();
        EXPECT_LE(w.width(), screen.width());
        EXPECT_LE(w.height(), screen.height());

        QTableView* view = w.feasibilityView();
        const FeasibilityTableModel* model = w.feasibilityModel();
        ASSERT_GT(model->rowCount(), 0);
        ASSERT_GT(model->columnCount(), 0);
        const QFontMetrics fm(view->font());
        // The text's advance plus the item view's margins (3 px each side in the styles Qt
        // ships, and the grid line).
        constexpr int kMargins = 8;
        for (int c = 0; c < model->columnCount(); ++c)
            for (int r = 0; r < model->rowCount(); ++r) {
                const QString text = model->data(model->index(r, c)).toString();
                EXPECT_LE(fm.horizontalAdvance(text) + kMargins, view->columnWidth(c))
                    << example << " at " << screen.width() << "x" << screen.height() << ": '"
                    << text.toStdString() << "' in a column of " << view->columnWidth(c) << " px";
            }

        // The focused cell's answer is stated in full below the table.
        ASSERT_TRUE(w.controller()->focus());
        const QString html = w.focusPanel()->text();
        EXPECT_TRUE(html.contains(QStringLiteral("Flash"))) << html.toStdString();
        EXPECT_TRUE(html.contains(QStringLiteral("Confidence:"))) << html.toStdString();
        EXPECT_TRUE(html.contains(QStringLiteral("latency"))) << html.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(Screens, DefaultLayout,
                         ::testing::Values(QSize(1366, 768), QSize(1920, 1080)),
                         [](const ::testing::TestParamInfo<QSize>& info) {
                             return std::to_string(info.param.width()) + "x" +
                                    std::to_string(info.param.height());
                         });

} // namespace
} // namespace zipcnn::gui::test
