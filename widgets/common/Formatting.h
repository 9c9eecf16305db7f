// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/Decomposition.h"

#include <QString>
#include <QtGlobal>
#include <string>

namespace zipcnn::gui {

/// The engine's UTF-8 text as a QString (names, diagnostics, file paths).
QString qs(const std::string& s);

/// Counts with a thousands separator ("61,706"), the same on every locale so that screenshots,
/// tests and the command line's tables read alike.
QString formatCount(qint64 value);
/// Bytes in KiB with one decimal ("18.4 KiB", "1,455.2 KiB"); the unit MCU datasheets use.
QString formatKib(qint64 bytes);
/// A measured quantity with three significant digits, without exponent for the ranges the
/// explorer shows ("0.0123", "4.56", "123", "12,345").
QString formatNumber(double value);
/// A clock: "80 MHz", "0.2 MHz".
QString formatMhz(double mhz);
/// A clock range: "16 - 80 MHz", or one clock when both ends are equal.
QString formatMhzRange(double low, double high);

/// The primitives of one layer: "conv2d_5x5 x 4704, sigmoid x 4704".
QString formatPrimitives(const LayerPrimitives& primitives);

} // namespace zipcnn::gui
