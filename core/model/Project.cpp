// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Project.h"

namespace zipcnn {

std::vector<VariantSpec> defaultVariants() {
    std::vector<VariantSpec> v;
    v.push_back({"FP32", DType::FP32, 0.0, {}, std::nullopt, true});
    v.push_back({"INT8", DType::INT8, 0.0, {}, std::nullopt, true});
    for (int pct : {50, 60, 70, 80, 90})
        v.push_back({"FP32 pruned " + std::to_string(pct) + " %",
                     DType::FP32,
                     pct / 100.0,
                     {},
                     std::nullopt,
                     pct == 70});
    return v;
}

std::string_view studentKindName(StudentKind k) {
    switch (k) {
    case StudentKind::None:
        return "none";
    case StudentKind::Zoo:
        return "zoo";
    case StudentKind::File:
        return "file";
    case StudentKind::Derived:
        return "derived";
    }
    return "none";
}

std::optional<StudentKind> studentKindFromName(std::string_view name) {
    for (auto k : {StudentKind::None, StudentKind::Zoo, StudentKind::File, StudentKind::Derived})
        if (studentKindName(k) == name)
            return k;
    return std::nullopt;
}

} // namespace zipcnn
