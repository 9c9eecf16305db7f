// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/FileActions.h"

#include "document/ProjectDocument.h"
#include "import/InputShapeText.h"
#include "model/ModelZoo.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

namespace zipcnn::gui {

namespace {

QString projectFilter() {
    return QObject::tr("ZIP-CNN projects (*.zipcnn.json *.json);;All files (*)");
}

/// A file name from a project name: "LeNet5 thesis example" -> "lenet5-thesis-example".
QString fileNameFor(const QString& projectName) {
    QString base = projectName.toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9_.-]+")), QStringLiteral("-"));
    base.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return (base.isEmpty() ? QStringLiteral("project") : base) + QStringLiteral(".zipcnn.json");
}

} // namespace

FileActions::FileActions(ProjectDocument* document, QWidget* dialogParent)
    : QObject(dialogParent), document_(document), dialogParent_(dialogParent),
      new_(new QAction(tr("&New"), this)), import_(new QAction(tr("&Import Model..."), this)),
      open_(new QAction(tr("&Open..."), this)), zoo_(new QMenu(tr("New from &Built-in Model"))),
      recent_(new QMenu(tr("Open &Recent"))), save_(new QAction(tr("&Save"), this)),
      saveAs_(new QAction(tr("Save &As..."), this)) {
    // Fixed keys rather than QKeySequence::StandardKey: Save As has no standard key on every
    // platform, and the user guide names these.
    new_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    import_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    open_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    new_->setStatusTip(tr("Start a new project"));
    import_->setStatusTip(tr("Make a new project of a trained model file (Keras, network JSON)"));
    save_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    saveAs_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    open_->setStatusTip(tr("Open a project file"));
    save_->setStatusTip(tr("Save the project"));
    saveAs_->setStatusTip(tr("Save the project under a new name"));
    connect(new_, &QAction::triggered, this, &FileActions::newProject);
    connect(import_, &QAction::triggered, this, &FileActions::chooseAndImport);
    connect(open_, &QAction::triggered, this, &FileActions::chooseAndOpen);
    connect(recent_, &QMenu::aboutToShow, this, &FileActions::fillRecentMenu);
    // The menu has no QWidget parent (it is shared by menu bars); this object deletes it.
    connect(this, &QObject::destroyed, recent_, &QObject::deleteLater);
    connect(this, &QObject::destroyed, zoo_, &QObject::deleteLater);
    zoo_->setObjectName(QStringLiteral("zooMenu"));
    for (const ZooEntry& entry : zooEntries()) {
        const QString name = QString::fromStdString(entry.name);
        QAction* a = zoo_->addAction(name, this, [this, name] { newFromZoo(name); });
        a->setObjectName(QStringLiteral("zoo.") + name);
        a->setStatusTip(QString::fromStdString(entry.description));
        a->setToolTip(QString::fromStdString(entry.description));
    }
    zoo_->setToolTipsVisible(true);
    connect(save_, &QAction::triggered, this, &FileActions::save);
    connect(saveAs_, &QAction::triggered, this, &FileActions::saveAs);
}

void FileActions::chooseAndOpen() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(dialogParent_, tr("Open Project"),
                                                      startFolder(), projectFilter());
    if (!path.isEmpty())
        adopt(path, false);
}

bool FileActions::openFile(const QString& path) {
    return maybeSave() && adopt(path, false);
}

bool FileActions::newProject() {
    if (!maybeSave())
        return false;
    document_->reset(ProjectDocument::newProject(tr("Untitled").toStdString()));
    emit statusMessage(tr("New project: import a model or add layers to the graph"));
    return true;
}

bool FileActions::newFromZoo(const QString& zooName) {
    std::optional<Network> network = zooModel(zooName.toStdString());
    if (!network || !maybeSave())
        return false;
    document_->reset(ProjectDocument::newProject(zooName.toStdString(), std::move(*network)));
    emit statusMessage(tr("New project from the built-in %1: Save As keeps it").arg(zooName));
    return true;
}

void FileActions::chooseAndImport() {
    const QString path = QFileDialog::getOpenFileName(
        dialogParent_, tr("Import Model"), startFolder(), ProjectDocument::modelFileFilter());
    if (!path.isEmpty())
        importFile(path);
}

bool FileActions::importFile(const QString& path) {
    return maybeSave() && adopt(path, true);
}

bool FileActions::adopt(const QString& path, bool import) {
    // What the file is, the core decides by its content (openInput); Import makes a new
    // project of a project file's network too.
    std::optional<std::vector<std::int64_t>> inputShape;
    auto attempt = [&](bool keepUnsupported) {
        return import ? document_->importModel(path, keepUnsupported, inputShape)
                      : document_->openInput(path, keepUnsupported, inputShape);
    };
    ProjectDocument::ImportOutcome outcome = attempt(false);
    if (!outcome.error.isEmpty() && outcome.inputSizeOpen) {
        // The model takes any size (a symbolic height, a null width): the user says which.
        bool ok = false;
        const QString text = QInputDialog::getText(
            dialogParent_, tr("Input size"),
            tr("%1\n\nInput shape, batch first, in the model's order (e.g. 1x96x96x3):")
                .arg(outcome.error),
            QLineEdit::Normal, QStringLiteral("1x96x96x3"), &ok);
        if (!ok)
            return false;
        std::string error;
        inputShape = parseInputShapeText(text.toStdString(), error);
        if (!inputShape) {
            showError(tr("Could not import %1").arg(QFileInfo(path).fileName()),
                      QString::fromStdString(error));
            return false;
        }
        outcome = attempt(false);
    }
    if (!outcome.error.isEmpty() && outcome.unsupportedLayers) {
        const auto answer = QMessageBox::question(
            dialogParent_, tr("Unsupported layers"),
            tr("%1\n\nKeep the graph with these layers costed as zero and flagged?")
                .arg(outcome.error),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return false;
        outcome = attempt(true);
    }
    const bool opened = !import && outcome.kind == InputKind::Project;
    if (!outcome.error.isEmpty()) {
        showError((opened ? tr("Could not open %1") : tr("Could not import %1"))
                      .arg(QFileInfo(path).fileName()),
                  outcome.error);
        return false;
    }
    remember(path);
    const QString shown = QDir::toNativeSeparators(path);
    if (opened)
        emit statusMessage(tr("Opened %1").arg(shown));
    else
        emit statusMessage(outcome.importedText(shown));
    return true;
}

QStringList FileActions::recentFiles() const {
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void FileActions::remember(const QString& path) {
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    constexpr int kMaxRecent = 8;
    while (files.size() > kMaxRecent)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
}

void FileActions::fillRecentMenu() {
    recent_->clear();
    const QStringList files = recentFiles();
    int shortcut = 1;
    for (const QString& file : files) {
        const QString text =
            QStringLiteral("&%1 %2").arg(shortcut++).arg(QFileInfo(file).fileName());
        QAction* action = recent_->addAction(text, this, [this, file] { openFile(file); });
        action->setStatusTip(QDir::toNativeSeparators(file));
        action->setEnabled(QFileInfo::exists(file));
    }
    if (files.isEmpty())
        recent_->addAction(tr("(none)"))->setEnabled(false);
    recent_->addSeparator();
    recent_->addAction(tr("Clear list"), this,
                       [] { QSettings().remove(QStringLiteral("recentFiles")); });
}

bool FileActions::save() {
    if (document_->filePath().isEmpty())
        return saveAs();
    const QString error = document_->save();
    if (!error.isEmpty()) {
        showError(tr("Could not save %1").arg(document_->displayName()), error);
        return false;
    }
    remember(document_->filePath());
    emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(document_->filePath())));
    return true;
}

bool FileActions::saveAs() {
    QString suggested = document_->filePath();
    if (suggested.isEmpty())
        suggested = QDir(startFolder()).filePath(fileNameFor(document_->displayName()));
    QString path = QFileDialog::getSaveFileName(dialogParent_, tr("Save Project As"), suggested,
                                                projectFilter());
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        path += QStringLiteral(".zipcnn.json");
    const QString error = document_->saveAs(path);
    if (!error.isEmpty()) {
        showError(tr("Could not save %1").arg(QFileInfo(path).fileName()), error);
        return false;
    }
    remember(path);
    emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool FileActions::maybeSave() {
    if (!document_->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        dialogParent_, tr("Unsaved Changes"),
        tr("The project %1 has unsaved changes. Save them?").arg(document_->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

QString FileActions::startFolder() const {
    if (const QString folder = document_->dialogFolder(); !folder.isEmpty())
        return folder;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void FileActions::showError(const QString& title, const QString& message) {
    QMessageBox::critical(dialogParent_, title, message);
}

} // namespace zipcnn::gui
