// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliApp.h"
#include "CliTestSupport.h"
#include "io/NetworkJson.h"
#include "model/NetworkBuilder.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

using nlohmann::json;
using zipcnn::cli::runCli;
using zipcnn::clitest::CliRun;
using zipcnn::clitest::run;
using zipcnn::clitest::runJson;

namespace {

/// Errors are exactly one line on stderr, name what is wrong, and leave stdout empty.
void expectOneLineError(const CliRun& r, const std::string& fragment) {
    EXPECT_NE(r.status, 0);
    EXPECT_TRUE(r.out.empty()) << r.out;
    ASSERT_FALSE(r.err.empty());
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
}

std::string tempFile(const std::string& name, const std::string& contents) {
    auto dir =
        std::filesystem::temp_directory_path() / ("zipcnn_cli_test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto path = (dir / name).string();
    std::ofstream(path) << contents;
    return path;
}

} // namespace

TEST(Cli, VersionAndModels) {
    CliRun v = run({"--version"});
    EXPECT_EQ(v.status, 0);
    EXPECT_EQ(v.out, std::string("zipcnn-cli ") + ZIPCNN_VERSION + "\n");
    CliRun m = run({"models"});
    EXPECT_EQ(m.status, 0);
    for (const char* name : {"lenet5\n", "lenet5-relu\n", "resnet8\n", "resnet26\n",
                             "mobilenet-v1-0.25\n", "ds-cnn-s\n"})
        EXPECT_NE(m.out.find(name), std::string::npos) << name;
}

TEST(Cli, InspectJsonHasTotalsAndLayers) {
    json j = runJson({"inspect", "lenet5", "--json"});
    EXPECT_EQ(j["params"], 61706);
    EXPECT_EQ(j["macs"], 416520);
    ASSERT_TRUE(j["layers"].is_array());
    EXPECT_EQ(j["layers"].size(), 9u);
    EXPECT_EQ(j["layers"].back()["output_shape"], json::array({10}));
    for (const auto& l : j["layers"])
        for (const char* key : {"name", "type", "output_shape", "params", "macs"})
            EXPECT_TRUE(l.contains(key)) << key;
}

TEST(Cli, PrimitivesJsonReproducesTable41) {
    json j = runJson({"primitives", "lenet5", "--json"});
    json expected = {{"conv2d_5x5", 14304}, {"avgpool_2x2", 1576}, {"fc_400x120", 1},
                     {"fc_120x84", 1},      {"fc_84x10", 1},       {"sigmoid", 6508},
                     {"softmax_10", 1}};
    EXPECT_EQ(j["primitives"], expected);
    EXPECT_EQ(j["model"], "lenet5");
    EXPECT_EQ(j["params"], 61706);
    EXPECT_TRUE(j["diagnostics"].is_array());
}

TEST(Cli, PrimitivesWithPruning) {
    json j = runJson({"primitives", "lenet5-relu", "--prune", "0.5", "--json"});
    EXPECT_EQ(j["primitives"]["conv2d_5x5"], 4752);
    EXPECT_EQ(j["primitives"]["avgpool_2x2"], 788);
    EXPECT_EQ(j["primitives"]["relu"], 3356);
}

TEST(Cli, MemoryJsonFollowsTheContract) {
    json j = runJson({"memory", "lenet5", "--json"});
    for (const char* key :
         {"flash_bytes", "weights_bytes", "code_bytes", "ram_rule", "ram_planner"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["weights_bytes"], 61706 * 4);
    EXPECT_EQ(j["flash_bytes"].get<long long>(),
              j["weights_bytes"].get<long long>() + j["code_bytes"].get<long long>());
    EXPECT_EQ(j["ram_rule"]["peak_bytes"], 23520); // Table 4.5, layer L2
    EXPECT_FALSE(j["ram_rule"]["layer"].get<std::string>().empty());
    EXPECT_EQ(j["ram_rule"]["layers"].size(), 7u);
    for (const char* key : {"name", "in_elems", "out_elems", "bytes"})
        EXPECT_TRUE(j["ram_rule"]["layers"][0].contains(key)) << key;
    EXPECT_GT(j["ram_planner"]["peak_bytes"].get<long long>(), 0);
    EXPECT_TRUE(j["ram_planner"]["profile"].is_array());

    json int8 = runJson({"memory", "lenet5", "--dtype", "int8", "--json"});
    EXPECT_EQ(int8["ram_rule"]["peak_bytes"], 5880); // Table 4.11
    EXPECT_LT(int8["flash_bytes"].get<long long>(), j["flash_bytes"].get<long long>());
}

TEST(Cli, ReadsANetworkFile) {
    zipcnn::NetworkBuilder b("tiny");
    b.input({8, 8, 1});
    b.conv(2, {3, 3});
    b.flatten();
    b.dense(3, zipcnn::ActivationKind::Softmax);
    auto path = tempFile("tiny.json", zipcnn::networkToText(b.take()));
    json j = runJson({"primitives", path, "--json"});
    EXPECT_EQ(j["primitives"]["conv2d_3x3"], 2 * 36);
    EXPECT_EQ(j["primitives"]["fc_72x3"], 1);
    EXPECT_EQ(j["primitives"]["softmax_3"], 1);
}

TEST(Cli, HumanReadableOutputIsATable) {
    CliRun r = run({"primitives", "resnet8"});
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("conv2d_3x3"), std::string::npos);
    EXPECT_NE(r.out.find("1,310,720"), std::string::npos);
    CliRun i = run({"inspect", "resnet8"});
    EXPECT_NE(i.out.find("78,666 parameters"), std::string::npos) << i.out;
}

TEST(Cli, BadArgumentsGiveOneLineErrors) {
    expectOneLineError(run({"frobnicate"}), "unknown command 'frobnicate'");
    expectOneLineError(run({"inspect"}), "missing MODEL");
    expectOneLineError(run({"inspect", "lenet5", "--colour"}), "unknown option '--colour'");
    expectOneLineError(run({"inspect", "lenet5", "extra"}), "unexpected argument 'extra'");
    expectOneLineError(run({"primitives", "lenet5", "--prune"}), "--prune needs a value");
    expectOneLineError(run({"primitives", "lenet5", "--prune", "2"}),
                       "--prune: 2 is outside [0, 0.95]");
    expectOneLineError(run({"primitives", "lenet5", "--prune", "abc"}), "'abc' is not a number");
    expectOneLineError(run({"memory", "lenet5", "--dtype", "fp16"}), "--dtype: 'fp16'");
    expectOneLineError(run({"inspect", "no-such-model"}),
                       "no-such-model: neither a file nor a zoo model");
}

TEST(Cli, BadFilesGiveOneLineErrorsNamingTheFile) {
    auto truncated =
        tempFile("trunc.json", "{\"format\": \"zipcnn-network\", \"version\": 1, \"layers\": [");
    expectOneLineError(run({"inspect", truncated}), truncated + ":1:");
    auto unknown = tempFile("unknown.json", R"({"format":"zipcnn-network","version":1,"layers":[
        {"name":"in","type":"Input","shape":[4,4,1]},{"name":"x","type":"Capsule","inputs":["in"]}]})");
    expectOneLineError(run({"inspect", unknown}), "unknown type 'Capsule'");
    auto cycle = tempFile("cycle.json", R"({"format":"zipcnn-network","version":1,"layers":[
        {"name":"in","type":"Input","shape":[4,4,1]},
        {"name":"a","type":"Add","inputs":["in","b"]},
        {"name":"b","type":"Activation","inputs":["a"],"activation":"relu"}]})");
    expectOneLineError(run({"primitives", cycle}), "cycle");
    auto impossible =
        tempFile("impossible.json", R"({"format":"zipcnn-network","version":1,"layers":[
        {"name":"in","type":"Input","shape":[4,4,1]},
        {"name":"c","type":"Conv2D","inputs":["in"],"filters":2,"kernel":[7,7]}]})");
    expectOneLineError(run({"memory", impossible}), "layer 'c': kernel 7 is larger than the input");
    expectOneLineError(run({"inspect", std::filesystem::temp_directory_path().string()}),
                       "is a folder");
}

TEST(Cli, McusListsTheThesisMcus) {
    json j = runJson({"mcus", "--json"});
    ASSERT_TRUE(j.is_array());
    ASSERT_GE(j.size(), 3u);
    std::map<std::string, json> byName;
    for (const auto& m : j)
        byName[m["name"]] = m;
    ASSERT_TRUE(byName.count("STM32F446ZE"));
    const json& f4 = byName["STM32F446ZE"];
    EXPECT_EQ(f4["core"], "Cortex-M4F");
    EXPECT_EQ(f4["flash_kib"], 512);
    EXPECT_EQ(f4["sram_kib"], 132);
    EXPECT_EQ(f4["freqs_mhz"].size(), 14u);
    EXPECT_EQ(f4["freqs_mhz"][0], 16);
    EXPECT_NE(f4["source"].get<std::string>().find("Garbay"), std::string::npos);
    for (const char* name : {"STM32L496ZG", "STM32F746ZG"})
        EXPECT_TRUE(byName.count(name)) << name;
    CliRun text = run({"mcus"});
    EXPECT_EQ(text.status, 0);
    EXPECT_NE(text.out.find("STM32L496ZG  Cortex-M4F"), std::string::npos) << text.out;
}
