// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace zipcnn::cli {

/// Parsed command line: a command word, positionals, valued options (repeatable) and flags.
struct CliArgs {
    std::string command;
    std::vector<std::string> positionals;
    std::map<std::string, std::vector<std::string>> options; ///< "--mcu" -> values, in order
    std::set<std::string> flags;                             ///< "--json"

    bool flag(const std::string& name) const { return flags.count(name) > 0; }
    std::optional<std::string> option(const std::string& name) const;
};

/// What a command accepts, so that unknown options are refused with a message.
struct CliSpec {
    std::set<std::string> valued; ///< options that take a value
    std::set<std::string> flags;  ///< options that don't
};

/// Parses `args` (without the program name) for `spec`; on error returns nullopt and sets
/// `error` to a one-line message naming the argument.
std::optional<CliArgs> parseArgs(const std::vector<std::string>& args, const CliSpec& spec,
                                 std::string& error);

/// Parses a number within [min, max]; on error sets `error` naming the option and the value.
std::optional<double> parseNumber(const std::string& option, const std::string& text, double min,
                                  double max, std::string& error);

} // namespace zipcnn::cli
