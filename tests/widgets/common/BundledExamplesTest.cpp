// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/BundledExamples.h"

#include "WidgetTestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

const QString kFile = QStringLiteral("lenet5.zipcnn.json");

TEST(BundledExamples, PrefersTheInstalledCopy) {
    QTemporaryDir prefix;
    ASSERT_TRUE(prefix.isValid());
    ASSERT_TRUE(QDir(prefix.path()).mkpath(QStringLiteral("bin")));
    ASSERT_TRUE(QDir(prefix.path()).mkpath(QStringLiteral("share/zipcnn/examples")));
    const QString installed = prefix.filePath(QStringLiteral("share/zipcnn/examples/") + kFile);
    ASSERT_TRUE(QFile::copy(examplePath(kFile), installed));
    EXPECT_EQ(findBundledExample(kFile, prefix.filePath(QStringLiteral("bin")),
                                 QStringLiteral(ZIPCNN_SOURCE_DIR)),
              QFileInfo(installed).absoluteFilePath());
}

TEST(BundledExamples, FallsBackToTheSourceTree) {
    QTemporaryDir buildDir;
    ASSERT_TRUE(buildDir.isValid());
    EXPECT_EQ(findBundledExample(kFile, buildDir.filePath(QStringLiteral("app/gui")),
                                 QStringLiteral(ZIPCNN_SOURCE_DIR)),
              QFileInfo(examplePath(kFile)).absoluteFilePath());
    EXPECT_EQ(findBundledExample(kFile, buildDir.path(), QString()), QString());
    EXPECT_EQ(findBundledExample(QStringLiteral("nope.json"), buildDir.path(),
                                 QStringLiteral(ZIPCNN_SOURCE_DIR)),
              QString());
}

} // namespace
} // namespace zipcnn::gui::test
