// SPDX-License-Identifier: GPL-3.0-or-later
#include "SweepTargets.h"

#include "CliCommands.h"
#include "CliModel.h"
#include "base/JoinList.h"

#include <ostream>

namespace zipcnn::cli {

namespace {

std::vector<std::string> optionValues(const CliArgs& args, const char* name) {
    auto it = args.options.find(name);
    return it == args.options.end() ? std::vector<std::string>{} : it->second;
}

} // namespace

Catalogs loadCliCatalogs() {
    return loadCatalogs(exeDir());
}

bool runtimeProfileAsked(const CliArgs& args, const Catalogs& catalogs) {
    for (const auto& id : optionValues(args, "--runtime")) {
        const RuntimeProfile* r = catalogs.runtimes.find(id);
        if (r && !r->isThesisLut())
            return true;
    }
    return false;
}

std::optional<ResolvedTargets> selectSweepTargets(const CliArgs& args, const Catalogs& catalogs,
                                                  const std::vector<TargetSpec>* projectTargets,
                                                  std::ostream& err) {
    const auto mcuNames = optionValues(args, "--mcu");
    auto runtimeIds = optionValues(args, "--runtime");
    if (mcuNames.empty() && runtimeIds.empty()) {
        if (projectTargets)
            return resolveTargets(*projectTargets, catalogs);
        std::vector<TargetSpec> all;
        for (const auto& m : catalogs.luts.mcus)
            all.push_back({m.name, kThesisRuntimeId});
        return resolveTargets(all, catalogs);
    }
    if (runtimeIds.empty())
        runtimeIds = {kThesisRuntimeId};
    std::vector<TargetSpec> specs;
    for (const auto& id : runtimeIds) {
        const RuntimeProfile* r = catalogs.runtimes.find(id);
        if (!r) {
            printError(err, "sweep: unknown runtime '" + id +
                                "' (valid: " + catalogs.runtimes.idList() + ")");
            return std::nullopt;
        }
        if (!mcuNames.empty()) {
            for (const auto& m : mcuNames)
                specs.push_back({m, r->id});
        } else if (r->isThesisLut()) {
            for (const auto& m : catalogs.luts.mcus)
                specs.push_back({m.name, r->id});
        } else {
            for (const auto& m : catalogs.facts.mcus)
                if (r->costsFor(m.coreFamily))
                    specs.push_back({m.name, r->id});
        }
    }
    ResolvedTargets out = resolveTargets(specs, catalogs);
    if (!out.missing.empty()) {
        // Asked for by name: every one must resolve.
        std::vector<std::string> known;
        for (const auto& m : catalogs.facts.mcus)
            known.push_back(m.name);
        const std::string& why = out.missing.front();
        printError(err, "sweep: " + why +
                            (why.find("unknown MCU") != std::string::npos
                                 ? " (MCUs: " + joinList(known) + ")"
                                 : std::string()));
        return std::nullopt;
    }
    return out;
}

} // namespace zipcnn::cli
