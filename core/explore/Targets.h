// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/CostTarget.h"
#include "io/McuCatalog.h"
#include "io/McuFactsFile.h"
#include "io/RuntimeProfileFile.h"
#include "model/Project.h"

#include <string>
#include <vector>

namespace zipcnn {

/// The three catalogues a target is resolved against: the thesis's measured LUTs, the MCU
/// datasheet catalogue and the runtime profiles. Loaded once, read by everybody.
struct Catalogs {
    McuCatalog luts;
    McuFactsCatalog facts;
    RuntimeCatalog runtimes;
};

/// The catalogues installed beside the executable in `exeDir` (or in the source tree), with the
/// user's own LUT folders of ZIPCNN_LUT_PATH first, the user's own MCUs after the shipped ones
/// and the user's calibrations of (MCU, runtime) pairs (core/io/UserMcuStore, UserProfileFile).
Catalogs loadCatalogs(const std::string& exeDir);

/// The project's targets resolved against `catalogs` (which must outlive them), in order. A
/// target that does not resolve goes to `missing` as one line saying why ("STM32F746ZG under
/// foo: unknown runtime (valid: ...)").
struct ResolvedTargets {
    std::vector<CostTarget> targets;
    std::vector<std::string> missing;
};
ResolvedTargets resolveTargets(const std::vector<TargetSpec>& specs, const Catalogs& catalogs);

/// One target, or nullopt with `why` set.
std::optional<CostTarget> resolveTarget(const TargetSpec& spec, const Catalogs& catalogs,
                                        std::string* why = nullptr);

/// The kernel-class runtimes `targets` use, each once (what variants must be lowered for).
std::vector<const RuntimeProfile*> targetRuntimes(const std::vector<CostTarget>& targets);

/// Every target the catalogues offer: thesis-c on each measured MCU, then each catalogue MCU
/// under each runtime that has cost data for its core family (by MCU, then runtime id).
std::vector<CostTarget> availableTargets(const Catalogs& catalogs);

/// The runtime a new project gives an MCU: the newest X-CUBE-AI on STM32 parts, TFLM + CMSIS-NN
/// elsewhere, else the first runtime with data for its core family; nullptr when none has.
const RuntimeProfile* defaultRuntime(const RuntimeCatalog& runtimes, const McuFacts& mcu);

/// "STM32F746ZG under x-cube-ai-9" for messages.
std::string targetText(const TargetSpec& spec);

} // namespace zipcnn
