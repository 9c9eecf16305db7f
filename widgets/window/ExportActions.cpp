// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/ExportActions.h"

#include "base/AtomicFile.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationController.h"
#include "exploration/ExplorationEngine.h"
#include "io/NetworkJson.h"
#include "io/SweepExport.h"
#include "io/SweepHdf5.h"
#include "report/ReportWriter.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

namespace zipcnn::gui {

ExportActions::ExportActions(ProjectDocument* document, ExplorationEngine* engine,
                             ExplorationController* controller, QWidget* dialogParent)
    : QObject(dialogParent), document_(document), engine_(engine), controller_(controller),
      parent_(dialogParent) {
    report_ = new QAction(tr("Export &Report (PDF)..."), this);
    report_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    report_->setStatusTip(tr("A PDF design report a reviewer can read without the tool"));
    connect(report_, &QAction::triggered, this, &ExportActions::chooseReport);
    sweep_ = new QAction(tr("Export Sweep &Data (CSV, JSON, HDF5)..."), this);
    sweep_->setStatusTip(tr("Every estimate of every variant, MCU and clock, for analysis"));
    connect(sweep_, &QAction::triggered, this, &ExportActions::chooseSweep);
    network_ = new QAction(tr("Export &Network (JSON)..."), this);
    network_->setStatusTip(tr("The network alone, as a network JSON file"));
    connect(network_, &QAction::triggered, this, &ExportActions::chooseNetwork);
}

QString ExportActions::suggestedName(const QString& suffix) const {
    QString base = QFileInfo(document_->filePath()).completeBaseName();
    if (base.endsWith(QLatin1String(".zipcnn")))
        base.chop(7);
    if (base.isEmpty())
        base = QString::fromStdString(document_->project().name)
                   .simplified()
                   .replace(QLatin1Char(' '), QLatin1Char('_'));
    if (base.isEmpty())
        base = QStringLiteral("project");
    const QString folder = document_->dialogFolder();
    const QString dir = folder.isEmpty() ? QDir::homePath() : folder;
    return QDir(dir).filePath(base + suffix);
}

QString ExportActions::exportReport(const QString& path, QPageSize::PageSizeId pageSize) {
    engine_->waitUntilIdle();
    const ReportInput input =
        makeReportInput(document_->project(), document_->filePath(), engine_->current(),
                        controller_->focus(), QCoreApplication::applicationDirPath().toStdString());
    const ReportResult r = writeReport(input, ReportOptions{pageSize}, path);
    if (r.error.isEmpty())
        emit statusMessage(
            tr("Report written to %1 (%2 pages)").arg(QDir::toNativeSeparators(path)).arg(r.pages));
    return r.error;
}

QString ExportActions::exportSweep(const QString& path) {
    engine_->waitUntilIdle();
    const auto e = engine_->current();
    const SweepExport data = explorationExport(*e, document_->filePath().toStdString());
    const QString suffix = QFileInfo(path).suffix().toLower();
    std::string error;
    if (suffix == QLatin1String("h5") || suffix == QLatin1String("hdf5"))
        error = writeSweepHdf5(data, path.toStdString());
    else if (suffix == QLatin1String("csv"))
        writeFileAtomically(path.toStdString(), sweepCsv(data), &error);
    else if (suffix == QLatin1String("json"))
        writeFileAtomically(path.toStdString(), sweepJsonText(data), &error);
    else
        return tr("%1: unknown data format '%2' (use .csv, .json or .h5)").arg(path, suffix);
    if (!error.empty())
        return QString::fromStdString(error);
    emit statusMessage(tr("Sweep written to %1").arg(QDir::toNativeSeparators(path)));
    return {};
}

QString ExportActions::exportNetwork(const QString& path) {
    std::string error;
    if (!saveNetworkFile(document_->project().network, path.toStdString(), &error))
        return QString::fromStdString(error);
    emit statusMessage(tr("Network written to %1").arg(QDir::toNativeSeparators(path)));
    return {};
}

void ExportActions::chooseReport() {
    // The filter chooses the paper: the user's last choice, else the locale's.
    const QString a4 = tr("PDF report, A4 (*.pdf)");
    const QString letter = tr("PDF report, US Letter (*.pdf)");
    QSettings settings;
    const bool wasLetter =
        settings
            .value(QStringLiteral("report/letter"), defaultReportPageSize() == QPageSize::Letter)
            .toBool();
    QString filter = wasLetter ? letter : a4;
    QString path = QFileDialog::getSaveFileName(parent_, tr("Export Report"),
                                                suggestedName(QStringLiteral("-report.pdf")),
                                                a4 + QStringLiteral(";;") + letter, &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    const bool isLetter = filter == letter;
    settings.setValue(QStringLiteral("report/letter"), isLetter);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    emit statusMessage(tr("Writing the report..."));
    const QString error = exportReport(path, isLetter ? QPageSize::Letter : QPageSize::A4);
    QApplication::restoreOverrideCursor();
    if (!error.isEmpty())
        QMessageBox::warning(parent_, tr("Report not written"), error);
}

void ExportActions::chooseSweep() {
    const QString csv = tr("CSV, one line per estimate (*.csv)");
    const QString json = tr("JSON, points and summary (*.json)");
    const QString h5 = tr("HDF5, variant x MCU x clock arrays (*.h5 *.hdf5)");
    QString filter = csv;
    QString path = QFileDialog::getSaveFileName(
        parent_, tr("Export Sweep Data"), suggestedName(QStringLiteral("-sweep.csv")),
        QStringList{csv, json, h5}.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == json ? QStringLiteral(".json")
                : filter == h5 ? QStringLiteral(".h5")
                               : QStringLiteral(".csv");
    const QString error = exportSweep(path);
    if (!error.isEmpty())
        QMessageBox::warning(parent_, tr("Sweep not written"), error);
}

void ExportActions::chooseNetwork() {
    QString path = QFileDialog::getSaveFileName(parent_, tr("Export Network"),
                                                suggestedName(QStringLiteral(".network.json")),
                                                tr("Network JSON (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    const QString error = exportNetwork(path);
    if (!error.isEmpty())
        QMessageBox::warning(parent_, tr("Network not written"), error);
}

} // namespace zipcnn::gui
