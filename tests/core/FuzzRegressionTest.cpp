// SPDX-License-Identifier: GPL-3.0-or-later
// Replays the fuzzers' seed corpus and every case they found (tests/fuzz/, docs/robustness.md)
// through the same target functions, in the ordinary build: a fixed reader stays fixed.
#include "fuzz/FuzzEntries.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>

namespace zipcnn {
namespace {

namespace fs = std::filesystem;

std::string readBytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void replay(const std::string& folder, bool mustExist) {
    for (const auto& target : fuzz::targets()) {
        const fs::path dir = fs::path(ZIPCNN_FUZZ_DIR) / folder / target.name;
        if (!fs::is_directory(dir)) {
            EXPECT_FALSE(mustExist) << dir << " is missing";
            continue;
        }
        int files = 0;
        for (const auto& e : fs::directory_iterator(dir)) {
            if (!e.is_regular_file() || e.path().filename() == "README.md")
                continue;
            const std::string bytes = readBytes(e.path());
            const auto start = std::chrono::steady_clock::now();
            ::testing::internal::CaptureStderr();
            EXPECT_NO_THROW(
                target.run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()))
                << e.path();
            ::testing::internal::GetCapturedStderr();
            const double s =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            EXPECT_LT(s, 10.0) << e.path() << " took " << s << " s";
            ++files;
        }
        if (mustExist) {
            EXPECT_GT(files, 0) << "no seed in " << dir;
        }
    }
}

TEST(FuzzCorpus, SeedsRunCleanly) {
    replay("corpus", true);
}

TEST(FuzzCorpus, FoundCasesStayFixed) {
    replay("regressions", false);
}

} // namespace
} // namespace zipcnn
