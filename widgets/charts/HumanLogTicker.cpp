// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/HumanLogTicker.h"

namespace zipcnn::gui {

HumanLogTicker::HumanLogTicker(std::function<std::string(double)> format)
    : format_(std::move(format)) {
    setLogBase(10);
    setSubTickCount(8);
}

QString HumanLogTicker::getTickLabel(double tick, const QLocale&, QChar, int) {
    return format_ ? trimZeros(format_(tick)) : QString::number(tick);
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
