// SPDX-License-Identifier: GPL-3.0-or-later
// The report at real sizes (issue 16): a 170-layer network with long exported layer names. The
// layer table wraps every name whole (never cut), the graph continues on following pages at a
// readable type size instead of shrinking, and the RAM chart names the layers that matter.
#include "WidgetTestSupport.h"
#include "explore/Exploration.h"
#include "explore/Targets.h"
#include "graph/GraphNodeItem.h"
#include "graph/NetworkGraphScene.h"
#include "model/LayerType.h"
#include "model/ModelZoo.h"
#include "report/ReportFlow.h"
#include "report/ReportGraph.h"
#include "report/ReportRamChart.h"
#include "report/ReportWriter.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QPdfWriter>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <gtest/gtest.h>
#include <set>

namespace zipcnn::gui {
namespace {

/// ResNet-50 (CIFAR form, 8 blocks a stage) named as exporters name layers: a shared prefix,
/// the layer, its type and a number, so that a name cut short is no longer unique.
Project largeProject() {
    Project p = test::exampleProject("resnet26", "ResNet-50 with exported names");
    p.network = resnetCifar(8, "resnet50");
    std::vector<std::pair<std::string, std::string>> renames;
    int i = 0;
    for (const Layer& l : p.network.layers())
        if (l.type != LayerType::Input)
            renames.emplace_back(l.name, "functional_1/" + l.name + "/" +
                                             std::string(layerTypeName(l.type)) + "_" +
                                             std::to_string(++i));
    for (const auto& [from, to] : renames)
        EXPECT_TRUE(p.network.rename(from, to)) << from;
    return p;
}

struct Prepared {
    Catalogs catalogs = loadCatalogs("");
    Project project = largeProject();
    ReportInput input;
    Prepared() {
        input = makeReportInput(project, {}, computeExploration(project, "", catalogs),
                                std::nullopt, "");
    }
};

Prepared& prepared() {
    static Prepared p;
    return p;
}

/// Sets `writer` up as the report does (96 dpi, A4) and returns the page layout.
QPageLayout reportA4(QPdfWriter& writer) {
    writer.setResolution(96);
    const QPageLayout layout = reportPageLayout(QPageSize::A4);
    writer.setPageLayout(layout);
    return layout;
}

/// The report's page flow on an A4 PDF written to memory, without a painter: it measures.
struct MeasuringFlow {
    QBuffer buffer;
    bool opened = buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer{&buffer};
    QPageLayout layout = reportA4(writer);
    ReportFlow flow{&writer, nullptr, layout, {}};
};

TEST(ReportAtRealSize, TheNetworkIsLarge) {
    EXPECT_GE(prepared().project.network.size(), 150u);
    ASSERT_TRUE(prepared().input.focusBreakdown.has_value());
}

TEST(ReportAtRealSize, LayerTableNamesAreWholeUniqueAndWrappedNeverCut) {
    const ReportInput& in = prepared().input;
    const ReportTable table = reportsections::layerBreakdown(in);
    ASSERT_GE(table.rows.size(), 150u);
    // One row per layer with a cost, named in full as the network names it, no two alike (the
    // last row is the total).
    std::set<QString> names;
    std::size_t layers = 0;
    for (std::size_t r = 0; r + 1 < table.rows.size(); ++r) {
        const QString& name = table.rows[r][0];
        layers += prepared().project.network.find(name.toStdString()) ? 1 : 0;
        EXPECT_TRUE(names.insert(name).second) << "twice: " << name.toStdString();
    }
    EXPECT_GE(layers, 150u);

    // Laid out on the report's pages: every name's lines give the name back, and each line
    // fits its column.
    MeasuringFlow measuring;
    QPdfWriter& writer = measuring.writer;
    const ReportFlow& flow = measuring.flow;
    const double inner = flow.columnWidths(table)[0] - 2 * ReportFlow::kCellPadding;
    const QFont font = ReportFlow::font(table.fontPt);
    const QFontMetricsF fm(font, &writer);
    int wrapped = 0;
    for (const QString& name : names) {
        const QStringList lines = ReportFlow::wrapCell(name, font, inner, &writer);
        EXPECT_EQ(lines.join(QString()), name);
        for (const QString& line : lines)
            EXPECT_LE(fm.horizontalAdvance(line.trimmed()), inner + 0.01)
                << line.toStdString() << " of " << name.toStdString();
        wrapped += lines.size() > 1 ? 1 : 0;
    }
    EXPECT_GT(wrapped, 0) << "no name was long enough to test the wrapping";
}

TEST(ReportAtRealSize, WrapCellBreaksAtSeparatorsThenLetters) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(96);
    const QFont font = ReportFlow::font(8.0);
    const QFontMetricsF fm(font, &writer);
    const QString name = QStringLiteral("functional_1/stack2_block3_bn2/BatchNormalization_77");
    const double w = fm.horizontalAdvance(QStringLiteral("stack2_block3_bn2/")) + 1.0;
    const QStringList lines = ReportFlow::wrapCell(name, font, w, &writer);
    EXPECT_EQ(lines.join(QString()), name);
    EXPECT_EQ(lines.front(), QStringLiteral("functional_1/"));
    EXPECT_TRUE(lines.contains(QStringLiteral("stack2_block3_bn2/")))
        << lines.join('|').toStdString();
    // A word wider than the column is broken between letters, nothing lost.
    const QStringList narrow =
        ReportFlow::wrapCell(QStringLiteral("BatchNormalization"), font,
                             fm.horizontalAdvance(QStringLiteral("Batch")), &writer);
    EXPECT_GT(narrow.size(), 2);
    EXPECT_EQ(narrow.join(QString()), QStringLiteral("BatchNormalization"));
    // Plain text wraps at spaces, and keeps its own line breaks.
    EXPECT_EQ(
        ReportFlow::wrapCell(QStringLiteral("fits 16 - 80 MHz\nleast energy"), font, 1000, &writer),
        QStringList({QStringLiteral("fits 16 - 80 MHz\n"), QStringLiteral("least energy")}));
}

TEST(ReportAtRealSize, GraphContinuesOnPagesAtAReadableSize) {
    NetworkGraphScene scene(prepared().project.network);
    const MeasuringFlow measuring;
    const ReportFlow& flow = measuring.flow;
    const QSizeF page(flow.contentRect().width(), flow.contentRect().height() - 40.0);
    const GraphPagePlan plan =
        planGraphPages(scene, QSizeF(page.width(), page.height() / 2.0), page);
    EXPECT_GE(plan.smallestFontPt, kReportGraphMinFontPt);
    EXPECT_NEAR(plan.smallestFontPt, graphSmallestFontPt(scene) * plan.scale, 1e-9);
    EXPECT_GT(plan.pages.size(), 1u);
    // The strips cover the graph top to bottom, in order, fit their pages side by side, hold
    // every item they cross, and cut no node.
    double at = plan.scene.top();
    for (std::size_t p = 0; p < plan.pages.size(); ++p) {
        const double height = p == 0 ? page.height() / 2.0 : page.height();
        double width = 14.0 * (plan.pages[p].size() - 1);
        for (const auto& strip : plan.pages[p]) {
            EXPECT_DOUBLE_EQ(strip.top, at);
            EXPECT_LE((strip.bottom - strip.top) * plan.scale, height + 1e-6);
            width += (strip.right - strip.left) * plan.scale;
            for (const QGraphicsItem* item : scene.items(QRectF(
                     plan.scene.left(), strip.top, plan.scene.width(), strip.bottom - strip.top))) {
                const QRectF r = item->sceneBoundingRect();
                EXPECT_LE(strip.left, r.left());
                EXPECT_GE(strip.right, r.right());
            }
            at = strip.bottom;
        }
        EXPECT_LE(width, page.width() + 1e-6) << "page " << p;
    }
    EXPECT_DOUBLE_EQ(at, plan.scene.bottom());
    for (const GraphNodeItem* n : scene.nodeItems()) {
        const QRectF r = n->sceneBoundingRect();
        bool whole = false;
        for (const auto& strips : plan.pages)
            for (const auto& strip : strips)
                whole = whole || (strip.top <= r.top() && r.bottom() <= strip.bottom);
        EXPECT_TRUE(whole) << "a node is cut between two strips at y " << r.top();
    }

    // A small network stays on one page, as large as it fits.
    NetworkGraphScene small(zooModel("lenet5").value());
    const GraphPagePlan one = planGraphPages(small, page, page);
    EXPECT_EQ(one.pages.size(), 1u);
    EXPECT_GE(one.smallestFontPt, kReportGraphMinFontPt);
}

TEST(ReportAtRealSize, RamChartNamesTheLargestLayersAndCountsTheRest) {
    const ReportInput& in = prepared().input;
    const CostVariant& v = in.exploration->variant(in.focus->variant);
    ASSERT_GT(v.ramLayers.size(), kReportProfileLayers);
    const RamTopLayers top = topRamLayers(v);
    ASSERT_EQ(top.rows.size(), kReportTopRamLayers);
    EXPECT_EQ(top.hidden, v.ramLayers.size() - kReportTopRamLayers);
    EXPECT_EQ(top.rows.front().bytes, v.ramBytes);
    EXPECT_TRUE(top.rows.front().peak);
    EXPECT_EQ(top.rows.front().name.toStdString(), v.ramPeakLayer);
    for (std::size_t i = 1; i < top.rows.size(); ++i)
        EXPECT_GE(top.rows[i - 1].bytes, top.rows[i].bytes);
    for (const auto& r : top.rows)
        EXPECT_EQ(v.ramLayers[r.position - 1].name, r.name.toStdString());
}

TEST(ReportAtRealSize, PdfHasTheGraphPagesAndTheRamChart) {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("large.pdf"));
    const ReportResult result = writeReport(prepared().input, ReportOptions{QPageSize::A4}, path);
    ASSERT_TRUE(result.error.isEmpty()) << result.error.toStdString();
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    ASSERT_TRUE(p.waitForFinished(30000)) << "pdftotext did not run (install poppler-utils)";
    const QString text = QString::fromUtf8(p.readAllStandardOutput()).simplified();
    EXPECT_TRUE(text.contains(QStringLiteral("The graph, part 1 of"))) << "no graph continuation";
    const CostVariant& v = prepared().input.exploration->variant(prepared().input.focus->variant);
    EXPECT_TRUE(text.contains(QStringLiteral("%1 more layers need less RAM and are not shown")
                                  .arg(v.ramLayers.size() - kReportTopRamLayers)));
    std::printf("[ report ] %zu layers: %d pages, %.0f ms\n", prepared().project.network.size(),
                result.pages, result.milliseconds);
}

} // namespace
} // namespace zipcnn::gui
