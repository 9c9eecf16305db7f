// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/AutosaveManager.h"

#include "base/AtomicFile.h"
#include "document/ProjectDocument.h"
#include "io/ProjectJson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QStandardPaths>
#include <QTimer>
#include <algorithm>
#include <cerrno>

#ifdef Q_OS_UNIX
#include <signal.h>
#include <unistd.h>
#endif

namespace zipcnn::gui {

namespace {

constexpr int kDefaultIntervalMs = 10'000;
constexpr int kDefaultEditDelayMs = 500;
const QString kInfoSuffix = QStringLiteral(".info.json");
const QString kProjectSuffix = QStringLiteral(".zipcnn.json");
const QString kInfoFormat = QStringLiteral("zipcnn-recovery");
constexpr int kInfoVersion = 1;

qint64 currentPid() {
#ifdef Q_OS_UNIX
    return static_cast<qint64>(::getpid());
#else
    return QCoreApplication::applicationPid();
#endif
}

/// The kernel's identifier of this boot (Linux); empty elsewhere. A PID recorded in another
/// boot says nothing about the processes running now.
QString currentBootId() {
    QFile f(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readAll().trimmed());
}

/// A process's state letter and start time (clock ticks since boot) from /proc/<pid>/stat;
/// {0, 0} when unknown.
std::pair<char, qint64> processStat(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return {0, 0};
    const QByteArray stat = f.readAll();
    // The command name (field 2) may hold spaces and parentheses: fields are counted from the
    // last ')'. After it come field 3 (state) ... field 22 (starttime).
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {0, 0};
    const QList<QByteArray> fields = stat.mid(close + 1).simplified().split(' ');
    constexpr int kState = 0;
    constexpr int kStartTime = 22 - 3;
    if (fields.size() <= kStartTime || fields[kState].isEmpty())
        return {0, 0};
    return {fields[kState].at(0), fields[kStartTime].toLongLong()};
}

} // namespace

QString RecoveryEntry::displayName() const {
    if (!originalPath.isEmpty())
        return QFileInfo(originalPath).fileName();
    if (!projectName.isEmpty())
        return projectName;
    return QCoreApplication::translate("zipcnn::gui::AutosaveManager", "Untitled");
}

AutosaveManager::AutosaveManager(ProjectDocument* document, QObject* parent)
    : AutosaveManager(document, recoveryDir(), parent) {}

AutosaveManager::AutosaveManager(ProjectDocument* document, const QString& folder, QObject* parent)
    : QObject(parent), document_(document), periodic_(new QTimer(this)),
      afterEdit_(new QTimer(this)), dir_(folder) {
    // One file per process and window: several explorers may run at once, and a new process
    // may be given the PID of a crashed one before it has offered the crashed one's file.
    stem_ = QStringLiteral("autosave-%1-%2")
                .arg(currentPid())
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    periodic_->setInterval(kDefaultIntervalMs);
    afterEdit_->setInterval(kDefaultEditDelayMs);
    afterEdit_->setSingleShot(true);
    connect(periodic_, &QTimer::timeout, this, [this] {
        if (dirty_)
            autosaveNow();
    });
    connect(afterEdit_, &QTimer::timeout, this, &AutosaveManager::autosaveNow);
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if (kind == ProjectDocument::ChangeKind::Reset) {
            // Another project, clean: the previous one was saved or given up by the user.
            dirty_ = false;
            afterEdit_->stop();
            removeRecovery();
        } else {
            onEdit();
        }
    });
    connect(document_, &ProjectDocument::modifiedChanged, this,
            &AutosaveManager::onModifiedChanged);
    periodic_->start();
    if (document_->isModified())
        onEdit();
}

AutosaveManager::~AutosaveManager() {
    // Whoever listens may already be half destroyed (the window owning this object).
    const QSignalBlocker blocker(this);
    removeRecovery();
}

QString AutosaveManager::recoveryDir() {
    const QString overridden = qEnvironmentVariable("ZIPCNN_RECOVERY_DIR");
    if (!overridden.isEmpty())
        return QDir(overridden).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/recovery");
}

int AutosaveManager::interval() const {
    return periodic_->interval();
}

void AutosaveManager::setInterval(int milliseconds) {
    periodic_->setInterval(milliseconds);
}

int AutosaveManager::editDelay() const {
    return afterEdit_->interval();
}

void AutosaveManager::setEditDelay(int milliseconds) {
    afterEdit_->setInterval(milliseconds);
}

QString AutosaveManager::projectPath() const {
    return QDir(dir_).filePath(stem_ + kProjectSuffix);
}

QString AutosaveManager::infoPath() const {
    return QDir(dir_).filePath(stem_ + kInfoSuffix);
}

void AutosaveManager::onEdit() {
    dirty_ = true;
    // Restarted on every edit: a slider drag is written once it pauses, and the periodic timer
    // bounds what a drag longer than the interval could lose.
    afterEdit_->start();
}

void AutosaveManager::onModifiedChanged(bool modified) {
    if (modified) {
        onEdit();
        return;
    }
    // Saved, or undone back to the saved state: the file on disk holds everything.
    dirty_ = false;
    afterEdit_->stop();
    removeRecovery();
}

bool AutosaveManager::autosaveNow() {
    afterEdit_->stop();
    if (!document_->isModified()) {
        dirty_ = false;
        return true;
    }
    if (!writeFiles()) {
        emit autosaveFailed(lastError_);
        return false; // still dirty: the next tick tries again
    }
    dirty_ = false;
    emit autosaved(lastAutosave_);
    return true;
}

bool AutosaveManager::writeFiles() {
    if (!QDir().mkpath(dir_)) {
        lastError_ = tr("Could not autosave: cannot create the recovery folder %1").arg(dir_);
        return false;
    }
    // The folder may hold projects the user has not saved anywhere else: theirs only.
    QFile::setPermissions(dir_,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    std::string error;
    if (!saveProjectFile(document_->project(), projectPath().toStdString(), &error)) {
        lastError_ = tr("Could not autosave: %1").arg(QString::fromStdString(error));
        return false;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonObject info;
    info[QStringLiteral("format")] = kInfoFormat;
    info[QStringLiteral("version")] = kInfoVersion;
    info[QStringLiteral("project")] = stem_ + kProjectSuffix;
    info[QStringLiteral("originalPath")] = document_->filePath();
    info[QStringLiteral("projectName")] = QString::fromStdString(document_->project().name);
    info[QStringLiteral("savedAt")] = now.toString(Qt::ISODateWithMs);
    info[QStringLiteral("pid")] = currentPid();
    info[QStringLiteral("bootId")] = currentBootId();
    info[QStringLiteral("processStart")] = processStat(currentPid()).second;
    info[QStringLiteral("projectFormatVersion")] = kProjectFormatVersion;
    // Written after the project, so an info record always describes a complete project file.
    if (!writeFileAtomically(infoPath().toStdString(),
                             QJsonDocument(info).toJson(QJsonDocument::Indented).toStdString(),
                             &error)) {
        lastError_ = tr("Could not autosave: %1").arg(QString::fromStdString(error));
        return false;
    }
    written_ = true;
    lastError_.clear();
    lastAutosave_ = now;
    return true;
}

void AutosaveManager::removeRecovery() {
    if (!written_)
        return;
    // The info record first: a project file without one is never offered.
    QFile::remove(infoPath());
    QFile::remove(projectPath());
    written_ = false;
    emit recoveryRemoved();
}

QList<RecoveryEntry> AutosaveManager::orphans(const QString& dir) {
    QList<RecoveryEntry> found;
    const QDir folder(dir);
    const QStringList infos =
        folder.entryList({QStringLiteral("*") + kInfoSuffix}, QDir::Files, QDir::Name);
    for (const QString& name : infos) {
        QFile f(folder.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject info = QJsonDocument::fromJson(f.readAll()).object();
        if (info.value(QStringLiteral("format")).toString() != kInfoFormat)
            continue;
        RecoveryEntry e;
        e.infoPath = folder.filePath(name);
        // Only a bare file name is accepted: the record must not point outside the folder.
        const QString project =
            QFileInfo(info.value(QStringLiteral("project")).toString()).fileName();
        e.projectPath = folder.filePath(project);
        e.originalPath = info.value(QStringLiteral("originalPath")).toString();
        e.projectName = info.value(QStringLiteral("projectName")).toString();
        e.savedAt = QDateTime::fromString(info.value(QStringLiteral("savedAt")).toString(),
                                          Qt::ISODateWithMs);
        e.pid = info.value(QStringLiteral("pid")).toInteger();
        e.bootId = info.value(QStringLiteral("bootId")).toString();
        e.processStart = info.value(QStringLiteral("processStart")).toInteger();
        e.projectFormatVersion = info.value(QStringLiteral("projectFormatVersion")).toInt();
        if (writerAlive(e))
            continue;
        if (project.isEmpty() || !QFileInfo::exists(e.projectPath)) {
            QFile::remove(e.infoPath); // nothing left to recover
            continue;
        }
        found << e;
    }
    std::sort(found.begin(), found.end(),
              [](const RecoveryEntry& a, const RecoveryEntry& b) { return a.savedAt > b.savedAt; });
    return found;
}

void AutosaveManager::discard(const RecoveryEntry& entry) {
    QFile::remove(entry.infoPath);
    QFile::remove(entry.projectPath);
}

QString AutosaveManager::recover(const RecoveryEntry& entry) {
    QString error = document_->openRecovered(entry.projectPath, entry.originalPath);
    if (!error.isEmpty())
        return error;
    // The crashed process's copy goes only once this process holds its own: a second crash
    // right now must still find one.
    if (autosaveNow())
        discard(entry);
    return {};
}

bool AutosaveManager::writerAlive(const RecoveryEntry& entry) {
    if (entry.pid <= 0)
        return false;
    const QString boot = currentBootId();
    if (!entry.bootId.isEmpty() && !boot.isEmpty() && entry.bootId != boot)
        return false;
#ifdef Q_OS_UNIX
    if (::kill(static_cast<pid_t>(entry.pid), 0) != 0 && errno == ESRCH)
        return false;
#endif
    const auto [state, start] = processStat(entry.pid);
    // A zombie has exited; a different start time means the PID was given to another process.
    if (state == 'Z' || state == 'X')
        return false;
    if (entry.processStart > 0 && start > 0 && start != entry.processStart)
        return false;
    return true;
}

} // namespace zipcnn::gui
