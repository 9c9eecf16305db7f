// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/InputShapeText.h"

#include <algorithm>

namespace zipcnn {

std::optional<std::vector<std::int64_t>> parseInputShapeText(const std::string& text,
                                                             std::string& error) {
    std::vector<std::int64_t> dims;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t x = std::min(text.find_first_of("xX,", at), text.size());
        std::string part = text.substr(at, x - at);
        part.erase(0, part.find_first_not_of(' '));
        part.erase(part.find_last_not_of(' ') + 1);
        // At most 9 digits: a size fits an int (the engine's layer sizes are ints).
        const bool digits = !part.empty() && part.size() <= 9 &&
                            part.find_first_not_of("0123456789") == std::string::npos;
        const std::int64_t v = digits ? std::stoll(part) : 0;
        if (v <= 0) {
            error = "expected positive sizes like 1x96x96x3, got '" + text + "'";
            return std::nullopt;
        }
        dims.push_back(v);
        at = x + 1;
    }
    if (dims.size() < 2 || dims.size() > 5) {
        error = "expected 2 to 5 sizes, batch first (1x96x96x3), got '" + text + "'";
        return std::nullopt;
    }
    return dims;
}

} // namespace zipcnn
