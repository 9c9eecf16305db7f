// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPageSize>
#include <QString>

class QAction;
class QWidget;

namespace zipcnn::gui {

class ExplorationController;
class ExplorationEngine;
class ProjectDocument;

/// The File menu's exports: the PDF design report, the sweep as data (CSV, JSON, HDF5) and the
/// network as JSON. The `export...` functions do the work without any dialog (tests call them);
/// the actions ask for the file first and report failures in a message box.
class ExportActions : public QObject {
    Q_OBJECT

public:
    ExportActions(ProjectDocument* document, ExplorationEngine* engine,
                  ExplorationController* controller, QWidget* dialogParent);

    QAction* reportAction() const { return report_; }
    QAction* sweepAction() const { return sweep_; }
    QAction* networkAction() const { return network_; }

    /// Writes the report of the current exploration, with the per-layer breakdown of the
    /// focused configuration. Returns an empty string or the reason, naming the file.
    QString exportReport(const QString& path, QPageSize::PageSizeId pageSize);
    /// Writes the current sweep; the format follows the suffix (.csv, .json, .h5 / .hdf5).
    QString exportSweep(const QString& path);
    /// Writes the project's network as a network JSON file.
    QString exportNetwork(const QString& path);

signals:
    /// A short confirmation for the status bar.
    void statusMessage(const QString& message);

private:
    void chooseReport();
    void chooseSweep();
    void chooseNetwork();
    QString suggestedName(const QString& suffix) const;

    ProjectDocument* document_;
    ExplorationEngine* engine_;
    ExplorationController* controller_;
    QWidget* parent_;
    QAction* report_;
    QAction* sweep_;
    QAction* network_;
};

} // namespace zipcnn::gui
