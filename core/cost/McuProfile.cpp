// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/McuProfile.h"

namespace zipcnn {

namespace {
constexpr std::array<Op, kOpCount> kOps{Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Exp};
constexpr std::array<std::string_view, kOpCount> kOpNames{"add", "sub", "mul", "div", "exp"};
} // namespace

std::string_view opName(Op op) {
    return kOpNames[static_cast<std::size_t>(op)];
}

std::optional<Op> opFromName(std::string_view name) {
    for (std::size_t i = 0; i < kOpCount; ++i)
        if (kOpNames[i] == name)
            return kOps[i];
    return std::nullopt;
}

const std::array<Op, kOpCount>& allOps() {
    return kOps;
}

std::string McuProfile::source() const {
    auto it = provenance.find("source");
    return it == provenance.end() ? file : it->second;
}

} // namespace zipcnn
