// SPDX-License-Identifier: GPL-3.0-or-later
// The MCU catalogue and runtime profile files: the shipped ones load, name matching, and every
// broken example of tests/data/bad-catalogue is refused naming the file and the field.
#include "core/TestSupport.h"
#include "io/McuFactsFile.h"
#include "io/RuntimeProfileFile.h"

#include <filesystem>
#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;
namespace fs = std::filesystem;

namespace {

const std::string kData = ZIPCNN_SOURCE_DATA_DIR;
const fs::path kBad = fs::path(ZIPCNN_TEST_DATA_DIR) / "bad-catalogue";

McuFactsCatalog shippedMcus() {
    return loadMcuFactsCatalog({kData + "/mcus"});
}

RuntimeCatalog shippedRuntimes() {
    return loadRuntimeCatalog({kData + "/runtimes"});
}

/// `load` refuses the bad file `file`: `isEmpty` holds for what it returns, and the first error
/// names the file and holds `fragment`.
template <class Load, class IsEmpty>
void expectRefused(const std::string& file, const std::string& fragment, Load load,
                   IsEmpty isEmpty) {
    const std::string path = (kBad / file).string();
    const auto result = load(path);
    EXPECT_TRUE(isEmpty(result)) << file;
    const Diagnostic* e = firstError(result.diagnostics);
    ASSERT_NE(e, nullptr) << file;
    EXPECT_EQ(e->file, path);
    EXPECT_NE(e->toString().find(fragment), std::string::npos) << e->toString();
}

} // namespace

TEST(McuCatalogue, ShippedCatalogueHasEveryCortexMPartOfTheFactsTable) {
    const McuFactsCatalog cat = shippedMcus();
    EXPECT_FALSE(hasErrors(cat.diagnostics)) << dump(cat.diagnostics);
    // mcu_facts.csv has 21 rows, all with a Cortex-M CPU (the MP257F's is its M33 coprocessor).
    EXPECT_EQ(cat.mcus.size(), 21u);
    for (const auto& m : cat.mcus) {
        EXPECT_EQ(m.coreFamily.rfind("cortex-m", 0), 0u) << m.name;
        EXPECT_FALSE(m.source.empty()) << m.name;
        EXPECT_GT(m.freqMaxMhz, 0.0) << m.name;
        EXPECT_GT(m.nominalV, 0.0) << m.name;
        if (m.current) {
            EXPECT_FALSE(m.current->source.empty()) << m.name;
        }
    }
}

TEST(McuCatalogue, NamesMatchCaseInsensitivelyAndByAlias) {
    const McuFactsCatalog cat = shippedMcus();
    struct Case {
        const char* query;
        const char* name;
    };
    for (auto [q, n] :
         {Case{"STM32F746NG", "STM32F746ZG"}, Case{"stm32f746zg", "STM32F746ZG"},
          Case{"STM32L4R5ZIT6U", "STM32L4R5ZI"}, Case{"STM32L4R5ZIT6P", "STM32L4R5ZI"},
          Case{"stm32l4r5zit6", "STM32L4R5ZI"}, Case{"STM32L4R5", "STM32L4R5ZI"},
          Case{"STM32H7A3ZI (board NUCLEO-H7A3ZI-Q)", "STM32H7A3ZI"},
          Case{"STM32H7A3ZIT6Q", "STM32H7A3ZI"}, Case{"R7FA8D1AHECBD", "R7FA8D1"},
          Case{"M467HJHAN", "M467"}, Case{"EFR32MG24B310F1536IM48", "EFR32MG24"},
          Case{"STM32U385RGT6Q", "STM32U385RG"}, Case{"nrf5340", "nRF5340"}}) {
        const McuFacts* m = cat.find(q);
        ASSERT_NE(m, nullptr) << q;
        EXPECT_EQ(m->name, n) << q;
    }
    EXPECT_EQ(cat.find("STM32F999XX"), nullptr);
}

TEST(McuCatalogue, WaitStatesAgainstClockFollowTheVendorTables) {
    const McuFactsCatalog cat = shippedMcus();
    const McuFacts* l496 = cat.find("STM32L496ZG");
    ASSERT_NE(l496, nullptr);
    // Range 1: 0 WS <= 16 MHz, 1 <= 32, 2 <= 48, 3 <= 64, 4 <= 80 (LL_SetFlashLatency)
    EXPECT_EQ(l496->waitStatesAt(16), 0);
    EXPECT_EQ(l496->waitStatesAt(17), 1);
    EXPECT_EQ(l496->waitStatesAt(80), 4);
    EXPECT_FALSE(l496->waitStatesAt(81).has_value());
    const McuFacts* h7 = cat.find("STM32H7A3ZI");
    ASSERT_NE(h7, nullptr);
    EXPECT_EQ(h7->waitStatesAt(280), 6);
    ASSERT_TRUE(h7->dtcmKib.has_value());
    EXPECT_EQ(*h7->dtcmKib, 128);
    // RA8D1 thresholds are on ICLK = CPUCLK / 2: 4 WS at 480 MHz CPU (240 MHz ICLK)
    EXPECT_EQ(cat.find("R7FA8D1")->waitStatesAt(480), 4);
    EXPECT_TRUE(cat.find("nRF5340")->waitStates.empty()); // not in the sources read
}

TEST(McuCatalogue, CurrentModelsSayWhatTheyRestOn) {
    const McuFactsCatalog cat = shippedMcus();
    for (const char* n : {"STM32L496ZG", "STM32F446ZE", "STM32F746ZG"})
        EXPECT_EQ(cat.find(n)->current->basis, McuBasis::Measured) << n;
    for (const char* n : {"STM32L4R5ZI", "STM32H7A3ZI", "STM32U385RG"})
        EXPECT_EQ(cat.find(n)->current->basis, McuBasis::Benchmark) << n;
    EXPECT_EQ(cat.find("STM32G0B1RE")->current->basis, McuBasis::Datasheet);
    EXPECT_DOUBLE_EQ(cat.find("STM32G0B1RE")->current->uaPerMhz, 100.0);
    EXPECT_FALSE(cat.find("M467")->current.has_value()); // no figure in the sources read
    // L4R5 at 120 MHz: the benchmark energy rows give ~24 mA (E / (V t)), twice the headline.
    EXPECT_NEAR(cat.find("STM32L4R5ZI")->current->currentMa(120), 24.4, 1.0);
}

TEST(RuntimeProfiles, ShippedProfilesLoadWithTheIssueIds) {
    const RuntimeCatalog rts = shippedRuntimes();
    EXPECT_FALSE(hasErrors(rts.diagnostics)) << dump(rts.diagnostics);
    for (const char* id : {"thesis-c", "tflm-cmsis-nn", "x-cube-ai-7", "x-cube-ai-8", "x-cube-ai-9",
                           "plumerai", "bosch-hale", "microtvm"})
        EXPECT_NE(rts.find(id), nullptr) << id;
    ASSERT_NE(rts.find("x-cube-ai"), nullptr);
    EXPECT_EQ(rts.find("X-CUBE-AI")->id, "x-cube-ai-9");
    EXPECT_TRUE(rts.find("thesis-c")->isThesisLut());
    for (const auto& r : rts.runtimes) {
        if (r.isThesisLut())
            continue;
        EXPECT_FALSE(r.costs.empty()) << r.id;
        EXPECT_TRUE(r.lowering.foldBatchNorm) << r.id;
        for (const auto& k : r.costs) {
            ASSERT_TRUE(k.calibration.has_value()) << r.id << " " << k.coreFamily;
            EXPECT_GT(k.convCyclesPerMac, 0.0) << r.id << " " << k.coreFamily;
            EXPECT_FALSE(k.provenance.at("cycles_per_mac.conv").empty());
        }
    }
}

TEST(RuntimeProfiles, WriteThenReadGivesTheSameProfile) {
    const RuntimeCatalog rts = shippedRuntimes();
    for (const auto& r : rts.runtimes) {
        RuntimeLoadResult back = runtimeFromJson(runtimeToJson(r), r.file);
        ASSERT_TRUE(back.profile) << dump(back.diagnostics);
        EXPECT_EQ(*back.profile, r) << r.id;
    }
}

TEST(RuntimeProfiles, BrokenFilesAreRefusedNamingFileAndField) {
    struct Case {
        const char* file;
        const char* fragment;
    };
    const Case mcuCases[] = {
        {"mcu-no-core-family.json", "mcus[0].core_family: missing or not a Cortex-M family"},
        {"mcu-wait-states-unordered.json",
         "mcus[0].flash_wait_states[1].max_mhz: thresholds must be strictly increasing"},
        {"mcu-negative-current.json", "mcus[0].current_model.ua_per_mhz: missing or not positive"},
        {"mcu-no-source.json", "mcus[0].source: missing"},
        {"mcu-clock-range.json", "mcus[0].freq_max_mhz: missing or below freq_min_mhz"},
        {"mcu-current-basis.json",
         "mcus[0].current_model.basis: must be measured, benchmark or datasheet"},
        {"mcu-version.json", "version"},
    };
    for (const auto& c : mcuCases)
        ASSERT_NO_FATAL_FAILURE(
            expectRefused(c.file, c.fragment, &loadMcuFactsFile,
                          [](const McuFactsCatalog& cat) { return cat.mcus.empty(); }));
    const Case runtimeCases[] = {
        {"runtime-negative-cost.json",
         "core_families[0].cycles_per_mac.conv: must be a number >= 0, got -1"},
        {"runtime-planner.json",
         "lowering.planner: must be \"arena\", \"arena-overlap\" or \"thesis-rule\""},
        {"runtime-unknown-layer.json", "unsupported_layers.Conv3D: unknown layer type"},
        {"runtime-duplicate-family.json",
         "core_families[1].core_family: 'cortex-m4' is listed twice"},
        {"runtime-missing-field.json", "core_families[0].cycles_per_element.output: missing"},
        {"runtime-model.json", "model: must be \"thesis-lut\" or \"kernel-classes\""},
    };
    for (const auto& c : runtimeCases)
        ASSERT_NO_FATAL_FAILURE(
            expectRefused(c.file, c.fragment, &loadRuntimeFile,
                          [](const RuntimeLoadResult& r) { return !r.profile.has_value(); }));
}
