// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/McuProfile.h"

#include "base/EnumNames.h"

namespace zipcnn {

namespace {
constexpr auto kOpNames = std::to_array<EnumName<Op>>({
    {Op::Add, "add"},
    {Op::Sub, "sub"},
    {Op::Mul, "mul"},
    {Op::Div, "div"},
    {Op::Exp, "exp"},
});
static_assert(kOpNames.size() == kOpCount);

// allOps() in the order of the names table: the operations are listed once.
constexpr std::array<Op, kOpCount> kOps = [] {
    std::array<Op, kOpCount> ops{};
    for (std::size_t i = 0; i < kOpCount; ++i)
        ops[i] = kOpNames[i].value;
    return ops;
}();
} // namespace

std::string_view opName(Op op) {
    return nameOf(kOpNames, op);
}

std::optional<Op> opFromName(std::string_view name) {
    return fromName(kOpNames, name);
}

const std::array<Op, kOpCount>& allOps() {
    return kOps;
}

std::string McuProfile::source() const {
    auto it = provenance.find("source");
    return it == provenance.end() ? file : it->second;
}

} // namespace zipcnn
