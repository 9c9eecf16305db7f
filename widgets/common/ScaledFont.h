// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>

namespace zipcnn::gui {

/// `font` at `factor` times its point size: the smaller print of labels, legends and details,
/// kept relative so it follows the user's font size.
inline QFont scaledFont(QFont font, double factor) {
    font.setPointSizeF(font.pointSizeF() * factor);
    return font;
}

} // namespace zipcnn::gui
