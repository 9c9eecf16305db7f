// SPDX-License-Identifier: GPL-3.0-or-later
// The device model's arithmetic against cases computed by hand (docs/device.md), its
// properties, and its refusal of bad input naming the field.
#include "cost/DeviceEstimate.h"

#include "model/DeviceModel.h"

#include <gtest/gtest.h>
#include <limits>

namespace zipcnn {
namespace {

/// A battery of `mah`, all usable, no self-discharge, behind an LDO: the contract's bare number.
DeviceModel bare(double periodS, double mah) {
    DeviceModel d;
    d.periodS = periodS;
    d.supply.battery = Battery{"", mah, 3.0, 1.0, 0.0};
    return d;
}

const SleepFigure kTwoMicroamps{2.0, "given"};

double blockEnergy(const DeviceEstimate& e, const std::string& name) {
    for (const auto& b : e.blocks)
        if (b.name == name)
            return b.energyJ;
    ADD_FAILURE() << "no block " << name;
    return 0.0;
}

TEST(DeviceEstimate, CoinCellByHand) {
    // A CR2032 at 225 mAh (all usable, no self-discharge, LDO); one inference of 50 ms at
    // 10 mA every 10 s; 2 uA asleep; no wake-up time; rail 3.3 V.
    //   charge per period = 10 mA x 0.05 s + 0.002 mA x (10 - 0.05) s
    //                      = 0.5 + 0.0199 = 0.5199 mA.s
    //   average current    = 0.5199 / 10 = 0.05199 mA
    //   battery life       = 225 / 0.05199 = 4327.76 h = 4327.76 / 730.5 = 5.92 months
    const DeviceEstimate e = estimateDevice(bare(10.0, 225.0), 50.0, 10.0, 3.3, kTwoMicroamps);
    ASSERT_TRUE(e.ok) << e.why;
    EXPECT_NEAR(e.avgCurrentMa, 0.05199, 1e-12);
    EXPECT_NEAR(e.batteryLifeH, 4327.7553, 1e-3);
    EXPECT_NEAR(e.batteryLifeMonths(), 5.9244, 1e-4);
    // Energies at the 3.3 V rail: cnn 0.5 mA.s x 3.3 V = 1.65 mJ, sleep 0.0199 x 3.3 = 65.67 uJ.
    EXPECT_NEAR(blockEnergy(e, "cnn"), 1.65e-3, 1e-12);
    EXPECT_NEAR(blockEnergy(e, "sleep"), 65.67e-6, 1e-12);
    EXPECT_NEAR(blockEnergy(e, "wake"), 0.0, 1e-15);
    EXPECT_NEAR(e.energyPerPeriodJ, 0.5199e-3 * 3.3, 1e-12);
    EXPECT_NEAR(e.cnnShare(), 0.5 / 0.5199, 1e-12); // 96.2 %: the CNN dominates
    EXPECT_EQ(e.sleepSource, "given");
}

TEST(DeviceEstimate, CoinCellPresetAddsUsableFractionAndSelfDischarge) {
    // The cr2032 preset: 225 mAh, 80 % usable, 1 %/year self-discharge.
    //   self-discharge = 225 x 0.01 / 8766 h = 0.00025667 mA
    //   life = 225 x 0.8 / (0.05199 + 0.00025667) = 180 / 0.05224667 = 3445.20 h = 4.72 months
    DeviceModel d = bare(10.0, 225.0);
    d.supply.battery = findBatteryPreset("CR2032")->battery;
    const DeviceEstimate e = estimateDevice(d, 50.0, 10.0, 3.3, kTwoMicroamps);
    ASSERT_TRUE(e.ok) << e.why;
    EXPECT_NEAR(e.selfDischargeMa, 225.0 * 0.01 / 8766.0, 1e-12);
    EXPECT_NEAR(e.batteryLifeH, 3445.1954, 1e-3);
    EXPECT_NEAR(e.batteryLifeMonths(), 4.7162, 1e-4);
}

TEST(DeviceEstimate, BuckConvertsPowerNotCurrent) {
    // Buck at 90 % from a 3.0 V battery to the 3.3 V rail:
    //   battery current = 0.05199 mA x 3.3 V / (0.9 x 3.0 V) = 0.0635433 mA
    DeviceModel d = bare(10.0, 225.0);
    d.supply.regulator = Regulator::Buck;
    d.supply.efficiency = 0.9;
    const DeviceEstimate e = estimateDevice(d, 50.0, 10.0, 3.3, kTwoMicroamps);
    ASSERT_TRUE(e.ok) << e.why;
    EXPECT_NEAR(e.railCurrentMa, 0.05199, 1e-12);
    EXPECT_NEAR(e.avgCurrentMa, 0.0635433333, 1e-9);
    EXPECT_NEAR(e.avgPowerW, 0.0635433333e-3 * 3.0, 1e-12);
    EXPECT_NEAR(e.batteryLifeH, 225.0 / 0.0635433333, 1e-3);
}

TEST(DeviceEstimate, WakeUpAndLoadsByHand) {
    // The same inference with a 100 us wake-up at 4 mA, a sensor read of 1.5 mA x 20 ms per
    // inference, a 30 mJ radio message every 10 inferences and a 5 uA board current:
    //   cnn   0.5 mA.s        wake  4 x 0.0001 = 0.0004 mA.s
    //   sleep 0.002 x (10 - 0.05 - 0.0001) = 0.0198998 mA.s
    //   sensor 1.5 x 0.02 = 0.03 mA.s   radio 30 mJ / 3.3 V / 10 = 0.909091 mA.s
    //   board 0.005 x 10 = 0.05 mA.s
    //   total 1.5093908 mA.s -> 0.15093908 mA average
    DeviceModel d = bare(10.0, 225.0);
    d.wakeUs = 100.0;
    d.wakeMa = 4.0;
    d.loads.push_back({"sensor", LoadWhen::PerInference, 1, std::nullopt, 1.5, 20.0});
    d.loads.push_back({"radio", LoadWhen::EveryK, 10, 30.0, 0.0, 0.0});
    d.loads.push_back({"board", LoadWhen::Constant, 1, std::nullopt, 0.005, 0.0});
    const DeviceEstimate e = estimateDevice(d, 50.0, 10.0, 3.3, kTwoMicroamps);
    ASSERT_TRUE(e.ok) << e.why;
    const double total =
        0.5 + 0.0004 + 0.002 * (10 - 0.05 - 0.0001) + 0.03 + 30.0 / 3.3 / 10 + 0.05;
    EXPECT_NEAR(e.avgCurrentMa, total / 10.0, 1e-12);
    EXPECT_NEAR(e.avgCurrentMa, 0.15093908, 1e-8);
    ASSERT_EQ(e.blocks.size(), 6u);
    EXPECT_EQ(e.blocks[3].name, "sensor");
    EXPECT_NEAR(blockEnergy(e, "radio"), 3e-3, 1e-12); // 30 mJ every 10 periods
    EXPECT_NEAR(blockEnergy(e, "wake"), 0.0004 * 3.3e-3, 1e-15);
    double shares = 0.0;
    for (const auto& b : e.blocks)
        shares += b.share;
    EXPECT_NEAR(shares, 1.0, 1e-12);
}

TEST(DeviceEstimate, ContractFormulaWithWakeTimeAndRunCurrentAsWakeCurrent) {
    // avg = (I t + I_wake W + I_sleep (T - t - W)) / T with I_wake = I by default:
    //   (10 x 0.05 + 10 x 0.001 + 0.002 x (1 - 0.051)) / 1 = 0.511898 mA
    DeviceModel d = bare(1.0, 1000.0);
    d.wakeUs = 1000.0;
    const DeviceEstimate e = estimateDevice(d, 50.0, 10.0, 3.3, kTwoMicroamps);
    ASSERT_TRUE(e.ok) << e.why;
    EXPECT_NEAR(e.avgCurrentMa, 0.511898, 1e-12);
    EXPECT_NEAR(e.batteryLifeH, 1000.0 / 0.511898, 1e-9);
}

TEST(DeviceEstimate, DutyCycleThatCannotBeMetSaysSo) {
    const DeviceEstimate e = estimateDevice(bare(1.0, 225.0), 1200.0, 10.0, 3.3, kTwoMicroamps);
    EXPECT_FALSE(e.ok);
    EXPECT_TRUE(e.periodTooShort);
    EXPECT_EQ(e.why, "the inference takes 1.2 s, the period is 1 s");
    DeviceModel d = bare(1.0, 225.0);
    d.wakeUs = 300000.0;
    const DeviceEstimate w = estimateDevice(d, 800.0, 10.0, 3.3, kTwoMicroamps);
    EXPECT_TRUE(w.periodTooShort);
    EXPECT_EQ(w.why, "the inference and wake-up take 1.1 s, the period is 1 s");
}

TEST(DeviceEstimate, UnknownSleepCurrentGivesNoLife) {
    const DeviceEstimate e = estimateDevice(bare(10.0, 225.0), 50.0, 10.0, 3.3, SleepFigure{});
    EXPECT_FALSE(e.ok);
    EXPECT_NE(e.why.find("sleep current"), std::string::npos) << e.why;
}

TEST(DeviceEstimate, SleepFigureComesFromTheCatalogueUnlessGiven) {
    McuFacts facts;
    facts.name = "STM32L496ZG";
    facts.lowPowerCurrentUa = 2.57;
    facts.lowPowerText = "Stop 2: 2.57 uA (2.86 uA with RTC)";
    DeviceModel d = bare(10.0, 225.0);
    const SleepFigure s = sleepFigure(d, &facts);
    ASSERT_TRUE(s.ua);
    EXPECT_DOUBLE_EQ(*s.ua, 2.57);
    EXPECT_EQ(s.source, "STM32L496ZG Stop 2: 2.57 uA (2.86 uA with RTC)");
    d.sleepUa = 1.0;
    EXPECT_EQ(sleepFigure(d, &facts).source, "given");
    EXPECT_DOUBLE_EQ(*sleepFigure(d, &facts).ua, 1.0);
    facts.lowPowerCurrentUa.reset();
    d.sleepUa.reset();
    EXPECT_FALSE(sleepFigure(d, &facts).ua);
    EXPECT_FALSE(sleepFigure(d, nullptr).ua);
}

TEST(DeviceEstimate, LifeNeverIncreasesWhenThePeriodShortensOrALoadIsAdded) {
    for (const char* preset : {"cr2032", "2xaa", "lipo1000", "supercap"}) {
        DeviceModel d = bare(100.0, 1.0);
        d.supply.battery = findBatteryPreset(preset)->battery;
        d.wakeUs = 50.0;
        double previous = std::numeric_limits<double>::infinity();
        for (double period : {100.0, 30.0, 10.0, 3.0, 1.0, 0.3, 0.1, 0.06}) {
            d.periodS = period;
            const DeviceEstimate e = estimateDevice(d, 50.0, 12.0, 3.3, kTwoMicroamps);
            ASSERT_TRUE(e.ok) << preset << " " << period << ": " << e.why;
            EXPECT_LE(e.batteryLifeH, previous) << preset << " at " << period << " s";
            previous = e.batteryLifeH;
        }
        d.periodS = 5.0;
        double before = estimateDevice(d, 50.0, 12.0, 3.3, kTwoMicroamps).batteryLifeH;
        for (const DeviceLoad& l :
             {DeviceLoad{"sensor", LoadWhen::PerInference, 1, std::nullopt, 0.8, 5.0},
              DeviceLoad{"radio", LoadWhen::EveryK, 4, 12.0, 0.0, 0.0},
              DeviceLoad{"board", LoadWhen::Constant, 1, std::nullopt, 0.001, 0.0}}) {
            d.loads.push_back(l);
            const double after = estimateDevice(d, 50.0, 12.0, 3.3, kTwoMicroamps).batteryLifeH;
            EXPECT_LT(after, before) << preset << " + " << l.name;
            before = after;
        }
    }
}

TEST(DeviceModelCheck, BadInputNamesTheField) {
    auto fields = [](const DeviceModel& d) {
        std::string s;
        for (const auto& e : checkDeviceModel(d))
            s += e.field + ": " + e.message + "\n";
        return s;
    };
    DeviceModel d = bare(10.0, 225.0);
    EXPECT_EQ(fields(d), "");
    d.periodS = 0.0;
    EXPECT_NE(fields(d).find("period_s: must be a positive"), std::string::npos);
    d.periodS = -3.0;
    EXPECT_NE(fields(d).find("period_s"), std::string::npos);
    d = bare(10.0, 0.0);
    EXPECT_NE(fields(d).find("supply.battery.capacity_mah: must be positive"), std::string::npos);
    d = bare(10.0, 225.0);
    d.supply.regulator = Regulator::Buck;
    d.supply.efficiency = 1.2;
    EXPECT_NE(fields(d).find("supply.efficiency: must be within (0, 1]"), std::string::npos);
    d = bare(10.0, 225.0);
    d.supply.battery.usableFraction = 1.5;
    EXPECT_NE(fields(d).find("supply.battery.usable_fraction"), std::string::npos);
    d = bare(10.0, 225.0);
    d.loads.push_back({"radio", LoadWhen::EveryK, 0, 1.0, 0.0, 0.0});
    EXPECT_NE(fields(d).find("loads[0].every_k: must be at least 1"), std::string::npos);
    // The estimate refuses a bad model with the same words.
    d = bare(0.0, 225.0);
    const DeviceEstimate e = estimateDevice(d, 50.0, 10.0, 3.3, kTwoMicroamps);
    EXPECT_FALSE(e.ok);
    EXPECT_EQ(e.why.rfind("period_s", 0), 0u) << e.why;
}

TEST(BatteryPresets, EachHasFiguresSourcesAndAssumptions) {
    for (const char* id : {"cr2032", "2xaa", "lipo1000", "supercap"}) {
        const BatteryPreset* p = findBatteryPreset(id);
        ASSERT_NE(p, nullptr) << id;
        EXPECT_EQ(p->battery.preset, id);
        EXPECT_GT(p->battery.capacityMah, 0.0);
        EXPECT_GT(p->battery.nominalV, 0.0);
        EXPECT_FALSE(p->sources.empty());
        EXPECT_FALSE(p->assumptions.empty());
        DeviceModel d = bare(10.0, 1.0);
        d.supply.battery = p->battery;
        EXPECT_TRUE(checkDeviceModel(d).empty()) << id;
    }
    // The supercapacitor: 1 F x (3.3 - 1.8) V = 1.5 C = 1.5 / 3.6 mAh.
    EXPECT_NEAR(findBatteryPreset("supercap")->battery.capacityMah, 1.5 / 3.6, 1e-12);
    EXPECT_EQ(findBatteryPreset("aaa"), nullptr);
}

} // namespace
} // namespace zipcnn
