#include "report/ReportCommand.h"

#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "document/ProjectDocument.h"
#include "explore/Exploration.h"
#include "report/ReportWriter.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace zipcnn::gui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ReportCommand", text);
}

const char* kUsage = "usage: zipcnn-cli report PROJECT -o FILE.pdf [--page-size A4|Letter] "
                     "[--variant NAME --mcu NAME [--freq MHZ]]";

struct ReportArgs {
    QString project;
    QString output;
    QString pageSize;
    QString variant;
    QString mcu;
    QString freq;
};

/// Parses the command line; an empty string on success, else what is wrong.
QString parse(const QStringList& args, ReportArgs& a) {
    for (int i = 0; i < args.size(); ++i) {
        const QString& s = args[i];
        QString* valued = nullptr;
        if (s == QLatin1String("-o") || s == QLatin1String("--output"))
            valued = &a.output;
        else if (s == QLatin1String("--page-size"))
            valued = &a.pageSize;
        else if (s == QLatin1String("--variant"))
            valued = &a.variant;
        else if (s == QLatin1String("--mcu"))
            valued = &a.mcu;
        else if (s == QLatin1String("--freq"))
            valued = &a.freq;
        if (valued) {
            if (i + 1 >= args.size())
                return tr("option %1 needs a value").arg(s);
            *valued = args[++i];
        } else if (s.startsWith(QLatin1Char('-'))) {
            return tr("unknown option '%1'").arg(s);
        } else if (a.project.isEmpty()) {
            a.project = s;
        } else {
            return tr("one PROJECT only ('%1' is extra)").arg(s);
        }
    }
    if (a.project.isEmpty())
        return tr("a PROJECT is needed");
    if (a.output.isEmpty())
        return tr("-o FILE.pdf is needed");
    if (!a.output.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return tr("-o %1: the report is a PDF, its name must end in .pdf").arg(a.output);
    if (a.variant.isEmpty() != a.mcu.isEmpty())
        return tr("--variant and --mcu go together");
    if (!a.freq.isEmpty() && a.variant.isEmpty())
        return tr("--freq needs --variant and --mcu");
    return {};
}

} // namespace

int runReportCommand(const QStringList& args, QTextStream& out, QTextStream& err) {
    ReportArgs a;
    if (const QString problem = parse(args, a); !problem.isEmpty()) {
        err << "zipcnn-cli: error: report: " << problem << " (" << kUsage << ")\n";
        return 2;
    }
    ReportOptions options;
    options.pageSize = defaultReportPageSize();
    if (!a.pageSize.isEmpty()) {
        auto size = reportPageSize(a.pageSize);
        if (!size) {
            err << "zipcnn-cli: error: report: --page-size " << a.pageSize
                << ": expected A4 or Letter\n";
            return 2;
        }
        options.pageSize = *size;
    }

    // A project, or else a model file with the default candidates and variants.
    ProjectDocument document;
    QString error = document.open(a.project);
    QString projectFile = QFileInfo(a.project).absoluteFilePath();
    if (!error.isEmpty()) {
        const ProjectDocument::ImportOutcome imported = document.importModel(a.project, false);
        if (!imported.error.isEmpty()) {
            err << "zipcnn-cli: error: report: " << error << "\n";
            return 1;
        }
        projectFile.clear();
    }
    const McuCatalog catalog =
        loadMcuCatalog(defaultLutDirs(QCoreApplication::applicationDirPath().toStdString()));
    auto exploration = computeExploration(document.project(), a.project.toStdString(), catalog);
    for (const std::string& missing : exploration->missingMcus)
        err << "zipcnn-cli: warning: report: MCU '" << QString::fromStdString(missing)
            << "' is not in the catalogue; it is left out\n";

    std::optional<ExplorationFocus> focus;
    if (!a.variant.isEmpty()) {
        std::optional<std::size_t> v;
        for (std::size_t i = 0; i < exploration->variantCount(); ++i)
            if (QString::fromStdString(exploration->specs[i].name) == a.variant ||
                variantLabel(exploration->specs[i]) == a.variant)
                v = i;
        const auto m = exploration->mcuIndex(a.mcu.toStdString());
        if (!v || !m) {
            err << "zipcnn-cli: error: report: "
                << (!v ? tr("no variant '%1' in the project").arg(a.variant)
                       : tr("MCU '%1' is not a candidate of the project").arg(a.mcu))
                << "\n";
            return 2;
        }
        focus = ExplorationFocus{*v, *m, exploration->cell(*v, *m).minEnergyFreqMhz};
        if (!a.freq.isEmpty()) {
            bool ok = false;
            const double f = a.freq.toDouble(&ok);
            const McuProfile& mcu = *exploration->mcus[*m];
            if (!ok || !(f >= mcu.freqMinMhz && f <= mcu.freqMaxMhz)) {
                err << "zipcnn-cli: error: report: --freq " << a.freq << ": expected a clock of "
                    << formatMhzRange(mcu.freqMinMhz, mcu.freqMaxMhz) << "\n";
                return 2;
            }
            focus->freqMhz = f;
        }
    }

    const ReportInput input =
        makeReportInput(document.project(), projectFile, exploration, focus, catalog,
                        QCoreApplication::applicationDirPath().toStdString());
    const ReportResult r = writeReport(input, options, a.output);
    if (!r.error.isEmpty()) {
        err << "zipcnn-cli: error: report: " << r.error << "\n";
        return 1;
    }
    out << tr("%1: %2 pages, written in %3 ms")
               .arg(a.output)
               .arg(r.pages)
               .arg(QString::number(r.milliseconds, 'f', 0))
        << "\n";
    return 0;
}

} // namespace zipcnn::gui
