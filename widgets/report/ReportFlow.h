// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QPageLayout>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

class QPainter;
class QPaintDevice;

namespace zipcnn::gui {

/// A table of the report: a header, rows of text cells, relative column widths.
struct ReportTable {
    QStringList header;
    std::vector<double> widths;       ///< relative; one per column
    std::vector<Qt::Alignment> align; ///< per column; left when absent
    std::vector<QStringList> rows;
    std::vector<std::vector<QColor>> shade; ///< optional cell backgrounds, row x column
    std::vector<bool> strong;               ///< optional bold rows (totals)
    QString caption;
    double fontPt = 8.0;
};

/// A heading as the table of contents lists it.
struct ReportTocEntry {
    int level = 1;
    QString text;
    int page = 0; ///< 1-based
};

/// Lays the report out on pages: headings, paragraphs, tables that continue on the next page
/// with their header repeated, and figures drawn by a callback, with a running footer
/// ("page N of M"). Units are the paint device's (96 dpi, so fonts and charts measure as on
/// screen). Without a painter it only measures: a first pass finds the pages of the headings
/// for the table of contents and the page count, the second draws.
class ReportFlow {
public:
    /// `device` gives the metrics; `painter` (on that device, or nullptr to measure only).
    /// `newPage` asks the device for the next page (QPdfWriter::newPage) when drawing.
    ReportFlow(QPaintDevice* device, QPainter* painter, const QPageLayout& layout,
               std::function<void()> newPage);

    /// "Project · ZIP-CNN Explorer report" on the left of every footer but the first page's.
    void setFooter(const QString& text) { footer_ = text; }
    /// The page count, known after a measuring pass, for "page N of M".
    void setPageCount(int pages) { pageCount_ = pages; }

    QRectF contentRect() const { return content_; }
    double remaining() const { return content_.bottom() - y_; }
    double y() const { return y_; }
    int page() const { return page_; }
    bool drawing() const { return painter_ != nullptr; }
    QPainter* painter() const { return painter_; }
    QPaintDevice* device() const { return device_; }

    void newPage();
    void space(double height);
    /// A numbered heading ("2.1 Latency"), listed in `toc()`. It goes to the next page unless
    /// `keepWithNext` (default: a third of the page for a chapter, a few lines for a section)
    /// remains below it.
    void heading(int level, const QString& text, bool numbered = true, double keepWithNext = 0);
    /// Rich text (Qt's HTML subset), wrapped to the content width.
    void paragraph(const QString& html, double fontPt = 9.5);
    void table(const ReportTable& table);
    /// A figure of `height` drawn by `draw` into the content-wide rectangle it gets (a new
    /// page first when it does not fit), then its caption.
    void figure(double height, const std::function<void(QPainter*, const QRectF&)>& draw,
                const QString& caption);
    /// Ends the last page (its footer).
    void finish();

    const std::vector<ReportTocEntry>& toc() const { return toc_; }

    /// Fonts of the report (sizes in points).
    static QFont font(double pointSize, bool bold = false);

    /// The lines a table cell's `text` takes in a column `width` wide: broken at spaces, else
    /// after '_', '/', '.', ':' or '-' (layer names), else between letters, so that a name is
    /// never cut, only wrapped. The lines joined give `text` back; each, less its trailing
    /// spaces, is at most `width` wide (in `device`'s units) unless a single letter is wider.
    static QStringList wrapCell(const QString& text, const QFont& font, double width,
                                QPaintDevice* device);
    /// The width of each column of `table` on this flow's pages (cell padding included).
    std::vector<double> columnWidths(const ReportTable& table) const;
    /// The padding of a table cell on each side.
    static constexpr double kCellPadding = 3.0;

private:
    double rowHeight(const ReportTable& t, const QStringList& cells,
                     const std::vector<double>& widths, const QFont& f) const;
    void drawRow(const ReportTable& t, const QStringList& cells, const std::vector<double>& widths,
                 const QFont& f, double height, const std::vector<QColor>* shade, bool header);
    void caption(const QString& text);
    void footer();

    QPaintDevice* device_;
    QPainter* painter_;
    QRectF pageRect_;
    QRectF content_;
    std::function<void()> newPageFn_;
    double y_ = 0.0;
    int page_ = 1;
    int pageCount_ = 0;
    QString footer_;
    std::vector<ReportTocEntry> toc_;
    int sectionNumbers_[3] = {0, 0, 0};
};

} // namespace zipcnn::gui
