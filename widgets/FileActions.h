#pragma once

#include <QObject>
#include <QString>

class QAction;
class QWidget;

namespace zipcnn::gui {

class ProjectDocument;

/// The File menu's project actions (Open, Save, Save As) and the questions they ask: which
/// file, and whether unsaved changes may be dropped. Kept out of the main window so that the
/// window only arranges panels and menus.
class FileActions : public QObject {
    Q_OBJECT

public:
    /// `dialogParent` owns the dialogs and message boxes; it must outlive this object.
    FileActions(ProjectDocument* document, QWidget* dialogParent);

    QAction* openAction() const { return open_; }
    QAction* saveAction() const { return save_; }
    QAction* saveAsAction() const { return saveAs_; }

    /// Opens `path` after offering to save unsaved changes. On failure a message box names the
    /// file and the cause, and the current project stays as it was. Returns true when opened.
    bool openFile(const QString& path);
    /// Saves to the document's file, asking for one first when it has none. Returns true when
    /// saved; a failure is reported in a message box and the document stays modified.
    bool save();
    /// Asks for a file name, then saves there.
    bool saveAs();
    /// Asks whether to save unsaved changes. Returns false when the user cancels (or the save
    /// failed), meaning the project must not be closed or replaced.
    bool maybeSave();

signals:
    /// A short confirmation for the status bar ("Saved lenet5.zipcnn.json").
    void statusMessage(const QString& message);

private:
    void chooseAndOpen();
    bool load(const QString& path);
    QString startFolder() const;
    void showError(const QString& title, const QString& message);

    ProjectDocument* document_;
    QWidget* dialogParent_;
    QAction* open_;
    QAction* save_;
    QAction* saveAs_;
};

} // namespace zipcnn::gui
