// SPDX-License-Identifier: GPL-3.0-or-later
// GoogleTest main for the widget tests: a QApplication on the offscreen platform with a fixed
// DPI, so the tests run without a display and measure text the same everywhere.
#include <QApplication>
#include <QTemporaryDir>
#include <gtest/gtest.h>

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_FONT_DPI", "96");
    qputenv("QT_ENABLE_HIGHDPI_SCALING", "0");
    ::testing::InitGoogleTest(&argc, argv);
    QApplication app(argc, argv);
    // Every main window autosaves: into a folder of this run, never the user's recovery folder.
    QTemporaryDir recovery;
    if (!qEnvironmentVariableIsSet("ZIPCNN_RECOVERY_DIR"))
        qputenv("ZIPCNN_RECOVERY_DIR", recovery.path().toLocal8Bit());
    // Every window loads the user's own MCUs and calibrations: those of this run, none at first.
    QTemporaryDir userData;
    qputenv("XDG_DATA_HOME", userData.path().toLocal8Bit());
    return RUN_ALL_TESTS();
}
