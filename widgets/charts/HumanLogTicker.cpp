// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/HumanLogTicker.h"

#include <cmath>

namespace zipcnn::gui {

HumanLogTicker::HumanLogTicker(std::function<std::string(double)> format)
    : format_(std::move(format)) {
    setLogBase(10);
    setSubTickCount(8);
}

QString HumanLogTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return format_ ? trimZeros(format_(tick)) : QString::number(tick);
}

QVector<double> HumanLogTicker::batteryLifeTicks() {
    constexpr double day = 24.0, year = 8766.0, month = year / 12.0;
    return {1.0,       6.0,  day,      7 * day,  month,     3 * month,
            6 * month, year, 2 * year, 5 * year, 10 * year, 20 * year};
}

QVector<double> HumanLogTicker::periodTicks() {
    return {0.001, 0.01, 0.1, 1.0, 10.0, 60.0, 600.0, 3600.0, 6 * 3600.0, 86400.0, 7 * 86400.0};
}

QVector<double> HumanLogTicker::createTickVector(double tickStep, const QCPRange& range) {
    fine_ = false;
    const double lo = range.lower, hi = range.upper;
    if (!preferred_.isEmpty()) {
        QVector<double> ticks;
        for (double t : preferred_)
            if (t >= lo && t <= hi)
                ticks << t;
        if (ticks.size() >= 2) {
            fine_ = true; // uneven steps: no decade sub-ticks between them
            return ticks;
        }
    }
    if (!(lo > 0.0) || !(hi > lo) || std::log10(hi / lo) >= 2.5)
        return QCPAxisTickerLog::createTickVector(tickStep, range);
    const int first = static_cast<int>(std::floor(std::log10(lo)));
    const int last = static_cast<int>(std::ceil(std::log10(hi)));
    auto ticksWith = [&](std::initializer_list<double> mantissas) {
        QVector<double> ticks;
        for (int e = first; e <= last; ++e)
            for (double m : mantissas)
                if (const double t = m * std::pow(10.0, e); t >= lo && t <= hi)
                    ticks << t;
        return ticks;
    };
    QVector<double> ticks = ticksWith({1.0, 2.0, 5.0});
    if (ticks.size() < 3)
        ticks = ticksWith({1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0});
    if (ticks.size() < 2)
        return QCPAxisTickerLog::createTickVector(tickStep, range);
    fine_ = true;
    return ticks;
}

QVector<double> HumanLogTicker::createSubTickVector(int subTickCount,
                                                    const QVector<double>& ticks) {
    // Sub-ticks split decades; between 1-2-5 ticks they would be a grid of uneven lines.
    return fine_ ? QVector<double>() : QCPAxisTickerLog::createSubTickVector(subTickCount, ticks);
}

QString HumanLogTicker::trimZeros(const std::string& text) {
    QString s = QString::fromStdString(text);
    const qsizetype space = s.indexOf(QLatin1Char(' '));
    const qsizetype dot = s.indexOf(QLatin1Char('.'));
    if (dot < 0 || space < dot)
        return s;
    qsizetype end = space;
    while (end > dot + 1 && s.at(end - 1) == QLatin1Char('0'))
        --end;
    if (end == dot + 1)
        end = dot;
    return s.left(end) + s.mid(space);
}

} // namespace zipcnn::gui
