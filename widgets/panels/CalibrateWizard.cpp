// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/CalibrateWizard.h"

#include "base/JoinList.h"
#include "common/ChartStyle.h"
#include "common/Formatting.h"
#include "io/UserMcuStore.h"
#include "io/UserProfileFile.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QWizardPage>
#include <algorithm>
#include <cmath>
#include <functional>
#include <qcustomplot.h>
#include <set>

namespace zipcnn::gui {

namespace {

/// A wizard page whose completeness and preparation are the wizard's to say.
class StepPage : public QWizardPage {
public:
    explicit StepPage(const QString& title, const QString& subTitle = {}) {
        setTitle(title);
        if (!subTitle.isEmpty())
            setSubTitle(subTitle);
    }
    std::function<bool()> complete = [] { return true; };
    std::function<void()> enter = [] {};
    bool isComplete() const override { return complete(); }
    void initializePage() override { enter(); }
    void changed() { emit completeChanged(); }
};

QString num(double v, int digits = 4) {
    return QString::number(v, 'g', digits);
}

} // namespace

CalibrateWizard::CalibrateWizard(const Catalogs& catalogs, QWidget* parent)
    : QWizard(parent), catalogs_(catalogs), csv_(new QLineEdit), csvSummary_(new QLabel),
      mcu_(new QComboBox), runtime_(new QComboBox), summary_(new QLabel), table_(new QTableWidget),
      plot_(new QCustomPlot) {
    setObjectName(QStringLiteral("calibrateWizard"));
    setWindowTitle(tr("Calibrate on Measurements"));
    setWizardStyle(QWizard::ClassicStyle);
    setButtonText(QWizard::FinishButton, tr("Save Profile"));

    // 1. The measurements.
    auto* csvPage =
        new StepPage(tr("Your measurements"),
                     tr("A CSV of measured latencies, and optionally currents, powers or "
                        "energies: mcu,runtime,config,freq_mhz,metric,measured[,voltage_v]; "
                        "config is the network (a zoo name or a model file beside the CSV)."));
    csv_->setObjectName(QStringLiteral("csvFile"));
    auto* browse = new QPushButton(tr("Browse..."));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Measurements"), csv_->text(),
                                                       tr("Measurements (*.csv)"));
        if (!f.isEmpty())
            csv_->setText(f);
    });
    auto* row = new QHBoxLayout;
    row->addWidget(csv_);
    row->addWidget(browse);
    csvSummary_->setWordWrap(true);
    csvSummary_->setObjectName(QStringLiteral("csvSummary"));
    auto* l1 = new QVBoxLayout(csvPage);
    l1->addLayout(row);
    l1->addWidget(csvSummary_);
    l1->addStretch();
    csvPage->complete = [this] {
        return table_csv && !hasErrors(table_csv->diagnostics) && !table_csv->points.empty();
    };
    connect(csv_, &QLineEdit::textChanged, this, [this, csvPage] {
        readCsv();
        csvPage->changed();
    });
    setPage(CsvPage, csvPage);

    // 2. The (MCU, runtime) pair.
    auto* targetPage =
        new StepPage(tr("MCU and runtime"),
                     tr("The pair the measurements were made on. The fit replaces the "
                        "runtime's parameters for this MCU only; the shipped profiles are "
                        "never changed."));
    mcu_->setObjectName(QStringLiteral("mcu"));
    runtime_->setObjectName(QStringLiteral("runtime"));
    for (const auto& m : catalogs_.facts.mcus)
        mcu_->addItem(qs(m.name) + (m.user ? tr(" (yours)") : QString()), qs(m.name));
    for (const auto& r : catalogs_.runtimes.runtimes)
        if (!r.isThesisLut())
            runtime_->addItem(qs(r.id), qs(r.id));
    auto* form = new QFormLayout(targetPage);
    form->addRow(tr("MCU"), mcu_);
    form->addRow(tr("Runtime"), runtime_);
    targetPage->enter = [this] {
        if (!table_csv || table_csv->points.empty())
            return;
        // The data's own MCU and runtime, when the catalogues know them.
        const auto& p = table_csv->points.front();
        if (const McuFacts* m = catalogs_.facts.find(p.mcu))
            mcu_->setCurrentIndex(mcu_->findData(qs(m->name)));
        if (const RuntimeProfile* r = catalogs_.runtimes.find(p.runtime); r && !p.runtime.empty())
            runtime_->setCurrentIndex(runtime_->findData(qs(r->id)));
    };
    targetPage->complete = [this] {
        return mcu_->currentIndex() >= 0 && runtime_->currentIndex() >= 0;
    };
    setPage(TargetPage, targetPage);

    // 3. The fit.
    auto* fitPage = new StepPage(tr("The fit"));
    summary_->setObjectName(QStringLiteral("fitSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_->setObjectName(QStringLiteral("residuals"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    table_->setColumnCount(7);
    table_->setHorizontalHeaderLabels({tr("network"), tr("MHz"), tr("measured ms"),
                                       tr("estimated ms"), tr("error %"), tr("left out ms"),
                                       tr("left out %")});
    table_->horizontalHeader()->setStretchLastSection(true);
    plot_->setObjectName(QStringLiteral("fitChart"));
    plot_->setMinimumSize(300, 260);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(table_);
    split->addWidget(plot_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* l3 = new QVBoxLayout(fitPage);
    l3->addWidget(summary_);
    l3->addWidget(split, 1);
    fitPage->enter = [this, fitPage] {
        fit();
        fitPage->changed();
    };
    fitPage->complete = [this] { return result_ && result_->profile; };
    setPage(FitPage, fitPage);
    resize(980, 620);
}

void CalibrateWizard::readCsv() {
    table_csv.reset();
    const QString path = csv_->text().trimmed();
    if (path.isEmpty()) {
        csvSummary_->clear();
        return;
    }
    table_csv = readMeasurementCsv(path.toStdString());
    QStringList lines;
    for (const auto& d : table_csv->diagnostics)
        if (d.severity == Severity::Error)
            lines << qs(d.toString());
    if (!lines.isEmpty()) {
        csvSummary_->setText(lines.join(QLatin1Char('\n')));
        csvSummary_->setStyleSheet(QStringLiteral("color: #b00020"));
        return;
    }
    std::set<std::string> mcus, runtimes, nets;
    for (const auto& p : table_csv->points) {
        mcus.insert(p.mcu);
        if (!p.runtime.empty())
            runtimes.insert(p.runtime);
        nets.insert(p.config);
    }
    auto list = [](const std::set<std::string>& s) {
        return qs(joinList(std::vector<std::string>(s.begin(), s.end())));
    };
    csvSummary_->setStyleSheet(QString());
    csvSummary_->setText(
        tr("%1 points; MCU: %2; runtime: %3; networks: %4")
            .arg(table_csv->points.size())
            .arg(list(mcus), runtimes.empty() ? tr("not said") : list(runtimes), list(nets)));
}

void CalibrateWizard::fit() {
    result_.reset();
    table_->setRowCount(0);
    plot_->clearGraphs();
    plot_->clearItems();
    if (!table_csv) {
        plot_->replot();
        return;
    }
    result_ = calibrateUserProfile({*table_csv}, catalogs_.facts, catalogs_.runtimes,
                                   mcu_->currentData().toString().toStdString(),
                                   runtime_->currentData().toString().toStdString());
    const auto& r = *result_;
    QStringList lines;
    if (!r.profile) {
        for (const auto& d : r.diagnostics)
            if (d.severity == Severity::Error)
                lines << qs(d.toString());
        summary_->setStyleSheet(QStringLiteral("color: #b00020"));
        summary_->setText(tr("Cannot fit:") + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
        plot_->replot();
        return;
    }
    summary_->setStyleSheet(QString());
    const KernelCosts& k = r.profile->costs;
    lines << qs(r.profile->mcu + " under " + r.profile->runtime + ": " + r.profile->source);
    lines << tr("Cycles per MAC %1 (convolutions), %2 (dense); cycles per element %3")
                 .arg(num(k.convCyclesPerMac), num(k.fcCyclesPerMac),
                      num(k.outputCyclesPerElement));
    if (r.profile->current)
        lines << tr("Current %1 mA + %2 µA/MHz")
                     .arg(num(r.profile->current->staticMa), num(r.profile->current->uaPerMhz));
    auto summary = [](const std::optional<ErrorSummary>& s) {
        return s ? tr("median %1 %, mean %2 % (N=%3)")
                       .arg(s->medianPct.value_or(s->meanPct), 0, 'f', 1)
                       .arg(s->meanPct, 0, 'f', 1)
                       .arg(s->points)
                 : tr("cannot run (one network)");
    };
    lines << tr("Latency error in sample: %1; leave one network out: %2")
                 .arg(summary(r.inSample), summary(r.leaveOneNetworkOut));
    for (const auto& n : r.notes)
        lines << tr("Note: ") + qs(n);
    summary_->setText(lines.join(QLatin1Char('\n')));
    table_->setRowCount(static_cast<int>(r.residuals.size()));
    for (std::size_t i = 0; i < r.residuals.size(); ++i) {
        const auto& p = r.residuals[i];
        const QStringList cells{qs(p.network),
                                num(p.freqMhz),
                                num(p.measuredMs),
                                num(p.predictedMs),
                                QString::number(p.errorPct, 'f', 1),
                                p.lonoPredictedMs ? num(*p.lonoPredictedMs) : QStringLiteral("-"),
                                p.lonoErrorPct ? QString::number(*p.lonoErrorPct, 'f', 1)
                                               : QStringLiteral("-")};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(static_cast<int>(i), c, item);
        }
    }
    table_->resizeColumnsToContents();
    drawChart();
}

void CalibrateWizard::drawChart() {
    const auto& r = *result_;
    chartstyle::applyPalette(plot_, palette());
    auto logAxis = [](QCPAxis* a, const QString& label) {
        a->setScaleType(QCPAxis::stLogarithmic);
        a->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        a->setLabel(label);
    };
    logAxis(plot_->xAxis, tr("measured latency (ms)"));
    logAxis(plot_->yAxis, tr("estimated latency (ms)"));
    QVector<double> mx, my, lx, ly;
    double lo = 1e300, hi = 0.0;
    for (const auto& p : r.residuals) {
        mx << p.measuredMs;
        my << p.predictedMs;
        lo = std::min({lo, p.measuredMs, p.predictedMs});
        hi = std::max({hi, p.measuredMs, p.predictedMs});
        if (p.lonoPredictedMs) {
            lx << p.measuredMs;
            ly << *p.lonoPredictedMs;
            lo = std::min(lo, *p.lonoPredictedMs);
            hi = std::max(hi, *p.lonoPredictedMs);
        }
    }
    lo /= 1.5;
    hi *= 1.5;
    QCPGraph* line = plot_->addGraph();
    line->setName(tr("estimate = measurement"));
    line->setData({lo, hi}, {lo, hi});
    line->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    auto scatter = [&](const QVector<double>& x, const QVector<double>& y, const QString& name,
                       QColor colour, QCPScatterStyle::ScatterShape shape) {
        QCPGraph* g = plot_->addGraph();
        g->setName(name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(shape, colour, colour, 8));
        g->setData(x, y);
    };
    scatter(mx, my, tr("fitted on every point"), chartstyle::mcuColour(0), QCPScatterStyle::ssDisc);
    if (!lx.isEmpty())
        scatter(lx, ly, tr("network left out of the fit"), chartstyle::mcuColour(1),
                QCPScatterStyle::ssCross);
    plot_->xAxis->setRange(lo, hi);
    plot_->yAxis->setRange(lo, hi);
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot_->replot();
}

bool CalibrateWizard::saveProfile() {
    if (!result_ || !result_->profile)
        return false;
    std::string file, error;
    if (!saveUserProfile(*result_->profile, userProfileDir(), &file, &error)) {
        summary_->setStyleSheet(QStringLiteral("color: #b00020"));
        summary_->setText(tr("Cannot save: ") + qs(error));
        return false;
    }
    savedFile_ = qs(file);
    return true;
}

void CalibrateWizard::accept() {
    if (saveProfile())
        QWizard::accept();
}

} // namespace zipcnn::gui
