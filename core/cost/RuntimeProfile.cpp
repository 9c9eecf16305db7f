// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/RuntimeProfile.h"

#include "cost/McuFacts.h"

#include <algorithm>

namespace zipcnn {

const KernelCosts* RuntimeProfile::costsFor(const std::string& coreFamily) const {
    for (const auto& c : costs)
        if (c.coreFamily == coreFamily)
            return &c;
    return nullptr;
}

std::vector<std::string> RuntimeProfile::coreFamilies() const {
    std::vector<std::string> out;
    for (const auto& c : costs)
        out.push_back(c.coreFamily);
    return out;
}

bool RuntimeProfile::matches(const std::string& query) const {
    const std::string q = lowerAscii(query);
    if (lowerAscii(id) == q)
        return true;
    return std::any_of(aliases.begin(), aliases.end(),
                       [&](const std::string& a) { return lowerAscii(a) == q; });
}

} // namespace zipcnn
