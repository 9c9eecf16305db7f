// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace zipcnn {

/// Numeric format of a deployed network: what one activation or weight value takes in memory.
enum class DType { FP32, INT8 };

/// "fp32" or "int8" (the names used in files and on the command line).
std::string_view dtypeName(DType t);
/// Parses "fp32" or "int8" (exact, lower case); nullopt otherwise.
std::optional<DType> dtypeFromName(std::string_view name);
const std::vector<DType>& allDTypes();

/// Bytes of one activation value, and of one weight (INT8 biases are wider, see
/// `docs/memory-model.md`): 4 for FP32, 1 for INT8.
int bytesPerValue(DType t);

} // namespace zipcnn
