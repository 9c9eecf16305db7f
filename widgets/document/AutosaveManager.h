// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

class QTimer;

namespace zipcnn::gui {

class ProjectDocument;

/// A recovery file left by an explorer process, as its info record describes it.
struct RecoveryEntry {
    QString projectPath;     ///< the autosaved project (same format as a saved project)
    QString infoPath;        ///< the info record beside it
    QString originalPath;    ///< the file the project was saved to; empty when untitled
    QString projectName;     ///< the project's own name
    QDateTime savedAt;       ///< when it was autosaved (UTC)
    qint64 pid = 0;          ///< the process that wrote it
    QString bootId;          ///< the system boot the writer ran in (Linux), to survive PID reuse
    qint64 processStart = 0; ///< the writer's start time in clock ticks since boot (Linux)
    int projectFormatVersion = 0;

    /// "lenet5.zipcnn.json" or the project's name when it was untitled.
    QString displayName() const;
};

/// Keeps a recovery copy of the open project, so a crash (even `kill -9`) loses at most the
/// last few seconds of work.
///
/// While the document has unsaved changes, the project is written (the same JSON as Save,
/// through the core's atomic writer) to `<recovery folder>/<stem>.zipcnn.json`, with an info
/// record `<stem>.info.json` beside it naming the original file, the time and the writing
/// process. It is written `editDelay()` after a burst of edits ends, and at least every
/// `interval()` while changes keep coming. A save, an undo back to the saved state, opening
/// another project or a clean close removes it; a crash leaves it, and the next start offers it
/// (`orphans()`, RecoveryDialog).
///
/// The recovery folder is `$ZIPCNN_RECOVERY_DIR` when set, else the application data folder's
/// "recovery" subfolder.
class AutosaveManager : public QObject {
    Q_OBJECT

public:
    explicit AutosaveManager(ProjectDocument* document, QObject* parent = nullptr);
    /// The same with its recovery files in `folder` (tests, several sandboxes).
    AutosaveManager(ProjectDocument* document, const QString& folder, QObject* parent = nullptr);
    /// Removes this process's recovery files: a normal exit is not a crash.
    ~AutosaveManager() override;

    /// The folder holding the recovery files of every explorer process.
    static QString recoveryDir();

    /// Autosave period while there are unsaved changes (default 10 s).
    int interval() const;
    void setInterval(int milliseconds);
    /// Delay after the last edit of a burst before it is autosaved (default 500 ms).
    int editDelay() const;
    void setEditDelay(int milliseconds);

    /// This process's recovery project file (which may not exist yet).
    QString projectPath() const;
    QString infoPath() const;
    /// When the last autosave succeeded; invalid before the first.
    QDateTime lastAutosave() const { return lastAutosave_; }
    /// Why the last autosave failed; empty when it succeeded.
    QString lastError() const { return lastError_; }

    /// Writes the recovery file now if there are unsaved changes. Returns false when writing
    /// failed (see `lastError()`).
    bool autosaveNow();
    /// Removes this process's recovery files (after a save or a clean close).
    void removeRecovery();

    /// Recovery files in `dir` whose writer is no longer running, newest first.
    static QList<RecoveryEntry> orphans(const QString& dir = recoveryDir());
    /// Removes a recovery file and its info record.
    static void discard(const RecoveryEntry& entry);
    /// Replaces the document's project with the autosaved one, marked modified and remembering
    /// the original file, then autosaves it under this process and removes the crashed
    /// process's files. Returns an empty string on success, else why it could not be read
    /// (the files are then kept).
    QString recover(const RecoveryEntry& entry);

    /// True when the process that wrote `entry` is still running (same boot, same PID, same
    /// start time).
    static bool writerAlive(const RecoveryEntry& entry);

signals:
    /// A recovery file was written.
    void autosaved(const QDateTime& when);
    /// A recovery file could not be written; `message` names the file and the cause.
    void autosaveFailed(const QString& message);
    /// This process's recovery files were removed (saved, undone to the saved state, closed).
    void recoveryRemoved();

private:
    void onEdit();
    void onModifiedChanged(bool modified);
    bool writeFiles();

    ProjectDocument* document_;
    QTimer* periodic_;
    QTimer* afterEdit_;
    QString dir_;
    QString stem_;
    bool dirty_ = false;
    bool written_ = false;
    QDateTime lastAutosave_;
    QString lastError_;
};

} // namespace zipcnn::gui
