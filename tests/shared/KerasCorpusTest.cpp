// SPDX-License-Identifier: GPL-3.0-or-later
// Imports every Keras file of the shared model corpus (../shared/models/MANIFEST.json): the
// parameter count must be the manifest's (which counts the stored weight tensors), the layer
// classes must be the manifest's, and the MLPerf Tiny ResNet-8 must decompose exactly into the
// ResNet8 column of the thesis's Table 5.2. A file the engine legitimately cannot cost must fail
// with the diagnostic listed here, never silently. Skipped, with the reason, when ../shared is
// not beside the clone.
#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "import/ImporterRegistry.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace zipcnn;

namespace {

const fs::path kModels = fs::path(ZIPCNN_SHARED_DIR) / "models";
const fs::path kGolden = fs::path(ZIPCNN_TEST_DATA_DIR) / "golden";

#define REQUIRE_CORPUS()                                                                           \
    if (!fs::exists(kModels / "MANIFEST.json"))                                                    \
    GTEST_SKIP() << "model corpus not found at " << kModels.string()                               \
                 << " (clone with ../shared beside it to run this group)"

json readJson(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

bool isKeras(const json& entry) {
    return entry.value("format", "").rfind("keras", 0) == 0;
}

/// Files the engine cannot cost as they are, and the diagnostic that must say so.
struct Expected {
    std::string code;     ///< the error of a default import
    std::string fragment; ///< part of its message
    /// With keepUnsupported, the import succeeds and the graph plus the placeholders' stored
    /// weights account for every stored weight.
    bool importsWhenKept = false;
};

const std::map<std::string, Expected>& notImportable() {
    static const std::map<std::string, Expected> m = {
        // (YAMNet's Permute, simpleconv2d's channels_first convolution and cnn2d_76's Cropping2D
        // import since issue 15: tests/shared/KerasGapsCorpusTest.cpp.)
        {"dl4j-test-resources/keras-attention.h5",
         {"keras-unsupported-layers", "Attention ('attention')", true}},
        // MTCNN P-Net takes any image size: the engine needs a fixed one (and has no PReLU).
        {"dl4j-test-resources/12net.h5", {"keras-dynamic-input-shape", "[?, ?, 3]", false}},
        // A raw TensorFlow op (Reshape) serialised as a layer.
        {"dl4j-test-resources/reshape_tfoplayer.h5",
         {"keras-unsupported-layers", "TensorFlowOpLayer ('tf_op_layer_Reshape')", false}},
    };
    return m;
}

std::string dump(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d)
        s += x.code + ": " + x.toString() + "\n";
    return s;
}

std::map<std::string, int> manifestClasses(const json& entry) {
    std::map<std::string, int> m;
    for (const auto& [cls, n] : entry["layer_classes"].items())
        m[cls] = n.get<int>();
    return m;
}

} // namespace

TEST(KerasCorpus, EveryKerasFileImportsOrSaysWhyNot) {
    REQUIRE_CORPUS();
    const json manifest = readJson(kModels / "MANIFEST.json");
    int imported = 0, refused = 0;
    for (const auto& entry : manifest["files"]) {
        if (!isKeras(entry))
            continue;
        const std::string name = entry["file"];
        const std::string path = (kModels / name).string();
        SCOPED_TRACE(name);
        const std::int64_t total = entry["total_params"];
        ImportResult r = importModelFile(path);
        // The layer classes are read from the config whatever happens next.
        EXPECT_EQ(r.report.layerClasses, manifestClasses(entry));

        auto expected = notImportable().find(name);
        if (expected == notImportable().end()) {
            ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
            EXPECT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
            EXPECT_EQ(r.report.graphParams, total) << dump(r.diagnostics);
            EXPECT_EQ(r.report.storedParams, total);
            EXPECT_TRUE(r.report.paramsMatch());
            EXPECT_EQ(analyze(*r.network).params, total);
            for (const auto& d : r.diagnostics)
                EXPECT_EQ(d.severity, Severity::Info) << d.code << ": " << d.toString();
            ++imported;
            continue;
        }
        ++refused;
        EXPECT_FALSE(r.network.has_value());
        const Diagnostic* e = firstError(r.diagnostics);
        ASSERT_NE(e, nullptr);
        EXPECT_EQ(e->code, expected->second.code) << dump(r.diagnostics);
        EXPECT_NE(e->message.find(expected->second.fragment), std::string::npos) << e->message;
        EXPECT_NE(e->toString().find(path), std::string::npos) << e->toString();
        if (!expected->second.importsWhenKept)
            continue;
        ImportOptions keep;
        keep.keepUnsupported = true;
        ImportResult k = importModelFile(path, keep);
        ASSERT_TRUE(k.network.has_value()) << dump(k.diagnostics);
        EXPECT_FALSE(hasErrors(k.diagnostics)) << dump(k.diagnostics);
        EXPECT_EQ(k.report.graphParams + k.report.unsupportedParams, total);
        EXPECT_EQ(k.report.storedParams, total);
        EXPECT_TRUE(k.report.paramsMatch()) << dump(k.diagnostics);
        EXPECT_FALSE(k.report.unsupported.empty());
    }
    EXPECT_GE(imported, 14);
    EXPECT_EQ(refused, static_cast<int>(notImportable().size()));
}

TEST(KerasCorpus, NestedModelsAreFlattened) {
    REQUIRE_CORPUS();
    ImportResult r =
        importModelFile((kModels / "stm32ai-modelzoo/yamnet_256_f32_backbone.h5").string());
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    EXPECT_EQ(r.report.modelClass, "Sequential");
    EXPECT_EQ(r.report.nestedModels, std::vector<std::string>{"model_2"});
    EXPECT_NE(r.network->find("model_2/layer1/conv"), nullptr);

    ImportOptions keep;
    keep.keepUnsupported = true;
    ImportResult k =
        importModelFile((kModels / "stm32ai-modelzoo/yamnet_256_64x96_esc10.h5").string(), keep);
    ASSERT_TRUE(k.network.has_value()) << dump(k.diagnostics);
    EXPECT_EQ(k.report.nestedModels,
              (std::vector<std::string>{"sequential_2", "sequential_2/model_2"}));
    // The Permute placeholder transposes 64x96x1 into 96x64x1, as the nested model expects.
    const Analysis a = analyze(*k.network);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(a.layers[*k.network->indexOf("permute")].outputShape, (Shape{96, 64, 1}));
}

TEST(KerasCorpus, PretrainedResNet8DecomposesIntoTable52) {
    REQUIRE_CORPUS();
    ImportResult r = importModelFile((kModels / "mlcommons-tiny/pretrainedResnet.h5").string());
    ASSERT_TRUE(r.network.has_value()) << dump(r.diagnostics);
    const Decomposition d = decompose(*r.network);
    ASSERT_FALSE(hasErrors(d.diagnostics)) << dump(d.diagnostics);
    // The golden ResNet8 column (tests/data/golden, checked against Table 5.2 by
    // ThesisTablesTest) and the Table 5.1 parameter count.
    const json golden = readJson(kGolden / "primitives" / "resnet8" / "case.json")["primitives"];
    std::map<std::string, std::int64_t> expected;
    for (const auto& [id, n] : golden.items())
        expected[id] = n.get<std::int64_t>();
    EXPECT_EQ(d.totals, expected);
    const fs::path tables = fs::path(ZIPCNN_SHARED_DIR) / "data/thesis/resnet8_tables.json";
    if (fs::exists(tables)) {
        EXPECT_EQ(analyze(*r.network).params,
                  readJson(tables)["tables"]["5.1"]["rows"][0]["parameters"].get<std::int64_t>());
    }
}
