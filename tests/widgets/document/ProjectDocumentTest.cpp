// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/ProjectDocument.h"

#include "WidgetTestSupport.h"
#include "document/RenameLayerCommand.h"
#include "document/SetLayerWidthCommand.h"
#include "io/NetworkJson.h"
#include "model/ModelZoo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

using Kind = ProjectDocument::ChangeKind;

const QString kLenet = QStringLiteral("lenet5.zipcnn.json");

/// The name of the first layer of `type` in the document's network.
QString firstLayerOf(const ProjectDocument& doc, LayerType type) {
    for (const auto& l : doc.project().network.layers())
        if (l.type == type)
            return QString::fromStdString(l.name);
    return {};
}

/// Opens `path` in `doc` and renames its first Dense layer to `newName`: an edited document.
void openAndRenameDense(ProjectDocument& doc, const QString& path, const QString& newName) {
    ASSERT_EQ(doc.open(path), QString());
    doc.undoStack()->push(
        new RenameLayerCommand(&doc, firstLayerOf(doc, LayerType::Dense), newName));
}

TEST(ProjectDocument, StartsEmptyAndClean) {
    ProjectDocument doc;
    EXPECT_EQ(doc.project(), Project{});
    EXPECT_FALSE(doc.isModified());
    EXPECT_TRUE(doc.filePath().isEmpty());
    EXPECT_EQ(doc.displayName(), QStringLiteral("Untitled"));
}

TEST(ProjectDocument, OpensTheExample) {
    ProjectDocument doc;
    QSignalSpy changed(&doc, &ProjectDocument::changed);
    QSignalSpy pathChanged(&doc, &ProjectDocument::filePathChanged);
    const QString path = examplePath(kLenet);
    ASSERT_EQ(doc.open(path), QString());
    EXPECT_EQ(doc.filePath(), QFileInfo(path).absoluteFilePath());
    EXPECT_EQ(doc.displayName(), kLenet);
    EXPECT_FALSE(doc.isModified());
    EXPECT_EQ(doc.project().network, zooModel("lenet5").value());
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<Kind>(), Kind::Reset);
    EXPECT_EQ(pathChanged.count(), 1);
    // The summary follows the project.
    EXPECT_EQ(doc.summary().analysis.params, 61706);
    EXPECT_GT(doc.summary().ramRuleFp32.peakBytes, 0);
    EXPECT_GT(doc.summary().plannerFp32.peakBytes, 0);
}

TEST(ProjectDocument, OpensATemplateWithoutAFileName) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(kLenet)), QString());
    EXPECT_TRUE(doc.filePath().isEmpty());
    EXPECT_EQ(doc.displayName(), QStringLiteral("LeNet5 thesis example"));
    // Saving must ask for a name rather than overwrite the bundled file.
    EXPECT_FALSE(doc.save().isEmpty());
}

TEST(ProjectDocument, DialogsStartNextToTheProjectOrTheImportedModel) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString model = dir.filePath(QStringLiteral("lenet5.network.json"));
    {
        QFile f(model);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(networkToText(zooModel("lenet5").value())));
    }
    ProjectDocument doc;
    EXPECT_TRUE(doc.dialogFolder().isEmpty());
    ASSERT_TRUE(doc.openInput(model).error.isEmpty());
    EXPECT_TRUE(doc.filePath().isEmpty()) << "an imported model is a new, unsaved project";
    EXPECT_EQ(doc.dialogFolder(), QFileInfo(model).absolutePath());
    // A bundled example opened as a template: nowhere in particular (not the install folder).
    ASSERT_EQ(doc.openAsTemplate(examplePath(kLenet)), QString());
    EXPECT_TRUE(doc.dialogFolder().isEmpty());
    // A project: its own folder.
    ASSERT_EQ(doc.open(examplePath(kLenet)), QString());
    EXPECT_EQ(doc.dialogFolder(), QFileInfo(examplePath(kLenet)).absolutePath());
    doc.reset(ProjectDocument::newProject("new"));
    EXPECT_TRUE(doc.dialogFolder().isEmpty());
}

TEST(ProjectDocument, RenameThenUndoRestoresTheNetworkExactly) {
    ProjectDocument doc;
    ASSERT_EQ(doc.open(examplePath(kLenet)), QString());
    const Network original = doc.project().network;
    const QString conv = firstLayerOf(doc, LayerType::Conv2D);
    ASSERT_FALSE(conv.isEmpty());

    QSignalSpy changed(&doc, &ProjectDocument::changed);
    QSignalSpy modified(&doc, &ProjectDocument::modifiedChanged);
    doc.undoStack()->push(new RenameLayerCommand(&doc, conv, QStringLiteral("first_conv")));
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.undoStack()->count(), 1);
    const Network& renamed = doc.project().network;
    ASSERT_NE(renamed.find("first_conv"), nullptr);
    EXPECT_EQ(renamed.find(conv.toStdString()), nullptr);
    // Every reference follows the rename.
    EXPECT_FALSE(renamed.consumers("first_conv").empty());
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(0).value<Kind>(), Kind::Network);
    EXPECT_EQ(changed.at(0).at(1).toString(), QStringLiteral("first_conv"));

    doc.undoStack()->undo();
    EXPECT_EQ(doc.project().network, original);
    EXPECT_FALSE(doc.isModified());
    EXPECT_EQ(modified.count(), 2); // modified, then clean again
    doc.undoStack()->redo();
    EXPECT_NE(doc.project().network.find("first_conv"), nullptr);
}

TEST(ProjectDocument, RenameOntoATakenNameLeavesNoUndoStep) {
    ProjectDocument doc;
    ASSERT_EQ(doc.open(examplePath(kLenet)), QString());
    const Network original = doc.project().network;
    const QString conv = firstLayerOf(doc, LayerType::Conv2D);
    const QString dense = firstLayerOf(doc, LayerType::Dense);
    doc.undoStack()->push(new RenameLayerCommand(&doc, conv, dense));
    EXPECT_EQ(doc.undoStack()->count(), 0);
    EXPECT_EQ(doc.project().network, original);
    EXPECT_FALSE(doc.isModified());
}

TEST(ProjectDocument, WidthEditChangesTheFiguresAndUndoes) {
    ProjectDocument doc;
    ASSERT_EQ(doc.open(examplePath(kLenet)), QString());
    const Project original = doc.project();
    const QString conv = firstLayerOf(doc, LayerType::Conv2D);
    const int filters = doc.project().network.find(conv.toStdString())->attrs.filters;
    doc.undoStack()->push(new SetLayerWidthCommand(&doc, conv, filters, filters * 2));
    EXPECT_EQ(doc.project().network.find(conv.toStdString())->attrs.filters, filters * 2);
    EXPECT_GT(doc.summary().analysis.params, 61706);
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project(), original);
    EXPECT_EQ(doc.summary().analysis.params, 61706);
    EXPECT_FALSE(doc.setLayerWidth(firstLayerOf(doc, LayerType::Input), 3));
    EXPECT_FALSE(doc.setLayerWidth(conv, 0));
}

TEST(ProjectDocument, SaveOpenRoundTripIsExact) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ProjectDocument doc;
    ASSERT_NO_FATAL_FAILURE(
        openAndRenameDense(doc, examplePath(kLenet), QStringLiteral("classifier_1")));
    ASSERT_TRUE(doc.isModified());

    const QString path = dir.filePath(QStringLiteral("copy.zipcnn.json"));
    QSignalSpy pathChanged(&doc, &ProjectDocument::filePathChanged);
    ASSERT_EQ(doc.saveAs(path), QString());
    EXPECT_FALSE(doc.isModified());
    EXPECT_EQ(doc.filePath(), QFileInfo(path).absoluteFilePath());
    EXPECT_EQ(pathChanged.count(), 1);

    ProjectDocument reopened;
    ASSERT_EQ(reopened.open(path), QString());
    EXPECT_EQ(reopened.project(), doc.project());

    // An unedited project saves back to the very bytes it was read from.
    ProjectDocument example;
    ASSERT_EQ(example.open(examplePath(kLenet)), QString());
    const QString copy = dir.filePath(QStringLiteral("example.zipcnn.json"));
    ASSERT_EQ(example.saveAs(copy), QString());
    EXPECT_EQ(readAll(copy), readAll(examplePath(kLenet)));
}

TEST(ProjectDocument, FailedSaveKeepsTheDocumentModified) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ProjectDocument doc;
    const QString path = dir.filePath(QStringLiteral("p.zipcnn.json"));
    ASSERT_TRUE(QFile::copy(examplePath(kLenet), path));
    ASSERT_NO_FATAL_FAILURE(openAndRenameDense(doc, path, QStringLiteral("renamed")));
    const QString bad = dir.filePath(QStringLiteral("no/such/folder/p.zipcnn.json"));
    const QString error = doc.saveAs(bad);
    EXPECT_FALSE(error.isEmpty());
    EXPECT_TRUE(error.contains(bad)) << error.toStdString();
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.filePath(), QFileInfo(path).absoluteFilePath());
    // The file on disk is the one that was opened, nothing half-written.
    EXPECT_EQ(readAll(path), readAll(examplePath(kLenet)));
    EXPECT_FALSE(QFileInfo::exists(bad));
}

TEST(ProjectDocument, OpeningABrokenFileLeavesTheProjectUntouched) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    ProjectDocument doc;
    ASSERT_NO_FATAL_FAILURE(
        openAndRenameDense(doc, examplePath(kLenet), QStringLiteral("renamed")));
    const Project before = doc.project();
    const QString pathBefore = doc.filePath();

    const QString broken = dir.filePath(QStringLiteral("broken.zipcnn.json"));
    {
        QFile f(broken);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("{ \"format\": \"zipcnn-project\", \"version\": 1, \"network\": ");
    }
    QSignalSpy changed(&doc, &ProjectDocument::changed);
    const QString error = doc.open(broken);
    EXPECT_FALSE(error.isEmpty());
    EXPECT_TRUE(error.contains(broken)) << error.toStdString();
    EXPECT_EQ(doc.project(), before);
    EXPECT_EQ(doc.filePath(), pathBefore);
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.undoStack()->count(), 1);
    EXPECT_EQ(changed.count(), 0);

    // A well-formed file with a semantic error is refused the same way.
    const QString invalid = dir.filePath(QStringLiteral("invalid.zipcnn.json"));
    {
        QFile f(invalid);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("{ \"format\": \"zipcnn-project\", \"version\": 99, \"network\": {} }");
    }
    const QString versionError = doc.open(invalid);
    EXPECT_TRUE(versionError.contains(invalid)) << versionError.toStdString();
    EXPECT_EQ(doc.project(), before);

    const QString missing = dir.filePath(QStringLiteral("missing.zipcnn.json"));
    const QString missingError = doc.open(missing);
    EXPECT_TRUE(missingError.contains(missing)) << missingError.toStdString();
    EXPECT_EQ(doc.project(), before);
}

TEST(ProjectDocument, AnImportWithoutWarningsSaysItsParametersAsInformation) {
    // The parameter count of every model import used to be listed as a warning.
    ProjectDocument::ImportOutcome clean;
    clean.parameters = QStringLiteral("116 parameters in the graph, 127 stored in the file");
    EXPECT_EQ(clean.importedText(QStringLiteral("m.onnx")),
              QStringLiteral("Imported m.onnx (116 parameters in the graph, 127 stored in the "
                             "file)"));
    ProjectDocument::ImportOutcome warned = clean;
    warned.warnings = QStringLiteral("m.onnx: a warning");
    EXPECT_TRUE(warned.importedText(QStringLiteral("m.onnx"))
                    .startsWith(QStringLiteral("Imported m.onnx with warnings: 116 parameters")));
    EXPECT_TRUE(
        warned.importedText(QStringLiteral("m.onnx")).endsWith(QStringLiteral("a warning")));
    ProjectDocument::ImportOutcome network;
    EXPECT_EQ(network.importedText(QStringLiteral("n.json")), QStringLiteral("Imported n.json"));
}

} // namespace
} // namespace zipcnn::gui::test
