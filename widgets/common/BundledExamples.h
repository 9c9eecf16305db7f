// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace zipcnn::gui {

/// The folders that may hold the bundled example projects, most specific first: the installed
/// `<prefix>/share/zipcnn/examples` beside `<prefix>/bin`, then `resources/examples` of the
/// source tree the program was built from (`sourceDir`, empty when unknown), which is where a
/// program run from the build tree finds them.
QStringList bundledExampleDirs(const QString& applicationDir, const QString& sourceDir);

/// The first existing `fileName` in `bundledExampleDirs()`, or an empty string.
QString findBundledExample(const QString& fileName, const QString& applicationDir,
                           const QString& sourceDir);

} // namespace zipcnn::gui
