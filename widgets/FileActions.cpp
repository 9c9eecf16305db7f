#include "FileActions.h"

#include "ProjectDocument.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
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
      open_(new QAction(tr("&Open..."), this)), save_(new QAction(tr("&Save"), this)),
      saveAs_(new QAction(tr("Save &As..."), this)) {
    // Fixed keys rather than QKeySequence::StandardKey: Save As has no standard key on every
    // platform, and the user guide names these.
    open_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    save_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    saveAs_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    open_->setStatusTip(tr("Open a project file"));
    save_->setStatusTip(tr("Save the project"));
    saveAs_->setStatusTip(tr("Save the project under a new name"));
    connect(open_, &QAction::triggered, this, &FileActions::chooseAndOpen);
    connect(save_, &QAction::triggered, this, &FileActions::save);
    connect(saveAs_, &QAction::triggered, this, &FileActions::saveAs);
}

void FileActions::chooseAndOpen() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(dialogParent_, tr("Open Project"),
                                                      startFolder(), projectFilter());
    if (!path.isEmpty())
        load(path);
}

bool FileActions::openFile(const QString& path) {
    return maybeSave() && load(path);
}

bool FileActions::load(const QString& path) {
    const QString error = document_->open(path);
    if (!error.isEmpty()) {
        showError(tr("Could not open %1").arg(QFileInfo(path).fileName()), error);
        return false;
    }
    emit statusMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool FileActions::save() {
    if (document_->filePath().isEmpty())
        return saveAs();
    const QString error = document_->save();
    if (!error.isEmpty()) {
        showError(tr("Could not save %1").arg(document_->displayName()), error);
        return false;
    }
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
    if (!document_->filePath().isEmpty())
        return QFileInfo(document_->filePath()).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

void FileActions::showError(const QString& title, const QString& message) {
    QMessageBox::critical(dialogParent_, title, message);
}

} // namespace zipcnn::gui
