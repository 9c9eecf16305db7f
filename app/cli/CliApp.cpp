// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliApp.h"

#include "CliCommands.h"
#include "CliModel.h"
#include "RuntimeCommands.h"
#include "import/ImporterRegistry.h"

#include <functional>
#include <map>
#include <ostream>

namespace zipcnn::cli {

namespace {

struct Command {
    CliSpec spec;
    std::function<int(const CliArgs&, std::ostream&, std::ostream&)> run;
    std::string usage;
};

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"models", {{{}, {"--json"}}, runModels, "models [--json]"}},
        {"mcus", {{{}, {"--json"}}, runMcus, "mcus [--json]"}},
        {"mcu",
         {{{"--name", "--core", "--vendor", "--freq-min", "--freq-max", "--flash-kib", "--sram-kib",
            "--itcm-kib", "--dtcm-kib", "--wait-states", "--run-ua-per-mhz", "--sleep-ua",
            "--supply-v", "--from-json"},
           {"--json"}},
          runMcu,
          "mcu add --name X --core cortex-m4 --freq-max MHZ --flash-kib N --sram-kib N "
          "[--freq-min MHZ] [--itcm-kib N] [--dtcm-kib N] [--wait-states \"MHZ:WS,...\"] "
          "[--run-ua-per-mhz X] [--sleep-ua X] [--supply-v V] [--vendor TEXT] [--from-json FILE] "
          "[--json] | mcu remove NAME | mcu show NAME [--json]"}},
        {"runtimes", {{{}, {"--json"}}, runRuntimes, "runtimes [--json]"}},
        {"inspect",
         {{{"--prune", "--input-shape"}, {"--json", "--keep-unsupported"}},
          runInspect,
          "inspect MODEL [--prune R] [--keep-unsupported] [--input-shape 1xHxWxC] [--json]"}},
        {"primitives",
         {{{"--prune", "--input-shape"}, {"--json", "--keep-unsupported"}},
          runPrimitives,
          "primitives MODEL [--prune R] [--keep-unsupported] [--input-shape 1xHxWxC] [--json]"}},
        {"memory",
         {{{"--prune", "--dtype", "--input-shape"}, {"--json", "--keep-unsupported"}},
          runMemory,
          "memory MODEL [--dtype fp32|int8] [--prune R] [--keep-unsupported] [--input-shape "
          "1xHxWxC] [--json]"}},
        {"calibrate",
         {{{"--mcu", "--lut", "--out", "--out-dir", "--user", "--runtime"},
           {"--json", "--runtimes", "--dry-run"}},
          runCalibrate,
          "calibrate MANIFEST [--mcu NAME]... [--lut FILE] [--out FILE|--out-dir DIR] [--json] | "
          "calibrate --runtimes [BENCHMARK.csv] [--out-dir DIR] [--json] | "
          "calibrate --user MEASUREMENTS.csv... [--mcu NAME] [--runtime ID] [--dry-run] [--json]"}},
        {"validate",
         {{{"--data", "--benchmarks"}, {"--cv", "--json"}},
          runValidate,
          "validate [--cv] [--data MANIFEST] [--benchmarks CSV] [--json]"}},
        {"estimate",
         {{{"--mcu", "--freq", "--dtype", "--prune", "--runtime", "--voltage", "--input-shape",
            "--period-s", "--battery", "--sleep-ua", "--wake-us"},
           {"--json", "--csv", "--breakdown", "--keep-unsupported"}},
          runEstimate,
          "estimate MODEL --mcu NAME [--runtime ID] [--freq MHZ]... [--voltage V] "
          "[--dtype fp32|int8] [--prune R] [--breakdown] [--keep-unsupported] [--input-shape "
          "1xHxWxC] [--period-s T --battery MAH|PRESET|help [--sleep-ua X] [--wake-us W]] "
          "[--json|--csv]"}},
        {"sweep",
         {{{"--mcu", "--dtype", "--prune", "--max-latency-ms", "--max-energy-mj", "--max-power-mw",
            "--ram-reserve-kib", "--flash-reserve-kib", "--clocks", "--output", "--runtime",
            "--input-shape", "--period-s", "--battery", "--sleep-ua", "--wake-us",
            "--min-battery-life-h"},
           {"--json", "--csv", "--keep-unsupported"}},
          runSweep,
          "sweep MODEL|PROJECT [--runtime ID]... [--mcu NAME]... [--dtype fp32|int8]... [--prune "
          "R]... "
          "[--max-latency-ms X] [--max-energy-mj X] [--max-power-mw X] [--ram-reserve-kib X] "
          "[--flash-reserve-kib X] [--clocks explore|characterised] [--keep-unsupported] "
          "[--input-shape 1xHxWxC] [--period-s T] [--battery MAH|PRESET|help] [--sleep-ua X] "
          "[--wake-us W] [--min-battery-life-h H] "
          "[--json|--csv|-o FILE.csv|.json|.h5]"}},
        {"kit",
         {{{"--output", "--mcu", "--clock", "--core", "--repeats", "--op-loops", "--input-shape"},
           {"--keep-unsupported"}},
          runKit,
          "kit MODEL -o DIR [--mcu NAME] [--clock MHZ]... [--core cortex-m4|cortex-m7|...] "
          "[--repeats N] [--op-loops N] [--input-shape 1xHxWxC]"}},
        {"bench",
         {{{"--repeats", "--import"}, {"--json"}},
          runBench,
          "bench [--repeats N] [--import MODEL_FILE] [--json]"}},
    };
    return table;
}

void printUsage(std::ostream& out) {
    out << "usage: zipcnn-cli COMMAND [ARGS]\n\n"
        << "Estimates the cost of a CNN inference on microcontrollers (ZIP-CNN method).\n"
        << "MODEL is a model-zoo name (see 'models'), a network file (.json) or a model file\n"
        << "(" << builtinImporters().patternList()
        << "); --keep-unsupported keeps layers the engine cannot cost as zero-cost\n"
        << "placeholders instead of refusing the model; --input-shape 1x96x96x3 gives the\n"
        << "input size of a model file that leaves it open.\n\n"
        << "commands:\n"
        << "  --version\n";
    for (const auto& [name, cmd] : commands())
        out << "  " << cmd.usage << "\n";
    out << "  report PROJECT -o FILE.pdf [--page-size A4|Letter] [--variant NAME --mcu NAME "
           "[--freq MHZ]]\n";
}

} // namespace

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        printUsage(err);
        return 2;
    }
    const std::string& first = args.front();
    if (first == "--version" || first == "version") {
        out << "zipcnn-cli " << ZIPCNN_VERSION << "\n";
        return 0;
    }
    if (first == "--help" || first == "-h" || first == "help") {
        printUsage(out);
        return 0;
    }
    if (first == "report")
        return runReport(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
    auto it = commands().find(first);
    if (it == commands().end()) {
        printError(err, "unknown command '" + first + "' (try 'zipcnn-cli --help')");
        return 2;
    }
    std::string error;
    auto parsed = parseArgs(args, it->second.spec, error);
    if (!parsed) {
        printError(err, first + ": " + error + " (usage: zipcnn-cli " + it->second.usage + ")");
        return 2;
    }
    try {
        return it->second.run(*parsed, out, err);
    } catch (const std::exception& e) {
        // Last line of defence: never a stack trace, always one line.
        printError(err, first + ": internal error: " + e.what());
        return 1;
    }
}

} // namespace zipcnn::cli
