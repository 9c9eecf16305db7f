// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF design report (issue 6): its content as values, the PDF read back with poppler's
// tools (pages, headings, MCU names, numbers of the sweep), vector charts, page sizes, speed,
// and the command line. The data exports (CSV, JSON, HDF5) through the window's actions.
#include "ReportCommand.h"
#include "WidgetTestSupport.h"
#include "common/Formatting.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationController.h"
#include "exploration/ExplorationEngine.h"
#include "explore/BenchScenario.h"
#include "explore/EstimateConfidence.h"
#include "io/NetworkJson.h"
#include "io/SweepExport.h"
#include "panels/FeasibilityTableModel.h"
#include "report/ReportWriter.h"
#include "window/ExportActions.h"
#include "window/MainWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <nlohmann/json.hpp>

namespace zipcnn::gui {
namespace {

using test::exampleProject;

const char* kExeDir = ""; // no installed measurements: the source tree's are found

/// Runs a poppler tool; its standard output, or a failure naming the tool.
QString runTool(const QString& tool, const QStringList& args, int* exitCode = nullptr) {
    QProcess p;
    p.start(tool, args);
    if (!p.waitForFinished(30000)) {
        ADD_FAILURE() << tool.toStdString() << " did not run (install poppler-utils)";
        return {};
    }
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString pdfText(const QString& pdf, int first = 0, int last = 0) {
    QStringList args{QStringLiteral("-layout")};
    if (first > 0)
        args << QStringLiteral("-f") << QString::number(first) << QStringLiteral("-l")
             << QString::number(last);
    args << pdf << QStringLiteral("-");
    return runTool(QStringLiteral("pdftotext"), args);
}

int pdfPages(const QString& pdf, QString* info = nullptr) {
    const QString text = runTool(QStringLiteral("pdfinfo"), {pdf});
    if (info)
        *info = text;
    for (const QString& line : text.split(QLatin1Char('\n')))
        if (line.startsWith(QLatin1String("Pages:")))
            return line.mid(6).trimmed().toInt();
    return 0;
}

/// The ResNet26 example with 12 variants (the example's 7 and INT8 pruned 50-90 %), all shown:
/// the 3 MCUs x 12 variants.
Project resnet26TwelveVariants() {
    Project p = exampleProject("resnet26", "ResNet26 thesis example");
    addBenchVariants(p);
    return p;
}

struct Prepared {
    Catalogs catalogs = loadCatalogs("");
    ReportInput input;
    explicit Prepared(const Project& p, const QString& file = {}) {
        auto e = computeExploration(p, file.toStdString(), catalogs);
        input = makeReportInput(p, file, e, std::nullopt, kExeDir);
    }
};

TEST(ReportSections, LeNet5ContentMatchesTheSweep) {
    Prepared r(exampleProject("lenet5", "LeNet5 thesis example"));
    const ReportInput& in = r.input;
    ASSERT_EQ(in.exploration->targetCount(), 4u);
    // The focus is the least-energy feasible cell.
    ASSERT_TRUE(in.focus.has_value());
    const SweepCell& cell = in.exploration->cell(in.focus->variant, in.focus->mcu);
    EXPECT_TRUE(cell.feasible());
    for (const auto& c : in.exploration->sweep.cells) {
        if (c.feasible() && in.exploration->specs[c.variant].visible) {
            EXPECT_LE(cell.minEnergyJ, c.minEnergyJ + 1e-15);
        }
    }

    const ReportTable facts = reportsections::networkFacts(in);
    EXPECT_EQ(facts.rows[3][1], QStringLiteral("61,706")); // Table 5.2: LeNet5 parameters
    const ReportTable matrix = reportsections::feasibilityMatrix(in);
    EXPECT_EQ(matrix.header.size(), 5); // the variant, then four targets
    EXPECT_EQ(matrix.rows.size(), in.exploration->variantCount());
    FeasibilityTableModel model;
    model.setExploration(in.exploration);
    EXPECT_EQ(matrix.rows[0][1], model.cellText(0, 0));

    // The breakdown's layers add up to its total (the last row).
    const ReportTable b = reportsections::layerBreakdown(in);
    ASSERT_GT(b.rows.size(), 5u);
    EXPECT_EQ(b.rows.back()[0], QStringLiteral("Total"));
    double shares = 0.0;
    for (std::size_t i = 0; i + 1 < b.rows.size(); ++i)
        shares += b.rows[i][6].chopped(2).toDouble();
    EXPECT_NEAR(shares, 100.0, 0.6);

    // The validation figures: the shipped measurements are found (source tree) and give the
    // figures docs/cost-model.md states; the thesis's own error is beside them.
    ASSERT_EQ(in.validation.size(), 3u);
    const ReportTable acc = reportsections::accuracy(in);
    bool total = false;
    for (const QStringList& row : acc.rows)
        if (row[0].startsWith(QLatin1String("In-sample")) && row[1] == QLatin1String("all")) {
            total = true;
            EXPECT_EQ(row[3], QStringLiteral("3.2 %"));
            EXPECT_EQ(row[6], QStringLiteral("10.1 % / 7.5 % / 12.2 %"));
        }
    EXPECT_TRUE(total);
}

TEST(ReportSections, ConfidencePerTargetGivesTheRuntimeCalibrationAndThisNetworksError) {
    Prepared r(exampleProject("lenet5", "LeNet5 thesis example"));
    const ReportTable t = reportsections::targetConfidence(r.input);
    ASSERT_EQ(t.rows.size(), r.input.exploration->targetCount());
    bool thesis = false, runtime = false;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const CostTarget& target = r.input.exploration->targets[i];
        const QStringList& row = t.rows[i];
        ASSERT_EQ(row.size(), t.header.size());
        EXPECT_EQ(row[0], QString::fromStdString(target.name));
        if (target.usesLut()) {
            thesis = true;
            EXPECT_EQ(row[1], QStringLiteral("measured"));
            EXPECT_EQ(row[2], QStringLiteral("thesis"));
        } else {
            runtime = true;
            ASSERT_TRUE(target.costs->calibration);
            EXPECT_EQ(row[2], QString::number(target.costs->calibration->points));
            // Leave-model-out median / mean, as docs/runtimes.md tabulates them.
            EXPECT_TRUE(row[4].contains(QLatin1String(" / "))) << row[4].toStdString();
        }
        EXPECT_TRUE(row[7].startsWith(QStringLiteral("±"))) << row[7].toStdString();
    }
    EXPECT_TRUE(thesis);
    EXPECT_TRUE(runtime);

    // The feasibility table's cell tooltip says the same for its cell.
    FeasibilityTableModel model;
    model.setExploration(r.input.exploration);
    const Exploration& e = *r.input.exploration;
    for (std::size_t m = 0; m < e.targetCount(); ++m) {
        const SweepCell& cell = e.cell(0, m);
        const EstimateConfidence c = estimateConfidence(
            e.variant(0), e.targets[m], cell.minEnergyFreqMhz.value_or(e.targets[m].freqMaxMhz));
        EXPECT_TRUE(model.cellDetails(0, m).contains(QStringLiteral("Confidence: ") +
                                                     QString::fromStdString(c.summary())))
            << model.cellDetails(0, m).toStdString();
    }
}

/// Writes the report of `project` and reads it back.
struct WrittenReport {
    QTemporaryDir dir;
    QString path;
    ReportResult result;
    Prepared prepared; ///< owns the catalogue the input's MCUs point into
    const ReportInput& input;
    WrittenReport(const Project& project, QPageSize::PageSizeId size)
        : prepared(project), input(prepared.input) {
        path = dir.filePath(QStringLiteral("report.pdf"));
        result = writeReport(input, ReportOptions{size}, path);
    }
};

TEST(Report, LeNet5PdfHasItsSectionsAndTheSweepNumbers) {
    WrittenReport w(exampleProject("lenet5", "LeNet5 thesis example"), QPageSize::A4);
    ASSERT_TRUE(w.result.error.isEmpty()) << w.result.error.toStdString();
    QString info;
    const int pages = pdfPages(w.path, &info);
    EXPECT_EQ(pages, w.result.pages);
    EXPECT_GE(pages, 8);
    EXPECT_TRUE(info.contains(QLatin1String("(A4)"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QLatin1String("Design report: LeNet5 thesis example")));

    const QString text = pdfText(w.path);
    for (const char* heading :
         {"Design report", "Contents", "1 Network", "Primitives", "Graph", "Candidate targets",
          "Constraints and variants", "Abacus charts", "Latency", "Energy", "Power", "Memory",
          "Feasibility", "Selected configuration", "Accuracy and assumptions"})
        EXPECT_TRUE(text.simplified().contains(QLatin1String(heading))) << heading;
    for (const CostTarget& m : w.input.exploration->targets)
        EXPECT_TRUE(text.contains(QString::fromStdString(m.mcu))) << m.name;
    EXPECT_TRUE(text.contains(QStringLiteral("x-cube-ai-9")));
    EXPECT_TRUE(text.contains(QStringLiteral("Page 2 of %1").arg(pages)));
    EXPECT_TRUE(text.contains(QStringLiteral("61,706")));

    // The focused cell's least-energy clock and energy, as the sweep has them.
    const auto& f = *w.input.focus;
    const SweepCell& cell = w.input.exploration->cell(f.variant, f.mcu);
    EXPECT_TRUE(text.contains(formatMhz(*cell.minEnergyFreqMhz)));
    EXPECT_TRUE(text.contains(formatNumber(cell.minEnergyJ * 1e3) + QStringLiteral(" mJ")));

    // The table of contents gives the right pages: each chapter is on the page it names.
    const QString contents = pdfText(w.path, 2, 2);
    for (const char* chapter : {"Feasibility", "Accuracy and assumptions"}) {
        const QRegularExpression re(
            QStringLiteral("\\d\\s+%1[ .]+(\\d+)").arg(QLatin1String(chapter)));
        const auto m = re.match(contents);
        ASSERT_TRUE(m.hasMatch()) << chapter << "\n" << contents.toStdString();
        const int page = m.captured(1).toInt();
        EXPECT_TRUE(pdfText(w.path, page, page).contains(QLatin1String(chapter))) << chapter;
    }

    // Charts and graph are vector graphics: no image in the file.
    const QString images = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), w.path});
    EXPECT_EQ(images.trimmed().split(QLatin1Char('\n')).size(), 2) << images.toStdString();

    // A page renders (what a reviewer sees).
    int rc = -1;
    runTool(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"),
             QStringLiteral("-f"), QStringLiteral("6"), QStringLiteral("-l"), QStringLiteral("6"),
             w.path, w.dir.filePath(QStringLiteral("page"))},
            &rc);
    EXPECT_EQ(rc, 0);
}

TEST(Report, LetterPaper) {
    WrittenReport w(exampleProject("lenet5", "LeNet5 thesis example"), QPageSize::Letter);
    ASSERT_TRUE(w.result.error.isEmpty());
    QString info;
    pdfPages(w.path, &info);
    EXPECT_TRUE(info.contains(QLatin1String("612 x 792 pts (letter)"))) << info.toStdString();
}

TEST(Report, ResNet26TwelveVariantsThreeMcusIsQuick) {
    const Project p = resnet26TwelveVariants();
    QElapsedTimer t;
    t.start();
    WrittenReport w(p, QPageSize::A4);
    const double ms = t.nsecsElapsed() / 1e6;
    ASSERT_TRUE(w.result.error.isEmpty());
    const int pages = pdfPages(w.path);
    EXPECT_GE(pages, 10);
    std::printf("[ report ] ResNet26, 3 MCUs x 12 variants: %d pages, sweep + report %.0f ms, "
                "report alone %.0f ms\n",
                pages, ms, w.result.milliseconds);
#if !defined(__SANITIZE_ADDRESS__)
    EXPECT_LT(w.result.milliseconds, 2000.0);
#endif
    const QString text = pdfText(w.path);
    EXPECT_TRUE(text.contains(QLatin1String("INT8 pruned 90 %")));
    EXPECT_TRUE(text.contains(QLatin1String("stack3_block3_out"))); // the breakdown's layers
    // Every feasible cell's least-energy clock is listed in the feasibility section.
    const Exploration& e = *w.input.exploration;
    const QString flat = text.simplified();
    for (std::size_t v = 0; v < e.variantCount(); ++v) {
        for (std::size_t m = 0; m < e.targetCount(); ++m) {
            if (e.cell(v, m).feasible()) {
                EXPECT_TRUE(flat.contains(formatMhz(*e.cell(v, m).minEnergyFreqMhz)));
            }
        }
    }
}

TEST(Report, FailedWriteKeepsTheOldFileAndSaysWhy) {
    Prepared r(exampleProject("lenet5", "LeNet5 thesis example"));
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("no/such/folder/report.pdf"));
    const ReportResult bad = writeReport(r.input, {}, missing);
    EXPECT_TRUE(bad.error.contains(missing)) << bad.error.toStdString();
    // An existing file is replaced whole or not at all.
    const QString path = dir.filePath(QStringLiteral("old.pdf"));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("old");
    f.close();
    ASSERT_TRUE(writeReport(r.input, {}, path).error.isEmpty());
    EXPECT_TRUE(test::readAll(path).startsWith("%PDF"));
}

TEST(ReportCommand, WritesAndRefusesBadArguments) {
    QTemporaryDir dir;
    QString outText, errText;
    QTextStream out(&outText), err(&errText);
    const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
    EXPECT_EQ(runReportCommand(
                  {test::examplePath(QStringLiteral("lenet5.zipcnn.json")), QStringLiteral("-o"),
                   pdf, QStringLiteral("--page-size"), QStringLiteral("Letter"),
                   QStringLiteral("--variant"), QStringLiteral("INT8"), QStringLiteral("--mcu"),
                   QStringLiteral("STM32F746ZG"), QStringLiteral("--freq"), QStringLiteral("100")},
                  out, err),
              0)
        << errText.toStdString();
    EXPECT_TRUE(outText.contains(QLatin1String("pages")));
    EXPECT_TRUE(pdfText(pdf).contains(QLatin1String("INT8 on STM32F746ZG at 100 MHz")));

    EXPECT_EQ(runReportCommand({QStringLiteral("x.zipcnn.json")}, out, err), 2);
    EXPECT_TRUE(errText.contains(QLatin1String("-o FILE.pdf is needed")));
    EXPECT_EQ(runReportCommand({QStringLiteral("/no/such.zipcnn.json"), QStringLiteral("-o"), pdf},
                               out, err),
              1);
    EXPECT_TRUE(errText.contains(QLatin1String("/no/such.zipcnn.json")));
    EXPECT_EQ(runReportCommand({test::examplePath(QStringLiteral("lenet5.zipcnn.json")),
                                QStringLiteral("-o"), pdf, QStringLiteral("--page-size"),
                                QStringLiteral("A3")},
                               out, err),
              2);
    EXPECT_EQ(runReportCommand({test::examplePath(QStringLiteral("lenet5.zipcnn.json")),
                                QStringLiteral("-o"), pdf, QStringLiteral("--variant"),
                                QStringLiteral("nope"), QStringLiteral("--mcu"),
                                QStringLiteral("STM32F746ZG")},
                               out, err),
              2);
    EXPECT_TRUE(errText.contains(QLatin1String("no variant 'nope'")));
}

/// Reads a dataset of doubles and its shape.
std::vector<double> readDoubles(hid_t file, const char* name, std::vector<hsize_t>* dims) {
    hid_t d = H5Dopen2(file, name, H5P_DEFAULT);
    hid_t s = H5Dget_space(d);
    dims->assign(static_cast<std::size_t>(H5Sget_simple_extent_ndims(s)), 0);
    H5Sget_simple_extent_dims(s, dims->data(), nullptr);
    hsize_t n = 1;
    for (hsize_t x : *dims)
        n *= x;
    std::vector<double> v(n);
    H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    H5Sclose(s);
    H5Dclose(d);
    return v;
}

std::string readStringAttribute(hid_t obj, const char* name) {
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    hid_t t = H5Aget_type(a);
    char* value = nullptr;
    H5Aread(a, t, &value);
    std::string s = value ? value : "";
    H5free_memory(value);
    H5Tclose(t);
    H5Aclose(a);
    return s;
}

TEST(Exports, SweepRoundTripsThroughHdf5CsvAndJson) {
    ProjectDocument doc;
    doc.reset(exampleProject("lenet5", "LeNet5 thesis example"));
    MainWindow window(&doc);
    window.engine()->waitUntilIdle();
    ExportActions* ex = window.exportActions();
    QTemporaryDir dir;
    const auto e = window.engine()->current();

    const QString h5 = dir.filePath(QStringLiteral("sweep.h5"));
    ASSERT_TRUE(ex->exportSweep(h5).isEmpty());
    hid_t file = H5Fopen(h5.toUtf8().constData(), H5F_ACC_RDONLY, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    EXPECT_EQ(readStringAttribute(file, "format"), "zipcnn-sweep");
    std::vector<hsize_t> dims, fdims;
    const std::vector<double> latency = readDoubles(file, "latency_ms", &dims);
    const std::vector<double> freqs = readDoubles(file, "freq_mhz", &fdims);
    ASSERT_EQ(dims.size(), 3u);
    EXPECT_EQ(dims[0], e->variantCount());
    EXPECT_EQ(dims[1], e->targetCount());
    EXPECT_EQ(dims[2], fdims[0]);
    hid_t ds = H5Dopen2(file, "energy_j", H5P_DEFAULT);
    EXPECT_EQ(readStringAttribute(ds, "units"), "J");
    EXPECT_EQ(readStringAttribute(ds, "dimensions"), "variant,mcu,freq_mhz");
    H5Dclose(ds);
    // Every swept point is in the cube at its clock; the rest is NaN.
    std::size_t found = 0;
    for (const SweepCell& c : e->sweep.cells)
        for (const SweepPoint& p : c.points) {
            if (!p.cost.ok)
                continue;
            const auto it = std::find(freqs.begin(), freqs.end(), p.cost.freqMhz);
            ASSERT_NE(it, freqs.end());
            const std::size_t i = (c.variant * dims[1] + c.mcu) * dims[2] +
                                  static_cast<std::size_t>(it - freqs.begin());
            EXPECT_DOUBLE_EQ(latency[i], p.cost.latencyMs);
            ++found;
        }
    std::size_t numbers = 0;
    for (double x : latency)
        numbers += std::isnan(x) ? 0 : 1;
    EXPECT_EQ(numbers, found);
    H5Fclose(file);

    const QString csv = dir.filePath(QStringLiteral("sweep.csv"));
    ASSERT_TRUE(ex->exportSweep(csv).isEmpty());
    const QList<QByteArray> lines = test::readAll(csv).trimmed().split('\n');
    EXPECT_TRUE(lines.front().startsWith("variant,mcu,runtime,freq_mhz,latency_ms"));
    EXPECT_EQ(static_cast<std::size_t>(lines.size() - 1), found);
    // A variant name with a comma is quoted.
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");

    const QString json = dir.filePath(QStringLiteral("sweep.json"));
    ASSERT_TRUE(ex->exportSweep(json).isEmpty());
    const auto j = nlohmann::json::parse(test::readAll(json).toStdString());
    EXPECT_EQ(j["points"].size(), found);
    EXPECT_EQ(j["summary"].size(), e->variantCount() * e->targetCount());

    EXPECT_FALSE(ex->exportSweep(dir.filePath(QStringLiteral("sweep.xls"))).isEmpty());
    const QString net = dir.filePath(QStringLiteral("net.json"));
    ASSERT_TRUE(ex->exportNetwork(net).isEmpty());
    const auto back = loadNetworkFile(net.toStdString());
    ASSERT_TRUE(back.network.has_value());
    EXPECT_EQ(*back.network, doc.project().network);

    // The window's report action writes the focused configuration.
    const QString pdf = dir.filePath(QStringLiteral("window.pdf"));
    ASSERT_TRUE(ex->exportReport(pdf, QPageSize::A4).isEmpty());
    EXPECT_TRUE(pdfText(pdf).contains(
        window.controller()->focusText().section(QStringLiteral(" · "), 0, 0)));
}

} // namespace
} // namespace zipcnn::gui

namespace zipcnn::gui {
namespace {

TEST(Exports, FileMenuOffersTheExports) {
    ProjectDocument doc;
    doc.reset(exampleProject("lenet5", "LeNet5 thesis example"));
    MainWindow window(&doc);
    QStringList texts;
    for (QAction* menu : window.menuBar()->actions())
        if (menu->text() == QLatin1String("&File"))
            for (QAction* a : menu->menu()->actions())
                texts << a->text();
    EXPECT_TRUE(texts.contains(QStringLiteral("Export &Report (PDF)...")));
    EXPECT_TRUE(texts.contains(QStringLiteral("Export Sweep &Data (CSV, JSON, HDF5)...")));
    EXPECT_TRUE(texts.contains(QStringLiteral("Export &Network (JSON)...")));
    EXPECT_EQ(window.exportActions()->reportAction()->shortcut(),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
}

} // namespace
} // namespace zipcnn::gui
