// SPDX-License-Identifier: GPL-3.0-or-later
// The report's "Accuracy against cost" section: its table as a value, the one sentence when no
// variant has an accuracy, and the section in the PDF read back with pdftotext.
#include "report/AccuracySection.h"

#include "WidgetTestSupport.h"
#include "base/HumanUnits.h"
#include "common/Formatting.h"
#include "report/ReportWriter.h"

#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

/// The LeNet5 example with FP32 and INT8 accuracies only, under the metric "top-1 % (MNIST)",
/// every variant shown.
Project lenetTwoAccuracies() {
    Project p = exampleProject("lenet5", "LeNet5 thesis example");
    for (VariantSpec& v : p.variants) {
        v.accuracyPct.reset();
        v.visible = true;
    }
    p.variants[0].accuracyPct = 97.86;
    p.variants[1].accuracyPct = 98.2;
    p.accuracyMetric = "top-1 % (MNIST)";
    return p;
}

struct Prepared {
    Catalogs catalogs = loadCatalogs("");
    ReportInput input;
    explicit Prepared(const Project& p) {
        auto e = computeExploration(p, "", catalogs);
        // Focus the STM32L496ZG under thesis-c, which runs every variant.
        input =
            makeReportInput(p, {}, e, ExplorationFocus{0, 0, e->cell(0, 0).minEnergyFreqMhz}, "");
    }
};

TEST(AccuracySection, TableGivesEachVariantsStanding) {
    Prepared r(lenetTwoAccuracies());
    const AccuracySection section(r.input);
    EXPECT_EQ(section.data().axis.id, "energy");
    EXPECT_TRUE(section.noAccuracySentence().isEmpty());
    const ReportTable t = section.table();
    EXPECT_EQ(t.header[1], QStringLiteral("top-1 % (MNIST)"));
    ASSERT_EQ(t.rows.size(), r.input.project.variants.size());
    // INT8 is both more accurate and cheaper than FP32 on this MCU.
    EXPECT_EQ(t.rows[0][0], QStringLiteral("FP32"));
    EXPECT_EQ(t.rows[0][1], QStringLiteral("97.86"));
    EXPECT_TRUE(t.rows[0][4].startsWith(QLatin1String("dominated by INT8")))
        << t.rows[0][4].toStdString();
    EXPECT_TRUE(t.rows[1][4].startsWith(QLatin1String("Pareto front")))
        << t.rows[1][4].toStdString();
    for (std::size_t i = 2; i < t.rows.size(); ++i) {
        EXPECT_TRUE(t.rows[i][4].startsWith(QLatin1String("no accuracy entered"))) << i;
        EXPECT_EQ(t.rows[i][1], QStringLiteral("-"));
    }
    // The cost column is the sweep's least-energy figure in human units.
    const SweepCell& int8 = r.input.exploration->cell(1, 0);
    EXPECT_EQ(t.rows[1][3], formatMhz(*int8.minEnergyFreqMhz));
    EXPECT_EQ(t.rows[1][2], QString::fromStdString(humanEnergy(int8.minEnergyJ)));
}

TEST(AccuracySection, NoAccuracyIsOneSentence) {
    Project p = lenetTwoAccuracies();
    for (VariantSpec& v : p.variants)
        v.accuracyPct.reset();
    Prepared r(p);
    const AccuracySection section(r.input);
    EXPECT_FALSE(section.data().anyAccuracy());
    const QString sentence = section.noAccuracySentence();
    EXPECT_FALSE(sentence.isEmpty());
    EXPECT_EQ(sentence.count(QLatin1Char('.')), 1) << sentence.toStdString();
}

QString pdfText(const QString& pdf) {
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(30000)) {
        ADD_FAILURE() << "pdftotext did not run (install poppler-utils)";
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

TEST(AccuracySection, InThePdfWithItsChartAndTable) {
    Prepared r(lenetTwoAccuracies());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    const ReportResult result = writeReport(r.input, ReportOptions{QPageSize::A4}, path);
    ASSERT_TRUE(result.error.isEmpty()) << result.error.toStdString();
    const QString text = pdfText(path).simplified();
    EXPECT_TRUE(text.contains(QLatin1String("Accuracy against cost")));
    EXPECT_TRUE(text.contains(QLatin1String("dominated by INT8")));
    EXPECT_TRUE(text.contains(QLatin1String("top-1 % (MNIST)")));
    // The chart's title and axis are text in the vector drawing.
    EXPECT_TRUE(
        text.contains(QLatin1String("Accuracy against energy per inference on STM32L496ZG")))
        << text.toStdString();

    Project none = lenetTwoAccuracies();
    for (VariantSpec& v : none.variants)
        v.accuracyPct.reset();
    Prepared n(none);
    const QString path2 = dir.filePath(QStringLiteral("none.pdf"));
    ASSERT_TRUE(writeReport(n.input, ReportOptions{QPageSize::A4}, path2).error.isEmpty());
    const QString text2 = pdfText(path2).simplified();
    EXPECT_TRUE(text2.contains(QLatin1String("Accuracy against cost")));
    EXPECT_TRUE(text2.contains(QLatin1String("No variant has an accuracy entered")));
    EXPECT_FALSE(text2.contains(QLatin1String("dominated by")));
}

} // namespace
} // namespace zipcnn::gui::test
