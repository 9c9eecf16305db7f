// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Exploration.h"
#include "explore/ExplorationFocus.h"

#include <QWidget>
#include <memory>
#include <optional>

class QCustomPlot;
class QLabel;

namespace zipcnn::gui {

/// The whole device for the focused configuration (docs/device.md): battery life against the
/// inference period (log-log, the designer's second question: "how often can I afford to
/// run it?"), and the energy of one period split by block (inference, wake-up, sleep, each
/// load) as a stacked bar, so the network's share is in plain sight.
class DeviceView : public QWidget {
    Q_OBJECT

public:
    explicit DeviceView(QWidget* parent = nullptr);

    void setExploration(std::shared_ptr<const Exploration> exploration,
                        const std::optional<ExplorationFocus>& focus);
    QCustomPlot* lifePlot() const { return life_; }
    QCustomPlot* splitPlot() const { return split_; }
    /// What the view says instead of charts (no device model, no estimate), or empty.
    QString message() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void draw();

    QLabel* message_;
    QCustomPlot* life_;
    QCustomPlot* split_;
    std::shared_ptr<const Exploration> exploration_;
    std::optional<ExplorationFocus> focus_;
};

} // namespace zipcnn::gui
