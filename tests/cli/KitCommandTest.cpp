// SPDX-License-Identifier: GPL-3.0-or-later
// `zipcnn-cli kit`: the files it writes and its one-line errors.
#include "CliTestSupport.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace zipcnn::clitest;
namespace fs = std::filesystem;

namespace {

fs::path tempDir(const std::string& name) {
    return fs::temp_directory_path() / ("zipcnn-kit-cli-" + std::to_string(::getpid())) / name;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST(KitCommand, WritesTheKitOfLeNet5) {
    const fs::path dir = tempDir("lenet5");
    CliRun r = run({"kit", "lenet5", "-o", dir.string(), "--mcu", "STM32L496ZG", "--clock", "16",
                    "--clock", "80", "--repeats", "3"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("kit for lenet5 (9 layers, 61706 weights"), std::string::npos) << r.out;
    for (const char* f : {"kit.h", "kit_main.c", "kit_ops.c", "kit_layers.c", "kit.ld",
                          "memory-mps2.ld", "memory-board.ld", "kit_network.h", "kit_weights.c",
                          "Makefile", "network.json", "kit.json"})
        EXPECT_TRUE(fs::exists(dir / f)) << f;
    const std::string header = read(dir / "kit_network.h");
    EXPECT_NE(header.find("#define KIT_CLOCKS_MHZ {16, 80}"), std::string::npos);
    EXPECT_NE(header.find("#define KIT_CORE_NAME \"cortex-m4\""), std::string::npos)
        << "the core comes from the MCU's profile";
    const std::string make = read(dir / "Makefile");
    EXPECT_NE(make.find("MCU ?= STM32L496ZG\n"), std::string::npos);
    EXPECT_NE(make.find("REPEATS ?= 3\n"), std::string::npos);
    EXPECT_NE(read(dir / "memory-board.ld").find("LENGTH = 1024K"), std::string::npos);
    fs::remove_all(dir.parent_path());
}

TEST(KitCommand, ErrorsNameTheCause) {
    const fs::path dir = tempDir("errors");
    auto expectError = [](const CliRun& r, const std::string& fragment) {
        EXPECT_NE(r.status, 0);
        EXPECT_NE(r.err.find(fragment), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
    };
    expectError(run({"kit", "lenet5", "-o", dir.string(), "--mcu", "NO-SUCH-MCU"}),
                "kit: unknown MCU 'NO-SUCH-MCU'");
    expectError(run({"kit", "lenet5", "-o", dir.string(), "--core", "cortex-a53", "--clock", "80"}),
                "kit: --core: unknown core 'cortex-a53' (one of cortex-m0plus, cortex-m3");
    expectError(run({"kit", "lenet5", "-o", dir.string()}), "kit: give the board's clock");
    expectError(run({"kit", "lenet5", "--clock", "80"}), "kit: give the folder to write with -o");
    expectError(run({"kit", "lenet5", "-o", dir.string(), "--clock", "80", "--repeats", "2.5"}),
                "--repeats: expected a whole number, got '2.5'");
    // a layer kind the kernels do not run: named with the model and the layer
    const fs::path net = tempDir("up.json");
    fs::create_directories(net.parent_path());
    std::ofstream(net) << R"({"format": "zipcnn-network", "version": 1, "name": "up",
        "layers": [{"name": "in", "type": "Input", "inputs": [], "shape": [8, 8, 1]},
                   {"name": "up1", "type": "UpSampling2D", "inputs": ["in"]}]})";
    const CliRun up = run({"kit", net.string(), "-o", dir.string(), "--clock", "80"});
    expectError(up, "layer 'up1': UpSampling2D: the kit's reference kernels do not implement");
    EXPECT_NE(up.err.find(net.string()), std::string::npos) << up.err;
    // an unwritable folder: below a regular file
    const CliRun unwritable = run({"kit", "lenet5", "-o", (net / "sub").string(), "--clock", "80"});
    expectError(unwritable, "cannot create the folder");
    EXPECT_NE(unwritable.err.find((net / "sub").string()), std::string::npos) << unwritable.err;
    fs::remove_all(dir.parent_path());
}
