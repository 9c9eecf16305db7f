#pragma once

#include "Decomposition.h"

#include <QString>
#include <QtGlobal>

namespace zipcnn::gui {

/// Counts with a thousands separator ("61,706"), the same on every locale so that screenshots,
/// tests and the command line's tables read alike.
QString formatCount(qint64 value);
/// Bytes in KiB with one decimal ("18.4 KiB", "1,455.2 KiB"); the unit MCU datasheets use.
QString formatKib(qint64 bytes);
/// The primitives of one layer: "conv2d_5x5 x 4704, sigmoid x 4704".
QString formatPrimitives(const LayerPrimitives& primitives);

} // namespace zipcnn::gui
