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

    /// Ticks at these values when at least two of them fall in the range (durations read best
    /// at 1 day, 1 week, 1 month, 1 year rather than at 100 h, 1000 h).
    void setPreferredTicks(QVector<double> ticks) { preferred_ = std::move(ticks); }
    /// Battery lives in hours: 1 h, 6 h, 1 day, 1 week, 1, 3 and 6 months, 1, 2, 5, 10, 20 years.
    static QVector<double> batteryLifeTicks();
    /// Durations in seconds: 1-10-100 ms, 1 s, 10 s, 1 min, 10 min, 1 h, 6 h, 1 day, 1 week.
    static QVector<double> periodTicks();

    /// "10.0 s" -> "10 s", "1.50 mJ" -> "1.5 mJ"; text without a decimal point unchanged.
    static QString trimZeros(const std::string& text);

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;

private:
    std::function<std::string(double)> format_;
    QVector<double> preferred_;
    bool fine_ = false; ///< the last ticks were 1-2-5 ones (no sub-ticks between them)
};

} // namespace zipcnn::gui
