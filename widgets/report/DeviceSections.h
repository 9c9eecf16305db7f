// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report/ReportFlow.h"
#include "report/ReportSections.h"

#include <memory>

namespace zipcnn::gui {

class AbacusChart;
class DeviceView;

/// The report's "Device and battery" section (docs/device.md): the application model's
/// assumptions, battery life against the clock, each cell's longest-life clock beside its
/// least-energy clock, and where the focused configuration's energy of one period goes. Without
/// a device model, one sentence says the figures are for the inference alone.
class DeviceSection {
public:
    explicit DeviceSection(const ReportInput& in);
    ~DeviceSection();
    DeviceSection(const DeviceSection&) = delete;
    DeviceSection& operator=(const DeviceSection&) = delete;

    void layOut(ReportFlow& flow) const;

    static constexpr int kChartW = 820;
    static constexpr int kChartH = 440;
    static constexpr int kSplitH = 160;

private:
    const ReportInput& in_;
    std::unique_ptr<AbacusChart> chart_; ///< battery life against the clock; none without a device
    std::unique_ptr<DeviceView> device_; ///< the focused cell: life against the period, the split
};

} // namespace zipcnn::gui

namespace zipcnn::gui::reportsections {

/// Translates `text` in the context of the device section.
QString tr(const char* text);

/// The report's "Device and battery" tables (docs/device.md), as values. Each is empty (no
/// rows) when the project does not model the device.

/// Field / value: the period, sleep and wake-up, each other load, the battery and the regulator,
/// with what is assumed rather than given.
ReportTable deviceAssumptions(const ReportInput& in);
/// One row per (visible variant, target) with a battery life: its longest-life clock and life,
/// beside its least-energy clock and the life there (the two clocks differ once sleep counts).
ReportTable batteryCells(const ReportInput& in);
/// The focused configuration's energy per period by block (inference, wake-up, sleep, each
/// load), with shares; empty when it has no device estimate.
ReportTable energySplit(const ReportInput& in);

} // namespace zipcnn::gui::reportsections
