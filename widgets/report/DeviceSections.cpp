// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/DeviceSections.h"

#include "base/HumanUnits.h"
#include "charts/AbacusChart.h"
#include "charts/DeviceView.h"
#include "common/ChartStyle.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "explore/Feasibility.h"
#include "report/PlotFigure.h"

#include <QApplication>
#include <QCoreApplication>
#include <QStyle>

namespace zipcnn::gui::reportsections {

QString tr(const char* text) {
    return QCoreApplication::translate("DeviceSections", text);
}

namespace {

QString loadText(const DeviceLoad& l) {
    QString what = l.energyMj ? qs(humanEnergy(*l.energyMj * 1e-3))
                              : qs(humanCurrent(l.currentMa)) +
                                    (l.when == LoadWhen::Constant
                                         ? QString()
                                         : tr(" for %1").arg(qs(humanDuration(l.durationMs))));
    switch (l.when) {
    case LoadWhen::PerInference:
        return tr("%1 per inference").arg(what);
    case LoadWhen::EveryK:
        return tr("%1 every %2 inferences").arg(what).arg(l.everyK);
    case LoadWhen::Constant:
        return tr("%1 all the time").arg(what);
    }
    return what;
}

} // namespace

ReportTable deviceAssumptions(const ReportInput& in) {
    ReportTable t;
    t.header = {tr("Device"), tr("Value")};
    t.widths = {1.0, 3.0};
    const std::optional<DeviceModel>& device = in.exploration->device;
    if (!device)
        return t;
    const DeviceModel& d = *device;
    t.rows.push_back({tr("Inference period"), qs(humanDuration(d.periodS * 1e3))});
    t.rows.push_back({tr("Sleep current"),
                      d.sleepUa
                          ? qs(humanCurrent(*d.sleepUa * 1e-3)) + tr(" (given)")
                          : tr("each MCU's datasheet low-power figure (assumed reachable between "
                               "inferences)")});
    t.rows.push_back({tr("Wake-up"),
                      d.wakeUs > 0.0 ? qs(humanDuration(d.wakeUs * 1e-3)) +
                                           (d.wakeMa ? tr(" at %1").arg(qs(humanCurrent(*d.wakeMa)))
                                                     : tr(" at the run current of the clock"))
                                     : tr("none (assumed instantaneous)")});
    for (const DeviceLoad& l : d.loads)
        t.rows.push_back({tr("Load: %1").arg(qs(l.name)), loadText(l)});
    if (d.loads.empty())
        t.rows.push_back({tr("Other loads"), tr("none: the MCU alone")});
    const Battery& b = d.supply.battery;
    QString battery =
        tr("%1 mAh at %2 V, %3 % usable, self-discharge %4 %/year")
            .arg(formatNumber(b.capacityMah), formatNumber(b.nominalV),
                 formatNumber(100.0 * b.usableFraction), formatNumber(b.selfDischargePctPerYear));
    if (const BatteryPreset* p = findBatteryPreset(b.preset); p && p->battery == b)
        battery = qs(p->name) + QStringLiteral(": ") + battery + QStringLiteral(" (") +
                  qs(p->sources) + QStringLiteral(")");
    t.rows.push_back({tr("Battery"), battery});
    t.rows.push_back({tr("Regulator"), d.supply.regulator == Regulator::Ldo
                                           ? tr("LDO: the battery gives the load's current")
                                           : tr("buck converter, %1 % efficient")
                                                 .arg(formatNumber(100.0 * d.supply.efficiency))});
    return t;
}

ReportTable batteryCells(const ReportInput& in) {
    ReportTable t;
    t.header = {tr("Variant"), tr("Target"), tr("Longest life"), tr("at"),
                tr("At the least-energy clock")};
    t.widths = {1.6, 2.0, 1.1, 0.9, 1.9};
    const Exploration& e = *in.exploration;
    if (!e.device || e.sweep.cells.size() != e.variantCount() * e.targetCount())
        return t;
    for (std::size_t v = 0; v < e.variantCount(); ++v) {
        if (!e.specs[v].visible)
            continue;
        for (std::size_t m = 0; m < e.targetCount(); ++m) {
            const SweepCell& cell = e.cell(v, m);
            if (!cell.longestLifeFreqMhz)
                continue;
            QString atMinEnergy = QStringLiteral("-");
            if (cell.minEnergyFreqMhz)
                if (const SweepPoint* p = cell.costedPointAt(*cell.minEnergyFreqMhz);
                    p && p->device && p->device->ok)
                    atMinEnergy = tr("%1 at %2")
                                      .arg(qs(batteryLifeText(p->device->batteryLifeH)),
                                           formatMhz(*cell.minEnergyFreqMhz));
            t.rows.push_back({variantLabel(e.specs[v]), qs(e.targets[m].name),
                              qs(batteryLifeText(cell.longestLifeH)),
                              formatMhz(*cell.longestLifeFreqMhz), atMinEnergy});
        }
    }
    return t;
}

ReportTable energySplit(const ReportInput& in) {
    ReportTable t;
    t.header = {tr("Block"), tr("Energy per period"), tr("Share")};
    t.widths = {2.0, 1.5, 1.0};
    t.align = {Qt::AlignLeft, Qt::AlignRight, Qt::AlignRight};
    const Exploration& e = *in.exploration;
    if (!e.device || !in.focus || !in.focus->freqMhz || in.focus->variant >= e.variantCount() ||
        in.focus->mcu >= e.targetCount())
        return t;
    const SweepPoint* p =
        e.cell(in.focus->variant, in.focus->mcu).costedPointAt(*in.focus->freqMhz);
    if (!p || !p->device || !p->device->ok)
        return t;
    for (const DeviceBlock& b : p->device->blocks)
        t.rows.push_back(
            {b.name == "cnn" ? tr("inference") : qs(b.name), qs(humanEnergy(b.energyJ)),
             QString::number(100.0 * b.share, 'f', b.share < 0.1 ? 1 : 0) + QStringLiteral(" %")});
    t.rows.push_back(
        {tr("Total"), qs(humanEnergy(p->device->energyPerPeriodJ)), QStringLiteral("100 %")});
    t.strong.assign(t.rows.size(), false);
    t.strong.back() = true;
    t.caption =
        tr("%1 on %2 at %3: battery life %4, average current %5.")
            .arg(variantLabel(e.specs[in.focus->variant]), qs(e.targets[in.focus->mcu].name),
                 formatMhz(*in.focus->freqMhz), qs(batteryLifeText(p->device->batteryLifeH)),
                 qs(humanCurrent(p->device->avgCurrentMa)));
    return t;
}

} // namespace zipcnn::gui::reportsections

namespace zipcnn::gui {

DeviceSection::DeviceSection(const ReportInput& in) : in_(in) {
    if (!in.exploration->device)
        return;
    const QPalette light = QApplication::style()->standardPalette();
    chart_ = std::make_unique<AbacusChart>(AbacusMetric::BatteryLife);
    chart_->setPalette(light);
    chart_->resize(kChartW, kChartH);
    chart_->setChartData(buildAbacusData(*in.exploration, AbacusMetric::BatteryLife, in.focus));
    chartstyle::applyPalette(chart_.get(), light);
    device_ = std::make_unique<DeviceView>();
    device_->setPalette(light);
    device_->setExploration(in.exploration, in.focus);
}

DeviceSection::~DeviceSection() = default;

void DeviceSection::layOut(ReportFlow& flow) const {
    namespace rs = reportsections;
    flow.heading(1, rs::tr("Device and battery"));
    if (!chart_) {
        flow.paragraph(rs::tr("The project does not model the device: every figure is for one "
                              "inference alone; the time between inferences, the sleep current, "
                              "other loads and the battery are not counted."));
        return;
    }
    flow.paragraph(rs::tr("The whole device (docs/device.md): one inference every period, the "
                          "MCU asleep in between, the other loads, and the battery behind its "
                          "regulator. Battery life = usable capacity / (average battery current "
                          "+ self-discharge)."));
    flow.table(rs::deviceAssumptions(in_));
    const double h = flow.contentRect().width() * kChartH / kChartW;
    AbacusChart* chart = chart_.get();
    flow.heading(2, rs::tr("Battery life against the clock"), true, h + 30.0);
    plotFigure(
        flow, chart, kChartW, kChartH,
        rs::tr("Battery life against the core clock; the star is each curve's clock of longest "
               "life, the dashed line the minimum battery life."));
    flow.heading(2, rs::tr("Longest-life clocks"));
    const ReportTable cells = rs::batteryCells(in_);
    if (cells.rows.empty())
        flow.paragraph(rs::tr("No configuration has a battery life: the MCUs' datasheets give no "
                              "low-power current and the device model gives none."));
    else
        flow.table(cells);
    const ReportTable split = rs::energySplit(in_);
    if (!split.rows.empty()) {
        // The focused configuration: how often it can run, and where one period's energy goes.
        QCustomPlot* life = device_->lifePlot();
        QCustomPlot* bar = device_->splitPlot();
        const bool drawn = device_->message().isEmpty();
        flow.heading(2, rs::tr("Energy of one period"), true, drawn ? h + 30.0 : 0.0);
        if (drawn) {
            plotFigure(
                flow, life, kChartW, kChartH,
                rs::tr("Battery life of the focused configuration against the inference period "
                       "(the project's period marked, the minimum life dashed)."));
            plotFigure(flow, bar, kChartW, kSplitH,
                       rs::tr("The energy of one period, block by block."));
        }
        flow.table(split);
    }
}

} // namespace zipcnn::gui
