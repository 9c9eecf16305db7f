// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calibration/Validation.h"
#include "charts/AbacusChartData.h"
#include "explore/Exploration.h"
#include "explore/NetworkSummary.h"
#include "report/ReportFlow.h"

#include <QDateTime>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace zipcnn::gui {

/// Everything a design report shows, gathered before anything is drawn.
struct ReportInput {
    Project project;
    QString projectFile;                            ///< empty for an unsaved project
    std::shared_ptr<const Exploration> exploration; ///< never null
    std::optional<ExplorationFocus> focus;          ///< the configuration broken down by layer
    /// The focused configuration's costs, per layer (none when it cannot be estimated).
    std::optional<CostBreakdown> focusBreakdown;
    NetworkSummary summary;
    /// The measured error of the estimates (in-sample, leave-one-network-out,
    /// leave-one-configuration-out); empty when the measurements were not found.
    std::vector<ValidationReport> validation;
    QString measurementSource;
    QDateTime date;
};

/// Gathers the input of a report: the network's summary and the validation of the cost model on
/// the measurements shipped with the program (found next to `exeDir`). Without `focus`, the one
/// saved with the project when it still resolves, else the
/// least-energy feasible configuration (`defaultFocus`).
ReportInput makeReportInput(const Project& project, const QString& projectFile,
                            std::shared_ptr<const Exploration> exploration,
                            std::optional<ExplorationFocus> focus, const std::string& exeDir);

/// The tables of the report, as values (tests read them without drawing anything).
namespace reportsections {

/// Quantity / value: layers, parameters, MACs, shapes, Flash and RAM in both formats.
ReportTable networkFacts(const ReportInput& in);
/// Primitive / applications, in the decomposition's order.
ReportTable primitiveCounts(const ReportInput& in);
/// The candidate MCUs: core, memories, clocks, supply, runtime of the LUTs, their source.
ReportTable mcus(const ReportInput& in);
/// The designer's limits and reserves.
ReportTable constraints(const ReportInput& in);
/// The variants: what they are, their Flash and RAM, the accuracy the user entered.
ReportTable variants(const ReportInput& in);
/// Variant x MCU: "fits 16 - 80 MHz; least energy at 48 MHz (0.42 mJ)" or "no: RAM +54 %".
ReportTable feasibilityMatrix(const ReportInput& in);
/// One row per feasible cell: its clock range, its least-energy clock and the costs there.
ReportTable feasibleCells(const ReportInput& in);
/// The focused configuration, layer by layer (type, output, MACs, latency, energy, share),
/// then the per-inference overhead and the total.
ReportTable layerBreakdown(const ReportInput& in);
/// The validation figures beside the thesis's own, per mode and per MCU.
ReportTable accuracy(const ReportInput& in);
/// Per candidate target: its basis, the calibration of its runtime on its core family
/// (points, in-sample, leave-one-model-out and leave-one-board-out latency errors, energy), and
/// the expected error of the focused variant on it (widened for unvalidated layers).
ReportTable targetConfidence(const ReportInput& in);
/// "INT8 on STM32L496ZG at 48 MHz" for the focus.
QString focusTitle(const ReportInput& in);
/// The focused variant when the focus is on one of the exploration's cells, else nullptr.
const CostVariant* focusVariant(const ReportInput& in);

} // namespace reportsections

} // namespace zipcnn::gui
