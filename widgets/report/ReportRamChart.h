// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRectF>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <vector>

class QPainter;
class QPaintDevice;

namespace zipcnn {
struct CostVariant;
}

namespace zipcnn::gui {

/// Beyond this many layers the report's per-layer RAM profile names only some of its bars, so
/// the report adds the chart of the layers that need the most RAM, each named in full.
constexpr std::size_t kReportProfileLayers = 40;
/// How many layers that chart shows.
constexpr std::size_t kReportTopRamLayers = 25;

/// The layers of a variant that need the most RAM (thesis rule), largest first.
struct RamTopLayers {
    struct Row {
        QString name;
        std::int64_t bytes = 0;
        bool peak = false;
        std::size_t position = 0; ///< 1-based, in the network's order
    };
    std::vector<Row> rows;
    std::size_t hidden = 0; ///< the layers not shown
};

/// The `count` layers of `variant` with the most RAM (ties in network order, the peak layer first).
RamTopLayers topRamLayers(const CostVariant& variant, std::size_t count = kReportTopRamLayers);

/// A RAM budget drawn across the profile: the MCUs that have it, in bytes.
struct RamBudgetLine {
    QString label;
    double bytes = 0.0;
};

/// The RAM (thesis rule) of every layer of `variant` in network order as bars, unnamed (a long
/// network's shape; `drawRamTopLayers` names the layers that matter), positions on the axis,
/// the peak in red, and each budget a dashed line with its label.
void drawRamProfile(const CostVariant& variant, const std::vector<RamBudgetLine>& budgets,
                    QPainter* painter, const QRectF& rect);

/// The height the chart of `top` takes at `width` on `device` (the report's 96 dpi units).
double ramTopLayersHeight(const RamTopLayers& top, double width, QPaintDevice* device);

/// Draws `top` into `rect` as horizontal bars, a full name and a size on each, and a line
/// saying how many layers are not shown.
void drawRamTopLayers(const RamTopLayers& top, QPainter* painter, const QRectF& rect);

} // namespace zipcnn::gui
