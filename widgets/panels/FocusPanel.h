// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Exploration.h"
#include "explore/ExplorationFocus.h"

#include <QLabel>
#include <memory>
#include <optional>

namespace zipcnn::gui {

/// The answer for the focused feasibility cell, in full: whether it fits and why not, the
/// feasible clocks, the latency, energy and power at the focused (or least-energy) clock, Flash
/// and RAM against what the reserves leave, and the estimate's basis and expected error. The
/// text can be selected and copied.
class FocusPanel : public QLabel {
    Q_OBJECT

public:
    explicit FocusPanel(QWidget* parent = nullptr);

    void showFocus(const std::shared_ptr<const Exploration>& exploration,
                   const std::optional<ExplorationFocus>& focus);

    /// The panel's content for `focus` as HTML (tests and the report read it).
    static QString focusHtml(const Exploration& exploration, const ExplorationFocus& focus);
    /// The device at the focused point: battery life, average current, the inference's share,
    /// and the longest-life clock when it is another one.
    static QString deviceLine(const SweepCell& cell, const SweepPoint& point);
};

} // namespace zipcnn::gui
