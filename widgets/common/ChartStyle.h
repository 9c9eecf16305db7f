// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <QStringList>
#include <Qt>
#include <qcustomplot.h>

namespace zipcnn::gui {

/// The colours and line styles shared by every chart, so an MCU has the same colour and a
/// variant the same line style on the latency, energy, power and memory charts.
namespace chartstyle {

/// Colour of the MCU at `index` in the catalogue, readable on light and dark backgrounds.
QColor mcuColour(int index);
/// Dash pattern of the variant at `index` (solid first).
QVector<qreal> variantDashes(int index);
/// Marker of the variant at `index` for characterised points.
QCPScatterStyle::ScatterShape variantMarker(int index);
/// Applies the widget palette (background, axes, grid, text) to `plot`; call again on a
/// palette change so a dark theme stays readable.
void applyPalette(QCustomPlot* plot, const QPalette& palette);
/// Writes `plot` to `path` as PNG, SVG or PDF, chosen by the suffix. Returns an empty string,
/// or the reason it failed naming the file.
QString exportPlot(QCustomPlot* plot, const QString& path);
/// File-dialog filter for `exportPlot`.
QString exportFilter();

} // namespace chartstyle

} // namespace zipcnn::gui
