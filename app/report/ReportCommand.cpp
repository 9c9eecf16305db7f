// SPDX-License-Identifier: GPL-3.0-or-later
#include "ReportCommand.h"

#include "CliArgs.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "explore/Exploration.h"
#include "explore/ExplorationFocus.h"
#include "import/OpenInput.h"
#include "io/McuCatalog.h"
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

/// What the command line asks for, as plain values.
struct ReportRequest {
    std::string project;
    std::string output;
    std::string pageSize;
    std::string variant;
    std::string mcu;
    std::string freq;
};

/// Parses the command line with the CLI's parser; an empty string on success, else what is
/// wrong.
QString parse(const QStringList& args, ReportRequest& r) {
    static const cli::CliSpec spec{{"--output", "--page-size", "--variant", "--mcu", "--freq"}, {}};
    // The CLI's parser takes the first word as the command: the report's is "report".
    std::vector<std::string> words{"report"};
    for (const QString& a : args)
        words.push_back(a.toStdString());
    std::string error;
    const auto parsed = cli::parseArgs(words, spec, error);
    if (!parsed)
        return qs(error);
    if (parsed->positionals.size() > 1)
        return tr("one PROJECT only ('%1' is extra)").arg(qs(parsed->positionals[1]));
    if (!parsed->positionals.empty())
        r.project = parsed->positionals.front();
    auto take = [&](const char* name, std::string& into) {
        if (auto v = parsed->option(name))
            into = *v;
    };
    take("--output", r.output);
    take("--page-size", r.pageSize);
    take("--variant", r.variant);
    take("--mcu", r.mcu);
    take("--freq", r.freq);
    if (r.project.empty())
        return tr("a PROJECT is needed");
    if (r.output.empty())
        return tr("-o FILE.pdf is needed");
    if (!qs(r.output).endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return tr("-o %1: the report is a PDF, its name must end in .pdf").arg(qs(r.output));
    if (r.variant.empty() != r.mcu.empty())
        return tr("--variant and --mcu go together");
    if (!r.freq.empty() && r.variant.empty())
        return tr("--freq needs --variant and --mcu");
    return {};
}

} // namespace

int runReportCommand(const QStringList& args, QTextStream& out, QTextStream& err) {
    ReportRequest a;
    if (const QString problem = parse(args, a); !problem.isEmpty()) {
        err << "zipcnn-cli: error: report: " << problem << " (" << kUsage << ")\n";
        return 2;
    }
    ReportOptions options;
    options.pageSize = defaultReportPageSize();
    if (!a.pageSize.empty()) {
        auto size = reportPageSize(qs(a.pageSize));
        if (!size) {
            err << "zipcnn-cli: error: report: --page-size " << qs(a.pageSize)
                << ": expected A4 or Letter\n";
            return 2;
        }
        options.pageSize = *size;
    }

    // A project, or a network or model file with the default candidates and variants.
    OpenedInput input = openInput(a.project);
    if (!input.ok()) {
        const Diagnostic* e = firstError(input.diagnostics);
        err << "zipcnn-cli: error: report: "
            << (e ? qs(e->toString()) : tr("%1: cannot be read").arg(qs(a.project))) << "\n";
        return 1;
    }
    const Project& project = *input.project;
    const QString projectFile =
        input.kind == InputKind::Project ? QFileInfo(qs(a.project)).absoluteFilePath() : QString();
    const std::string exeDir = QCoreApplication::applicationDirPath().toStdString();
    const Catalogs catalogs = loadCatalogs(exeDir);
    auto exploration = computeExploration(project, a.project, catalogs);
    for (const std::string& missing : exploration->missingTargets)
        err << "zipcnn-cli: warning: report: target " << qs(missing) << "; it is left out\n";

    std::optional<ExplorationFocus> focus;
    if (!a.variant.empty()) {
        std::optional<std::size_t> v;
        for (std::size_t i = 0; i < exploration->variantCount(); ++i)
            if (exploration->specs[i].name == a.variant ||
                variantLabel(exploration->specs[i]) == qs(a.variant))
                v = i;
        const auto m = exploration->targetIndex(a.mcu);
        if (!v || !m) {
            err << "zipcnn-cli: error: report: "
                << (!v ? tr("no variant '%1' in the project").arg(qs(a.variant))
                       : tr("'%1' is not a candidate target of the project (name it "
                            "\"MCU · runtime\" when the MCU is a candidate under several "
                            "runtimes)")
                             .arg(qs(a.mcu)))
                << "\n";
            return 2;
        }
        focus = ExplorationFocus{*v, *m, exploration->cell(*v, *m).minEnergyFreqMhz};
        if (!a.freq.empty()) {
            bool ok = false;
            const double f = qs(a.freq).toDouble(&ok);
            const CostTarget& mcu = exploration->targets[*m];
            if (!ok || !(f >= mcu.freqMinMhz && f <= mcu.freqMaxMhz)) {
                err << "zipcnn-cli: error: report: --freq " << qs(a.freq)
                    << ": expected a clock of " << formatMhzRange(mcu.freqMinMhz, mcu.freqMaxMhz)
                    << "\n";
                return 2;
            }
            focus->freqMhz = f;
        }
    }

    const ReportInput in = makeReportInput(project, projectFile, exploration, focus, exeDir);
    const ReportResult r = writeReport(in, options, qs(a.output));
    if (!r.error.isEmpty()) {
        err << "zipcnn-cli: error: report: " << r.error << "\n";
        return 1;
    }
    out << tr("%1: %2 pages, written in %3 ms")
               .arg(qs(a.output))
               .arg(r.pages)
               .arg(QString::number(r.milliseconds, 'f', 0))
        << "\n";
    return 0;
}

} // namespace zipcnn::gui
