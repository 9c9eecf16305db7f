// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's entry point: parse the command line, open a project, show the window.
#include "charts/ChartsPanel.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "panels/AddMcuDialog.h"
#include "panels/CalibrateWizard.h"
#include "window/MainWindow.h"
#include "window/RecoveryDialog.h"
#include "window/StartupFile.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QFileInfo>
#include <QIcon>
#include <QLineEdit>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <cstdio>

using namespace zipcnn::gui;

namespace {

void printError(const QString& message) {
    std::fprintf(stderr, "zipcnn-explorer: %s\n", qPrintable(message));
}

} // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ZIP-CNN"));
    QApplication::setApplicationName(QStringLiteral("zipcnn-explorer"));
    QApplication::setApplicationDisplayName(QStringLiteral("ZIP-CNN Explorer"));
    QApplication::setApplicationVersion(QStringLiteral(ZIPCNN_VERSION));
    // The desktop entry's name, so that the desktop matches the window with its launcher.
    QApplication::setDesktopFileName(QStringLiteral("io.github.zipcnn.explorer"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.zipcnn.explorer-256.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Design-space explorer for CNN inference on microcontrollers"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QStringLiteral("Project, network JSON or model file (Keras .h5 or .keras, TensorFlow "
                       "Lite .tflite, ONNX .onnx) to open (default: the bundled LeNet5 example)"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Show the window, save a picture of it to <file> and quit"),
        QStringLiteral("file"));
    parser.addOption(screenshot);
    const QCommandLineOption guide(
        QStringLiteral("guide"),
        QStringLiteral("Open the user guide (Help > User Guide) at start; with --screenshot, the "
                       "picture is of the guide's window"));
    parser.addOption(guide);
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QStringLiteral("Show the charts tab called <name> (Latency, Energy, Power, Memory, "
                       "Accuracy) at start"),
        QStringLiteral("name"));
    parser.addOption(tab);
    const QCommandLineOption addMcu(
        QStringLiteral("add-mcu"),
        QStringLiteral("Open Tools > Add MCU... at start; with --screenshot, the picture is of the "
                       "dialog"));
    parser.addOption(addMcu);
    const QCommandLineOption calibrate(
        QStringLiteral("calibrate"),
        QStringLiteral("Open Tools > Calibrate on Measurements... with <csv> and show its fit; "
                       "with --screenshot, the picture is of the wizard"),
        QStringLiteral("csv"));
    parser.addOption(calibrate);
    const QCommandLineOption filterTargets(
        QStringLiteral("filter-targets"),
        QStringLiteral("Type <text> in the Targets panel's filter at start (screenshots)"),
        QStringLiteral("text"));
    parser.addOption(filterTargets);
    const QCommandLineOption select(
        QStringLiteral("select"),
        QStringLiteral("Select the layer called <name> at start (the inspector shows it)"),
        QStringLiteral("name"));
    parser.addOption(select);
    parser.process(app);

    ProjectDocument document;
    // A project, a network JSON or a model file, whichever it is by content (as File > Open),
    // else the bundled example as a template.
    const StartupFile start =
        openStartupFile(document, parser.positionalArguments(), QApplication::applicationDirPath(),
                        QStringLiteral(ZIPCNN_SOURCE_DIR));
    const QString& error = start.error;
    const QString& path = start.path;
    if (path.isEmpty())
        printError(QStringLiteral("the bundled example was not found; starting empty"));

    MainWindow window(&document);
    if (parser.isSet(tab) && !window.charts()->showTab(parser.value(tab))) {
        printError(QStringLiteral("no charts tab called %1").arg(parser.value(tab)));
        return 1;
    }
    window.show();
    if (error.isEmpty() && !start.status.isEmpty())
        window.showStatus(start.status);

    QWidget* shown = &window;
    if (parser.isSet(guide)) {
        if (auto* action = window.findChild<QAction*>(QStringLiteral("userGuideAction")))
            action->trigger();
        if (auto* guideWindow = window.findChild<QWidget*>(QStringLiteral("userGuideWindow")))
            shown = guideWindow;
    }

    if (parser.isSet(select)) {
        window.selection()->setCurrentLayer(parser.value(select));
        if (window.selection()->currentLayer() != parser.value(select)) {
            printError(QStringLiteral("no layer called %1").arg(parser.value(select)));
            return 1;
        }
        if (auto* dock = window.findChild<QDockWidget*>(QStringLiteral("inspectorDock")))
            dock->raise(); // in front of the panels it shares a tab group with
    }
    if (parser.isSet(filterTargets))
        if (auto* filter = window.findChild<QLineEdit*>(QStringLiteral("targetFilter")))
            filter->setText(parser.value(filterTargets));
    if (parser.isSet(addMcu))
        shown = window.openAddMcu();
    if (parser.isSet(calibrate)) {
        CalibrateWizard* wizard = window.openCalibrate(parser.value(calibrate));
        wizard->next();
        wizard->next();
        shown = wizard;
    }

    if (parser.isSet(screenshot)) {
        if (!error.isEmpty()) {
            printError(error);
            return 1;
        }
        const QString target = parser.value(screenshot);
        int status = 0;
        // Grabbed once the event loop has laid out and painted the window.
        QTimer::singleShot(500, &window, [&] {
            if (!shown->grab().save(target)) {
                printError(QStringLiteral("cannot write the screenshot to %1").arg(target));
                status = 1;
            }
            QApplication::exit(status);
        });
        return QApplication::exec() == 0 ? status : 1;
    }

    if (!error.isEmpty()) {
        printError(error);
        const QString title = QCoreApplication::translate("main", "Could not open %1")
                                  .arg(QFileInfo(path).fileName());
        QTimer::singleShot(0, &window, [&] { QMessageBox::critical(&window, title, error); });
    }
    // Unsaved work a crashed explorer left behind, offered once the window is up.
    QTimer::singleShot(0, &window,
                       [&window] { RecoveryDialog::offer(window.autosave(), &window); });
    return QApplication::exec();
}
