// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace zipcnn::gui {

class ConstraintSlider;
class ProjectDocument;

/// The designer's limits: maximum latency, energy and power (log sliders, each can be switched
/// off) and the RAM and Flash kept free for the rest of the firmware. Every change is an undo
/// command; a slider drag is one.
class ConstraintsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ConstraintsPanel(ProjectDocument* document, QWidget* parent = nullptr);

    ConstraintSlider* latency() const { return latency_; }
    ConstraintSlider* energy() const { return energy_; }
    ConstraintSlider* power() const { return power_; }
    ConstraintSlider* ramReserve() const { return ramReserve_; }
    ConstraintSlider* flashReserve() const { return flashReserve_; }
    /// Minimum battery life, months; enabled only when the project models the device.
    ConstraintSlider* batteryLife() const { return batteryLife_; }

signals:
    /// A slider of the panel was pressed (true) or released (false).
    void draggingChanged(bool dragging);

private:
    void showDocument();
    void push(ConstraintSlider* source, const QString& what, int dragSession);

    ProjectDocument* document_;
    ConstraintSlider* latency_;
    ConstraintSlider* energy_;
    ConstraintSlider* power_;
    ConstraintSlider* ramReserve_;
    ConstraintSlider* flashReserve_;
    ConstraintSlider* batteryLife_;
};

} // namespace zipcnn::gui
