// SPDX-License-Identifier: GPL-3.0-or-later
// A save that fails must leave the old file byte-identical, keep the document modified and say
// why: the path and the operating system's reason.
#include "WidgetTestSupport.h"
#include "document/ProjectDocument.h"
#include "document/RenameLayerCommand.h"
#include "window/FileActions.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QWidget>
#include <csignal>
#include <gtest/gtest.h>
#include <linux/capability.h>
#include <optional>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace zipcnn::gui::test {
namespace {

const QString kLenet = QStringLiteral("lenet5.zipcnn.json");

/// A copy of LeNet5 at `path`, opened in `doc` and edited.
void openEdited(ProjectDocument& doc, const QString& path) {
    ASSERT_TRUE(QDir().mkpath(QFileInfo(path).absolutePath()));
    ASSERT_TRUE(QFile::copy(examplePath(kLenet), path));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                    QFileDevice::ReadGroup | QFileDevice::ReadOther);
    ASSERT_EQ(doc.open(path), QString());
    doc.undoStack()->push(
        new RenameLayerCommand(&doc, QStringLiteral("fc1"), QStringLiteral("hidden")));
    ASSERT_TRUE(doc.isModified());
}

/// Each test's temporary folder and the document it saves.
class SaveFailure : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(dir.isValid()); }

    /// Opens an edited copy of LeNet5 in `folder` (made if needed); returns its path.
    QString openEditedCopy(const QString& folder) {
        const QString path = folder + QLatin1Char('/') + kLenet;
        openEdited(doc, path);
        return path;
    }

    QTemporaryDir dir;
    ProjectDocument doc;
};

/// The files in `dir` besides `keep`: a failed save must leave no temporary behind.
QStringList strayFiles(const QString& dir, const QString& keep) {
    QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    files.removeAll(keep);
    return files;
}

/// Drops CAP_DAC_OVERRIDE from this thread's effective capabilities while alive, so that root
/// is held to file permissions like any user (capabilities are per thread; the save runs on
/// this one). It stays in the permitted set, so the destructor can raise it again.
class WithoutDacOverride {
public:
    WithoutDacOverride() {
        if (::syscall(SYS_capget, &header_, saved_) != 0)
            return;
        __user_cap_data_struct reduced[2] = {saved_[0], saved_[1]};
        reduced[0].effective &= ~(1u << CAP_DAC_OVERRIDE);
        active_ = ::syscall(SYS_capset, &header_, reduced) == 0;
    }
    ~WithoutDacOverride() {
        if (active_)
            ::syscall(SYS_capset, &header_, saved_);
    }
    WithoutDacOverride(const WithoutDacOverride&) = delete;
    WithoutDacOverride& operator=(const WithoutDacOverride&) = delete;
    bool active() const { return active_; }

private:
    __user_cap_header_struct header_{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct saved_[2]{};
    bool active_ = false;
};

TEST_F(SaveFailure, ReadOnlyFolderKeepsTheOldFileAndSaysWhy) {
    const QString folder = dir.filePath(QStringLiteral("read-only"));
    const QString path = openEditedCopy(folder);
    const QByteArray before = readAll(path);
    // r-x: the file can be read, nothing can be created or renamed in the folder.
    ASSERT_TRUE(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    QString error;
    {
        // Root ignores folder permissions through CAP_DAC_OVERRIDE; without it (on this thread
        // only) the folder is as read-only for root as for a user.
        std::optional<WithoutDacOverride> asUser;
        if (::geteuid() == 0) {
            asUser.emplace();
            if (!asUser->active()) {
                QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner);
                GTEST_SKIP() << "running as root and CAP_DAC_OVERRIDE cannot be dropped: a "
                                "read-only folder cannot be simulated (the other cases still run)";
            }
        }
        error = doc.save();
    }
    QFile::setPermissions(folder,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    EXPECT_TRUE(error.startsWith(QStringLiteral("Could not save ") + path + QStringLiteral(": ")))
        << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("Permission denied"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("The file on disk was left as it was.")))
        << error.toStdString();
    EXPECT_EQ(error.count(path), 1) << error.toStdString(); // said once
    EXPECT_EQ(readAll(path), before);
    EXPECT_TRUE(doc.isModified());
    EXPECT_FALSE(doc.undoStack()->isClean());
    EXPECT_EQ(strayFiles(folder, kLenet), QStringList());
}

/// Lowers the file-size limit of this process while alive and ignores SIGXFSZ, so a write past
/// `bytes` fails with EFBIG as a write on a full disk fails with ENOSPC: the same path through
/// the writer (a short write, then an error), without filling a real disk.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &saved_);
        previous_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = saved_;
        lowered.rlim_cur = bytes;
        active_ = ::setrlimit(RLIMIT_FSIZE, &lowered) == 0;
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &saved_);
        std::signal(SIGXFSZ, previous_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool active() const { return active_; }

private:
    rlimit saved_{};
    void (*previous_)(int) = SIG_DFL;
    bool active_ = false;
};

TEST_F(SaveFailure, FullDiskKeepsTheOldFileAndSaysWhy) {
    const QString path = openEditedCopy(dir.path());
    const QByteArray before = readAll(path);
    ASSERT_GT(before.size(), 1024);
    QString error;
    {
        FileSizeLimit full(1024);
        ASSERT_TRUE(full.active());
        error = doc.save();
    }
    EXPECT_TRUE(error.startsWith(QStringLiteral("Could not save ") + path + QStringLiteral(": ")))
        << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("cannot write: File too large")))
        << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("The file on disk was left as it was.")))
        << error.toStdString();
    EXPECT_EQ(readAll(path), before);
    EXPECT_TRUE(doc.isModified());
    EXPECT_FALSE(doc.undoStack()->isClean());
    EXPECT_EQ(strayFiles(dir.path(), kLenet), QStringList());

    // Space again: the same document saves.
    ASSERT_EQ(doc.save(), QString());
    EXPECT_FALSE(doc.isModified());
    EXPECT_NE(readAll(path), before);
}

TEST_F(SaveFailure, FolderReplacedByAFileSaysWhyEvenForRoot) {
    // Works whoever runs it: the folder the project was opened from has been replaced by a
    // file (a removed USB stick's mount point, a mistaken rename), so nothing can be created
    // in it; permissions play no part.
    const QString folder = dir.filePath(QStringLiteral("project"));
    const QString path = openEditedCopy(folder);
    ASSERT_TRUE(QDir(folder).removeRecursively());
    QFile stand(folder);
    ASSERT_TRUE(stand.open(QIODevice::WriteOnly));
    stand.write("not a folder");
    stand.close();

    const QString error = doc.save();
    EXPECT_TRUE(error.startsWith(QStringLiteral("Could not save ") + path + QStringLiteral(": ")))
        << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("Not a directory"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("Nothing was written."))) << error.toStdString();
    EXPECT_EQ(readAll(folder), QByteArray("not a folder"));
    EXPECT_TRUE(doc.isModified());
}

TEST_F(SaveFailure, FileActionsShowsTheReasonInAMessageBox) {
    const QString path = openEditedCopy(dir.path());
    const QByteArray before = readAll(path);
    QWidget parent;
    FileActions actions(&doc, &parent);

    QString title;
    QString text;
    // The message box is modal: read it and close it from inside its event loop.
    QTimer closer;
    closer.setInterval(10);
    QObject::connect(&closer, &QTimer::timeout, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        title = box->windowTitle();
        text = box->text();
        box->done(QMessageBox::Ok);
    });
    closer.start();
    bool saved = true;
    {
        FileSizeLimit full(1024);
        ASSERT_TRUE(full.active());
        saved = actions.save();
    }
    closer.stop();
    EXPECT_FALSE(saved);
    EXPECT_EQ(title, QStringLiteral("Could not save ") + kLenet);
    EXPECT_TRUE(text.contains(path)) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("File too large"))) << text.toStdString();
    EXPECT_EQ(readAll(path), before);
    EXPECT_TRUE(doc.isModified());
}

} // namespace
} // namespace zipcnn::gui::test
