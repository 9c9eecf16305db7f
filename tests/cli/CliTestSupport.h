// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running zipcnn-cli in-process for the command-line tests.

#include "CliApp.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace zipcnn::clitest {

struct CliRun {
    int status = 0;
    std::string out;
    std::string err;
};

inline CliRun run(std::vector<std::string> args) {
    std::ostringstream out, err;
    CliRun r;
    r.status = zipcnn::cli::runCli(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// Runs a command that must succeed and print JSON; null JSON (and a test failure) otherwise.
inline nlohmann::json runJson(std::vector<std::string> args) {
    CliRun r = run(std::move(args));
    EXPECT_EQ(r.status, 0) << r.err;
    return r.status == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
}

} // namespace zipcnn::clitest
