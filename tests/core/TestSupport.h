// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Targets.h"

// Helpers shared by the engine tests.
#include "base/Diagnostic.h"
#include "import/OpenInput.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

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

/// input 16x16x3 -> conv "feat" (3x3, 8, relu) -> conv "att" (1x1, 1, sigmoid) -> Multiply "mul"
/// of both: a one-channel attention map broadcast over the features, which the passes that
/// change widths must leave at one channel. Returns the builder, for the test to go on.
inline NetworkBuilder attentionBlock() {
    NetworkBuilder b("attention");
    b.input({16, 16, 3});
    auto feat = b.conv(8, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, {}, "feat");
    auto att = b.conv(1, {1, 1}, {1, 1}, Padding::Same, ActivationKind::Sigmoid, feat, "att");
    b.layer({"mul", LayerType::Multiply, {feat, att}, {}});
    return b;
}

/// A zoo model; a test failure (and an empty network) when the name is unknown.
inline Network zoo(const std::string& name) {
    auto n = zooModel(name);
    EXPECT_TRUE(n.has_value()) << "no zoo model '" << name << "'";
    return n ? *n : Network{};
}

/// A project named `name` on the zoo model `model`, with `targets` and the default variants:
/// where the project-file tests start.
inline Project zooProject(const std::string& name, const std::string& model,
                          std::vector<TargetSpec> targets) {
    Project p;
    p.name = name;
    p.network = zoo(model);
    p.targets = std::move(targets);
    p.variants = defaultVariants();
    return p;
}

/// The bundled LeNet5 example project (resources/examples) as openInput reads it; a test failure
/// (and an empty project) when it does not open.
inline Project lenet5Example() {
    const OpenedInput in =
        openInput(std::string(ZIPCNN_SOURCE_LUT_DIR) + "/../resources/examples/lenet5.zipcnn.json");
    EXPECT_TRUE(in.ok()) << dump(in.diagnostics);
    return in.project ? *in.project : Project{};
}

/// The LeNet5 example on its thesis-c targets only (STM32L496ZG, STM32F446ZE, STM32F746ZG: the
/// measured LUTs).
inline Project lenet5ThesisExample() {
    Project p = lenet5Example();
    std::erase_if(p.targets, [](const TargetSpec& t) { return t.runtime != kThesisRuntimeId; });
    return p;
}

/// The three catalogues of the source tree (thesis LUTs, MCU catalogue, runtime profiles),
/// loaded once.
inline const Catalogs& sourceCatalogs() {
    static const Catalogs c = [] {
        Catalogs k;
        k.luts = loadMcuCatalog({ZIPCNN_SOURCE_LUT_DIR});
        k.facts = loadMcuFactsCatalog({std::string(ZIPCNN_SOURCE_DATA_DIR) + "/mcus"});
        k.runtimes = loadRuntimeCatalog({std::string(ZIPCNN_SOURCE_DATA_DIR) + "/runtimes"});
        return k;
    }();
    return c;
}

} // namespace zipcnn::testsupport
