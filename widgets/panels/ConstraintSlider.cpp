// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/ConstraintSlider.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <algorithm>
#include <cmath>

namespace zipcnn::gui {

int ConstraintSlider::nextSession_ = 0;

namespace {
constexpr int kSteps = 1000;
}

namespace {

/// A spin box that writes "250 ms" and "0.05 mJ" rather than "250.000 ms": the decimals are
/// kept for typing and stepping, the trailing zeros are not shown.
class TrimmedSpinBox : public QDoubleSpinBox {
public:
    using QDoubleSpinBox::QDoubleSpinBox;

protected:
    QString textFromValue(double value) const override {
        QString s = locale().toString(value, 'f', decimals());
        s.remove(locale().groupSeparator());
        const QString point = locale().decimalPoint();
        if (s.contains(point)) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(point))
                s.chop(point.size());
        }
        return s;
    }
};

} // namespace

ConstraintSlider::ConstraintSlider(const QString& label, const QString& unit, double min,
                                   double max, bool logarithmic, bool optional, QWidget* parent)
    : QWidget(parent), check_(new QCheckBox(label, this)),
      slider_(new QSlider(Qt::Horizontal, this)), spin_(new TrimmedSpinBox(this)), min_(min),
      max_(max), log_(logarithmic) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    if (optional) {
        check_->setToolTip(tr("Untick to leave this unconstrained"));
        layout->addWidget(check_);
    } else {
        check_->setChecked(true);
        check_->hide();
        layout->addWidget(new QLabel(label, this));
    }
    slider_->setRange(0, kSteps);
    slider_->setPageStep(kSteps / 20);
    layout->addWidget(slider_, 1);
    spin_->setRange(min, max);
    spin_->setDecimals(log_ ? 3 : 1);
    spin_->setSuffix(QLatin1Char(' ') + unit);
    spin_->setKeyboardTracking(false); // one change per Enter or arrow, not per digit typed
    spin_->setAccelerated(true);
    spin_->setMinimumWidth(spin_->fontMetrics().horizontalAdvance(QStringLiteral("100000.000 mJ")));
    if (log_)
        spin_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    layout->addWidget(spin_);
    slider_->setAccessibleName(label);
    spin_->setAccessibleName(label);

    connect(slider_, &QSlider::sliderPressed, this, [this] {
        dragSession_ = ++nextSession_;
        emit draggingChanged(true);
    });
    connect(slider_, &QSlider::sliderReleased, this, [this] {
        dragSession_ = 0;
        emit draggingChanged(false);
    });
    connect(slider_, &QSlider::valueChanged, this, &ConstraintSlider::onSliderMoved);
    connect(spin_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        const QSignalBlocker block(slider_);
        slider_->setValue(positionOf(v));
        emitEdited();
    });
    connect(check_, &QCheckBox::toggled, this, [this](bool on) {
        slider_->setEnabled(on);
        spin_->setEnabled(on);
        emitEdited();
    });
    setValue(std::nullopt);
}

double ConstraintSlider::valueAt(int position) const {
    const double t = static_cast<double>(position) / kSteps;
    if (log_)
        return min_ * std::pow(max_ / min_, t);
    return min_ + (max_ - min_) * t;
}

int ConstraintSlider::positionOf(double value) const {
    double t = 0.0;
    if (log_)
        t = value > 0.0 ? std::log(value / min_) / std::log(max_ / min_) : 0.0;
    else
        t = (value - min_) / (max_ - min_);
    return static_cast<int>(std::lround(std::clamp(t, 0.0, 1.0) * kSteps));
}

std::optional<double> ConstraintSlider::value() const {
    if (!check_->isChecked())
        return std::nullopt;
    return spin_->value();
}

void ConstraintSlider::setValue(std::optional<double> value) {
    const QSignalBlocker b1(check_), b2(slider_), b3(spin_);
    check_->setChecked(value.has_value());
    slider_->setEnabled(value.has_value());
    spin_->setEnabled(value.has_value());
    if (value) {
        spin_->setValue(*value);
        slider_->setValue(positionOf(*value));
    }
}

void ConstraintSlider::onSliderMoved(int position) {
    double v = valueAt(position);
    if (log_) {
        // Three significant digits: a dragged limit reads "12.3 ms", not "12.2857 ms".
        const double scale = std::pow(10.0, std::floor(std::log10(v)) - 2);
        v = std::round(v / scale) * scale;
    } else {
        v = std::round(v);
    }
    const QSignalBlocker block(spin_);
    spin_->setValue(v);
    emitEdited();
}

void ConstraintSlider::emitEdited() {
    emit edited(value(), slider_->isSliderDown() ? dragSession_ : 0);
}

} // namespace zipcnn::gui
