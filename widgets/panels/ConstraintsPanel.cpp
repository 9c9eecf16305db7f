// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/ConstraintsPanel.h"

#include "common/CommitBeforeUndo.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"
#include "panels/ConstraintSlider.h"

#include <QUndoStack>
#include <QVBoxLayout>
#include <utility>

namespace zipcnn::gui {

ConstraintsPanel::ConstraintsPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), document_(document),
      latency_(new ConstraintSlider(tr("Max latency"), tr("ms"), 0.01, 100000.0, true, true, this)),
      energy_(new ConstraintSlider(tr("Max energy"), tr("mJ"), 0.001, 10000.0, true, true, this)),
      power_(new ConstraintSlider(tr("Max power"), tr("mW"), 0.1, 10000.0, true, true, this)),
      ramReserve_(
          new ConstraintSlider(tr("RAM reserve"), tr("KiB"), 0.0, 1024.0, false, false, this)),
      flashReserve_(
          new ConstraintSlider(tr("Flash reserve"), tr("KiB"), 0.0, 2048.0, false, false, this)),
      batteryLife_(new ConstraintSlider(tr("Min battery life"), tr("months"), 0.01, 600.0, true,
                                        true, this)) {
    auto* layout = new QVBoxLayout(this);
    for (ConstraintSlider* s :
         {latency_, energy_, power_, ramReserve_, flashReserve_, batteryLife_}) {
        layout->addWidget(s);
        connect(s, &ConstraintSlider::draggingChanged, this, &ConstraintsPanel::draggingChanged);
    }
    layout->addStretch(1);
    latency_->setToolTip(tr("Longest acceptable time for one inference"));
    energy_->setToolTip(tr("Largest acceptable energy for one inference"));
    power_->setToolTip(tr("Largest acceptable average power while inferring"));
    ramReserve_->setToolTip(tr("RAM kept free for the rest of the firmware"));
    flashReserve_->setToolTip(tr("Flash kept free for the rest of the firmware"));
    batteryLife_->setToolTip(tr("Shortest acceptable battery life (a month is a twelfth of "
                                "365.25 days); needs the device model (Device panel)"));
    batteryLife_->setValue(12.0);

    // What a limit starts at when it is switched on.
    latency_->setValue(100.0);
    energy_->setValue(1.0);
    power_->setValue(100.0);

    // Each slider's edit is an undo command named after its limit.
    const std::pair<ConstraintSlider*, QString> commands[] = {
        {latency_, tr("Set max latency")},
        {energy_, tr("Set max energy")},
        {power_, tr("Set max power")},
        {ramReserve_, tr("Set RAM reserve")},
        {flashReserve_, tr("Set Flash reserve")},
        {batteryLife_, tr("Set min battery life")}};
    for (const auto& [slider, what] : commands)
        connect(slider, &ConstraintSlider::edited, this,
                [this, slider, what](auto, int s) { push(slider, what, s); });
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if (kind == ProjectDocument::ChangeKind::Constraints ||
            kind == ProjectDocument::ChangeKind::Device ||
            kind == ProjectDocument::ChangeKind::Reset)
            showDocument();
    });
    showDocument();
    (new CommitBeforeUndo(this))->watch(this);
}

void ConstraintsPanel::showDocument() {
    const Constraints& c = document_->project().constraints;
    latency_->setValue(c.maxLatencyMs);
    energy_->setValue(c.maxEnergyMj);
    power_->setValue(c.maxPowerMw);
    ramReserve_->setValue(c.ramReserveKib);
    flashReserve_->setValue(c.flashReserveKib);
    batteryLife_->setValue(c.minBatteryLifeH
                               ? std::optional<double>(*c.minBatteryLifeH / kHoursPerMonth)
                               : std::nullopt);
    // Battery life exists only for a device: without one the limit would silently do nothing.
    batteryLife_->setEnabled(document_->project().device.has_value());
}

void ConstraintsPanel::push(ConstraintSlider* source, const QString& what, int dragSession) {
    Constraints c = document_->project().constraints;
    if (source == latency_)
        c.maxLatencyMs = latency_->value();
    else if (source == energy_)
        c.maxEnergyMj = energy_->value();
    else if (source == power_)
        c.maxPowerMw = power_->value();
    else if (source == ramReserve_)
        c.ramReserveKib = ramReserve_->value().value_or(0.0);
    else if (source == flashReserve_)
        c.flashReserveKib = flashReserve_->value().value_or(0.0);
    else if (source == batteryLife_)
        c.minBatteryLifeH = batteryLife_->value()
                                ? std::optional<double>(*batteryLife_->value() * kHoursPerMonth)
                                : std::nullopt;
    if (c == document_->project().constraints)
        return;
    document_->undoStack()->push(new SetConstraintsCommand(document_, c, what, dragSession));
}

} // namespace zipcnn::gui
