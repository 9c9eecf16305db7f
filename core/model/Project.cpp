// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Project.h"

#include "base/EnumNames.h"

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

namespace {
constexpr auto kStudentKindNames = std::to_array<EnumName<StudentKind>>({
    {StudentKind::None, "none"},
    {StudentKind::Zoo, "zoo"},
    {StudentKind::File, "file"},
    {StudentKind::Derived, "derived"},
});
} // namespace

std::string_view studentKindName(StudentKind k) {
    return nameOf(kStudentKindNames, k, "none");
}

std::optional<StudentKind> studentKindFromName(std::string_view name) {
    return fromName(kStudentKindNames, name);
}

} // namespace zipcnn
