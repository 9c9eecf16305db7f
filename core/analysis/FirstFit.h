// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CheckedMath.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace zipcnn {

/// First-fit offset for buffer `t` among the already placed buffers whose lifetimes
/// (firstUse..lastUse, inclusive) overlap it: the lowest offset where its bytes fit between them.
/// Shared by the thesis-era tensor planner and the runtime arena planner.
template <typename Buffer>
std::int64_t firstFitOffset(const Buffer& t, const std::vector<const Buffer*>& placed) {
    std::vector<const Buffer*> overlapping;
    for (const auto* p : placed)
        if (p->firstUse <= t.lastUse && t.firstUse <= p->lastUse)
            overlapping.push_back(p);
    std::sort(overlapping.begin(), overlapping.end(),
              [](const auto* a, const auto* b) { return a->offset < b->offset; });
    std::int64_t candidate = 0;
    for (const auto* p : overlapping) {
        if (saturatingAdd(candidate, t.bytes) <= p->offset)
            break;
        candidate = std::max(candidate, saturatingAdd(p->offset, p->bytes));
    }
    return candidate;
}

} // namespace zipcnn
