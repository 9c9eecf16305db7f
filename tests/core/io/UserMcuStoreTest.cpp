// SPDX-License-Identifier: GPL-3.0-or-later
// The user's own MCUs (core/io/UserMcuStore): written, read back, listed with their basis,
// every malformed field named, never shadowing a shipped MCU.
#include "io/UserMcuStore.h"

#include "base/AtomicFile.h"
#include "core/TestSupport.h"
#include "cost/CostTarget.h"

#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace zipcnn;
using zipcnn::testsupport::dump;
using zipcnn::testsupport::mentions;
using zipcnn::testsupport::sourceCatalogs;

namespace fs = std::filesystem;

namespace {

/// A fresh folder under the system's temporary folder, removed at the end of the test.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "zipcnn-usermcu-XXXXXX").string();
        path = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

UserMcuInput sampleInput() {
    UserMcuInput in;
    in.name = "MYCHIP-M4";
    in.coreFamily = "cortex-m4";
    in.freqMinMhz = 4;
    in.freqMaxMhz = 120;
    in.flashKib = 1024;
    in.sramKib = 256;
    in.dtcmKib = 64;
    in.waitStates = {{30, 0}, {60, 1}, {90, 2}, {120, 3}};
    in.runCurrentUaPerMhz = 95;
    in.lowPowerCurrentUa = 2.5;
    in.supplyV = 3.0;
    return in;
}

McuFactsCatalog shipped() {
    return sourceCatalogs().facts;
}

} // namespace

TEST(UserMcuStore, RoundTripsThroughItsFileAndJoinsTheCatalogueAfterTheShippedOnes) {
    TempDir dir;
    const McuFacts m = makeUserMcu(sampleInput());
    ASSERT_TRUE(checkUserMcu(m, shipped()).empty()) << dump(checkUserMcu(m, shipped()));
    std::string file, error;
    ASSERT_TRUE(saveUserMcu(m, dir.path.string(), &file, &error)) << error;
    EXPECT_EQ(file, (dir.path / "MYCHIP-M4.json").string());
    McuFactsCatalog cat = shipped();
    const std::size_t before = cat.mcus.size();
    addUserMcus(cat, dir.path.string());
    ASSERT_EQ(cat.mcus.size(), before + 1) << dump(cat.diagnostics);
    McuFacts back = cat.mcus.back();
    EXPECT_TRUE(back.user);
    EXPECT_EQ(back.file, file);
    back.file.clear();
    EXPECT_EQ(back, m);
    EXPECT_EQ(back.waitStatesAt(75).value_or(-1), 2);
    ASSERT_TRUE(back.current);
    EXPECT_DOUBLE_EQ(back.current->uaPerMhz, 95);
    EXPECT_EQ(back.current->basis, McuBasis::Datasheet);
}

TEST(UserMcuStore, IsListedWithTheUserDatasheetBasisAndAWiderExpectedError) {
    const Catalogs& c = sourceCatalogs();
    const RuntimeProfile* rt = c.runtimes.find("x-cube-ai-9");
    ASSERT_NE(rt, nullptr);
    McuFacts user = makeUserMcu(sampleInput());
    McuFacts datasheet = user;
    datasheet.user = false;
    const KernelCosts* k = rt->costsFor("cortex-m4");
    ASSERT_NE(k, nullptr);
    const TargetConfidence u = runtimeConfidence(*rt, *k, user);
    const TargetConfidence d = runtimeConfidence(*rt, *k, datasheet);
    EXPECT_EQ(u.basis, McuBasis::UserDatasheet);
    EXPECT_STREQ(mcuBasisName(u.basis), "datasheet (user)");
    EXPECT_EQ(d.basis, McuBasis::Datasheet);
    ASSERT_TRUE(u.expectedErrorPct && d.expectedErrorPct);
    EXPECT_NEAR(*u.expectedErrorPct, *d.expectedErrorPct * kUserDatasheetWidening, 0.1);
    EXPECT_NE(u.how.find("MCU you added"), std::string::npos) << u.how;
    // The target of the user MCU resolves like any catalogue MCU.
    auto t = runtimeTarget(user, *rt);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->confidence.basis, McuBasis::UserDatasheet);
}

TEST(UserMcuStore, EveryMalformedFieldIsNamed) {
    struct Case {
        const char* field;
        void (*spoil)(UserMcuInput&);
    };
    const Case cases[] = {
        {"name", [](UserMcuInput& in) { in.name = ""; }},
        {"name", [](UserMcuInput& in) { in.name = "a/b"; }},
        {"name", [](UserMcuInput& in) { in.name = "stm32f746zg"; }}, // shipped, any case
        {"name", [](UserMcuInput& in) { in.name = "STM32F746NG"; }}, // a shipped alias
        {"core_family", [](UserMcuInput& in) { in.coreFamily = "cortex-m3"; }},
        {"core_family", [](UserMcuInput& in) { in.coreFamily = "risc-v"; }},
        {"freq_min_mhz", [](UserMcuInput& in) { in.freqMinMhz = 0; }},
        {"freq_max_mhz", [](UserMcuInput& in) { in.freqMaxMhz = 2; }},
        {"freq_max_mhz", [](UserMcuInput& in) { in.freqMaxMhz = 5000; }},
        {"flash_kib", [](UserMcuInput& in) { in.flashKib = -1; }},
        {"sram_kib", [](UserMcuInput& in) { in.sramKib = 0; }},
        {"tcm.dtcm_kib", [](UserMcuInput& in) { in.dtcmKib = -4; }},
        {"flash_wait_states[1].max_mhz",
         [](UserMcuInput& in) {
             in.waitStates = {{60, 0}, {30, 1}, {120, 2}};
         }},
        {"flash_wait_states[1].wait_states",
         [](UserMcuInput& in) {
             in.waitStates = {{60, 2}, {120, 1}};
         }},
        {"flash_wait_states",
         [](UserMcuInput& in) {
             in.waitStates = {{60, 0}, {100, 1}};
         }},
        {"run_current_ua_per_mhz", [](UserMcuInput& in) { in.runCurrentUaPerMhz = -3; }},
        {"low_power_current_ua", [](UserMcuInput& in) { in.lowPowerCurrentUa = -1; }},
        {"supply_v.nominal", [](UserMcuInput& in) { in.supplyV = 0; }},
        {"supply_v.nominal", [](UserMcuInput& in) { in.supplyV = 12; }},
    };
    for (const auto& c : cases) {
        UserMcuInput in = sampleInput();
        c.spoil(in);
        const Diagnostics d = checkUserMcu(makeUserMcu(in), shipped());
        ASSERT_FALSE(d.empty()) << c.field;
        EXPECT_TRUE(mentions(d, std::string(c.field) + ": ")) << c.field << "\n" << dump(d);
    }
}

TEST(UserMcuStore, WaitStateTextParsesAndNamesTheBadItem) {
    std::string error;
    auto w = parseWaitStates("20:0, 40:1,60:2", &error);
    ASSERT_TRUE(w) << error;
    EXPECT_EQ(*w, (std::vector<WaitStateStep>{{20, 0}, {40, 1}, {60, 2}}));
    EXPECT_EQ(waitStatesText(*w), "20:0,40:1,60:2");
    EXPECT_FALSE(parseWaitStates("20:0,40-1", &error));
    EXPECT_NE(error.find("flash_wait_states: '40-1'"), std::string::npos) << error;
    EXPECT_FALSE(parseWaitStates("x:1", &error));
    EXPECT_NE(error.find("'x:1'"), std::string::npos) << error;
}

TEST(UserMcuStore, AUserFileCannotShadowAShippedMcu) {
    TempDir dir;
    McuFacts m = makeUserMcu(sampleInput());
    m.name = "STM32F746ZG";
    std::string file, error;
    ASSERT_TRUE(saveUserMcu(m, dir.path.string(), &file, &error)) << error;
    McuFactsCatalog cat = shipped();
    const std::size_t before = cat.mcus.size();
    addUserMcus(cat, dir.path.string());
    EXPECT_EQ(cat.mcus.size(), before);
    EXPECT_TRUE(mentions(cat.diagnostics, file)) << dump(cat.diagnostics);
    EXPECT_TRUE(mentions(cat.diagnostics, "cannot replace it")) << dump(cat.diagnostics);
    EXPECT_FALSE(cat.find("STM32F746ZG")->user);
}

TEST(UserMcuStore, SavingAgainReplacesAndRemovingDeletes) {
    TempDir dir;
    McuFacts m = makeUserMcu(sampleInput());
    std::string file, error;
    ASSERT_TRUE(saveUserMcu(m, dir.path.string(), &file, &error)) << error;
    m.sramKib = 512;
    m.name = "mychip-m4"; // another spelling of the same MCU
    ASSERT_TRUE(saveUserMcu(m, dir.path.string(), &file, &error)) << error;
    McuFactsCatalog cat;
    addUserMcus(cat, dir.path.string());
    ASSERT_EQ(cat.mcus.size(), 1u) << dump(cat.diagnostics);
    EXPECT_EQ(cat.mcus.front().sramKib, 512);
    EXPECT_TRUE(removeUserMcu("MYCHIP-M4", dir.path.string(), &error)) << error;
    EXPECT_TRUE(fs::is_empty(dir.path));
    EXPECT_FALSE(removeUserMcu("MYCHIP-M4", dir.path.string(), &error));
    EXPECT_NE(error.find("no MCU 'MYCHIP-M4'"), std::string::npos) << error;
}

TEST(UserMcuStore, TheUserFolderFollowsXdgDataHome) {
    const char* old = std::getenv("XDG_DATA_HOME");
    const std::string saved = old ? old : "";
    ::setenv("XDG_DATA_HOME", "/tmp/zipcnn-xdg-test", 1);
    EXPECT_EQ(userMcuDir(), "/tmp/zipcnn-xdg-test/zipcnn/mcus");
    EXPECT_EQ(userProfileDir(), "/tmp/zipcnn-xdg-test/zipcnn/profiles");
    ::unsetenv("XDG_DATA_HOME");
    if (const char* home = std::getenv("HOME")) {
        EXPECT_EQ(userMcuDir(), std::string(home) + "/.local/share/zipcnn/mcus");
    }
    if (old)
        ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
}
