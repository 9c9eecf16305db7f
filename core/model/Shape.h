// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zipcnn {

/// Tensor shape without the batch dimension, channels last (H, W, C for images).
struct Shape {
    std::vector<std::int64_t> dims;

    Shape() = default;
    Shape(std::initializer_list<std::int64_t> d) : dims(d) {}
    explicit Shape(std::vector<std::int64_t> d) : dims(std::move(d)) {}

    std::size_t rank() const { return dims.size(); }
    bool empty() const { return dims.empty(); }
    /// Product of the dimensions (0 for an empty shape). Saturates at INT64_MAX when the product
    /// does not fit in 64 bits: shape inference (`analyze`) reports such a shape as an error,
    /// so the shapes of an analysed network never get there.
    std::int64_t elements() const;
    std::int64_t channels() const { return dims.empty() ? 0 : dims.back(); }
    /// "32x32x3"
    std::string toString() const;

    bool operator==(const Shape&) const = default;
};

} // namespace zipcnn
