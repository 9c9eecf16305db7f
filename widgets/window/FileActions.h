// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QAction;
class QMenu;
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

    QAction* newAction() const { return new_; }
    QAction* importAction() const { return import_; }
    QAction* openAction() const { return open_; }
    QAction* saveAction() const { return save_; }
    QAction* saveAsAction() const { return saveAs_; }

    /// The "Open Recent" menu, filled each time it opens.
    QMenu* recentMenu() const { return recent_; }
    /// The files opened or saved lately, most recent first (kept in the settings).
    QStringList recentFiles() const;

    /// Starts a new project (the example's MCUs and variants, a network with an input only)
    /// after offering to save unsaved changes.
    bool newProject();
    /// Starts a new project from the built-in model `zooName` (model/ModelZoo.h), after offering
    /// to save unsaved changes.
    bool newFromZoo(const QString& zooName);
    /// "New from Built-in Model": one action per zoo model, with its description as tip.
    QMenu* zooMenu() const { return zoo_; }
    /// Opens `path` after offering to save unsaved changes: a project, or a network or model
    /// file, which becomes a new project (the core's `openInput` decides by content). On
    /// failure a message box names the file and the cause, and the current project stays as
    /// it was. Returns true when opened.
    bool openFile(const QString& path);
    /// Makes a new project of the model file `path` (a network JSON or a model the importer
    /// registry reads), after offering to save unsaved changes.
    bool importFile(const QString& path);
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
    void chooseAndImport();
    void fillRecentMenu();
    void remember(const QString& path);
    /// Opens (or with `import`, imports) `path`, asking about unsupported layers.
    bool adopt(const QString& path, bool import);
    QString startFolder() const;
    void showError(const QString& title, const QString& message);

    ProjectDocument* document_;
    QWidget* dialogParent_;
    QAction* new_;
    QAction* import_;
    QAction* open_;
    QMenu* zoo_;
    QMenu* recent_;
    QAction* save_;
    QAction* saveAs_;
};

} // namespace zipcnn::gui
