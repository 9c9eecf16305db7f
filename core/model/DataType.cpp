// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/DataType.h"

#include "base/EnumNames.h"

namespace zipcnn {

namespace {
constexpr auto kDTypeNames = std::to_array<EnumName<DType>>({
    {DType::FP32, "fp32"},
    {DType::INT8, "int8"},
});
} // namespace

std::string_view dtypeName(DType t) {
    return nameOf(kDTypeNames, t);
}

std::optional<DType> dtypeFromName(std::string_view name) {
    return fromName(kDTypeNames, name);
}

const std::vector<DType>& allDTypes() {
    static const std::vector<DType> all = valuesOf(kDTypeNames);
    return all;
}

int bytesPerValue(DType t) {
    return t == DType::INT8 ? 1 : 4;
}

} // namespace zipcnn
