// SPDX-License-Identifier: GPL-3.0-or-later
// A real explorer process for the crash-recovery test (AutosaveTest.cpp): it opens a project in
// a MainWindow on the offscreen platform, edits it through the undo stack as the panels would,
// waits until the autosave of the last edit is on disk, writes the expected project text to a
// file, prints a marker and waits to be killed.
//
//   autosave_child PROJECT EXPECTED_OUT
//
// The recovery folder comes from $ZIPCNN_RECOVERY_DIR, set by the test.
#include "document/AddLayerCommand.h"
#include "document/AutosaveManager.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"
#include "io/ProjectJson.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QFile>
#include <QUndoStack>
#include <cstdio>

using namespace zipcnn;
using namespace zipcnn::gui;

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: autosave_child PROJECT EXPECTED_OUT\n");
        return 2;
    }
    const QString projectPath = QString::fromLocal8Bit(argv[1]);
    const QString expectedPath = QString::fromLocal8Bit(argv[2]);

    ProjectDocument document;
    const QString error = document.open(projectPath);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "autosave_child: %s\n", qPrintable(error));
        return 1;
    }
    MainWindow window(&document);
    window.show();
    AutosaveManager* autosave = window.autosave();
    autosave->setEditDelay(50);

    // A structural edit (a layer spliced into the graph), a constraint and a variant.
    QUndoStack* undo = document.undoStack();
    undo->push(AddLayerCommand::insertAfter(&document, LayerType::Dense, QStringLiteral("fc1")));
    Constraints limits = document.project().constraints;
    limits.maxLatencyMs = 123.25;
    limits.ramReserveKib = 12.5;
    undo->push(new SetConstraintsCommand(&document, limits, QStringLiteral("Latency limit")));
    VariantSpec variant = document.project().variants.at(1);
    variant.visible = !variant.visible;
    undo->push(new SetVariantCommand(&document, 1, variant, QStringLiteral("Hide INT8")));
    const std::string expected = projectToText(document.project());

    // Told once the edits above are on disk: the burst is coalesced into one write.
    QObject::connect(autosave, &AutosaveManager::autosaved, &app, [&] {
        QFile out(expectedPath);
        if (!out.open(QIODevice::WriteOnly) ||
            out.write(expected.data(), static_cast<qint64>(expected.size())) !=
                static_cast<qint64>(expected.size())) {
            std::fprintf(stderr, "autosave_child: cannot write %s\n", qPrintable(expectedPath));
            QApplication::exit(1);
            return;
        }
        out.close();
        std::printf("AUTOSAVED %s\n", qPrintable(autosave->projectPath()));
        std::fflush(stdout);
    });
    return QApplication::exec();
}
