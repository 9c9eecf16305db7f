// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace zipcnn::gui {

/// The report writer's command line (`zipcnn-report`, which `zipcnn-cli report` runs):
///   PROJECT -o FILE.pdf [--page-size A4|Letter] [--variant NAME --mcu NAME [--freq MHZ]]
/// PROJECT is a project file, or a model file (network JSON, Keras) with the default
/// candidates and variants (`openInput` decides which by content). The arguments are parsed
/// by the command line's own parser (app/cli/CliArgs); the report itself is drawn from values
/// (project, exploration, focus, page size) by widgets/report. Without --variant/--mcu the
/// per-layer breakdown is of the least-energy feasible configuration (`defaultFocus`). Needs a
/// QApplication. Returns the exit status: 0, 1 when the input or the output fails, 2 for a
/// wrong command line.
int runReportCommand(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace zipcnn::gui
