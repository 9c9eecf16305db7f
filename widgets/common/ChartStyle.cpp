// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/ChartStyle.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSvgGenerator>
#include <array>

namespace zipcnn::gui::chartstyle {

QColor mcuColour(int index) {
    // Distinct hues of similar lightness (Okabe-Ito / Tableau-like), fine on white and dark grey.
    static const std::array<QColor, 8> colours = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xe6, 0x6c, 0x00), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf)};
    if (index < 0)
        return Qt::gray;
    return colours[static_cast<std::size_t>(index) % colours.size()];
}

QVector<qreal> variantDashes(int index) {
    static const std::array<QVector<qreal>, 6> dashes = {
        QVector<qreal>{},           QVector<qreal>{6, 3},  QVector<qreal>{1.5, 2.5},
        QVector<qreal>{8, 3, 2, 3}, QVector<qreal>{12, 4}, QVector<qreal>{4, 2, 1, 2, 1, 2}};
    return dashes[static_cast<std::size_t>(index) % dashes.size()];
}

QCPScatterStyle::ScatterShape variantMarker(int index) {
    static const std::array<QCPScatterStyle::ScatterShape, 7> shapes = {
        QCPScatterStyle::ssDisc,
        QCPScatterStyle::ssSquare,
        QCPScatterStyle::ssTriangle,
        QCPScatterStyle::ssDiamond,
        QCPScatterStyle::ssCircle,
        QCPScatterStyle::ssCross,
        QCPScatterStyle::ssTriangleInverted};
    return shapes[static_cast<std::size_t>(index) % shapes.size()];
}

void applyPalette(QCustomPlot* plot, const QPalette& palette) {
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    QColor grid = text;
    grid.setAlpha(45);
    QColor subGrid = text;
    subGrid.setAlpha(18);
    plot->setBackground(base);
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text));
            axis->setTickPen(QPen(text));
            axis->setSubTickPen(QPen(text));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::SolidLine));
            axis->grid()->setSubGridPen(QPen(subGrid, 1, Qt::DotLine));
        }
    if (plot->legend) {
        plot->legend->setBrush(base);
        plot->legend->setTextColor(text);
        plot->legend->setBorderPen(QPen(grid));
    }
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
            title->setTextColor(text);
}

QString exportPlot(QCustomPlot* plot, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("png")) {
        ok = plot->savePng(path, 0, 0, 2.0);
    } else if (suffix == QLatin1String("pdf")) {
        ok = plot->savePdf(path);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(plot->size());
        svg.setViewBox(QRect(QPoint(0, 0), plot->size()));
        svg.setTitle(QStringLiteral("ZIP-CNN Explorer chart"));
        QCPPainter painter;
        if (painter.begin(&svg)) {
            plot->toPainter(&painter, plot->width(), plot->height());
            ok = painter.end();
        }
        ok = ok && QFileInfo(path).size() > 0;
    } else {
        return QCoreApplication::translate("ChartStyle",
                                           "%1: unknown image format '%2' (use .png, .svg or .pdf)")
            .arg(path, suffix);
    }
    if (!ok)
        return QCoreApplication::translate("ChartStyle", "%1: could not be written").arg(path);
    return {};
}

QString exportFilter() {
    return QCoreApplication::translate(
        "ChartStyle", "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)");
}

} // namespace zipcnn::gui::chartstyle
