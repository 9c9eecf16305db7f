// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Formatting.h"

#include <QStringList>
#include <algorithm>
#include <cmath>

namespace zipcnn::gui {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QString formatCount(qint64 value) {
    const QString digits = QString::number(value < 0 ? -value : value);
    QString out;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0)
            out += QLatin1Char(',');
        out += digits[i];
    }
    return value < 0 ? QLatin1Char('-') + out : out;
}

QString formatKib(qint64 bytes) {
    // Tenths of a KiB, rounded, so the integer part can take the same separators as counts.
    const qint64 tenths = (bytes * 10 + (bytes >= 0 ? 512 : -512)) / 1024;
    const qint64 whole = (tenths < 0 ? -tenths : tenths) / 10;
    const QString sign = tenths < 0 ? QStringLiteral("-") : QString();
    return QStringLiteral("%1%2.%3 KiB")
        .arg(sign, formatCount(whole))
        .arg((tenths < 0 ? -tenths : tenths) % 10);
}

QString formatNumber(double value) {
    if (!std::isfinite(value))
        return QStringLiteral("-");
    const double a = std::fabs(value);
    if (a >= 1000.0)
        return (value < 0 ? QStringLiteral("-") : QString()) +
               formatCount(static_cast<qint64>(std::llround(a)));
    if (a == 0.0)
        return QStringLiteral("0");
    // Three significant digits, written out in full ("0.000123", not "1.23e-04").
    const int decimals = std::max(0, 2 - static_cast<int>(std::floor(std::log10(a))));
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text;
}

QString formatMhz(double mhz) {
    return formatNumber(mhz) + QStringLiteral(" MHz");
}

QString formatMhzRange(double low, double high) {
    if (low == high)
        return formatMhz(low);
    return QStringLiteral("%1 - %2 MHz").arg(formatNumber(low), formatNumber(high));
}

QString formatPrimitives(const LayerPrimitives& primitives) {
    QStringList parts;
    for (const auto& p : primitives.primitives)
        parts << QStringLiteral("%1 x %2").arg(QString::fromStdString(p.id)).arg(p.count);
    return parts.join(QStringLiteral(", "));
}

} // namespace zipcnn::gui
