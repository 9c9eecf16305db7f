// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace zipcnn::cli {

/// Runs `zipcnn-cli` with `args` (without the program name). Normal output goes to `out`,
/// errors to `err` as one line naming the argument or file and the cause. Returns the exit
/// status: 0 on success, 1 on a problem with the input, 2 on a usage error.
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace zipcnn::cli
