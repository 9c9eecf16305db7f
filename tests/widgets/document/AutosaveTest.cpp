// SPDX-License-Identifier: GPL-3.0-or-later
#include "WidgetTestSupport.h"
#include "document/AutosaveManager.h"
#include "document/ProjectDocument.h"
#include "document/RenameLayerCommand.h"
#include "io/ProjectJson.h"
#include "window/MainWindow.h"
#include "window/RecoveryDialog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

namespace zipcnn::gui::test {
namespace {

const QString kLenet = QStringLiteral("lenet5.zipcnn.json");

QByteArray projectText(const Project& p) {
    return QByteArray::fromStdString(projectToText(p));
}

/// A copy of the LeNet5 example in `dir`, opened in `doc` with one layer renamed.
QString openEditedCopy(const QTemporaryDir& dir, ProjectDocument& doc) {
    const QString path = dir.filePath(kLenet);
    QFile::copy(examplePath(kLenet), path);
    EXPECT_EQ(doc.open(path), QString());
    doc.undoStack()->push(
        new RenameLayerCommand(&doc, QStringLiteral("fc1"), QStringLiteral("hidden")));
    return path;
}

/// Each test's temporary folder (for the project copies and the recovery files).
class Autosave : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(dir.isValid()); }

    QTemporaryDir dir;
};

QJsonObject readInfo(const QString& path) {
    return QJsonDocument::fromJson(readAll(path)).object();
}

TEST_F(Autosave, WritesShortlyAfterAnEditAndRemovesTheCopyOnSave) {
    ProjectDocument doc;
    AutosaveManager autosave(&doc, dir.filePath(QStringLiteral("recovery")));
    autosave.setEditDelay(20);
    QSignalSpy autosaved(&autosave, &AutosaveManager::autosaved);
    const QString path = openEditedCopy(dir, doc);
    ASSERT_TRUE(autosaved.wait(5000));
    EXPECT_EQ(autosaved.count(), 1);
    EXPECT_TRUE(autosave.projectPath().startsWith(dir.filePath(QStringLiteral("recovery/"))));
    // The same bytes Save would write.
    EXPECT_EQ(readAll(autosave.projectPath()), projectText(doc.project()));
    const QJsonObject info = readInfo(autosave.infoPath());
    EXPECT_EQ(info[QStringLiteral("format")].toString(), QStringLiteral("zipcnn-recovery"));
    EXPECT_EQ(info[QStringLiteral("originalPath")].toString(), QFileInfo(path).absoluteFilePath());
    EXPECT_EQ(info[QStringLiteral("pid")].toInteger(), static_cast<qint64>(::getpid()));
    EXPECT_EQ(info[QStringLiteral("projectFormatVersion")].toInt(), kProjectFormatVersion);
    EXPECT_TRUE(autosave.lastAutosave().isValid());
    // This process is alive: its own copy is nobody's orphan.
    EXPECT_TRUE(AutosaveManager::orphans(dir.filePath(QStringLiteral("recovery"))).isEmpty());

    ASSERT_EQ(doc.save(), QString());
    EXPECT_FALSE(QFileInfo::exists(autosave.projectPath()));
    EXPECT_FALSE(QFileInfo::exists(autosave.infoPath()));
}

TEST_F(Autosave, CoalescesABurstAndForgetsWorkUndoneToTheSavedState) {
    ProjectDocument doc;
    AutosaveManager autosave(&doc, dir.path());
    autosave.setEditDelay(100);
    QSignalSpy autosaved(&autosave, &AutosaveManager::autosaved);
    openEditedCopy(dir, doc);
    QString name = QStringLiteral("fc2");
    for (int i = 0; i < 5; ++i) {
        const QString next = QStringLiteral("fc2_%1").arg(i);
        doc.undoStack()->push(new RenameLayerCommand(&doc, name, next));
        name = next;
    }
    // Six edits in a burst, one write, of the last state.
    ASSERT_TRUE(autosaved.wait(5000));
    QTest::qWait(250);
    EXPECT_EQ(autosaved.count(), 1);
    EXPECT_EQ(readAll(autosave.projectPath()), projectText(doc.project()));
    EXPECT_TRUE(doc.project().network.find("fc2_4"));

    doc.undoStack()->setIndex(0);
    EXPECT_FALSE(doc.isModified());
    EXPECT_FALSE(QFileInfo::exists(autosave.projectPath()));
}

TEST_F(Autosave, PeriodicTimerWritesDuringLongBursts) {
    ProjectDocument doc;
    AutosaveManager autosave(&doc, dir.path());
    EXPECT_EQ(autosave.interval(), 10'000);
    EXPECT_EQ(autosave.editDelay(), 500);
    autosave.setEditDelay(60'000); // as if the edits never paused
    autosave.setInterval(50);
    QSignalSpy autosaved(&autosave, &AutosaveManager::autosaved);
    openEditedCopy(dir, doc);
    ASSERT_TRUE(autosaved.wait(5000));
    EXPECT_EQ(readAll(autosave.projectPath()), projectText(doc.project()));
}

TEST_F(Autosave, AFailedAutosaveSaysWhyAndShowsInTheStatusBar) {
    // The recovery "folder" is a file: nothing can be created in it, even by root.
    const QString blocked = dir.filePath(QStringLiteral("not-a-folder"));
    {
        QFile f(blocked);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    }
    qputenv("ZIPCNN_RECOVERY_DIR", blocked.toLocal8Bit());
    ProjectDocument doc;
    MainWindow window(&doc);
    qunsetenv("ZIPCNN_RECOVERY_DIR");
    window.autosave()->setEditDelay(10);
    QSignalSpy failed(window.autosave(), &AutosaveManager::autosaveFailed);
    openEditedCopy(dir, doc);
    ASSERT_TRUE(failed.wait(5000));
    const QString message = failed.at(0).at(0).toString();
    EXPECT_TRUE(message.contains(blocked)) << message.toStdString();
    auto* label = window.findChild<QLabel*>(QStringLiteral("autosaveLabel"));
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->text(), QStringLiteral("Autosave failed"));
    EXPECT_EQ(label->toolTip(), message);
}

TEST_F(Autosave, StatusBarShowsTheTimeOfTheLastAutosave) {
    ProjectDocument doc;
    MainWindow window(&doc);
    window.autosave()->setEditDelay(10);
    QSignalSpy autosaved(window.autosave(), &AutosaveManager::autosaved);
    openEditedCopy(dir, doc);
    ASSERT_TRUE(autosaved.wait(5000));
    auto* label = window.findChild<QLabel*>(QStringLiteral("autosaveLabel"));
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->text(),
              QStringLiteral("Autosaved ") +
                  window.autosave()->lastAutosave().toLocalTime().toString(u"hh:mm:ss"));
    // Saved: nothing to recover, and nothing to show.
    ASSERT_EQ(doc.save(), QString());
    EXPECT_TRUE(label->text().isEmpty());
}

/// An info record as a process `pid` would have written it.
RecoveryEntry writeEntry(const QString& dir, const QString& stem, qint64 pid,
                         const QString& bootId = {}, qint64 processStart = 0) {
    QDir().mkpath(dir);
    QFile::copy(examplePath(kLenet),
                dir + QLatin1Char('/') + stem + QStringLiteral(".zipcnn.json"));
    QJsonObject info;
    info[QStringLiteral("format")] = QStringLiteral("zipcnn-recovery");
    info[QStringLiteral("version")] = 1;
    info[QStringLiteral("project")] = stem + QStringLiteral(".zipcnn.json");
    info[QStringLiteral("originalPath")] = QString();
    info[QStringLiteral("projectName")] = QStringLiteral("LeNet5 thesis example");
    info[QStringLiteral("savedAt")] = QStringLiteral("2026-01-02T03:04:05.000Z");
    info[QStringLiteral("pid")] = pid;
    info[QStringLiteral("bootId")] = bootId;
    info[QStringLiteral("processStart")] = processStart;
    QFile f(dir + QLatin1Char('/') + stem + QStringLiteral(".info.json"));
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(info).toJson());
    RecoveryEntry e;
    e.pid = pid;
    e.bootId = bootId;
    e.processStart = processStart;
    return e;
}

TEST_F(Autosave, OffersOnlyFilesWhoseWriterIsGone) {
    // A process that has exited and been reaped.
    QProcess gone;
    gone.start(QStringLiteral("/bin/true"));
    ASSERT_TRUE(gone.waitForFinished(10000));
    const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 0;
    writeEntry(dir.path(), QStringLiteral("dead"), deadPid > 0 ? deadPid : 999'999'999);
    writeEntry(dir.path(), QStringLiteral("alive"), ::getpid());
    // This PID, but in another boot, or started at another time: the PID was reused.
    writeEntry(dir.path(), QStringLiteral("otherboot"), ::getpid(),
               QStringLiteral("00000000-0000-0000-0000-000000000000"));
    writeEntry(dir.path(), QStringLiteral("reused"), ::getpid(), {}, 1);
    // An info record whose project is missing is removed; a foreign file is left alone.
    writeEntry(dir.path(), QStringLiteral("noproject"), 999'999'999);
    QFile::remove(dir.filePath(QStringLiteral("noproject.zipcnn.json")));
    QFile foreign(dir.filePath(QStringLiteral("foreign.info.json")));
    ASSERT_TRUE(foreign.open(QIODevice::WriteOnly));
    foreign.write("{}");
    foreign.close();

    QStringList stems;
    for (const RecoveryEntry& e : AutosaveManager::orphans(dir.path()))
        stems << QFileInfo(e.projectPath).fileName().section(QLatin1Char('.'), 0, 0);
    stems.sort();
    const bool bootKnown = QFileInfo::exists(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    EXPECT_EQ(stems, bootKnown ? QStringList({QStringLiteral("dead"), QStringLiteral("otherboot"),
                                              QStringLiteral("reused")})
                               : QStringList({QStringLiteral("dead"), QStringLiteral("reused")}));
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("noproject.info.json"))));
    EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("foreign.info.json"))));
}

TEST_F(Autosave, QuestionNamesTheTimeAndTheProject) {
    RecoveryEntry e;
    e.savedAt = QDateTime::currentDateTimeUtc();
    e.originalPath = QStringLiteral("/home/me/lenet5.zipcnn.json");
    const QString q = RecoveryDialog::question(e);
    EXPECT_TRUE(q.startsWith(QStringLiteral("Recover unsaved work from "))) << q.toStdString();
    EXPECT_TRUE(q.endsWith(QStringLiteral("(lenet5.zipcnn.json)?"))) << q.toStdString();
    EXPECT_TRUE(q.contains(e.savedAt.toLocalTime().toString(u"hh:mm:ss"))) << q.toStdString();
    e.originalPath.clear();
    e.projectName = QStringLiteral("LeNet5 thesis example");
    EXPECT_TRUE(RecoveryDialog::question(e).endsWith(QStringLiteral("(LeNet5 thesis example)?")));

    qputenv("ZIPCNN_RECOVERY", "accept");
    EXPECT_EQ(RecoveryDialog::choiceFromEnvironment(), RecoveryDialog::Choice::Recover);
    qputenv("ZIPCNN_RECOVERY", "discard");
    EXPECT_EQ(RecoveryDialog::choiceFromEnvironment(), RecoveryDialog::Choice::Discard);
    qputenv("ZIPCNN_RECOVERY", "later");
    EXPECT_EQ(RecoveryDialog::choiceFromEnvironment(), RecoveryDialog::Choice::Later);
    qunsetenv("ZIPCNN_RECOVERY");
    EXPECT_EQ(RecoveryDialog::choiceFromEnvironment(), std::nullopt);
}

/// Runs the autosave child on a copy of LeNet5 in `dir`, waits until it has autosaved its
/// edits, and kills it with SIGKILL. Returns the child's PID; `expected` receives the project
/// text the child autosaved.
qint64 runAndKillChild(const QTemporaryDir& dir, const QString& recovery, QByteArray* expected) {
    const QString project = dir.filePath(kLenet);
    QFile::remove(project);
    EXPECT_TRUE(QFile::copy(examplePath(kLenet), project));
    const QString expectedPath = dir.filePath(QStringLiteral("expected.json"));
    QFile::remove(expectedPath);

    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ZIPCNN_RECOVERY_DIR"), recovery);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(ZIPCNN_AUTOSAVE_CHILD), {project, expectedPath});
    EXPECT_TRUE(child.waitForStarted(10000)) << child.errorString().toStdString();
    QByteArray out;
    QElapsedTimer clock;
    clock.start();
    // Generous for a sanitizer build; a normal build gets there in about a second.
    while (!out.contains("AUTOSAVED ") && clock.elapsed() < 120'000 &&
           child.state() == QProcess::Running) {
        child.waitForReadyRead(1000);
        out += child.readAllStandardOutput();
    }
    EXPECT_TRUE(out.contains("AUTOSAVED ")) << out.toStdString();
    const qint64 pid = child.processId();
    ::kill(static_cast<pid_t>(pid), SIGKILL);
    EXPECT_TRUE(child.waitForFinished(10000));
    EXPECT_EQ(child.exitStatus(), QProcess::CrashExit);
    *expected = readAll(expectedPath);
    // Killed, not closed: the original file is untouched, the recovery copy is there.
    EXPECT_EQ(readAll(project), readAll(examplePath(kLenet)));
    return pid;
}

TEST_F(Autosave, RecoversExactlyWhatAKilledProcessAutosaved) {
    const QString recovery = dir.filePath(QStringLiteral("recovery"));
    QByteArray expected;
    const qint64 pid = runAndKillChild(dir, recovery, &expected);
    ASSERT_FALSE(expected.isEmpty());
    ASSERT_NE(expected, readAll(examplePath(kLenet))); // the child did change something

    const QList<RecoveryEntry> orphans = AutosaveManager::orphans(recovery);
    ASSERT_EQ(orphans.size(), 1);
    const RecoveryEntry entry = orphans.front();
    EXPECT_EQ(entry.pid, pid);
    EXPECT_EQ(entry.originalPath, QFileInfo(dir.filePath(kLenet)).absoluteFilePath());
    EXPECT_EQ(entry.displayName(), kLenet);
    EXPECT_EQ(readAll(entry.projectPath), expected);

    // A fresh window: "Later" keeps the file, "Recover" restores the project exactly.
    ProjectDocument doc;
    MainWindow window(&doc);
    EXPECT_FALSE(RecoveryDialog::offer(
        window.autosave(), &window,
        [](const RecoveryEntry&) { return RecoveryDialog::Choice::Later; }, recovery));
    EXPECT_EQ(AutosaveManager::orphans(recovery).size(), 1);
    QStringList asked;
    EXPECT_TRUE(RecoveryDialog::offer(
        window.autosave(), &window,
        [&](const RecoveryEntry& e) {
            asked << RecoveryDialog::question(e);
            return RecoveryDialog::Choice::Recover;
        },
        recovery));
    ASSERT_EQ(asked.size(), 1);
    EXPECT_TRUE(asked.front().endsWith(QStringLiteral("(lenet5.zipcnn.json)?")))
        << asked.front().toStdString();
    EXPECT_EQ(projectText(doc.project()), expected);
    EXPECT_TRUE(doc.isModified());
    EXPECT_TRUE(window.isWindowModified());
    EXPECT_EQ(doc.filePath(), entry.originalPath);
    EXPECT_EQ(doc.project().constraints.maxLatencyMs, 123.25);
    ProjectDocument original;
    ASSERT_EQ(original.open(examplePath(kLenet)), QString());
    EXPECT_EQ(doc.project().network.size(), original.project().network.size() + 1);
    // The crashed process's files are gone; this process holds its own copy.
    EXPECT_FALSE(QFileInfo::exists(entry.projectPath));
    EXPECT_FALSE(QFileInfo::exists(entry.infoPath));
    EXPECT_EQ(readAll(window.autosave()->projectPath()), expected);

    // Save writes the recovered project where the user last saved it.
    ASSERT_EQ(doc.save(), QString());
    EXPECT_EQ(readAll(entry.originalPath), expected);
    EXPECT_FALSE(doc.isModified());
    EXPECT_FALSE(QFileInfo::exists(window.autosave()->projectPath()));
}

TEST_F(Autosave, DiscardingRemovesTheRecoveryFile) {
    const QString recovery = dir.filePath(QStringLiteral("recovery"));
    QByteArray expected;
    runAndKillChild(dir, recovery, &expected);
    const QList<RecoveryEntry> orphans = AutosaveManager::orphans(recovery);
    ASSERT_EQ(orphans.size(), 1);

    ProjectDocument doc;
    MainWindow window(&doc);
    qputenv("ZIPCNN_RECOVERY", "discard"); // the environment's answer, as a script would give
    EXPECT_FALSE(RecoveryDialog::offer(window.autosave(), &window, {}, recovery));
    qunsetenv("ZIPCNN_RECOVERY");
    EXPECT_FALSE(QFileInfo::exists(orphans.front().projectPath));
    EXPECT_FALSE(QFileInfo::exists(orphans.front().infoPath));
    EXPECT_TRUE(QDir(recovery).entryList(QDir::Files).isEmpty());
    EXPECT_EQ(doc.project(), Project{});
    EXPECT_FALSE(doc.isModified());
}

TEST_F(Autosave, RecoversAnUntitledProjectWithoutAFileName) {
    const QString recovery = dir.filePath(QStringLiteral("recovery"));
    writeEntry(recovery, QStringLiteral("untitled"), 999'999'999);
    ProjectDocument doc;
    MainWindow window(&doc);
    EXPECT_TRUE(RecoveryDialog::offer(
        window.autosave(), &window,
        [](const RecoveryEntry&) { return RecoveryDialog::Choice::Recover; }, recovery));
    EXPECT_EQ(projectText(doc.project()), readAll(examplePath(kLenet)));
    EXPECT_TRUE(doc.filePath().isEmpty());
    EXPECT_TRUE(doc.isModified());
    EXPECT_EQ(doc.undoStack()->count(), 0);
    // Save asks for a name rather than guessing one.
    EXPECT_FALSE(doc.save().isEmpty());
    EXPECT_TRUE(doc.isModified());
}

} // namespace
} // namespace zipcnn::gui::test
