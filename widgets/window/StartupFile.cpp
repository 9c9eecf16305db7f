// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/StartupFile.h"

#include "common/BundledExamples.h"
#include "document/ProjectDocument.h"

#include <QCoreApplication>
#include <QDir>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("main", text);
}

} // namespace

StartupFile openStartupFile(ProjectDocument& document, const QStringList& files,
                            const QString& appDir, const QString& sourceDir) {
    StartupFile out;
    if (!files.isEmpty()) {
        out.path = files.front();
        // No dialog can run yet: layers the engine lacks are refused with the reason, and
        // File > Import offers to keep them.
        const ProjectDocument::ImportOutcome opened = document.openInput(out.path, false);
        out.error = opened.error;
        if (out.error.isEmpty() && opened.kind != InputKind::Project)
            out.status = opened.importedText(QDir::toNativeSeparators(out.path));
        return out;
    }
    out.path = findBundledExample(QStringLiteral("lenet5.zipcnn.json"), appDir, sourceDir);
    if (out.path.isEmpty())
        return out;
    // The example opens as a template: saving it asks for a new file instead of writing into
    // the installation or the source tree.
    out.error = document.openAsTemplate(out.path);
    if (out.error.isEmpty())
        out.status = tr("Bundled example: Save As keeps your changes");
    return out;
}

} // namespace zipcnn::gui
