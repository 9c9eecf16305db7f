// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/SummaryPanel.h"

#include "WidgetTestSupport.h"
#include "document/ProjectDocument.h"
#include "document/RenameLayerCommand.h"

#include <QUndoStack>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

TEST(SummaryPanel, ShowsDashesForAnEmptyProject) {
    ProjectDocument doc;
    SummaryPanel panel(&doc);
    const QStringList lines = panel.lines();
    ASSERT_EQ(lines.size(), 7);
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("Network: no layers")));
    EXPECT_EQ(lines[1], QStringLiteral("Parameters: \u2013"));
    EXPECT_EQ(lines[6], QStringLiteral("Problems: \u2013"));
}

TEST(SummaryPanel, FollowsEditsAndNamesProblems) {
    ProjectDocument doc;
    SummaryPanel panel(&doc);
    ASSERT_EQ(doc.open(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    QStringList lines = panel.lines();
    EXPECT_EQ(lines[0], QStringLiteral("Network: lenet5, 9 layers"));
    EXPECT_EQ(lines[1], QStringLiteral("Parameters: 61,706"));
    EXPECT_TRUE(lines[4].endsWith(QStringLiteral("peak at layer pool1"))) << lines[4].toStdString();

    doc.undoStack()->push(
        new RenameLayerCommand(&doc, QStringLiteral("pool1"), QStringLiteral("first_pool")));
    EXPECT_TRUE(panel.lines()[4].endsWith(QStringLiteral("peak at layer first_pool")));

    // A network that does not analyse: the problem is named, with its layer.
    Project broken = exampleProject("lenet5", "broken");
    broken.network.find("fc1")->inputs = {"missing"};
    doc.reset(broken);
    lines = panel.lines();
    EXPECT_TRUE(lines[6].startsWith(QStringLiteral("Problems: 1 error"))) << lines[6].toStdString();
    EXPECT_TRUE(lines[6].contains(QStringLiteral("fc1"))) << lines[6].toStdString();
}

} // namespace
} // namespace zipcnn::gui::test
