// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the engine tests.
#include "base/Diagnostic.h"
#include "model/ModelZoo.h"

#include <gtest/gtest.h>
#include <string>

namespace zipcnn::testsupport {

/// One line per diagnostic, "code: file:line: layer 'x': message", for failure messages.
inline std::string dump(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d)
        s += x.code + ": " + x.toString() + "\n";
    return s;
}

/// Whether a diagnostic's text ("file:line: layer 'x': message") holds `fragment`.
inline bool mentions(const Diagnostics& d, const std::string& fragment) {
    for (const auto& x : d)
        if (x.toString().find(fragment) != std::string::npos)
            return true;
    return false;
}

/// A zoo model; a test failure (and an empty network) when the name is unknown.
inline Network zoo(const std::string& name) {
    auto n = zooModel(name);
    EXPECT_TRUE(n.has_value()) << "no zoo model '" << name << "'";
    return n ? *n : Network{};
}

} // namespace zipcnn::testsupport
