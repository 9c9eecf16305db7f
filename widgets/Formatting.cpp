#include "Formatting.h"

#include <QStringList>

namespace zipcnn::gui {

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

QString formatPrimitives(const LayerPrimitives& primitives) {
    QStringList parts;
    for (const auto& p : primitives.primitives)
        parts << QStringLiteral("%1 x %2").arg(QString::fromStdString(p.id)).arg(p.count);
    return parts.join(QStringLiteral(", "));
}

} // namespace zipcnn::gui
