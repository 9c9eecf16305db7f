// SPDX-License-Identifier: GPL-3.0-or-later
// `kit`: the characterisation kit of a network (docs/kit.md): the C sources, the network's
// layer table and synthetic weights, a Makefile and the manifest `calibrate` reads.
#include "CliCommands.h"
#include "CliModel.h"
#include "io/KitExport.h"
#include "io/KitFiles.h"
#include "io/NetworkJson.h"

#include <cmath>
#include <filesystem>
#include <ostream>

namespace zipcnn::cli {

namespace {

/// Reads an integer option within [min, max]; false after printing the error.
bool readCount(const CliArgs& args, const std::string& name, int min, int max, int& value,
               std::ostream& err) {
    auto text = args.option(name);
    if (!text)
        return true;
    std::string error;
    auto v = parseNumber(name, *text, min, max, error);
    if (!v || std::floor(*v) != *v) {
        printError(err,
                   "kit: " + (v ? name + ": expected a whole number, got '" + *text + "'" : error));
        return false;
    }
    value = static_cast<int>(*v);
    return true;
}

} // namespace

int runKit(const CliArgs& args, std::ostream& out, std::ostream& err) {
    if (args.positionals.size() != 1) {
        printError(err, "kit: expected one MODEL (a zoo name, a network or a model file)");
        return 2;
    }
    const auto dir = args.option("--output");
    if (!dir) {
        printError(err, "kit: give the folder to write with -o DIR");
        return 2;
    }
    KitOptions options;
    options.model = args.positionals.front();
    // The MCU: its name goes in the CSV; its profile gives the core, a default clock and the
    // memory of the board's linker script.
    const McuProfile* mcu = nullptr;
    McuCatalog catalog;
    if (auto name = args.option("--mcu")) {
        catalog = loadCatalog();
        mcu = catalog.find(*name);
        if (!mcu) {
            printError(err, "kit: unknown MCU '" + *name +
                                "' (see 'zipcnn-cli mcus'; leave --mcu out for a board without "
                                "a profile and give --core)");
            return 2;
        }
        options.mcu = mcu->name;
    }
    if (auto core = args.option("--core")) {
        if (!findKitCore(*core)) {
            std::string names;
            for (const auto& c : kitCores())
                names += (names.empty() ? "" : ", ") + c.name;
            printError(err, "kit: --core: unknown core '" + *core + "' (one of " + names + ")");
            return 2;
        }
        options.core = *core;
    } else if (mcu) {
        auto core = kitCoreOfMcu(mcu->core);
        if (!core) {
            printError(err, "kit: the kit has no build for the " + mcu->name + "'s core '" +
                                mcu->core + "' (give --core)");
            return 2;
        }
        options.core = *core;
    }
    if (!readNumberList(args, "--clock", 0.001, 10000.0, "kit", err, options.clocksMhz))
        return 2;
    if (options.clocksMhz.empty()) {
        if (!mcu) {
            printError(err, "kit: give the board's clock with --clock MHZ (or --mcu NAME)");
            return 2;
        }
        options.clocksMhz.push_back(mcu->freqMaxMhz);
    }
    if (mcu)
        for (double f : options.clocksMhz)
            if (f < mcu->freqMinMhz || f > mcu->freqMaxMhz)
                err << "zipcnn-cli: warning: kit: " << f << " MHz is outside the " << mcu->name
                    << "'s range (" << mcu->freqMinMhz << " to " << mcu->freqMaxMhz
                    << " MHz): calibrate will not use it\n";
    if (!readCount(args, "--repeats", 1, 1000000, options.repeats, err) ||
        !readCount(args, "--op-loops", 1, 100000000, options.opLoops, err))
        return 2;

    auto m = prepareModel(args, err);
    if (!m)
        return 1;
    KitNetwork kit = buildKitNetwork(m->network, m->analysis);
    if (const Diagnostic* e = firstError(kit.diagnostics)) {
        printError(err, "kit: " + m->spec + ": " + e->toString());
        return 1;
    }
    const std::string sources = findKitSources(kitSourceDirs(exeDir()));
    if (sources.empty()) {
        std::string where;
        for (const auto& d : kitSourceDirs(exeDir()))
            where += (where.empty() ? "" : ", ") + d;
        printError(err, "kit: the kit's C sources are not installed (looked in " + where + ")");
        return 1;
    }
    std::vector<KitFile> files = {
        {"kit_network.h", kitHeaderText(kit, options)},
        {"kit_weights.c", kitWeightsText(kit)},
        {"Makefile", kitMakefileText(options)},
        {"network.json", networkToText(m->network)},
        {"kit.json", kitManifest(kit, options, "network.json").dump(2) + "\n"},
    };
    if (mcu)
        files.push_back(
            {"memory-board.ld", kitBoardMemoryText(mcu->name, mcu->flashKib, mcu->sramKib)});
    Diagnostics diags;
    const auto written = writeKitFolder(*dir, sources, files, diags);
    if (const Diagnostic* e = firstError(diags)) {
        printError(err, "kit: " + e->toString());
        return 1;
    }
    const double weightsKib = static_cast<double>(kit.weightCount) * 5.0 / 1024.0;
    const double arenaKib = static_cast<double>(kit.arenaBytes) / 1024.0;
    if (mcu && weightsKib > mcu->flashKib)
        err << "zipcnn-cli: warning: kit: the synthetic weights (" << std::lround(weightsKib)
            << " KiB, FP32 and INT8) do not fit the " << mcu->name << "'s " << mcu->flashKib
            << " KiB of Flash\n";
    if (mcu && arenaKib + 16.0 > mcu->sramKib)
        err << "zipcnn-cli: warning: kit: the activations (" << std::lround(arenaKib)
            << " KiB) and the stack may not fit the " << mcu->name << "'s " << mcu->sramKib
            << " KiB of SRAM\n";
    out << "kit for " << m->network.name() << " (" << kit.layers.size() << " layers, "
        << kit.weightCount << " weights, arena " << kit.arenaBytes << " B), " << options.core
        << ", " << (options.mcu.empty() ? std::string("my-board") : options.mcu) << " -> " << *dir
        << " (" << written.size() << " files)\n"
        << "next: make -C " << *dir << ", then make -s -C " << *dir << " run-qemu > " << *dir
        << "/kit.csv under QEMU, or on a board as docs/kit.md says\n";
    return 0;
}

} // namespace zipcnn::cli
