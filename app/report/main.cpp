// SPDX-License-Identifier: GPL-3.0-or-later
// zipcnn-report: writes the PDF design report of a project without a display (Qt's offscreen
// platform). `zipcnn-cli report` runs it, so that the command line itself stays free of Qt.
#include "ReportCommand.h"

#include <QApplication>
#include <QTextStream>
#include <cstdio>

namespace {

/// Qt's own chatter (no XDG runtime folder on a server, and the like) is not the user's
/// business here: only the report's messages reach the terminal.
void quietHandler(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtFatalMsg || type == QtCriticalMsg)
        std::fprintf(stderr, "zipcnn-report: %s\n", qPrintable(message));
}

} // namespace

int main(int argc, char* argv[]) {
    // No display is needed: the charts are drawn straight into the PDF.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(quietHandler);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("zipcnn-report"));
    QApplication::setApplicationVersion(QStringLiteral(ZIPCNN_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QApplication::arguments();
    args.removeFirst();
    return zipcnn::gui::runReportCommand(args, out, err);
}
