// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportFlow.h"

#include <QPainter>
#include <QRectF>
#include <algorithm>
#include <qcustomplot.h>

namespace zipcnn::gui {

/// Draws `plot`, laid out at `w` x `h` pixels as on screen, scaled into `rect` and centred
/// across it: the report's charts keep the window's proportions at any page size.
inline void drawPlotScaled(QCustomPlot* plot, QPainter* painter, const QRectF& rect, int w, int h) {
    painter->save();
    painter->translate(rect.topLeft());
    const double s = std::min(rect.width() / w, rect.height() / h);
    painter->translate((rect.width() - w * s) / 2.0, 0.0);
    painter->scale(s, s);
    plot->toPainter(static_cast<QCPPainter*>(painter), w, h);
    painter->restore();
}

/// `plot` as a figure of the report, laid out at `w` x `h` pixels and as wide as the page's
/// text, with its caption.
inline void plotFigure(ReportFlow& flow, QCustomPlot* plot, int w, int h, const QString& caption) {
    flow.figure(
        flow.contentRect().width() * h / w,
        [plot, w, h](QPainter* p, const QRectF& r) { drawPlotScaled(plot, p, r, w, h); }, caption);
}

} // namespace zipcnn::gui
