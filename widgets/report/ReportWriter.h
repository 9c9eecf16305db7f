// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportSections.h"

#include <QByteArray>
#include <QPageLayout>
#include <QPageSize>
#include <QString>

namespace zipcnn::gui {

struct ReportOptions {
    QPageSize::PageSizeId pageSize = QPageSize::A4;
};

/// What writing a report gave.
struct ReportResult {
    QString error; ///< empty on success; else names the file and the cause
    int pages = 0;
    double milliseconds = 0.0;
};

/// The design report as PDF bytes: title page, contents, network (with its graph), candidate
/// MCUs, constraints and variants, the abacus charts and the memory chart as vector graphics,
/// the feasibility table, the per-layer breakdown of the focused configuration, and the
/// accuracy of the estimates with the assumptions behind them. Needs a QApplication (the
/// charts are widgets); the offscreen platform is enough.
QByteArray renderReport(const ReportInput& input, const ReportOptions& options,
                        int* pages = nullptr);

/// Renders the report and writes it to `path` atomically (an older file stays whole when
/// writing fails).
ReportResult writeReport(const ReportInput& input, const ReportOptions& options,
                         const QString& path);

/// The pages of the report: `size`, portrait, its margins.
QPageLayout reportPageLayout(QPageSize::PageSizeId size);

/// "A4" or "Letter" to a page size; nullopt for anything else.
std::optional<QPageSize::PageSizeId> reportPageSize(const QString& name);
/// The page size of the user's locale (Letter in the US and Canada, else A4).
QPageSize::PageSizeId defaultReportPageSize();

} // namespace zipcnn::gui
