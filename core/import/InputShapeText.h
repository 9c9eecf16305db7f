// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// "1x96x96x3" (or "1,96,96,3") as sizes, batch first, for ImportOptions::inputShape: 2 to 5
/// positive sizes. Nullopt with `error` ("expected sizes like 1x96x96x3, got 'abc'") otherwise.
/// Shared by the command line's --input-shape and the window's import prompt.
std::optional<std::vector<std::int64_t>> parseInputShapeText(const std::string& text,
                                                             std::string& error);

} // namespace zipcnn
