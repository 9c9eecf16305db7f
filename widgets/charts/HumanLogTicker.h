// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <functional>
#include <qcustomplot.h>
#include <string>

namespace zipcnn::gui {

/// Ticks of a log axis labelled by `format` in the unit people read ("100 ms", "2.8 h", "1 mJ")
/// rather than "1e+07", the plotted values staying in the chart's fixed unit. A tick is exact,
/// so trailing zeros are dropped ("10.0 s" reads "10 s"). Over less than 2.5 decades the ticks
/// are 1, 2, 5 x 10^k (every mantissa when those are too few), not the evenly spaced linear
/// ticks QCustomPlot falls back to, which crowd at the top of a log axis.
class HumanLogTicker : public QCPAxisTickerLog {
public:
    explicit HumanLogTicker(std::function<std::string(double)> format);

    /// "10.0 s" -> "10 s", "1.50 mJ" -> "1.5 mJ"; text without a decimal point unchanged.
    static QString trimZeros(const std::string& text);

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;

private:
    std::function<std::string(double)> format_;
    bool fine_ = false; ///< the last ticks were 1-2-5 ones (no sub-ticks between them)
};

} // namespace zipcnn::gui
