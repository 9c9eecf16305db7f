// SPDX-License-Identifier: GPL-3.0-or-later
// Tools > Add MCU... and Tools > Calibrate on Measurements... (issue 18), offscreen, with the
// user's data folder in a temporary XDG_DATA_HOME.
#include "WidgetTestSupport.h"
#include "analysis/NetworkAnalysis.h"
#include "cost/Lowering.h"
#include "cost/RuntimeCostModel.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationEngine.h"
#include "io/UserMcuStore.h"
#include "model/ModelZoo.h"
#include "panels/AddMcuDialog.h"
#include "panels/CalibrateWizard.h"
#include "panels/TargetCatalogModel.h"
#include "panels/TargetsPanel.h"
#include "window/MainWindow.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <cmath>
#include <gtest/gtest.h>
#include <qcustomplot.h>
#include <random>

namespace zipcnn::gui::test {
namespace {

class UserBoardWidgets : public ::testing::Test {
protected:
    QTemporaryDir data;
    QByteArray saved;
    bool had = false;
    void SetUp() override {
        had = qEnvironmentVariableIsSet("XDG_DATA_HOME");
        saved = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", data.path().toLocal8Bit());
    }
    void TearDown() override {
        if (had)
            qputenv("XDG_DATA_HOME", saved);
        else
            qunsetenv("XDG_DATA_HOME");
    }
    /// Writes `text` to the file `path` (a file that cannot be written fails the test).
    static void writeFile(const QString& path, const char* text) {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text);
    }
};

const Catalogs& catalogs() {
    static const Catalogs c = loadCatalogs({});
    return c;
}

void fill(AddMcuDialog& d, const std::map<QString, QString>& values) {
    for (const auto& [key, value] : values)
        d.field(key)->setText(value);
}

const std::map<QString, QString> kGood{{"name", "MYBOARD-G4"},
                                       {"freq_max_mhz", "170"},
                                       {"flash_kib", "512"},
                                       {"sram_kib", "128"},
                                       {"flash_wait_states", "30:0,60:1,90:2,120:3,150:4,170:5"},
                                       {"run_current_ua_per_mhz", "170"},
                                       {"low_power_current_ua", "1.2"}};

TEST_F(UserBoardWidgets, AddMcuNamesEveryBadFieldAndSavesAGoodOne) {
    AddMcuDialog d(catalogs().facts);
    EXPECT_FALSE(d.save());
    const QString all = d.problems().join(QLatin1Char('\n'));
    for (const char* named :
         {"Part number (name): missing", "Max clock (MHz) (freq_max_mhz): missing",
          "Flash (KiB) (flash_kib): missing", "SRAM (KiB) (sram_kib): missing"})
        EXPECT_TRUE(all.contains(QString::fromUtf8(named))) << named << "\n" << all.toStdString();
    EXPECT_EQ(d.findChild<QLabel*>(QStringLiteral("problems"))->text(), all);

    fill(d, kGood);
    d.field(QStringLiteral("freq_max_mhz"))->setText(QStringLiteral("fast"));
    d.field(QStringLiteral("flash_wait_states"))->setText(QStringLiteral("60:1,30:2"));
    d.field(QStringLiteral("supply_v"))->setText(QStringLiteral("12"));
    d.coreBox()->setCurrentText(QStringLiteral("cortex-m4"));
    EXPECT_FALSE(d.save());
    const QString bad = d.problems().join(QLatin1Char('\n'));
    EXPECT_TRUE(
        bad.contains(QStringLiteral("Max clock (MHz) (freq_max_mhz): 'fast' is not a number")))
        << bad.toStdString();
    EXPECT_TRUE(bad.contains(QStringLiteral("(flash_wait_states): flash_wait_states[1].max_mhz: "
                                            "thresholds must be strictly increasing")))
        << bad.toStdString();
    EXPECT_TRUE(bad.contains(QStringLiteral("Supply (V) (supply_v)"))) << bad.toStdString();
    EXPECT_FALSE(d.field(QStringLiteral("freq_max_mhz"))->styleSheet().isEmpty());
    EXPECT_TRUE(d.field(QStringLiteral("sram_kib"))->styleSheet().isEmpty());
    EXPECT_FALSE(QFile::exists(data.filePath(QStringLiteral("zipcnn/mcus/MYBOARD-G4.json"))));

    d.field(QStringLiteral("name"))->setText(QStringLiteral("STM32F746ZG"));
    fill(d, {{"freq_max_mhz", "170"},
             {"flash_wait_states", "30:0,60:1,90:2,120:3,150:4,170:5"},
             {"supply_v", "3.3"}});
    EXPECT_FALSE(d.save());
    EXPECT_TRUE(
        d.problems().join(QLatin1Char('\n')).contains(QStringLiteral("is the shipped MCU")));

    fill(d, kGood);
    ASSERT_TRUE(d.save()) << d.problems().join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(d.problems().isEmpty());
    EXPECT_EQ(d.savedFile(), data.filePath(QStringLiteral("zipcnn/mcus/MYBOARD-G4.json")));
    McuFactsCatalog back;
    addUserMcus(back, userMcuDir());
    ASSERT_EQ(back.mcus.size(), 1u);
    EXPECT_EQ(back.mcus[0].freqMaxMhz, 170);
    EXPECT_EQ(back.mcus[0].waitStatesAt(100).value_or(-1), 3);
}

TEST_F(UserBoardWidgets, TheNewMcuIsAmongTheTargetsAtOnce) {
    ProjectDocument doc;
    ASSERT_EQ(doc.openAsTemplate(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    MainWindow w(&doc);
    auto* model = w.targetsPanel()->view()->model();
    auto rowsNaming = [&](const QString& name) {
        int n = 0;
        for (int r = 0; r < model->rowCount(); ++r)
            n += model->index(r, TargetCatalogModel::Name).data().toString().startsWith(name);
        return n;
    };
    ASSERT_EQ(rowsNaming(QStringLiteral("MYBOARD-G4")), 0);
    // The Targets panel's button opens the dialog.
    w.targetsPanel()->findChild<QPushButton*>(QStringLiteral("addMcuButton"))->click();
    auto* dialog = w.findChild<AddMcuDialog*>();
    ASSERT_NE(dialog, nullptr);
    fill(*dialog, kGood);
    dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
    // Under every runtime with cortex-m4 data, its basis the user's datasheet.
    EXPECT_GE(rowsNaming(QStringLiteral("MYBOARD-G4")), 5);
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString name = model->index(r, TargetCatalogModel::Name).data().toString();
        if (name.startsWith(QStringLiteral("MYBOARD-G4"))) {
            EXPECT_EQ(model->index(r, TargetCatalogModel::Basis).data().toString(),
                      QStringLiteral("datasheet (user)"));
        }
    }
    w.engine()->waitUntilIdle();
}

/// Synthetic measurements of four networks at four clocks on the L4R5 under x-cube-ai-9 from
/// known parameters (conv 2.1, fc 2.7 cycles/MAC, 6 cycles/element), +-2 % noise.
QString syntheticCsv(const QString& dir) {
    const Catalogs& c = catalogs();
    const McuFacts* mcu = c.facts.find("STM32L4R5ZI");
    const RuntimeProfile* rt = c.runtimes.find("x-cube-ai-9");
    KernelCosts k;
    k.convCyclesPerMac = k.pointwiseCyclesPerMac = k.depthwiseCyclesPerMac = 2.1;
    k.fcCyclesPerMac = 2.7;
    k.outputCyclesPerElement = k.poolCyclesPerElement = k.eltwiseCyclesPerElement =
        k.activationCyclesPerElement = k.softmaxCyclesPerElement = 6.0;
    std::mt19937 gen(18);
    std::uniform_real_distribution<double> u(-0.02, 0.02);
    const QString path = dir + QStringLiteral("/my-board.csv");
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    QTextStream out(&f);
    out << "mcu,runtime,config,freq_mhz,metric,measured,voltage_v\n";
    for (const char* net : {"resnet8", "ds-cnn-s", "mobilenet-v1-0.25", "ad01"}) {
        const Network n = *zooModel(net);
        const RuntimeFeatures feat =
            lowerNetwork(n, analyze(n), rt->lowering, rt->unsupportedLayers, rt->id).features();
        for (double clock : {24.0, 48.0, 80.0, 120.0}) {
            const int ws = mcu->waitStatesAt(clock).value_or(0);
            const double ms = (coreCycles(feat, k) + flashStallCycles(feat, k, ws)) /
                              (clock * 1000.0) * (1.0 + u(gen));
            out << "STM32L4R5ZI,x-cube-ai-9," << net << "," << clock << ",latency_ms,"
                << QString::number(ms, 'g', 8) << ",3.3\n";
        }
    }
    return path;
}

TEST_F(UserBoardWidgets, TheCalibrateWizardRecoversKnownParametersAndSaves) {
    CalibrateWizard w(catalogs());
    w.show();
    const QString csv = syntheticCsv(data.path());
    w.csvEdit()->setText(csv);
    EXPECT_TRUE(w.currentPage()->isComplete());
    EXPECT_TRUE(w.findChild<QLabel*>(QStringLiteral("csvSummary"))
                    ->text()
                    .startsWith(QStringLiteral("16 points")));
    w.next();
    EXPECT_EQ(w.currentId(), CalibrateWizard::TargetPage);
    EXPECT_EQ(w.mcuBox()->currentData().toString(), QStringLiteral("STM32L4R5ZI"));
    EXPECT_EQ(w.runtimeBox()->currentData().toString(), QStringLiteral("x-cube-ai-9"));
    w.next();
    EXPECT_EQ(w.currentId(), CalibrateWizard::FitPage);
    ASSERT_TRUE(w.result() && w.result()->profile) << w.summaryLabel()->text().toStdString();
    const KernelCosts& k = w.result()->profile->costs;
    EXPECT_NEAR(k.convCyclesPerMac, 2.1, 2.1 * 0.03);
    EXPECT_NEAR(k.fcCyclesPerMac, 2.7, 2.7 * 0.03);
    EXPECT_TRUE(w.currentPage()->isComplete());
    // The residual table: a row a point, the left-out estimate filled in.
    ASSERT_EQ(w.residualTable()->rowCount(), 16);
    for (int r = 0; r < 16; ++r) {
        EXPECT_LT(std::abs(w.residualTable()->item(r, 4)->text().toDouble()), 3.0);
        EXPECT_NE(w.residualTable()->item(r, 6)->text(), QStringLiteral("-"));
    }
    // The chart: y = x, the in-sample points and the left-out ones, on log-log axes.
    QCustomPlot* plot = w.chart();
    ASSERT_EQ(plot->graphCount(), 3);
    EXPECT_EQ(plot->graph(1)->dataCount(), 16);
    EXPECT_EQ(plot->graph(2)->dataCount(), 16);
    EXPECT_EQ(plot->xAxis->scaleType(), QCPAxis::stLogarithmic);
    EXPECT_EQ(plot->yAxis->scaleType(), QCPAxis::stLogarithmic);
    EXPECT_TRUE(w.summaryLabel()->text().contains(QStringLiteral("leave one network out")));
    w.accept();
    EXPECT_EQ(w.savedFile(),
              data.filePath(QStringLiteral("zipcnn/profiles/STM32L4R5ZI__x-cube-ai-9.json")));
    EXPECT_TRUE(QFile::exists(w.savedFile()));
}

TEST_F(UserBoardWidgets, TheCalibrateWizardRefusesWhatItCannotFitAndNamesTheRow) {
    CalibrateWizard w(catalogs());
    w.show();
    const QString bad = data.filePath(QStringLiteral("bad.csv"));
    ASSERT_NO_FATAL_FAILURE(writeFile(bad, "mcu,runtime,config,freq_mhz,metric,measured\n"
                                           "STM32L4R5ZI,x-cube-ai-9,resnet8,60,latency_ms,-4\n"));
    w.csvEdit()->setText(bad);
    EXPECT_FALSE(w.currentPage()->isComplete());
    EXPECT_TRUE(w.findChild<QLabel*>(QStringLiteral("csvSummary"))
                    ->text()
                    .contains(QStringLiteral("bad.csv:2: field 'measured'")));
    const QString dense = data.filePath(QStringLiteral("dense.csv"));
    ASSERT_NO_FATAL_FAILURE(writeFile(dense, "mcu,runtime,config,freq_mhz,metric,measured\n"
                                             "STM32L4R5ZI,x-cube-ai-9,ad01,120,latency_ms,1.9\n"));
    w.csvEdit()->setText(dense);
    EXPECT_TRUE(w.currentPage()->isComplete());
    w.next();
    w.next();
    EXPECT_FALSE(w.currentPage()->isComplete());
    EXPECT_TRUE(w.summaryLabel()->text().contains(
        QStringLiteral("cycles_per_mac.conv cannot be determined")));
}

} // namespace
} // namespace zipcnn::gui::test
