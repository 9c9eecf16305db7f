// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QSlider;

namespace zipcnn::gui {

/// One constraint: a check box (off = unconstrained, for the limits), a slider (logarithmic
/// when the range spans decades) and a spin box with the unit, kept in step.
class ConstraintSlider : public QWidget {
    Q_OBJECT

public:
    /// `optional`: the constraint can be switched off (the limits; reserves are always on).
    ConstraintSlider(const QString& label, const QString& unit, double min, double max,
                     bool logarithmic, bool optional, QWidget* parent = nullptr);

    /// The value, or nullopt when switched off.
    std::optional<double> value() const;
    /// Shows `value` without emitting anything (for updates from the document).
    void setValue(std::optional<double> value);

    QSlider* slider() const { return slider_; }
    QDoubleSpinBox* spinBox() const { return spin_; }
    QCheckBox* checkBox() const { return check_; }
    /// Slider position <-> value, exposed for tests.
    double valueAt(int position) const;
    int positionOf(double value) const;

signals:
    /// The user changed the value. `dragSession` is non-zero while the slider is being dragged:
    /// every change of one drag carries the same number.
    void edited(std::optional<double> value, int dragSession);
    /// The slider was pressed (true) or released (false).
    void draggingChanged(bool dragging);

private:
    void onSliderMoved(int position);
    void emitEdited();

    QCheckBox* check_;
    QSlider* slider_;
    QDoubleSpinBox* spin_;
    double min_;
    double max_;
    bool log_;
    int dragSession_ = 0;
    static int nextSession_;
};

} // namespace zipcnn::gui
