// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/BundledExamples.h"

#include <QDir>
#include <QFileInfo>

namespace zipcnn::gui {

QStringList bundledExampleDirs(const QString& applicationDir, const QString& sourceDir) {
    QStringList dirs;
    if (!applicationDir.isEmpty())
        dirs << QDir::cleanPath(applicationDir + QStringLiteral("/../share/zipcnn/examples"));
    if (!sourceDir.isEmpty())
        dirs << QDir::cleanPath(sourceDir + QStringLiteral("/resources/examples"));
    return dirs;
}

QString findBundledExample(const QString& fileName, const QString& applicationDir,
                           const QString& sourceDir) {
    for (const QString& dir : bundledExampleDirs(applicationDir, sourceDir)) {
        const QFileInfo candidate(QDir(dir).filePath(fileName));
        if (candidate.isFile())
            return candidate.absoluteFilePath();
    }
    return {};
}

} // namespace zipcnn::gui
