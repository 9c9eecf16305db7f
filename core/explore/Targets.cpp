// SPDX-License-Identifier: GPL-3.0-or-later
#include "explore/Targets.h"

#include "base/JoinList.h"
#include "io/UserMcuStore.h"
#include "io/UserProfileFile.h"

#include <algorithm>

namespace zipcnn {

Catalogs loadCatalogs(const std::string& exeDir) {
    Catalogs c;
    c.luts = loadMcuCatalog(defaultLutDirs(exeDir));
    c.facts = loadMcuFactsCatalog(defaultDataDirs(exeDir, "mcus"));
    c.runtimes = loadRuntimeCatalog(defaultDataDirs(exeDir, "runtimes"));
    // The user's own MCUs and calibrations (docs/user-guide.md, "Your own board").
    addUserMcus(c.facts, userMcuDir());
    addUserProfiles(&c.runtimes, &c.facts, userProfileDir());
    return c;
}

std::string targetText(const TargetSpec& spec) {
    return spec.mcu + " under " + spec.runtime;
}

std::optional<CostTarget> resolveTarget(const TargetSpec& spec, const Catalogs& catalogs,
                                        std::string* why) {
    auto fail = [&](const std::string& reason) -> std::optional<CostTarget> {
        if (why)
            *why = targetText(spec) + ": " + reason;
        return std::nullopt;
    };
    const RuntimeProfile* runtime = catalogs.runtimes.find(spec.runtime);
    const bool thesis = runtime ? runtime->isThesisLut() : spec.runtime == kThesisRuntimeId;
    if (thesis) {
        const McuProfile* lut = catalogs.luts.find(spec.mcu);
        if (!lut) {
            // The LUT catalogue matches exact names; the datasheet catalogue knows the aliases.
            if (const McuFacts* f = catalogs.facts.find(spec.mcu))
                lut = catalogs.luts.find(f->name);
        }
        if (!lut) {
            std::vector<std::string> measured;
            for (const auto& m : catalogs.luts.mcus)
                measured.push_back(m.name);
            const std::string names = joinList(measured);
            return fail(std::string(kThesisRuntimeId) + " has measured look-up tables for " +
                        (names.empty() ? "no MCU" : names) + " only");
        }
        CostTarget t = lutTarget(*lut, runtime);
        t.spec = spec;
        t.datasheet = catalogs.facts.find(lut->name);
        return t;
    }
    if (!runtime)
        return fail("unknown runtime (valid: " + catalogs.runtimes.idList() + ")");
    const McuFacts* facts = catalogs.facts.find(spec.mcu);
    if (!facts)
        return fail("unknown MCU (not in the MCU catalogue)");
    std::string reason;
    auto t = runtimeTarget(*facts, *runtime, &reason);
    if (!t)
        return fail(reason);
    t->spec = spec;
    return t;
}

ResolvedTargets resolveTargets(const std::vector<TargetSpec>& specs, const Catalogs& catalogs) {
    ResolvedTargets out;
    for (const TargetSpec& s : specs) {
        std::string why;
        if (auto t = resolveTarget(s, catalogs, &why))
            out.targets.push_back(std::move(*t));
        else
            out.missing.push_back(why);
    }
    return out;
}

std::vector<const RuntimeProfile*> targetRuntimes(const std::vector<CostTarget>& targets) {
    std::vector<const RuntimeProfile*> out;
    for (const CostTarget& t : targets)
        if (!t.usesLut() && t.runtime && std::find(out.begin(), out.end(), t.runtime) == out.end())
            out.push_back(t.runtime);
    return out;
}

std::vector<CostTarget> availableTargets(const Catalogs& catalogs) {
    std::vector<CostTarget> out;
    const RuntimeProfile* thesis = catalogs.runtimes.find(kThesisRuntimeId);
    for (const McuProfile& m : catalogs.luts.mcus) {
        out.push_back(lutTarget(m, thesis));
        out.back().datasheet = catalogs.facts.find(m.name);
    }
    for (const McuFacts& m : catalogs.facts.mcus)
        for (const RuntimeProfile& r : catalogs.runtimes.runtimes)
            if (!r.isThesisLut())
                if (auto t = runtimeTarget(m, r))
                    out.push_back(std::move(*t));
    return out;
}

const RuntimeProfile* defaultRuntime(const RuntimeCatalog& runtimes, const McuFacts& mcu) {
    std::vector<const RuntimeProfile*> prefs;
    if (lowerAscii(mcu.name).rfind("stm32", 0) == 0)
        prefs.push_back(runtimes.find("x-cube-ai"));
    prefs.push_back(runtimes.find("tflm-cmsis-nn"));
    for (const RuntimeProfile* r : prefs)
        if (r && r->costsFor(mcu.coreFamily))
            return r;
    for (const RuntimeProfile& r : runtimes.runtimes)
        if (!r.isThesisLut() && r.costsFor(mcu.coreFamily))
            return &r;
    return nullptr;
}

} // namespace zipcnn
