// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/LutFile.h"

#include "core/TestSupport.h"
#include "io/McuCatalog.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;
using nlohmann::json;

namespace {

const std::string kLuts = ZIPCNN_SOURCE_LUT_DIR;

json shipped(const std::string& mcu) {
    std::ifstream in(kLuts + "/" + mcu + ".json");
    return json::parse(in);
}

/// The file is refused and the message names file, field and cause.
void expectRejected(const json& j, const std::string& fragment) {
    LutLoadResult r = lutFromJson(j, "bad-lut.json");
    EXPECT_FALSE(r.profile);
    bool found = false;
    for (const auto& d : r.diagnostics)
        found = found || d.toString().find("bad-lut.json: " + fragment) != std::string::npos;
    EXPECT_TRUE(found) << "wanted: " << fragment << "\ngot:\n" << dump(r.diagnostics);
}

} // namespace

TEST(LutFile, ShippedProfilesLoadWithThesisFigures) {
    McuCatalog c = loadMcuCatalog({kLuts});
    EXPECT_TRUE(c.diagnostics.empty()) << dump(c.diagnostics);
    ASSERT_EQ(c.mcus.size(), 3u);
    const McuProfile* l4 = c.find("STM32L496ZG");
    ASSERT_NE(l4, nullptr);
    EXPECT_EQ(l4->core, "Cortex-M4F");
    EXPECT_EQ(l4->flashKib, 1024);
    EXPECT_EQ(l4->sramKib, 320);
    ASSERT_EQ(l4->freqsMhz.size(), 14u);
    EXPECT_DOUBLE_EQ(l4->freqsMhz.front(), 0.1);
    EXPECT_DOUBLE_EQ(l4->freqsMhz.back(), 80.0);
    // Table A.1, first row: an FP32 add at 0.1 MHz takes 0.2396 ms.
    EXPECT_DOUBLE_EQ(l4->ops.at(DType::FP32)[0][0].latencyMs, 0.2396);
    EXPECT_DOUBLE_EQ(l4->ops.at(DType::FP32)[0][0].currentMa, 0.14284);
    const McuProfile* f4 = c.find("STM32F446ZE");
    ASSERT_NE(f4, nullptr);
    EXPECT_EQ(f4->sramKib, 132);
    EXPECT_DOUBLE_EQ(f4->freqMaxMhz, 180.0);
    const McuProfile* f7 = c.find("STM32F746ZG");
    ASSERT_NE(f7, nullptr);
    EXPECT_EQ(f7->core, "Cortex-M7F");
    for (const auto& m : c.mcus) {
        EXPECT_EQ(m.ops.size(), 2u) << m.name;
        EXPECT_FALSE(m.provenance.at("ops.int8.current_ma").empty());
        EXPECT_DOUBLE_EQ(m.supplyV, 3.305);
    }
}

TEST(LutFile, RoundTripThroughJsonIsExact) {
    for (const char* name : {"STM32L496ZG", "STM32F446ZE", "STM32F746ZG"}) {
        json j = shipped(name);
        LutLoadResult r = lutFromJson(j, name);
        ASSERT_TRUE(r.profile) << dump(r.diagnostics);
        EXPECT_EQ(lutToJson(*r.profile), j) << name;
    }
}

TEST(LutFile, MissingFrequencyValueIsRejected) {
    json j = shipped("STM32F446ZE");
    j["ops"]["fp32"]["mul"]["latency_ms"].erase(3);
    expectRejected(j, "ops.fp32.mul.latency_ms: has 13 values, expected one per frequency (14)");
    json k = shipped("STM32F446ZE");
    k["frequencies_mhz"].erase(0);
    expectRejected(k, "ops.fp32.add.latency_ms: has 14 values, expected one per frequency (13)");
}

TEST(LutFile, NegativeOrNonNumericLatencyIsRejected) {
    json j = shipped("STM32L496ZG");
    j["ops"]["int8"]["div"]["latency_ms"][5] = -0.001;
    expectRejected(j, "ops.int8.div.latency_ms[5]: must be a positive number, got -0.001");
    json k = shipped("STM32L496ZG");
    k["ops"]["fp32"]["exp"]["current_ma"][0] = "fast";
    expectRejected(k, "ops.fp32.exp.current_ma[0]: expected a number");
}

TEST(LutFile, UnknownOpMissingOpAndUnknownFormatAreRejected) {
    json j = shipped("STM32F746ZG");
    j["ops"]["fp32"]["sqrt"] = j["ops"]["fp32"]["add"];
    expectRejected(j, "ops.fp32.sqrt: unknown op 'sqrt'");
    json k = shipped("STM32F746ZG");
    k["ops"]["int8"].erase("exp");
    expectRejected(k, "ops.int8: op 'exp' is missing");
    json f = shipped("STM32F746ZG");
    f["ops"]["fp16"] = f["ops"]["fp32"];
    expectRejected(f, "ops.fp16: unknown numeric format 'fp16'");
}

TEST(LutFile, BadFrequenciesAndMcuFieldsAreRejected) {
    json j = shipped("STM32L496ZG");
    j["frequencies_mhz"][3] = 0.2;
    expectRejected(j, "frequencies_mhz[3]: frequencies must be strictly increasing");
    json k = shipped("STM32L496ZG");
    k["frequencies_mhz"][13] = 120;
    expectRejected(k, "frequencies_mhz[13]: outside the MCU's clock range");
    json m = shipped("STM32L496ZG");
    m["mcu"].erase("sram_kib");
    expectRejected(m, "mcu.sram_kib: missing or not positive");
    json v = shipped("STM32L496ZG");
    v["version"] = 3;
    expectRejected(v, "version: format version 3 is not supported");
}

TEST(LutFile, CatalogReportsBrokenFilesAndLetsUserFoldersWin) {
    auto dir = std::filesystem::temp_directory_path() / "zipcnn_lut_user";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    json mine = shipped("STM32F446ZE");
    mine["mcu"]["sram_kib"] = 128; // the user's own board variant
    std::ofstream(dir / "STM32F446ZE.json") << mine.dump(2);
    std::ofstream(dir / "broken.json") << "{\"format\": \"zipcnn-lut\", ";
    McuCatalog c = loadMcuCatalog({dir.string(), kLuts});
    ASSERT_NE(c.find("STM32F446ZE"), nullptr);
    EXPECT_EQ(c.find("STM32F446ZE")->sramKib, 128);
    EXPECT_EQ(c.mcus.size(), 3u);
    bool broken = false, shadowed = false;
    for (const auto& d : c.diagnostics) {
        broken =
            broken || (d.file.find("broken.json") != std::string::npos && d.code == "invalid-json");
        shadowed = shadowed || d.code == "shadowed-lut";
    }
    EXPECT_TRUE(broken) << dump(c.diagnostics);
    EXPECT_TRUE(shadowed) << dump(c.diagnostics);
    std::filesystem::remove_all(dir);
}
