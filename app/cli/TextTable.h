// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace zipcnn::cli {

/// Left/right-aligned plain-text table for the human-readable output of the commands.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
    void addRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    /// Numbers (cells starting with a digit or '-') are right-aligned.
    void print(std::ostream& out) const;

private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

/// 1234567 -> "1,234,567"
std::string withThousands(long long v);

} // namespace zipcnn::cli
