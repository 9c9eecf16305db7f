// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The developer tools (tour.cpp, bench.cpp) start from a bundled example, found the way the
// explorer finds it: beside the program once installed, else in the sources of the build tree.
// Header only: each tool is a single file that defines ZIPCNN_SOURCE_DIR.

#include "common/BundledExamples.h"
#include "document/ProjectDocument.h"

#include <QApplication>
#include <cstdio>

namespace zipcnn::gui {

/// The path of the bundled example `fileName`, or an empty string when it is nowhere.
inline QString toolExamplePath(const QString& fileName) {
    return findBundledExample(fileName, QApplication::applicationDirPath(),
                              QStringLiteral(ZIPCNN_SOURCE_DIR));
}

/// Opens the bundled example `fileName` into `doc` as an untitled project; false, having said
/// why on stderr, when it cannot.
inline bool openToolExample(ProjectDocument& doc, const QString& fileName) {
    if (const QString error = doc.openAsTemplate(toolExamplePath(fileName)); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    return true;
}

} // namespace zipcnn::gui
