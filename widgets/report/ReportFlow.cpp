// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportFlow.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QTextDocument>
#include <algorithm>
#include <numeric>

namespace zipcnn::gui {

namespace {

constexpr double kCellPad = ReportFlow::kCellPadding;
const QColor kRule(0x9a, 0xa3, 0xad);
const QColor kHeaderShade(0xe4, 0xe9, 0xef);
const QColor kAccent(0x1f, 0x4e, 0x79);

QTextDocument* makeDocument(QPaintDevice* device, const QString& html, double fontPt,
                            double width) {
    auto* doc = new QTextDocument;
    doc->documentLayout()->setPaintDevice(device);
    doc->setUseDesignMetrics(true);
    doc->setDefaultFont(ReportFlow::font(fontPt));
    doc->setDocumentMargin(0);
    doc->setHtml(html);
    doc->setTextWidth(width);
    return doc;
}

/// Pieces of a cell's text that stay together: each ends after a space or after a character a
/// layer name may be broken after ("block_3/conv" -> "block_", "3/", "conv").
QStringList breakableTokens(const QString& text) {
    QStringList tokens;
    QString current;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        current += c;
        const bool spaceEnds = c.isSpace() && (i + 1 == text.size() || !text[i + 1].isSpace());
        const bool nameBreak =
            !c.isSpace() && QStringLiteral("_/.:-").contains(c) && i + 1 < text.size();
        if (spaceEnds || nameBreak) {
            tokens << current;
            current.clear();
        }
    }
    if (!current.isEmpty())
        tokens << current;
    return tokens;
}

double visibleWidth(const QFontMetricsF& fm, const QString& line) {
    int end = line.size();
    while (end > 0 && line[end - 1].isSpace())
        --end;
    return fm.horizontalAdvance(line.left(end));
}

/// Draws `doc` with its top left at `at`; nothing without a painter (the measuring pass).
void drawDocument(QPainter* painter, QTextDocument& doc, QPointF at) {
    if (!painter)
        return;
    painter->save();
    painter->translate(at);
    doc.drawContents(painter);
    painter->restore();
}

} // namespace

QStringList ReportFlow::wrapCell(const QString& text, const QFont& font, double width,
                                 QPaintDevice* device) {
    const QFontMetricsF fm(font, device);
    QStringList lines;
    const QStringList paragraphs = text.split(QLatin1Char('\n'));
    for (int p = 0; p < paragraphs.size(); ++p) {
        QString line;
        for (const QString& token : breakableTokens(paragraphs[p])) {
            if (line.isEmpty() || visibleWidth(fm, line + token) <= width) {
                line += token;
            } else {
                lines << line;
                line = token;
            }
            // A piece wider than the column on its own is broken between letters.
            while (visibleWidth(fm, line) > width && line.trimmed().size() > 1) {
                int n = 1;
                while (n < line.size() && fm.horizontalAdvance(line.left(n + 1)) <= width)
                    ++n;
                lines << line.left(n);
                line = line.mid(n);
            }
        }
        // The newline stays in the text (at the end of its paragraph's last line).
        lines << (p + 1 < paragraphs.size() ? line + QLatin1Char('\n') : line);
    }
    return lines;
}

std::vector<double> ReportFlow::columnWidths(const ReportTable& t) const {
    std::vector<double> rel = t.widths;
    rel.resize(t.header.size(), 1.0);
    const double total = std::accumulate(rel.begin(), rel.end(), 0.0);
    std::vector<double> widths;
    for (double w : rel)
        widths.push_back(content_.width() * w / total);
    return widths;
}

ReportFlow::ReportFlow(QPaintDevice* device, QPainter* painter, const QPageLayout& layout,
                       std::function<void()> newPage)
    : device_(device), painter_(painter), newPageFn_(std::move(newPage)) {
    const int dpi = device->logicalDpiX();
    pageRect_ = QRectF(QPointF(0, 0), layout.fullRectPixels(dpi).size());
    // The painter of a QPdfWriter starts at the top-left corner of the margins.
    content_ = QRectF(QPointF(0, 0), layout.paintRectPixels(dpi).size());
    // Keep room for the footer inside the margins.
    content_.setBottom(content_.bottom() - 24.0);
    y_ = content_.top();
}

QFont ReportFlow::font(double pointSize, bool bold) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    // A (negligible) letter spacing turns ligatures off, so that "fi" stays two letters and
    // searching the PDF for "configuration" finds it.
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return f;
}

void ReportFlow::footer() {
    if (!painter_ || page_ == 1)
        return;
    const QFont f = font(7.5);
    painter_->save();
    painter_->setFont(f);
    painter_->setPen(QColor(0x55, 0x5f, 0x6a));
    const double top = content_.bottom() + 10.0;
    painter_->drawLine(QPointF(content_.left(), top), QPointF(content_.right(), top));
    const QRectF band(content_.left(), top + 3.0, content_.width(), 14.0);
    painter_->drawText(band, Qt::AlignLeft | Qt::AlignVCenter, footer_);
    const QString number = pageCount_ > 0 ? QObject::tr("Page %1 of %2").arg(page_).arg(pageCount_)
                                          : QObject::tr("Page %1").arg(page_);
    painter_->drawText(band, Qt::AlignRight | Qt::AlignVCenter, number);
    painter_->restore();
}

void ReportFlow::newPage() {
    footer();
    if (painter_ && newPageFn_)
        newPageFn_();
    ++page_;
    y_ = content_.top();
}

void ReportFlow::finish() {
    footer();
}

void ReportFlow::space(double height) {
    y_ = std::min(y_ + height, content_.bottom());
}

void ReportFlow::heading(int level, const QString& text, bool numbered, double keepWithNext) {
    level = std::clamp(level, 1, 3);
    QString label = text;
    if (numbered) {
        ++sectionNumbers_[level - 1];
        for (int l = level; l < 3; ++l)
            sectionNumbers_[l] = 0;
        QStringList parts;
        for (int l = 0; l < level; ++l)
            parts << QString::number(sectionNumbers_[l]);
        label = parts.join(QLatin1Char('.')) + QStringLiteral("  ") + text;
    }
    const double size = level == 1 ? 15.0 : level == 2 ? 11.5 : 10.0;
    const QFont f = font(size, true);
    const QFontMetricsF fm(f, device_);
    const double above = y_ == content_.top() ? 0.0 : (level == 1 ? 18.0 : 10.0);
    const double height = fm.height() + (level == 1 ? 10.0 : 5.0);
    // Keep a heading with what follows it; a chapter starts on a new page when little is left.
    const double keep = keepWithNext > 0 ? keepWithNext
                        : level == 1     ? content_.height() / 3.0
                                         : 90.0;
    if (y_ > content_.top() && remaining() < above + height + keep)
        newPage();
    else
        y_ += above;
    if (numbered)
        toc_.push_back({level, label, page_});
    if (painter_) {
        painter_->save();
        painter_->setFont(f);
        painter_->setPen(kAccent);
        painter_->drawText(QRectF(content_.left(), y_, content_.width(), fm.height()),
                           Qt::AlignLeft | Qt::AlignVCenter, label);
        if (level == 1) {
            painter_->setPen(QPen(kAccent, 1.2));
            const double rule = y_ + fm.height() + 3.0;
            painter_->drawLine(QPointF(content_.left(), rule), QPointF(content_.right(), rule));
        }
        painter_->restore();
    }
    y_ += height;
}

void ReportFlow::paragraph(const QString& html, double fontPt) {
    std::unique_ptr<QTextDocument> doc(makeDocument(device_, html, fontPt, content_.width()));
    const double height = doc->size().height();
    if (height > remaining() && y_ > content_.top())
        newPage();
    drawDocument(painter_, *doc, QPointF(content_.left(), y_));
    y_ += height + 6.0;
}

double ReportFlow::rowHeight(const ReportTable& t, const QStringList& cells,
                             const std::vector<double>& widths, const QFont& f) const {
    const QFontMetricsF fm(f, device_);
    int lines = 1;
    for (int c = 0; c < cells.size() && c < static_cast<int>(widths.size()); ++c)
        lines =
            std::max<int>(lines, wrapCell(cells[c], f, widths[c] - 2 * kCellPad, device_).size());
    (void)t;
    return fm.height() + (lines - 1) * fm.lineSpacing() + 2 * kCellPad;
}

void ReportFlow::drawRow(const ReportTable& t, const QStringList& cells,
                         const std::vector<double>& widths, const QFont& f, double height,
                         const std::vector<QColor>* shade, bool header) {
    if (!painter_)
        return;
    painter_->save();
    painter_->setFont(f);
    const QFontMetricsF fm(f, device_);
    double x = content_.left();
    for (int c = 0; c < static_cast<int>(widths.size()); ++c) {
        const QRectF cell(x, y_, widths[c], height);
        QColor bg = header ? kHeaderShade : QColor();
        if (shade && c < static_cast<int>(shade->size()) && (*shade)[c].isValid())
            bg = (*shade)[c];
        if (bg.isValid())
            painter_->fillRect(cell, bg);
        painter_->setPen(Qt::black);
        const Qt::Alignment a = c < static_cast<int>(t.align.size()) ? t.align[c] : Qt::AlignLeft;
        if (c < cells.size()) {
            // Line by line, as wrapCell() measured them: nothing is clipped.
            const double inner = widths[c] - 2 * kCellPad;
            double ly = y_ + kCellPad;
            for (const QString& line : wrapCell(cells[c], f, inner, device_)) {
                painter_->drawText(QRectF(x + kCellPad, ly, inner, fm.height()),
                                   (a & Qt::AlignHorizontal_Mask) | Qt::AlignTop | Qt::TextDontClip,
                                   line.trimmed());
                ly += fm.lineSpacing();
            }
        }
        x += widths[c];
    }
    painter_->setPen(QPen(kRule, header ? 0.9 : 0.4));
    painter_->drawLine(QPointF(content_.left(), y_ + height), QPointF(x, y_ + height));
    painter_->restore();
}

void ReportFlow::table(const ReportTable& t) {
    const int columns = static_cast<int>(t.header.size());
    if (columns == 0)
        return;
    const std::vector<double> widths = columnWidths(t);
    const QFont body = font(t.fontPt);
    const QFont head = font(t.fontPt, true);
    const double headerHeight = rowHeight(t, t.header, widths, head);

    auto startTable = [&](bool continued) {
        if (continued && painter_) {
            painter_->save();
            painter_->setFont(font(7.5));
            painter_->setPen(QColor(0x55, 0x5f, 0x6a));
            painter_->drawText(QRectF(content_.left(), y_, content_.width(), 12.0), Qt::AlignLeft,
                               QObject::tr("(continued)"));
            painter_->restore();
        }
        if (continued)
            y_ += 12.0;
        drawRow(t, t.header, widths, head, headerHeight, nullptr, true);
        y_ += headerHeight;
    };
    const double firstRow = t.rows.empty() ? 0.0 : rowHeight(t, t.rows.front(), widths, body);
    if (remaining() < headerHeight + firstRow + 20.0 && y_ > content_.top())
        newPage();
    startTable(false);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const bool bold = r < t.strong.size() && t.strong[r];
        const QFont& f = bold ? head : body;
        const double h = rowHeight(t, t.rows[r], widths, f);
        if (h > remaining()) {
            newPage();
            startTable(true);
        }
        drawRow(t, t.rows[r], widths, f, h, r < t.shade.size() ? &t.shade[r] : nullptr, false);
        y_ += h;
    }
    if (!t.caption.isEmpty())
        caption(t.caption);
    y_ += 8.0;
}

void ReportFlow::caption(const QString& text) {
    std::unique_ptr<QTextDocument> doc(makeDocument(
        device_, QStringLiteral("<i>%1</i>").arg(text.toHtmlEscaped()), 8.0, content_.width()));
    const double h = doc->size().height();
    y_ += 3.0;
    if (h > remaining())
        newPage();
    drawDocument(painter_, *doc, QPointF(content_.left(), y_));
    y_ += h;
}

void ReportFlow::figure(double height, const std::function<void(QPainter*, const QRectF&)>& draw,
                        const QString& captionText) {
    height = std::min(height, content_.height() - 40.0);
    if (height + 30.0 > remaining() && y_ > content_.top())
        newPage();
    const QRectF rect(content_.left(), y_, content_.width(), height);
    if (painter_) {
        painter_->save();
        draw(painter_, rect);
        painter_->restore();
    }
    y_ += height;
    if (!captionText.isEmpty())
        caption(captionText);
    y_ += 10.0;
}

} // namespace zipcnn::gui
