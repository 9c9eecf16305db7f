// SPDX-License-Identifier: GPL-3.0-or-later
// The project file's device model (format 3): round trip, older versions still read, bad values
// named by their field.
#include "core/TestSupport.h"
#include "io/ProjectJson.h"
#include "model/ModelZoo.h"

#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

Project deviceProject() {
    Project p = zooProject("keyword spotter", "lenet5", {{"STM32L496ZG", "thesis-c"}});
    p.constraints.minBatteryLifeH = 12 * kHoursPerMonth;
    DeviceModel d;
    d.periodS = 10.0;
    d.sleepUa = 2.5;
    d.wakeUs = 20.0;
    d.wakeMa = 3.0;
    d.loads.push_back({"microphone", LoadWhen::PerInference, 1, std::nullopt, 0.6, 1000.0});
    d.loads.push_back({"BLE advert", LoadWhen::EveryK, 6, 0.15, 0.0, 0.0});
    d.loads.push_back({"board", LoadWhen::Constant, 1, std::nullopt, 0.004, 0.0});
    d.supply.battery = findBatteryPreset("2xaa")->battery;
    d.supply.regulator = Regulator::Buck;
    d.supply.efficiency = 0.85;
    p.device = d;
    return p;
}

/// The project text with `from` replaced by `to` (once).
std::string edited(const Project& p, const std::string& from, const std::string& to) {
    std::string text = projectToText(p);
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

std::string errorsOf(const std::string& text) {
    const ProjectLoadResult r = loadProjectText(text, "p.zipcnn.json");
    std::string s;
    for (const auto& d : r.diagnostics)
        if (d.severity == Severity::Error)
            s += d.message + "\n";
    return s;
}

} // namespace

TEST(DeviceJson, RoundTripIsExact) {
    const Project p = deviceProject();
    const std::string text = projectToText(p);
    EXPECT_NE(text.find("\"version\": 3"), std::string::npos);
    const ProjectLoadResult r = loadProjectText(text, "p.zipcnn.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(*r.project, p);
    EXPECT_EQ(projectToText(*r.project), text);
}

TEST(DeviceJson, AProjectWithoutDeviceWritesNoDeviceKeys) {
    Project p = deviceProject();
    p.device.reset();
    p.constraints.minBatteryLifeH.reset();
    const std::string text = projectToText(p);
    EXPECT_EQ(text.find("\"device\""), std::string::npos);
    EXPECT_EQ(text.find("min_battery_life_h"), std::string::npos);
    const ProjectLoadResult r = loadProjectText(text, "p.zipcnn.json");
    ASSERT_TRUE(r.project);
    EXPECT_FALSE(r.project->device);
}

TEST(DeviceJson, Version2FilesStillReadAndDoNotKnowTheDevice) {
    Project p = deviceProject();
    p.device.reset();
    p.constraints.minBatteryLifeH.reset();
    const std::string v2 = edited(p, "\"version\": 3", "\"version\": 2");
    const ProjectLoadResult r = loadProjectText(v2, "old.zipcnn.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(*r.project, p);
    // A version-2 file with a "device" key: unknown there, warned about and ignored.
    const std::string v2dev = edited(deviceProject(), "\"version\": 3", "\"version\": 2");
    const ProjectLoadResult w = loadProjectText(v2dev, "old.zipcnn.json");
    ASSERT_TRUE(w.project);
    EXPECT_FALSE(w.project->device);
    EXPECT_NE(dump(w.diagnostics).find("device"), std::string::npos) << dump(w.diagnostics);
}

TEST(DeviceJson, PresetGivesTheDefaultsAndRateStandsForPeriod) {
    Project p = deviceProject();
    p.device.reset();
    nlohmann::json j = projectToJson(p);
    j["device"] =
        nlohmann::json::parse(R"({"rate_hz": 0.5, "supply": {"battery": {"preset": "cr2032"}}})");
    const std::string text = j.dump();
    const ProjectLoadResult r = loadProjectText(text, "p.zipcnn.json");
    ASSERT_TRUE(r.project) << dump(r.diagnostics);
    ASSERT_TRUE(r.project->device) << dump(r.diagnostics);
    const DeviceModel& d = *r.project->device;
    EXPECT_DOUBLE_EQ(d.periodS, 2.0);
    EXPECT_EQ(d.supply.battery, findBatteryPreset("cr2032")->battery);
    EXPECT_EQ(d.supply.regulator, Regulator::Ldo);
    EXPECT_FALSE(d.sleepUa); // the MCU catalogue's figure
}

TEST(DeviceJson, BadValuesNameTheirField) {
    const Project p = deviceProject();
    // Each case: the text replaced in a good file, by what, and what the error says.
    const struct {
        const char* from;
        const char* to;
        const char* error;
    } cases[] = {
        {"\"period_s\": 10.0", "\"period_s\": 0", "device.period_s"},
        {"\"period_s\": 10.0", "\"period_s\": -1",
         "device.period_s: must be a positive number of seconds"},
        {"\"capacity_mah\": 2500.0", "\"capacity_mah\": 0",
         "device.supply.battery.capacity_mah: must be positive"},
        {"\"efficiency\": 0.85", "\"efficiency\": 1.2",
         "device.supply.efficiency: must be within (0, 1]"},
        {"\"regulator\": \"buck\"", "\"regulator\": \"boost\"",
         "device.supply.regulator: unknown regulator 'boost'"},
        {"\"preset\": \"2xaa\"", "\"preset\": \"d-cell\"",
         "device.supply.battery.preset: unknown battery preset 'd-cell'"},
        {"\"every_k\": 6", "\"every_k\": 0", "device.loads[1].every_k"},
        {"\"min_battery_life_h\": 8766.0", "\"min_battery_life_h\": 0",
         "constraints.min_battery_life_h"},
    };
    for (const auto& c : cases)
        EXPECT_NE(errorsOf(edited(p, c.from, c.to)).find(c.error), std::string::npos)
            << c.from << " -> " << c.to;
}
