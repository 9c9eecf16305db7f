// SPDX-License-Identifier: GPL-3.0-or-later
// The text tables of the commands in human units (issue 16): "50.3 min", "3.1 mJ", "12.5 KiB"
// rather than "3.018e+06" ms; --json and --csv keep their fixed units.
#include "CliTestSupport.h"
#include "base/HumanUnits.h"

#include <gtest/gtest.h>
#include <regex>

namespace zipcnn::clitest {
namespace {

bool hasExponent(const std::string& text) {
    return std::regex_search(text, std::regex("[0-9]e[+-][0-9]"));
}

TEST(HumanTables, EstimateTextGivesEachFigureInItsUnitAndJsonKeepsMilliseconds) {
    const std::vector<std::string> args = {"estimate", "resnet26", "--mcu", "STM32L496ZG"};
    const CliRun text = run(args);
    ASSERT_EQ(text.status, 0) << text.err;
    auto jsonArgs = args;
    jsonArgs.push_back("--json");
    const nlohmann::json j = runJson(jsonArgs);
    ASSERT_FALSE(j["points"].empty());
    EXPECT_FALSE(hasExponent(text.out)) << text.out;
    EXPECT_NE(text.out.find("clock MHz  latency"), std::string::npos) << text.out;
    bool minutes = false;
    for (const auto& p : j["points"]) {
        const std::string latency = humanDuration(p["latency_ms"].get<double>());
        const std::string energy = humanEnergy(p["energy_j"].get<double>());
        const std::string power = humanPower(p["power_w"].get<double>());
        EXPECT_NE(text.out.find(latency), std::string::npos) << latency << "\n" << text.out;
        EXPECT_NE(text.out.find(energy), std::string::npos) << energy;
        EXPECT_NE(text.out.find(power), std::string::npos) << power;
        minutes = minutes || latency.find(" min") != std::string::npos ||
                  latency.find(" h") != std::string::npos;
    }
    // ResNet26 at 100 kHz takes minutes: the table says so, not "3.018e+06".
    EXPECT_TRUE(minutes) << text.out;
    // The JSON is in milliseconds and joules, numbers not text.
    EXPECT_TRUE(j["points"][0]["latency_ms"].is_number());
    EXPECT_TRUE(j["points"][0]["energy_j"].is_number());
}

TEST(HumanTables, SweepTextGivesSizesAndEnergiesInTheirUnits) {
    const CliRun r = run({"sweep", "resnet8", "--dtype", "fp32", "--dtype", "int8", "--prune", "0",
                          "--max-latency-ms", "1000", "--clocks", "characterised"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(hasExponent(r.out)) << r.out;
    EXPECT_EQ(r.out.find("Flash KiB"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(" KiB"), std::string::npos) << r.out;
    EXPECT_TRUE(r.out.find(" mJ") != std::string::npos || r.out.find(" uJ") != std::string::npos)
        << r.out;
    // The latency constraint broken, by how much, with the model's precision.
    EXPECT_TRUE(std::regex_search(r.out, std::regex("latency \\+[0-9.,]+ %"))) << r.out;
}

} // namespace
} // namespace zipcnn::clitest
