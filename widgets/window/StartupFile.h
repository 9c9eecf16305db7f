// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace zipcnn::gui {

class ProjectDocument;

/// What the explorer opened when it started.
struct StartupFile {
    QString path;   ///< the file opened or tried; empty when there was none to open
    QString error;  ///< empty on success; else names the file and the cause
    QString status; ///< a message for the status bar (empty when there is nothing to say)
};

/// Opens what the explorer's command line names (`files`, its positional arguments) in
/// `document`: a project, a network JSON or a model file, whichever it is by content (the
/// core's `openInput`, as *File > Open* and drag-and-drop); a network or model becomes a new
/// project with the default candidates and variants. Without a file, the bundled LeNet5
/// example (found from `appDir` or `sourceDir`) opens as a template. zipcnn-explorer's main()
/// calls this before showing the window.
StartupFile openStartupFile(ProjectDocument& document, const QStringList& files,
                            const QString& appDir, const QString& sourceDir);

} // namespace zipcnn::gui
