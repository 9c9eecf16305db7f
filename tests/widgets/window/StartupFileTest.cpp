// SPDX-License-Identifier: GPL-3.0-or-later
// `zipcnn-explorer FILE`: the function main() calls opens a project, a network JSON and a
// Keras model file alike (the core's openInput decides by content), as File > Open does.
#include "window/StartupFile.h"

#include "WidgetTestSupport.h"
#include "core/KerasTinyModel.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationEngine.h"
#include "io/NetworkJson.h"
#include "model/ModelZoo.h"
#include "window/FileActions.h"
#include "window/MainWindow.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QWidget>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

const QString kSourceDir = QStringLiteral(ZIPCNN_SOURCE_DIR);

QString writeNetwork(const QTemporaryDir& dir, const QString& name) {
    const QString path = dir.filePath(name);
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(networkToText(zooModel("lenet5").value())));
    return path;
}

QString writeKeras(const QTemporaryDir& dir, const QString& name) {
    const QString path = dir.filePath(name);
    kerastest::writeTinyKerasH5(path.toStdString());
    return path;
}

TEST(StartupFile, OpensAProject) {
    ProjectDocument doc;
    const QString path = examplePath(QStringLiteral("resnet26.zipcnn.json"));
    const StartupFile s = openStartupFile(doc, {path}, {}, kSourceDir);
    EXPECT_EQ(s.error, QString());
    EXPECT_EQ(s.path, path);
    EXPECT_EQ(doc.filePath(), QFileInfo(path).absoluteFilePath());
    EXPECT_EQ(doc.project().network, zooModel("resnet26").value());
    EXPECT_FALSE(doc.isModified());
}

TEST(StartupFile, OpensANetworkJsonAsANewProject) {
    // Used to exit with "not a project file".
    QTemporaryDir dir;
    const QString path = writeNetwork(dir, QStringLiteral("lenet5.network.json"));
    ProjectDocument doc;
    const StartupFile s = openStartupFile(doc, {path}, {}, kSourceDir);
    EXPECT_EQ(s.error, QString());
    EXPECT_TRUE(s.status.contains(QStringLiteral("Imported"))) << s.status.toStdString();
    EXPECT_EQ(doc.project().network, zooModel("lenet5").value());
    EXPECT_EQ(doc.project().targets.size(), 4u);
    EXPECT_EQ(doc.project().variants, defaultVariants());
    EXPECT_TRUE(doc.filePath().isEmpty()); // Save asks for a name: the network file stays
    // The window comes up on it and explores it.
    MainWindow window(&doc);
    window.engine()->waitUntilIdle();
    EXPECT_EQ(window.engine()->current()->targetCount(), 4u);
    EXPECT_GT(window.engine()->current()->pointCount(), 0u);
}

TEST(StartupFile, OpensAKerasModelFile) {
    QTemporaryDir dir;
    const QString path = writeKeras(dir, QStringLiteral("tiny.h5"));
    ProjectDocument doc;
    const StartupFile s = openStartupFile(doc, {path}, {}, kSourceDir);
    EXPECT_EQ(s.error, QString());
    EXPECT_TRUE(s.status.contains(QStringLiteral("tiny.h5"))) << s.status.toStdString();
    EXPECT_EQ(doc.project().network.size(), 4u);
    EXPECT_EQ(doc.project().name, "tiny");
    EXPECT_TRUE(doc.filePath().isEmpty());
}

TEST(StartupFile, ABadFileNamesTheFileAndLeavesTheDocument) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.h5"));
    {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("not a model");
    }
    ProjectDocument doc;
    const Project before = doc.project();
    const StartupFile s = openStartupFile(doc, {path}, {}, kSourceDir);
    EXPECT_TRUE(s.error.contains(path)) << s.error.toStdString();
    EXPECT_EQ(doc.project(), before);
    const StartupFile missing =
        openStartupFile(doc, {dir.filePath(QStringLiteral("none.zipcnn.json"))}, {}, kSourceDir);
    EXPECT_TRUE(missing.error.contains(QStringLiteral("none.zipcnn.json")));
}

TEST(StartupFile, WithoutAFileTheBundledExampleOpensAsATemplate) {
    ProjectDocument doc;
    const StartupFile s = openStartupFile(doc, {}, {}, kSourceDir);
    EXPECT_EQ(s.error, QString());
    EXPECT_TRUE(s.path.endsWith(QStringLiteral("lenet5.zipcnn.json")));
    EXPECT_TRUE(doc.filePath().isEmpty());
    EXPECT_EQ(doc.project().network, zooModel("lenet5").value());
}

TEST(FileActionsOpen, OpenAndDropTakeEveryKindByContent) {
    QTemporaryDir dir;
    ProjectDocument doc;
    QWidget parent;
    FileActions actions(&doc, &parent);
    // A network JSON under a model's name, and a Keras file under a JSON name.
    const QString network = writeNetwork(dir, QStringLiteral("odd-name.h5"));
    ASSERT_TRUE(actions.openFile(network));
    EXPECT_EQ(doc.project().network, zooModel("lenet5").value());
    EXPECT_TRUE(doc.filePath().isEmpty());
    const QString keras = writeKeras(dir, QStringLiteral("odd-name.json"));
    ASSERT_TRUE(actions.openFile(keras));
    EXPECT_EQ(doc.project().network.size(), 4u);
    const QString project = examplePath(QStringLiteral("lenet5.zipcnn.json"));
    ASSERT_TRUE(actions.openFile(project));
    EXPECT_EQ(doc.filePath(), QFileInfo(project).absoluteFilePath());
}

} // namespace
} // namespace zipcnn::gui::test
