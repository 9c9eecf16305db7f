// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/LayerCatalog.h"

#include "import/KerasLayerMapper.h"

#include <gtest/gtest.h>
#include <set>
#include <string>

namespace zipcnn {
namespace {

// LayerType::Unsupported is the enum's last value (model/LayerType.h).
constexpr int kLayerTypes = static_cast<int>(LayerType::Unsupported) + 1;

TEST(LayerCatalog, EveryLayerTypeHasExactlyOneEntry) {
    ASSERT_EQ(layerCatalog().size(), static_cast<std::size_t>(kLayerTypes));
    for (int i = 0; i < kLayerTypes; ++i) {
        const auto t = static_cast<LayerType>(i);
        int entries = 0;
        for (const LayerKind& k : layerCatalog())
            entries += k.type == t;
        EXPECT_EQ(entries, 1) << "LayerType " << i;
        EXPECT_EQ(layerKind(t).type, t);
        EXPECT_EQ(layerTypeName(t), layerKind(t).name);
    }
    EXPECT_EQ(allLayerTypes().size(), layerCatalog().size());
}

TEST(LayerCatalog, NamesAndImporterNamesLeadToOneKind) {
    std::set<std::string_view> fileNames;
    std::set<std::string_view> kerasNames;
    for (const LayerKind& k : layerCatalog()) {
        EXPECT_TRUE(fileNames.insert(k.name).second) << k.name;
        for (auto alias : k.aliases)
            EXPECT_TRUE(fileNames.insert(alias).second) << alias;
        EXPECT_EQ(layerTypeFromName(k.name), k.type);
        EXPECT_EQ(layerKindByName(k.name), &k);
        for (auto n : k.importers.keras) {
            EXPECT_TRUE(kerasNames.insert(n).second) << n;
            EXPECT_EQ(layerKindForImporter(ImporterFormat::Keras, n), &k) << n;
        }
        EXPECT_FALSE(k.family.empty()) << k.name;
    }
    EXPECT_EQ(layerKindByName("Conv3D"), nullptr);
    EXPECT_EQ(layerKindForImporter(ImporterFormat::Keras, "Conv3D"), nullptr);
}

TEST(LayerCatalog, AttributesAreUniqueWithDefaultsInRangeThatALayerStartsWith) {
    const LayerAttrs fresh;
    for (const LayerKind& k : layerCatalog()) {
        std::set<std::string_view> keys;
        std::set<std::string_view> editors;
        for (const LayerAttribute& a : allAttributes(k)) {
            EXPECT_TRUE(keys.insert(a.key).second) << k.name << "." << a.key;
            if (!a.editor.empty()) {
                EXPECT_TRUE(editors.insert(a.editor).second) << k.name << "." << a.editor;
            }
            EXPECT_EQ(findAttribute(k, a.key)->field, a.field);
            switch (a.type) {
            case AttrType::Int:
            case AttrType::Size2:
            case AttrType::Pad4:
            case AttrType::Bool:
            case AttrType::Real:
            case AttrType::Rate:
                EXPECT_TRUE(inRange(a, a.defaultValue)) << k.name << "." << a.key;
                // What a file that leaves the attribute out gets is what a new layer holds.
                EXPECT_DOUBLE_EQ(attributeNumber(fresh, a.field), a.defaultValue)
                    << k.name << "." << a.key;
                break;
            default:
                break;
            }
            if (a.type == AttrType::Int || a.type == AttrType::Size2 || a.type == AttrType::Pad4) {
                EXPECT_LE(a.intMax, kMaxAttrInt) << "an editor spin box holds an int";
            }
        }
    }
}

TEST(LayerCatalog, AttributeNumbersReadWhatTheySet) {
    for (const LayerKind& k : layerCatalog())
        for (const LayerAttribute& a : allAttributes(k)) {
            const int elements = a.type == AttrType::Size2 ? 2 : a.type == AttrType::Pad4 ? 4 : 1;
            if (a.type == AttrType::Choice || a.type == AttrType::Dims || a.type == AttrType::Text)
                continue;
            LayerAttrs attrs;
            for (int e = 0; e < elements; ++e) {
                const double v = a.type == AttrType::Bool                               ? 0.0
                                 : a.type == AttrType::Real || a.type == AttrType::Rate ? 0.25
                                                                                        : 7 + e;
                setAttributeNumber(attrs, a.field, v, e);
                EXPECT_DOUBLE_EQ(attributeNumber(attrs, a.field, e), v) << k.name << "." << a.key;
            }
        }
}

TEST(LayerCatalog, RangeProblemsNameEachValueANetworkFileCannotHold) {
    Layer conv;
    conv.type = LayerType::Conv2D;
    conv.attrs.filters = 8;
    conv.attrs.kernel = {3, 3};
    EXPECT_TRUE(attributeRangeProblems(conv).empty());

    conv.attrs.kernel = {3, -1};
    conv.attrs.pruneRate = 0.99; // [0, 0.95]
    const auto problems = attributeRangeProblems(conv);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].key, "kernel");
    EXPECT_EQ(problems[0].message, "kernel[1] = -1 is outside [0, 2147483647]");
    EXPECT_EQ(problems[1].key, "prune_rate");

    Layer bn;
    bn.type = LayerType::BatchNormalization;
    bn.attrs.epsilon = 1.001;
    ASSERT_EQ(attributeRangeProblems(bn).size(), 1u);
    EXPECT_EQ(attributeRangeProblems(bn)[0].message, "epsilon = 1.001 is outside [0, 1]");
}

TEST(LayerCatalog, TheKerasMapperMapsEveryCataloguedClassToItsKind) {
    const nlohmann::json config = nlohmann::json::object();
    for (const LayerKind& k : layerCatalog())
        for (auto cls : k.importers.keras) {
            if (k.type == LayerType::Input)
                continue; // the parser handles InputLayer
            KerasLayerSpec spec;
            spec.name = "l";
            spec.className = std::string(cls);
            spec.config = &config;
            spec.jsonPath = "config.layers[0]";
            spec.file = "model.json";
            Diagnostics diags;
            const KerasLayerMapping m = mapKerasLayer(spec, diags);
            ASSERT_FALSE(m.layers.empty()) << cls;
            EXPECT_EQ(m.layers.front().type, k.type) << cls;
            EXPECT_FALSE(hasErrors(diags)) << cls;
        }
}

} // namespace
} // namespace zipcnn
