// SPDX-License-Identifier: GPL-3.0-or-later
// One road per question: `zipcnn-cli sweep PROJECT --json` and the window's *Export Sweep Data*
// (JSON) of the same project are the same bytes, because both come from the core's exploration
// (clock grid, sweep, export). The CLI runs in process (tests/cli/CliTestSupport.h).
#include "WidgetTestSupport.h"
#include "cli/CliTestSupport.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationEngine.h"
#include "explore/Exploration.h"
#include "window/ExportActions.h"
#include "window/MainWindow.h"

#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <iostream>

namespace zipcnn::gui::test {
namespace {

using clitest::CliRun;

TEST(SweepParity, CliSweepJsonAndTheWindowsExportAreByteIdentical) {
    for (const char* example : {"lenet5.zipcnn.json", "resnet26.zipcnn.json"}) {
        SCOPED_TRACE(example);
        ProjectDocument doc;
        ASSERT_EQ(doc.open(examplePath(QString::fromLatin1(example))), QString());
        MainWindow window(&doc);
        window.engine()->waitUntilIdle();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sweep.json"));
        ASSERT_EQ(window.exportActions()->exportSweep(path), QString());
        const std::string exported = readAll(path).toStdString();
        ASSERT_FALSE(exported.empty());

        // The same file as the window's document names it, so "model" is the same too.
        const std::string project = doc.filePath().toStdString();
        const CliRun cli = clitest::run({"sweep", project, "--json"});
        ASSERT_EQ(cli.status, 0) << cli.err;
        EXPECT_EQ(cli.out.size(), exported.size());
        EXPECT_TRUE(cli.out == exported) << "the CLI's sweep differs from the window's export";

        // `explore` is the default, and naming it changes nothing.
        const CliRun named = clitest::run({"sweep", project, "--json", "--clocks", "explore"});
        ASSERT_EQ(named.status, 0) << named.err;
        EXPECT_TRUE(named.out == exported);

        // The characterised grid is the other road, chosen explicitly: fewer points.
        const std::size_t windowPoints = window.engine()->current()->pointCount();
        const auto j = nlohmann::json::parse(cli.out);
        EXPECT_EQ(j["points"].size(), windowPoints);
        const CliRun measured =
            clitest::run({"sweep", project, "--json", "--clocks", "characterised"});
        ASSERT_EQ(measured.status, 0) << measured.err;
        const std::size_t measuredPoints = nlohmann::json::parse(measured.out)["points"].size();
        EXPECT_LT(measuredPoints, windowPoints);
        // The figures of the before/after, in the test log.
        std::cout << "[ sweep    ] " << example << ": window " << windowPoints
                  << " points, zipcnn-cli sweep " << j["points"].size()
                  << " points (--clocks characterised: " << measuredPoints << ")\n";
    }
}

TEST(SweepParity, TheCliRefusesAnUnknownClockGrid) {
    const CliRun r =
        clitest::run({"sweep", examplePath(QStringLiteral("lenet5.zipcnn.json")).toStdString(),
                      "--clocks", "every"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--clocks must be explore or characterised"), std::string::npos) << r.err;
}

} // namespace
} // namespace zipcnn::gui::test
