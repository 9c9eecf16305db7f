// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/KitExport.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// A Cortex-M core the kit's Makefile builds for.
struct KitCore {
    std::string name;        ///< "cortex-m4": the Makefile's CORE
    std::string cpuFlags;    ///< arm-none-eabi-gcc flags
    std::string qemuMachine; ///< QEMU machine that runs it ("" when the kit has none)
};

const std::vector<KitCore>& kitCores();
const KitCore* findKitCore(const std::string& name);
/// The kit core of a catalogue core name ("Cortex-M4F" -> "cortex-m4", "Cortex-M0+" ->
/// "cortex-m0plus"); nullopt when the kit has none for it.
std::optional<std::string> kitCoreOfMcu(const std::string& mcuCore);

/// The generated Makefile (docs/kit.md, "Build").
std::string kitMakefileText(const KitOptions& options);
/// A board's memory map for the STM32 layout: Flash at 0x08000000, SRAM at 0x20000000.
std::string kitBoardMemoryText(const std::string& mcu, int flashKib, int sramKib);
/// The measurement manifest calibrate reads (docs/measurement-format.md): configurations
/// fp32 and int8 of `modelFile`, measured in kit.csv.
nlohmann::json kitManifest(const KitNetwork& net, const KitOptions& options,
                           const std::string& modelFile);

/// Folders that may hold the kit's C sources: `<exeDir>/../share/zipcnn/kit` (installed), one
/// level deeper, then the source tree's `kit/`.
std::vector<std::string> kitSourceDirs(const std::string& exeDir);
/// The first of `dirs` holding kit.h; "" when none does.
std::string findKitSources(const std::vector<std::string>& dirs);

/// Everything `zipcnn-cli kit` writes, by file name.
struct KitFile {
    std::string name;
    std::string contents;
};

/// Writes `files` and copies the kit's sources from `sourceDir` into `dir` (created when
/// missing). Errors name the file and the cause; the list of written paths is returned.
std::vector<std::string> writeKitFolder(const std::string& dir, const std::string& sourceDir,
                                        const std::vector<KitFile>& files, Diagnostics& diags);

} // namespace zipcnn
