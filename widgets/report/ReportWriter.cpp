// SPDX-License-Identifier: GPL-3.0-or-later
#include "report/ReportWriter.h"

#include "base/AtomicFile.h"
#include "charts/AbacusChart.h"
#include "charts/MemoryView.h"
#include "common/ChartStyle.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "cost/Estimator.h"
#include "explore/LayerHeat.h"
#include "graph/NetworkGraphScene.h"
#include "panels/TargetCatalogModel.h"
#include "report/AccuracySection.h"
#include "report/DeviceSections.h"
#include "report/PlotFigure.h"
#include "report/ReportGraph.h"
#include "report/ReportRamChart.h"

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPdfWriter>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <qcustomplot.h>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ReportWriter", text);
}
/// Resolution of the PDF's user space: 96 dpi, as on screen, so the charts and the graph,
/// whose fonts are in points and whose geometry is in pixels, keep their proportions.
constexpr int kDpi = 96;

/// The charts and the graph of the report, made once and drawn in each pass.
class ReportFigures {
public:
    explicit ReportFigures(const ReportInput& in) : in_(in) {
        const QPalette light = QApplication::style()->standardPalette();
        for (AbacusMetric metric :
             {AbacusMetric::Latency, AbacusMetric::Energy, AbacusMetric::Power}) {
            auto chart = std::make_unique<AbacusChart>(metric);
            chart->setPalette(light);
            chart->resize(kChartW, kChartH);
            chart->setChartData(buildAbacusData(*in.exploration, metric, in.focus));
            chartstyle::applyPalette(chart.get(), light);
            charts_.push_back(std::move(chart));
        }
        memory_ = std::make_unique<MemoryView>();
        memory_->setPalette(light);
        memory_->resize(kChartW, 2 * kMemoryH);
        memory_->setExploration(in.exploration, in.focus);
        chartstyle::applyPalette(memory_->budgetPlot(), light);
        chartstyle::applyPalette(memory_->profilePlot(), light);

        // The graph drawn from the project's network alone: the report edits nothing.
        scene_ = std::make_unique<NetworkGraphScene>(in.project.network);
        scene_->setLayerHeat(latencyShares(), tr("latency"));
    }

    static constexpr int kChartW = 820;
    static constexpr int kChartH = 440;
    static constexpr int kMemoryH = 380;

    const std::vector<std::unique_ptr<AbacusChart>>& charts() const { return charts_; }
    MemoryView* memory() const { return memory_.get(); }
    NetworkGraphScene* scene() const { return scene_.get(); }

private:
    /// Each layer's share of the focused configuration's latency, as the window colours the
    /// graph; empty when the focused variant is a student (its layers are not the graph's).
    std::vector<double> latencyShares() const {
        const CostVariant* v = reportsections::focusVariant(in_);
        if (!v || !in_.focusBreakdown ||
            in_.exploration->specs[in_.focus->variant].student.kind != StudentKind::None)
            return {};
        return layerHeat(in_.project.network, *v, in_.focusBreakdown->byLayer, HeatMetric::Latency);
    }

    const ReportInput& in_;
    std::vector<std::unique_ptr<AbacusChart>> charts_;
    std::unique_ptr<MemoryView> memory_;
    std::unique_ptr<NetworkGraphScene> scene_;
};

QString html(const QString& text) {
    return text.toHtmlEscaped();
}

/// The title page: what, for whom, when, and the answer in brief.
void titlePage(ReportFlow& flow, const ReportInput& in) {
    QPainter* p = flow.painter();
    const QRectF c = flow.contentRect();
    if (p) {
        p->save();
        p->fillRect(QRectF(c.left(), c.top(), c.width(), 6.0), QColor(0x1f, 0x4e, 0x79));
        p->restore();
    }
    flow.space(80.0);
    flow.paragraph(
        QStringLiteral("<p style='font-size:26pt; font-weight:bold; color:#1f4e79'>%1</p>")
            .arg(tr("Design report")),
        26.0);
    flow.paragraph(
        QStringLiteral("<p style='font-size:17pt'>%1</p>").arg(html(qs(in.project.name))), 17.0);
    flow.paragraph(html(tr("Cost of one inference of the network on candidate microcontrollers: "
                           "latency, energy, power, Flash and RAM, against the core clock, for "
                           "the network and its reduced variants.")),
                   11.0);
    flow.space(30.0);
    const Exploration& e = *in.exploration;
    int feasible = 0;
    for (const auto& cell : e.sweep.cells)
        feasible += cell.feasible() ? 1 : 0;
    QString facts = QStringLiteral("<table cellspacing='0' cellpadding='3'>");
    auto fact = [&](const QString& k, const QString& v) {
        facts += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(html(k), html(v));
    };
    fact(tr("Date"),
         QLocale(QLocale::English).toString(in.date, QStringLiteral("d MMMM yyyy, HH:mm")));
    fact(tr("Project file"), in.projectFile.isEmpty() ? tr("(not saved)") : in.projectFile);
    fact(tr("Tool"), tr("ZIP-CNN Explorer %1").arg(QStringLiteral(ZIPCNN_VERSION)));
    fact(tr("Network"),
         tr("%1 layers, %2 parameters, %3 MACs")
             .arg(in.project.network.layers().size())
             .arg(formatCount(in.summary.analysis.params), formatCount(in.summary.analysis.macs)));
    QStringList mcuNames;
    for (const CostTarget& m : e.targets)
        mcuNames << qs(m.name);
    fact(tr("Candidate targets (MCU · runtime)"), mcuNames.join(QStringLiteral(", ")));
    fact(tr("Variants"), QString::number(e.variantCount()));
    fact(tr("Feasible (variant, target) pairs"),
         tr("%1 of %2").arg(feasible).arg(e.variantCount() * e.targetCount()));
    facts += QStringLiteral("</table>");
    flow.paragraph(facts, 10.0);
    flow.space(20.0);
    const QString focus = reportsections::focusTitle(in);
    if (in.focusBreakdown) {
        const SweepCell& cell = e.cell(in.focus->variant, in.focus->mcu);
        const CostPoint& pt = in.focusBreakdown->point;
        const QString line = tr("%1 ms, %2 mJ, %3 mW per inference")
                                 .arg(formatNumber(pt.latencyMs), formatNumber(pt.energyJ * 1e3),
                                      formatNumber(pt.powerW * 1e3));
        const QString what = cell.feasible()
                                 ? tr("Least-energy configuration meeting every constraint")
                                 : tr("No configuration meets every constraint; studied here");
        flow.paragraph(QStringLiteral("<p><b>%1:</b><br/>%2<br/>%3</p>")
                           .arg(html(what), html(focus), html(line)),
                       11.0);
    }
}

void contentsPage(ReportFlow& flow, const std::vector<ReportTocEntry>& toc) {
    flow.newPage();
    flow.heading(1, tr("Contents"), false);
    QPainter* p = flow.painter();
    const QRectF c = flow.contentRect();
    for (const ReportTocEntry& e : toc) {
        if (e.level > 2)
            continue;
        const QFont f = ReportFlow::font(e.level == 1 ? 10.5 : 9.5, e.level == 1);
        const double h = QFontMetricsF(f).height() + (e.level == 1 ? 6.0 : 3.0);
        if (p) {
            p->save();
            p->setFont(f);
            const double indent = e.level == 1 ? 0.0 : 22.0;
            const QRectF row(c.left() + indent, flow.y(), c.width() - indent, h);
            p->drawText(row, Qt::AlignLeft | Qt::AlignBottom, e.text);
            p->drawText(row, Qt::AlignRight | Qt::AlignBottom,
                        e.page > 0 ? QString::number(e.page) : QString());
            p->restore();
        }
        flow.space(h);
    }
}

/// Lays the whole report out; `toc` (from a first pass) fills the contents page.
void layOut(ReportFlow& flow, const ReportInput& in, ReportFigures& figures,
            const std::vector<ReportTocEntry>& toc) {
    namespace rs = reportsections;
    titlePage(flow, in);
    contentsPage(flow, toc);

    flow.newPage();
    flow.heading(1, tr("Network"));
    flow.paragraph(html(tr("The network as the project holds it. Its cost is the sum of the costs "
                           "of the primitives it decomposes into (ZIP-CNN method), each read from "
                           "the MCU's look-up tables at the clock studied.")));
    flow.table(rs::networkFacts(in));
    flow.heading(2, tr("Primitives"));
    flow.table(rs::primitiveCounts(in));
    // The graph gets at least half a page, else a page of its own; a large network continues
    // on the following pages rather than shrinking below a readable size.
    flow.heading(2, tr("Graph"), true, flow.contentRect().height() / 2.0);
    const QString heat = reportsections::focusTitle(in);
    const double width = flow.contentRect().width();
    const GraphPagePlan plan =
        planGraphPages(*figures.scene(), QSizeF(width, flow.remaining() - 40.0),
                       QSizeF(width, flow.contentRect().height() - 40.0));
    const QString graphCaption =
        heat.isEmpty() ? tr("The layers and the tensors between them.")
                       : tr("The layers and the tensors between them; each layer is coloured "
                            "by its share of the latency of %1, the RAM peak is tagged.")
                             .arg(heat);
    for (std::size_t i = 0; i < plan.pages.size(); ++i) {
        double height = 0.0;
        for (const auto& strip : plan.pages[i])
            height = std::max(height, (strip.bottom - strip.top) * plan.scale);
        const bool last = i + 1 == plan.pages.size();
        flow.figure(
            height,
            [&, i](QPainter* p, const QRectF& r) {
                drawGraphPage(*figures.scene(), plan, i, p, r);
            },
            last ? (plan.pages.size() > 1
                        ? graphCaption + QLatin1Char(' ') +
                              tr("(Part %1 of %2: read each page by columns, left to right.)")
                                  .arg(i + 1)
                                  .arg(plan.pages.size())
                        : graphCaption)
                 : tr("The graph, part %1 of %2, read by columns left to right; it continues on "
                      "the next page.")
                       .arg(i + 1)
                       .arg(plan.pages.size()));
    }

    flow.newPage();
    flow.heading(1, tr("Candidate targets"));
    flow.paragraph(html(tr(
        "A target is an MCU under an inference runtime. Under thesis-c (the thesis's C kernels) "
        "an MCU is described by look-up tables measured on the board: the cycles and the current "
        "of every primitive at each characterised clock, in each format; between two "
        "characterised clocks the estimates are interpolated. Under a deployment runtime "
        "(X-CUBE-AI, TFLite Micro with CMSIS-NN, ...) the network is lowered as that engine runs "
        "it and costed per kernel class, with parameters calibrated on published benchmark "
        "results, flash wait states from the MCU's datasheet and its current model. The basis "
        "says what an estimate rests on; the expected error is the cross-validated latency "
        "error (leave one network out) of that calibration, widened for an MCU it was not "
        "calibrated on.")));
    flow.table(rs::mcus(in));
    flow.heading(1, tr("Constraints and variants"));
    flow.table(rs::constraints(in));
    flow.table(rs::variants(in));

    flow.heading(1, tr("Abacus charts"));
    flow.paragraph(html(tr("Each chart gives a cost of one inference against the core clock, on "
                           "log scales: one colour per MCU, one line style per variant. Markers "
                           "are characterised clocks, thin stretches interpolated ones; a wide "
                           "band marks the clocks that meet every constraint, a star the clock of "
                           "least energy, the dashed line the constraint.")));
    const char* chartTitles[] = {QT_TRANSLATE_NOOP("ReportWriter", "Latency"),
                                 QT_TRANSLATE_NOOP("ReportWriter", "Energy"),
                                 QT_TRANSLATE_NOOP("ReportWriter", "Power")};
    for (std::size_t i = 0; i < figures.charts().size(); ++i) {
        AbacusChart* chart = figures.charts()[i].get();
        const double h =
            flow.contentRect().width() * ReportFigures::kChartH / ReportFigures::kChartW;
        flow.heading(2, tr(chartTitles[i]), true, h + 30.0);
        plotFigure(flow, chart, ReportFigures::kChartW, ReportFigures::kChartH,
                   tr("%1 per inference against the clock.").arg(tr(chartTitles[i])));
    }

    flow.heading(1, tr("Memory"));
    flow.paragraph(
        html(tr("Flash (weights and code) and RAM (activations, thesis rule: the largest "
                "inputs plus output of one layer) of each variant, against each MCU's "
                "capacity less the reserves; below, the RAM of each layer of %1.")
                 .arg(heat.isEmpty() ? tr("the studied variant") : heat)));
    const double mh = flow.contentRect().width() * ReportFigures::kMemoryH / ReportFigures::kChartW;
    MemoryView* memory = figures.memory();
    plotFigure(flow, memory->budgetPlot(), ReportFigures::kChartW, ReportFigures::kMemoryH,
               tr("Flash and RAM per variant; the lines are the budgets of the MCUs."));
    // A long network's profile cannot name its bars: its shape unnamed, then the layers that
    // matter for RAM, each named in full.
    const std::size_t ramVariant =
        in.focus && in.focus->variant < in.exploration->variantCount() ? in.focus->variant : 0;
    const CostVariant* ramOf = ramVariant < in.exploration->variantCount()
                                   ? &in.exploration->variant(ramVariant)
                                   : nullptr;
    if (ramOf && ramOf->ramLayers.size() > kReportProfileLayers) {
        std::vector<RamBudgetLine> budgets;
        for (const CostTarget& m : in.exploration->targets) {
            const double bytes = (m.sramKib - in.project.constraints.ramReserveKib) * 1024.0;
            auto same = std::find_if(budgets.begin(), budgets.end(),
                                     [&](const RamBudgetLine& b) { return b.bytes == bytes; });
            if (same == budgets.end())
                budgets.push_back({qs(m.mcu), bytes});
            else if (!same->label.split(QStringLiteral(", ")).contains(qs(m.mcu)))
                same->label += QStringLiteral(", ") + qs(m.mcu);
        }
        const QString name = variantLabel(in.exploration->specs[ramVariant]);
        flow.figure(
            mh,
            [ramOf, &budgets](QPainter* p, const QRectF& r) {
                drawRamProfile(*ramOf, budgets, p, r);
            },
            tr("RAM of each layer of %1 (thesis rule: inputs + output) in the network's order; "
               "the peak in red, the dashed lines the RAM of the MCUs less the reserve.")
                .arg(name));
        const RamTopLayers top = topRamLayers(*ramOf);
        flow.figure(
            ramTopLayersHeight(top, flow.contentRect().width(), flow.device()),
            [&top](QPainter* p, const QRectF& r) { drawRamTopLayers(top, p, r); },
            tr("The %1 layers of %2 that need the most RAM (thesis rule), largest first, with "
               "their place in the network; the peak in red.")
                .arg(top.rows.size())
                .arg(name));
    } else {
        plotFigure(flow, memory->profilePlot(), ReportFigures::kChartW, ReportFigures::kMemoryH,
                   tr("RAM per layer (thesis rule); the peak in red."));
    }

    flow.heading(1, tr("Feasibility"));
    flow.paragraph(html(tr("Whether each variant fits each MCU under the constraints: the clocks "
                           "that meet all of them and the clock of least energy, or each "
                           "constraint broken at every clock, by how much at its best clock.")));
    flow.table(rs::feasibilityMatrix(in));
    flow.heading(2, tr("Feasible configurations at their least-energy clock"));
    ReportTable cells = rs::feasibleCells(in);
    if (cells.rows.empty())
        flow.paragraph(html(tr("No (variant, MCU) pair meets every constraint at any clock.")));
    else
        flow.table(cells);

    AccuracySection(in).layOut(flow);
    DeviceSection(in).layOut(flow);

    flow.heading(1, tr("Selected configuration"));
    ReportTable breakdown = rs::layerBreakdown(in);
    if (breakdown.rows.empty()) {
        flow.paragraph(html(tr("No configuration could be estimated.")));
    } else {
        flow.paragraph(html(tr("%1, layer by layer. The shares are of the cycles; the layer in "
                               "bold sets the RAM peak; the per-inference overhead is the fixed "
                               "cost of one call.")
                                .arg(heat)));
        flow.table(breakdown);
    }

    flow.heading(1, tr("Accuracy and assumptions"));
    ReportTable acc = rs::accuracy(in);
    if (acc.rows.empty()) {
        flow.paragraph(html(tr("The measurements the cost model was validated on were not found "
                               "beside the program, so no validation figures are given.")));
    } else {
        flow.paragraph(html(tr("Mean absolute relative error of the estimates against the "
                               "measurements of the thesis (%1), beside the error of the thesis's "
                               "own estimates. In-sample uses the calibration shipped in the "
                               "look-up tables; the cross-validations recalibrate without each "
                               "network, or each configuration, in turn and predict it.")
                                .arg(in.measurementSource)));
        flow.table(acc);
    }
    flow.heading(2, tr("Confidence per target"), true, 160.0);
    flow.paragraph(html(
        tr("What each target's figures rest on. Measured: the thesis's look-up tables of the "
           "board. Benchmark-calibrated: the runtime's kernel costs fitted on published MLPerf "
           "Tiny runs of this MCU. Datasheet-derived: the runtime's costs from other MCUs of the "
           "same core family, and this MCU's datasheet. Latency errors are median / mean absolute "
           "errors of the runtime on the core family (docs/runtimes.md); leave-model-out predicts "
           "each benchmark network from a fit on the others, leave-board-out each board from the "
           "others. The last column is the expected latency error of the variant \"%1\" on the "
           "target: the target's error, plus half the share of its cycles spent in layers no "
           "measurement validated.")
            .arg(in.focus && in.focus->variant < in.exploration->variantCount()
                     ? variantLabel(in.exploration->specs[in.focus->variant])
                     : QString())));
    flow.table(rs::targetConfidence(in));
    flow.heading(2, tr("Assumptions"), true, 220.0);
    QString items = QStringLiteral("<ul>");
    for (const CostTarget& m : in.exploration->targets) {
        if (m.lut)
            items += tr("<li><b>%1</b>: figures measured with %2, at %3 V; clocks %4.</li>")
                         .arg(html(qs(m.name)), html(qs(m.lut->runtime)),
                              QString::number(m.lut->supplyV, 'f', 2),
                              html(formatMhzRange(m.freqMinMhz, m.freqMaxMhz)));
        else
            items +=
                tr("<li><b>%1</b>: %2 %3 costed per kernel class; %4 V supply; clocks %5; "
                   "expected latency error %6 (%7).%8</li>")
                    .arg(html(qs(m.name)), html(qs(m.runtime->name)), html(qs(m.runtime->version)),
                         QString::number(m.facts->nominalV, 'f', 2),
                         html(formatMhzRange(m.freqMinMhz, m.freqMaxMhz)),
                         html(expectedErrorText(m.confidence)), html(qs(m.confidence.how)),
                         m.facts->current ? QString()
                                          : html(tr(" No current model for this MCU: no energy or "
                                                    "power figure.")));
    }
    const Constraints& c = in.project.constraints;
    items += tr("<li>Reserves: %1 KiB of RAM and %2 KiB of Flash are kept for the rest of the "
                "firmware.</li>")
                 .arg(formatNumber(c.ramReserveKib), formatNumber(c.flashReserveKib));
    items += tr("<li>RAM under the thesis runtime is the thesis's rule (the largest inputs plus "
                "output of one layer); under a deployment runtime it is that runtime's activation "
                "arena, after its graph lowering (BatchNorm folded, activations and padding fused, "
                "element-wise operations in place where it does so). Flash is the weights (4 "
                "bytes per parameter in FP32, 1 in INT8) plus the code of the kernels used.</li>");
    items += tr("<li>Energy is supply voltage x mean current x latency of one inference; idle "
                "time between inferences is not counted.</li>");
    items += tr("<li>Accuracy is not predicted: the figures given are the user's own.</li>");
    items += QStringLiteral("</ul>");
    flow.paragraph(items);
    flow.finish();
}

} // namespace

QPageLayout reportPageLayout(QPageSize::PageSizeId size) {
    return QPageLayout(QPageSize(size), QPageLayout::Portrait, QMarginsF(18, 16, 18, 14),
                       QPageLayout::Millimeter);
}

std::optional<QPageSize::PageSizeId> reportPageSize(const QString& name) {
    if (name.compare(QLatin1String("A4"), Qt::CaseInsensitive) == 0)
        return QPageSize::A4;
    if (name.compare(QLatin1String("Letter"), Qt::CaseInsensitive) == 0)
        return QPageSize::Letter;
    return std::nullopt;
}

QPageSize::PageSizeId defaultReportPageSize() {
    const QLocale::Territory t = QLocale().territory();
    return t == QLocale::UnitedStates || t == QLocale::Canada ? QPageSize::Letter : QPageSize::A4;
}

QByteArray renderReport(const ReportInput& in, const ReportOptions& options, int* pages) {
    ReportFigures figures(in);
    const QPageLayout layout = reportPageLayout(options.pageSize);
    auto makeWriter = [&](QIODevice* device) {
        auto w = std::make_unique<QPdfWriter>(device);
        w->setResolution(kDpi);
        w->setPageLayout(layout);
        w->setTitle(tr("Design report: %1").arg(qs(in.project.name)));
        w->setCreator(tr("ZIP-CNN Explorer %1").arg(QStringLiteral(ZIPCNN_VERSION)));
        return w;
    };
    const QString footer = tr("%1 · ZIP-CNN Explorer design report").arg(qs(in.project.name));

    // First pass: measure only, to learn the pages of the headings and the page count.
    QBuffer scratch;
    scratch.open(QIODevice::WriteOnly);
    auto measureDevice = makeWriter(&scratch);
    ReportFlow measure(measureDevice.get(), nullptr, layout, {});
    layOut(measure, in, figures, {});
    std::vector<ReportTocEntry> toc = measure.toc();
    const int pageCount = measure.page();
    measureDevice.reset();

    // Second pass: draw.
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        auto writer = makeWriter(&buffer);
        QCPPainter painter(writer.get());
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        painter.setMode(QCPPainter::pmNonCosmetic);
        painter.setRenderHint(QPainter::Antialiasing);
        ReportFlow flow(writer.get(), &painter, layout, [&] { writer->newPage(); });
        flow.setFooter(footer);
        flow.setPageCount(pageCount);
        layOut(flow, in, figures, toc);
        painter.end();
        if (pages)
            *pages = flow.page();
    }
    return bytes;
}

ReportResult writeReport(const ReportInput& input, const ReportOptions& options,
                         const QString& path) {
    QElapsedTimer timer;
    timer.start();
    ReportResult r;
    const QByteArray bytes = renderReport(input, options, &r.pages);
    std::string error;
    if (bytes.isEmpty())
        r.error = tr("%1: the PDF could not be produced").arg(path);
    else if (!writeFileAtomically(path.toStdString(), bytes.toStdString(), &error))
        r.error = QString::fromStdString(error);
    r.milliseconds = timer.nsecsElapsed() / 1e6;
    return r;
}

} // namespace zipcnn::gui
