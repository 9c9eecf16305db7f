// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Quantization.h"

namespace zipcnn {

std::string_view quantSchemeName(QuantScheme s) {
    return s == QuantScheme::PerChannel ? "per-channel" : "per-tensor";
}

std::optional<QuantScheme> quantSchemeFromName(std::string_view name) {
    if (name == "per-tensor")
        return QuantScheme::PerTensor;
    if (name == "per-channel")
        return QuantScheme::PerChannel;
    return std::nullopt;
}

} // namespace zipcnn
