// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/DataType.h"

namespace zipcnn {

std::string_view dtypeName(DType t) {
    switch (t) {
    case DType::FP32:
        return "fp32";
    case DType::INT8:
        return "int8";
    }
    return "?";
}

std::optional<DType> dtypeFromName(std::string_view name) {
    for (DType t : allDTypes())
        if (dtypeName(t) == name)
            return t;
    return std::nullopt;
}

const std::vector<DType>& allDTypes() {
    static const std::vector<DType> all = {DType::FP32, DType::INT8};
    return all;
}

int bytesPerValue(DType t) {
    return t == DType::INT8 ? 1 : 4;
}

} // namespace zipcnn
