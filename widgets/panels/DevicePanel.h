// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/DeviceModel.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace zipcnn::gui {

class ProjectDocument;

/// The whole device around the network (docs/device.md): one inference every period, the MCU
/// asleep in between, other loads, the battery and its regulator. Off, the estimates are for
/// one inference alone; on, every point gains its battery life and the battery-life
/// constraint applies. Each edit is one undo step (SetDeviceCommand).
class DevicePanel : public QWidget {
    Q_OBJECT

public:
    explicit DevicePanel(ProjectDocument* document, QWidget* parent = nullptr);

    QCheckBox* enabledBox() const { return enabled_; }
    QDoubleSpinBox* periodBox() const { return period_; }
    QComboBox* batteryBox() const { return battery_; }
    QTableWidget* loadsTable() const { return loads_; }

private:
    void showDocument();
    /// The model the fields describe now.
    DeviceModel fromFields() const;
    void push(const QString& what);
    void addLoad();
    void removeLoad();

    ProjectDocument* document_;
    bool showing_ = false; ///< filling the fields from the document: no edits
    QCheckBox* enabled_;
    QWidget* fields_;
    QDoubleSpinBox* period_;
    QComboBox* battery_;
    QDoubleSpinBox* capacity_;
    QDoubleSpinBox* voltage_;
    QDoubleSpinBox* usable_;
    QDoubleSpinBox* selfDischarge_;
    QComboBox* regulator_;
    QDoubleSpinBox* efficiency_;
    QCheckBox* sleepGiven_;
    QDoubleSpinBox* sleep_;
    QDoubleSpinBox* wakeUs_;
    QCheckBox* wakeGiven_;
    QDoubleSpinBox* wakeMa_;
    QTableWidget* loads_;
    QLabel* assumptions_;
};

} // namespace zipcnn::gui
