// SPDX-License-Identifier: GPL-3.0-or-later
// Help > User Guide (issue 16): F1 opens docs/user-guide.md rendered with its screenshots; the
// guide is found beside an installed program and in the sources; when it is nowhere the window
// says where it looked.
#include "WidgetTestSupport.h"
#include "document/ProjectDocument.h"
#include "window/MainWindow.h"
#include "window/UserGuideWindow.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextFragment>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

/// The images the guide's document names, as written in the Markdown.
QStringList imageNames(QTextDocument* doc) {
    QStringList names;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it)
            if (it.fragment().charFormat().isImageFormat())
                names << it.fragment().charFormat().toImageFormat().name();
    return names;
}

/// A loaded image resource, whichever form the browser gives it in (bytes of the file, or an
/// image).
QImage asImage(const QVariant& v) {
    if (v.typeId() == QMetaType::QImage)
        return v.value<QImage>();
    if (v.typeId() == QMetaType::QPixmap)
        return v.value<QPixmap>().toImage();
    return QImage::fromData(v.toByteArray());
}

TEST(UserGuide, F1OpensTheGuideWithItsScreenshots) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    MainWindow w(&doc);
    w.show();

    QAction* action = w.findChild<QAction*>(QStringLiteral("userGuideAction"));
    ASSERT_NE(action, nullptr);
    EXPECT_EQ(action->shortcut(), QKeySequence(Qt::Key_F1));
    bool inHelp = false;
    for (QAction* menu : w.menuBar()->actions())
        if (menu->menu() && menu->text() == QStringLiteral("&Help"))
            inHelp = menu->menu()->actions().contains(action);
    EXPECT_TRUE(inHelp);

    action->trigger();
    auto* guide = w.findChild<UserGuideWindow*>(QStringLiteral("userGuideWindow"));
    ASSERT_NE(guide, nullptr);
    EXPECT_TRUE(guide->isVisible());
    EXPECT_TRUE(guide->isWindow());
    EXPECT_FALSE(guide->guidePath().isEmpty());
    // The source tree's guide (this build tree's program is not installed).
    EXPECT_EQ(
        QFileInfo(guide->guidePath()).canonicalFilePath(),
        QFileInfo(QStringLiteral(ZIPCNN_SOURCE_DIR "/docs/user-guide.md")).canonicalFilePath());

    QTextDocument* text = guide->browser()->document();
    // The first heading, as a heading (the Markdown was rendered, not shown as text).
    const QTextBlock first = text->begin();
    EXPECT_EQ(first.text(), QStringLiteral("ZIP-CNN Explorer: user guide"));
    EXPECT_EQ(first.blockFormat().headingLevel(), 1);
    EXPECT_FALSE(text->toPlainText().contains(QStringLiteral("](screenshots/")));

    // Every screenshot the guide names loads, relative to the guide; they are drawn no wider
    // than the window can show.
    const QStringList images = imageNames(text);
    ASSERT_GE(images.size(), 5);
    EXPECT_EQ(guide->imagesShown(), images.size());
    for (const QString& name : images) {
        const QVariant loaded =
            guide->browser()->loadResource(QTextDocument::ImageResource, QUrl(name));
        EXPECT_FALSE(asImage(loaded).isNull()) << name.toStdString();
    }

    // A second F1 shows the same window, not another.
    guide->close();
    action->trigger();
    EXPECT_EQ(w.findChildren<UserGuideWindow*>().size(), 1);
    EXPECT_TRUE(guide->isVisible());
}

TEST(UserGuide, FoundBesideAnInstalledProgramFirst) {
    QTemporaryDir prefix;
    ASSERT_TRUE(QDir(prefix.path()).mkpath(QStringLiteral("bin")));
    ASSERT_TRUE(QDir(prefix.path()).mkpath(QStringLiteral("share/zipcnn/guide")));
    const QString bin = prefix.filePath(QStringLiteral("bin"));
    const QStringList dirs = userGuideDirs(bin);
    ASSERT_GE(dirs.size(), 2);
    EXPECT_EQ(dirs.front(), QDir::cleanPath(prefix.filePath(QStringLiteral("share/zipcnn/guide"))));
    // Not there yet: the sources' guide.
    EXPECT_TRUE(findUserGuide(dirs).endsWith(QStringLiteral("/docs/user-guide.md")));
    const QString installed = prefix.filePath(QStringLiteral("share/zipcnn/guide/user-guide.md"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(ZIPCNN_SOURCE_DIR "/docs/user-guide.md"), installed));
    EXPECT_EQ(findUserGuide(dirs), QFileInfo(installed).absoluteFilePath());
}

TEST(UserGuide, SaysWhereItLookedWhenTheGuideIsMissing) {
    QTemporaryDir empty;
    const QString a = empty.filePath(QStringLiteral("share/zipcnn/guide"));
    const QString b = empty.filePath(QStringLiteral("docs"));
    UserGuideWindow guide({a, b});
    guide.show();
    EXPECT_TRUE(guide.guidePath().isEmpty());
    EXPECT_FALSE(guide.browser()->isVisible());
    auto* label = guide.findChild<QLabel*>(QStringLiteral("userGuideMissing"));
    ASSERT_NE(label, nullptr);
    EXPECT_TRUE(label->isVisible());
    EXPECT_TRUE(label->text().contains(QStringLiteral("not found")));
    EXPECT_TRUE(label->text().contains(QDir::toNativeSeparators(a + "/user-guide.md")));
    EXPECT_TRUE(label->text().contains(QDir::toNativeSeparators(b + "/user-guide.md")));
}

} // namespace
} // namespace zipcnn::gui::test
