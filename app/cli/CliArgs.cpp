// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliArgs.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace zipcnn::cli {

std::optional<std::string> CliArgs::option(const std::string& name) const {
    auto it = options.find(name);
    if (it == options.end() || it->second.empty())
        return std::nullopt;
    return it->second.back();
}

std::optional<CliArgs> parseArgs(const std::vector<std::string>& args, const CliSpec& spec,
                                 std::string& error) {
    CliArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        // "-o FILE" is the one short option, the same as "--output FILE".
        const bool shortOutput = a == "-o" && spec.valued.count("--output");
        if (shortOutput || (a.rfind("--", 0) == 0 && a.size() > 2)) {
            std::string name = shortOutput ? std::string("--output") : a;
            std::optional<std::string> inlineValue;
            if (auto eq = a.find('='); eq != std::string::npos) {
                name = a.substr(0, eq);
                inlineValue = a.substr(eq + 1);
            }
            if (spec.flags.count(name)) {
                if (inlineValue) {
                    error = "option " + name + " takes no value";
                    return std::nullopt;
                }
                out.flags.insert(name);
            } else if (spec.valued.count(name)) {
                if (!inlineValue) {
                    if (i + 1 >= args.size()) {
                        error = "option " + name + " needs a value";
                        return std::nullopt;
                    }
                    inlineValue = args[++i];
                }
                out.options[name].push_back(*inlineValue);
            } else {
                error = "unknown option '" + name + "'";
                return std::nullopt;
            }
        } else if (out.command.empty()) {
            out.command = a;
        } else {
            out.positionals.push_back(a);
        }
    }
    return out;
}

std::optional<double> parseNumber(const std::string& option, const std::string& text, double min,
                                  double max, std::string& error) {
    const char* begin = text.c_str();
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(begin, &end);
    if (text.empty() || end != begin + text.size() || errno == ERANGE || !std::isfinite(v)) {
        error = option + ": '" + text + "' is not a number";
        return std::nullopt;
    }
    if (v < min || v > max) {
        std::ostringstream range;
        range << "[" << min << ", " << max << "]";
        error = option + ": " + text + " is outside " + range.str();
        return std::nullopt;
    }
    return v;
}

} // namespace zipcnn::cli
