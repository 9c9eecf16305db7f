// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportSections.h"

#include "base/HumanUnits.h"
#include "calibration/CalibrationData.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "cost/Estimator.h"
#include "explore/EstimateConfidence.h"
#include "model/DataType.h"
#include "model/LayerType.h"
#include "panels/FeasibilityTableModel.h"
#include "panels/TargetCatalogModel.h"

#include <QCoreApplication>
#include <map>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ReportSections", text);
}
/// A figure in its unit, as people read it (base/HumanUnits.h): "1.04 s", "116 mJ".
QString human(const std::string& s) {
    return QString::fromStdString(s);
}

const QColor kFitShade(0xdc, 0xf0, 0xdc);
const QColor kFailShade(0xf6, 0xe0, 0xdc);

QString limitText(const std::optional<double>& v, const char* unit) {
    return v ? formatNumber(*v) + QLatin1Char(' ') + QLatin1String(unit) : tr("none");
}

QString pct(double v) {
    return QString::number(v, 'f', 1) + QStringLiteral(" %");
}

} // namespace

ReportInput makeReportInput(const Project& project, const QString& projectFile,
                            std::shared_ptr<const Exploration> exploration,
                            std::optional<ExplorationFocus> focus, const std::string& exeDir) {
    ReportInput in;
    in.project = project;
    in.projectFile = projectFile;
    in.exploration = std::move(exploration);
    // The focus asked for, else the one saved with the project, else the focus rule.
    if (!focus && project.focus)
        focus = resolveSavedFocus(*in.exploration, *project.focus);
    in.focus = focus ? focus : defaultFocus(*in.exploration);
    in.summary = NetworkSummary::compute(project.network);
    const CostTarget* focusTarget = in.focus && in.focus->mcu < in.exploration->targetCount()
                                        ? &in.exploration->targets[in.focus->mcu]
                                        : nullptr;
    if (const CostVariant* v = reportsections::focusVariant(in);
        v && in.focus->freqMhz && focusTarget) {
        CostBreakdown b = breakdownOnTarget(*v, *focusTarget, *in.focus->freqMhz);
        if (b.point.ok)
            in.focusBreakdown = std::move(b);
    }
    in.date = QDateTime::currentDateTime();
    const std::string manifest = shippedMeasurementManifest(exeDir);
    if (!manifest.empty()) {
        const CalibrationData data = loadCalibrationData(manifest);
        if (!hasErrors(data.diagnostics)) {
            const McuCatalog luts = loadMcuCatalog(defaultLutDirs(exeDir));
            in.measurementSource = qs(data.source);
            for (ValidationMode mode : {ValidationMode::InSample, ValidationMode::LeaveNetworkOut,
                                        ValidationMode::LeaveConfigOut})
                in.validation.push_back(validate(luts, data, mode));
        }
    }
    return in;
}

namespace reportsections {

ReportTable networkFacts(const ReportInput& in) {
    const Network& net = in.project.network;
    const NetworkSummary& s = in.summary;
    ReportTable t;
    t.header = {tr("Quantity"), tr("Value")};
    t.widths = {1.0, 2.0};
    int compute = 0;
    for (const auto& l : s.decomposition.layers)
        if (!l.primitives.empty())
            ++compute;
    QString inputs, outputs;
    for (std::size_t i = 0; i < net.layers().size() && i < s.analysis.layers.size(); ++i) {
        const Layer& l = net.layers()[i];
        if (l.type == LayerType::Input)
            inputs +=
                (inputs.isEmpty() ? "" : ", ") + qs(s.analysis.layers[i].outputShape.toString());
    }
    if (!s.analysis.order.empty()) {
        const std::size_t last = s.analysis.order.back();
        if (last < s.analysis.layers.size())
            outputs = qs(s.analysis.layers[last].outputShape.toString());
    }
    t.rows = {
        {tr("Layers"), tr("%1 (%2 with primitives)").arg(net.layers().size()).arg(compute)},
        {tr("Input"), inputs.isEmpty() ? tr("-") : inputs},
        {tr("Output"), outputs.isEmpty() ? tr("-") : outputs},
        {tr("Parameters"), formatCount(s.analysis.params)},
        {tr("Multiply-accumulates per inference"), formatCount(s.analysis.macs)},
        {tr("Primitive applications"), formatCount([&] {
             qint64 n = 0;
             for (const auto& [id, count] : s.decomposition.totals)
                 n += count;
             return n;
         }())},
        {tr("Flash, FP32 (weights + code)"), formatKib(s.flashFp32.flashBytes)},
        {tr("Flash, INT8 (weights + code)"), formatKib(s.flashInt8.flashBytes)},
        {tr("RAM, FP32 (thesis rule / arena planner)"), formatKib(s.ramRuleFp32.peakBytes) +
                                                            QStringLiteral(" / ") +
                                                            formatKib(s.plannerFp32.peakBytes)},
        {tr("RAM, INT8 (thesis rule / arena planner)"), formatKib(s.ramRuleInt8.peakBytes) +
                                                            QStringLiteral(" / ") +
                                                            formatKib(s.plannerInt8.peakBytes)},
    };
    int errors = 0, warnings = 0;
    for (const auto& d : s.diagnostics) {
        errors += d.severity == Severity::Error ? 1 : 0;
        warnings += d.severity == Severity::Warning ? 1 : 0;
    }
    if (errors + warnings > 0)
        t.rows.push_back(
            {tr("Diagnostics"), tr("%1 errors, %2 warnings").arg(errors).arg(warnings)});
    return t;
}

ReportTable primitiveCounts(const ReportInput& in) {
    ReportTable t;
    t.header = {tr("Primitive"), tr("Applications"), tr("Layers using it")};
    t.widths = {2.0, 1.2, 3.0};
    t.align = {Qt::AlignLeft, Qt::AlignRight, Qt::AlignLeft};
    std::map<std::string, QStringList> users;
    std::vector<std::string> order;
    for (const auto& l : in.summary.decomposition.layers)
        for (const auto& p : l.primitives) {
            if (!users.count(p.id))
                order.push_back(p.id);
            users[p.id] << qs(l.layer);
        }
    for (const std::string& id : order) {
        const QStringList& names = users[id];
        QString who = names.size() <= 4
                          ? names.join(QStringLiteral(", "))
                          : tr("%1 layers (%2, ...)").arg(names.size()).arg(names.front());
        const auto it = in.summary.decomposition.totals.find(id);
        t.rows.push_back({qs(id),
                          formatCount(it == in.summary.decomposition.totals.end() ? 0 : it->second),
                          who});
    }
    return t;
}

ReportTable mcus(const ReportInput& in) {
    ReportTable t;
    t.header = {tr("MCU"),    tr("Runtime"), tr("Core"),           tr("Flash / SRAM"),
                tr("Clocks"), tr("Basis"),   tr("Expected error"), tr("Source")};
    t.widths = {1.3, 1.1, 1.2, 1.0, 1.5, 0.9, 1.0, 2.3};
    t.fontPt = 7.5;
    for (const CostTarget& m : in.exploration->targets) {
        QString clocks = formatMhzRange(m.freqMinMhz, m.freqMaxMhz);
        QString core, source;
        if (m.lut) {
            clocks += tr(", %1 characterised").arg(m.lut->freqsMhz.size());
            core = qs(m.lut->core) + (m.lut->fpu.empty() ? "" : " + " + qs(m.lut->fpu));
            source = qs(m.lut->source());
            if (!m.lut->calibration)
                source += tr(" (not calibrated: op LUT only)");
        } else {
            core = qs(m.facts->coreFamily);
            source = tr("%1 %2, calibrated on MLPerf Tiny results; MCU from its datasheet")
                         .arg(qs(m.runtime->name), qs(m.runtime->version));
        }
        t.rows.push_back({qs(m.mcu), qs(m.runtimeId()), core,
                          tr("%1 / %2 KiB").arg(m.flashKib).arg(m.sramKib), clocks,
                          basisText(m.confidence.basis), expectedErrorText(m.confidence), source});
    }
    for (const std::string& name : in.exploration->missingTargets)
        t.rows.push_back({qs(name), tr("left out"), {}, {}, {}, {}, {}, {}});
    return t;
}

ReportTable constraints(const ReportInput& in) {
    const Constraints& c = in.project.constraints;
    ReportTable t;
    t.header = {tr("Constraint"), tr("Limit")};
    t.widths = {2.0, 1.5};
    t.rows = {{tr("Latency per inference, at most"), limitText(c.maxLatencyMs, "ms")},
              {tr("Energy per inference, at most"), limitText(c.maxEnergyMj, "mJ")},
              {tr("Mean power during an inference, at most"), limitText(c.maxPowerMw, "mW")},
              {tr("RAM kept free for the rest of the firmware"),
               formatNumber(c.ramReserveKib) + QStringLiteral(" KiB")},
              {tr("Flash kept free for the rest of the firmware"),
               formatNumber(c.flashReserveKib) + QStringLiteral(" KiB")}};
    return t;
}

ReportTable variants(const ReportInput& in) {
    const Exploration& e = *in.exploration;
    ReportTable t;
    t.header = {tr("Variant"), tr("What it is"), tr("Flash"),
                tr("RAM"),     tr("Accuracy"),   tr("Status")};
    t.widths = {1.6, 2.6, 1.0, 1.0, 0.9, 1.6};
    t.align = {Qt::AlignLeft,  Qt::AlignLeft,  Qt::AlignRight,
               Qt::AlignRight, Qt::AlignRight, Qt::AlignLeft};
    for (std::size_t v = 0; v < e.variantCount(); ++v) {
        const VariantSpec& spec = e.specs[v];
        const CostVariant& cv = e.variant(v);
        QString status = spec.visible ? tr("shown") : tr("hidden in the charts");
        if (!cv.usable()) {
            const Diagnostic* err = firstError(cv.diagnostics);
            status = tr("unusable: %1").arg(err ? qs(err->message) : QString());
        }
        t.rows.push_back({variantLabel(spec), variantDescription(spec),
                          cv.usable() ? formatKib(cv.flashBytes) : tr("-"),
                          cv.usable() ? formatKib(cv.ramBytes) : tr("-"),
                          spec.accuracyPct ? pct(*spec.accuracyPct) : tr("not given"), status});
    }
    return t;
}

ReportTable feasibilityMatrix(const ReportInput& in) {
    const Exploration& e = *in.exploration;
    FeasibilityTableModel model;
    model.setExploration(in.exploration);
    ReportTable t;
    t.header << tr("Variant");
    t.widths = {1.4};
    for (const CostTarget& m : e.targets) {
        t.header << qs(m.name);
        t.widths.push_back(2.2);
    }
    t.fontPt = 7.5;
    for (std::size_t v = 0; v < e.variantCount(); ++v) {
        QStringList row{variantLabel(e.specs[v])};
        std::vector<QColor> shade{QColor()};
        for (std::size_t m = 0; m < e.targetCount(); ++m) {
            row << model.cellText(v, m);
            shade.push_back(e.cell(v, m).feasible() ? kFitShade : kFailShade);
        }
        t.rows.push_back(row);
        t.shade.push_back(shade);
    }
    return t;
}

ReportTable feasibleCells(const ReportInput& in) {
    const Exploration& e = *in.exploration;
    ReportTable t;
    t.header = {
        tr("Variant"), tr("MCU"),  tr("Feasible clocks"), tr("Least energy at"), tr("Latency"),
        tr("Energy"),  tr("Power")};
    t.widths = {1.5, 1.3, 1.6, 1.1, 1.0, 1.0, 1.0};
    t.align = {Qt::AlignLeft,  Qt::AlignLeft,  Qt::AlignLeft, Qt::AlignRight,
               Qt::AlignRight, Qt::AlignRight, Qt::AlignRight};
    t.fontPt = 7.5;
    for (std::size_t v = 0; v < e.variantCount(); ++v)
        for (std::size_t m = 0; m < e.targetCount(); ++m) {
            const SweepCell& cell = e.cell(v, m);
            if (!cell.feasible() || !cell.minEnergyFreqMhz)
                continue;
            const SweepPoint* best = nullptr;
            for (const auto& p : cell.points)
                if (p.cost.ok && p.cost.freqMhz == *cell.minEnergyFreqMhz)
                    best = &p;
            if (!best)
                continue;
            t.rows.push_back({variantLabel(e.specs[v]), qs(e.targets[m].name),
                              QString::fromStdString(feasibleRangesText(cell)),
                              formatMhz(*cell.minEnergyFreqMhz),
                              formatNumber(best->cost.latencyMs) + QStringLiteral(" ms"),
                              formatNumber(best->cost.energyJ * 1e3) + QStringLiteral(" mJ"),
                              formatNumber(best->cost.powerW * 1e3) + QStringLiteral(" mW")});
        }
    return t;
}

QString focusTitle(const ReportInput& in) {
    const Exploration& e = *in.exploration;
    if (!in.focus || in.focus->variant >= e.variantCount() || in.focus->mcu >= e.targetCount())
        return {};
    QString text =
        tr("%1 on %2")
            .arg(variantLabel(e.specs[in.focus->variant]), qs(e.targets[in.focus->mcu].name));
    if (in.focus->freqMhz)
        text += tr(" at %1").arg(formatMhz(*in.focus->freqMhz));
    return text;
}

const CostVariant* focusVariant(const ReportInput& in) {
    const Exploration& e = *in.exploration;
    if (!in.focus || in.focus->variant >= e.variantCount() || in.focus->mcu >= e.targetCount())
        return nullptr;
    const CostVariant& v = e.variant(in.focus->variant);
    return v.usable() ? &v : nullptr;
}

ReportTable layerBreakdown(const ReportInput& in) {
    const Exploration& e = *in.exploration;
    ReportTable t;
    t.header = {tr("Layer"),   tr("Type"),   tr("Output"), tr("MACs"),
                tr("Latency"), tr("Energy"), tr("Share"),  tr("RAM (rule)")};
    // The name gets the most room: it wraps (never cut) when it needs more.
    t.widths = {2.5, 1.8, 1.1, 1.1, 0.9, 0.9, 0.7, 0.9};
    t.align = {Qt::AlignLeft,  Qt::AlignLeft,  Qt::AlignLeft,  Qt::AlignRight,
               Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight};
    t.fontPt = 7.5;
    if (!in.focusBreakdown)
        return t;
    const CostVariant& cv = e.variant(in.focus->variant);
    const CostBreakdown& b = *in.focusBreakdown;
    // What the project's network knows of each layer (a student's layers are not in it).
    const Network& net = in.project.network;
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < net.layers().size(); ++i)
        index[net.layers()[i].name] = i;
    std::map<std::string, std::int64_t> ram;
    for (const auto& r : cv.ramLayers)
        ram[r.name] = r.bytes;
    for (const CostShare& s : b.byLayer) {
        QString type, output, macs;
        if (auto it = index.find(s.name);
            it != index.end() && it->second < in.summary.analysis.layers.size()) {
            const LayerInfo& info = in.summary.analysis.layers[it->second];
            type = qs(std::string(layerTypeName(net.layers()[it->second].type)));
            output = qs(info.outputShape.toString());
            macs = formatCount(info.macs);
        }
        const auto r = ram.find(s.name);
        QStringList row{qs(s.name),
                        type,
                        output,
                        macs,
                        human(humanDuration(s.latencyMs)),
                        human(humanEnergy(s.energyJ)),
                        pct(b.point.cycles > 0 ? 100.0 * s.cycles / b.point.cycles : 0.0),
                        r == ram.end() ? QString() : human(humanBytes(r->second))};
        t.rows.push_back(row);
        t.strong.push_back(s.name == cv.ramPeakLayer);
    }
    t.rows.push_back({tr("Total"),
                      {},
                      {},
                      formatCount(in.summary.analysis.macs),
                      human(humanDuration(b.point.latencyMs)),
                      human(humanEnergy(b.point.energyJ)),
                      QStringLiteral("100.0 %"),
                      human(humanBytes(cv.ramBytes))});
    t.strong.push_back(true);
    return t;
}

ReportTable accuracy(const ReportInput& in) {
    ReportTable t;
    t.header = {tr("Validation"),
                tr("MCU"),
                tr("Points"),
                tr("Latency"),
                tr("Power"),
                tr("Energy"),
                tr("Thesis: latency / power / energy")};
    t.widths = {2.2, 1.3, 0.7, 0.8, 0.8, 0.8, 2.0};
    t.align = {Qt::AlignLeft,  Qt::AlignLeft,  Qt::AlignRight, Qt::AlignRight,
               Qt::AlignRight, Qt::AlignRight, Qt::AlignRight};
    t.fontPt = 7.5;
    for (const ValidationReport& r : in.validation) {
        const QString mode =
            r.mode == ValidationMode::InSample          ? tr("In-sample (the shipped calibration)")
            : r.mode == ValidationMode::LeaveNetworkOut ? tr("Leave one network out")
                                                        : tr("Leave one configuration out");
        for (const ValidationRow& row : r.rows) {
            if (row.set != "all" || row.config != "all")
                continue;
            const ErrorStats& s = row.stats;
            const bool total = row.mcu == "all";
            t.rows.push_back({mode, total ? tr("all") : qs(row.mcu), QString::number(s.points),
                              pct(s.latencyPct), pct(s.currentPct), pct(s.energyPct),
                              s.referencePoints > 0 ? pct(s.referenceLatencyPct) + " / " +
                                                          pct(s.referenceCurrentPct) + " / " +
                                                          pct(s.referenceEnergyPct)
                                                    : tr("-")});
            t.strong.push_back(total);
        }
    }
    return t;
}

ReportTable targetConfidence(const ReportInput& in) {
    ReportTable t;
    t.header = {tr("Target"),          tr("Basis"),           tr("Points"), tr("In-sample"),
                tr("Leave model out"), tr("Leave board out"), tr("Energy"), tr("This network")};
    t.widths = {2.2, 1.2, 0.7, 0.8, 0.9, 0.9, 0.8, 1.6};
    t.align = {Qt::AlignLeft,  Qt::AlignLeft,  Qt::AlignRight, Qt::AlignRight,
               Qt::AlignRight, Qt::AlignRight, Qt::AlignRight, Qt::AlignRight};
    t.fontPt = 7.5;
    const Exploration& e = *in.exploration;
    const std::size_t variant = in.focus ? in.focus->variant : 0;
    auto summaryText = [](const std::optional<ErrorSummary>& s) {
        if (!s)
            return tr("-");
        return s->medianPct ? pct(*s->medianPct) + tr(" / ") + pct(s->meanPct) : pct(s->meanPct);
    };
    for (const CostTarget& target : e.targets) {
        QStringList row{qs(target.name), qs(basisLongName(target.confidence.basis))};
        if (target.usesLut()) {
            QString fit = tr("-");
            if (target.lut->calibration)
                for (const FitResidual& r : target.lut->calibration->residuals)
                    if (r.config == "all")
                        fit = pct(r.latencyPct);
            row << tr("thesis") << fit << tr("-") << tr("-") << tr("-");
        } else {
            const auto& cal = target.costs->calibration;
            row << (cal ? QString::number(cal->points) : tr("0"))
                << summaryText(cal ? cal->inSample : std::nullopt)
                << summaryText(cal ? cal->leaveOneModelOut : std::nullopt)
                << summaryText(cal ? cal->leaveOneBoardOut : std::nullopt)
                << summaryText(cal ? cal->energyInSample : std::nullopt);
        }
        QString mine = tr("-");
        if (variant < e.variantCount()) {
            const EstimateConfidence c =
                estimateConfidence(e.variant(variant), target, target.freqMaxMhz);
            if (c.expectedErrorPct)
                mine = QStringLiteral("±") + pct(*c.expectedErrorPct);
            if (c.unvalidatedSharePct > 0.0)
                mine += tr(" (%1 unvalidated)").arg(pct(c.unvalidatedSharePct));
        }
        row << mine;
        t.rows.push_back(row);
        t.strong.push_back(false);
    }
    return t;
}

} // namespace reportsections

} // namespace zipcnn::gui
