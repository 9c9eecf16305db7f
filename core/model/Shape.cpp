// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Shape.h"

#include <limits>

namespace zipcnn {

std::int64_t Shape::elements() const {
    if (dims.empty())
        return 0;
    std::int64_t n = 1;
    for (auto d : dims)
        if (__builtin_mul_overflow(n, d, &n))
            return std::numeric_limits<std::int64_t>::max(); // see the header
    return n;
}

std::string Shape::toString() const {
    std::string s;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (i)
            s += "x";
        s += std::to_string(dims[i]);
    }
    return s;
}

} // namespace zipcnn
