// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calibration/UserCalibration.h"
#include "explore/Targets.h"

#include <QWizard>
#include <optional>

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace zipcnn::gui {

/// Tools > Calibrate on Measurements...: the runtime's kernel costs fitted on latencies (and
/// currents) the user measured on their board (docs/measurement-format.md, "Your own
/// measurements"). Choose the CSV, pick the MCU and the runtime, see the fit: the residual of
/// every point, in sample and leave one network out, and the estimate against the measurement
/// on log-log axes with the y = x line; Save Profile writes the user profile, which the window
/// then uses for that (MCU, runtime) pair.
class CalibrateWizard : public QWizard {
    Q_OBJECT

public:
    enum Page { CsvPage, TargetPage, FitPage };

    explicit CalibrateWizard(const Catalogs& catalogs, QWidget* parent = nullptr);

    QLineEdit* csvEdit() const { return csv_; }
    QComboBox* mcuBox() const { return mcu_; }
    QComboBox* runtimeBox() const { return runtime_; }
    QTableWidget* residualTable() const { return table_; }
    QCustomPlot* chart() const { return plot_; }
    QLabel* summaryLabel() const { return summary_; }
    /// The fit of the last visit to the fit page (none before).
    const std::optional<UserCalibrationResult>& result() const { return result_; }
    /// Writes the fitted profile to the user's data folder; false when there is none or the file
    /// cannot be written (the summary says why).
    bool saveProfile();
    QString savedFile() const { return savedFile_; }

    void accept() override;

private:
    void readCsv();
    void fit();
    void drawChart();

    const Catalogs& catalogs_;
    QLineEdit* csv_;
    QLabel* csvSummary_;
    QComboBox* mcu_;
    QComboBox* runtime_;
    QLabel* summary_;
    QTableWidget* table_;
    QCustomPlot* plot_;
    std::optional<MeasurementTable> table_csv;
    std::optional<UserCalibrationResult> result_;
    QString savedFile_;
};

} // namespace zipcnn::gui
