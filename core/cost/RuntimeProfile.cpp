// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/RuntimeProfile.h"

#include "cost/McuFacts.h"

#include <algorithm>

namespace zipcnn {

const KernelCosts* RuntimeProfile::costsFor(const std::string& coreFamily) const {
    for (const auto& c : costs)
        if (c.coreFamily == coreFamily && c.mcu.empty())
            return &c;
    return nullptr;
}

const KernelCosts* RuntimeProfile::costsFor(const std::string& coreFamily,
                                            const std::string& mcu) const {
    const std::string wanted = lowerAscii(mcu);
    for (const auto& c : costs)
        if (!c.mcu.empty() && c.coreFamily == coreFamily && lowerAscii(c.mcu) == wanted)
            return &c;
    return costsFor(coreFamily);
}

std::vector<std::string> RuntimeProfile::coreFamilies() const {
    std::vector<std::string> out;
    for (const auto& c : costs)
        if (c.mcu.empty())
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
