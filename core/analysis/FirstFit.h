// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CheckedMath.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
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

/// Gives every buffer its offset, largest first (ties by first use, then by the order of
/// `buffers`, so the plan is deterministic), each at its first-fit offset among those placed
/// before it.
template <typename Buffer> void placeLargestFirst(std::vector<Buffer>& buffers) {
    std::vector<std::size_t> byPriority(buffers.size());
    std::iota(byPriority.begin(), byPriority.end(), 0);
    std::stable_sort(byPriority.begin(), byPriority.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = buffers[a];
        const auto& y = buffers[b];
        return x.bytes != y.bytes ? x.bytes > y.bytes : x.firstUse < y.firstUse;
    });
    std::vector<const Buffer*> placed;
    for (auto k : byPriority) {
        buffers[k].offset = firstFitOffset(buffers[k], placed);
        placed.push_back(&buffers[k]);
    }
}

/// What the buffers alive at one step hold, both sums saturating at INT64_MAX.
struct ArenaUse {
    std::int64_t liveBytes = 0; ///< the bytes of the buffers alive
    std::int64_t highWater = 0; ///< the highest arena byte they reach
    /// Whether a sum went past 64 bits (the caller reports it once, at the first such step).
    bool overflowed() const { return liveBytes == INT64_MAX || highWater == INT64_MAX; }
};

/// The use of the arena at `step` by the placed buffers alive then (firstUse <= step <= lastUse).
template <typename Buffer> ArenaUse arenaUseAt(const std::vector<Buffer>& buffers, int step) {
    ArenaUse use;
    for (const auto& b : buffers) {
        if (b.firstUse > step || b.lastUse < step)
            continue;
        use.liveBytes = saturatingAdd(use.liveBytes, b.bytes);
        use.highWater = std::max(use.highWater, saturatingAdd(b.offset, b.bytes));
    }
    return use;
}

} // namespace zipcnn
