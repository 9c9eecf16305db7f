// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <functional>
#include <qcustomplot.h>
#include <string>

namespace zipcnn::gui {

/// Decade ticks of a log axis labelled by `format` in the unit people read ("100 ms", "2.8 h",
/// "1 mJ") rather than "1e+07", the plotted values staying in the chart's fixed unit. A tick is
/// exact, so trailing zeros are dropped ("10.0 s" reads "10 s").
class HumanLogTicker : public QCPAxisTickerLog {
public:
    explicit HumanLogTicker(std::function<std::string(double)> format);

    /// "10.0 s" -> "10 s", "1.50 mJ" -> "1.5 mJ"; text without a decimal point unchanged.
    static QString trimZeros(const std::string& text);

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    std::function<std::string(double)> format_;
};

} // namespace zipcnn::gui
