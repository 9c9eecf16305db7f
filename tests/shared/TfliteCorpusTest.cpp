// SPDX-License-Identifier: GPL-3.0-or-later
// Imports every TensorFlow Lite file of the shared model corpus (../shared/models/MANIFEST.json):
// a file the manifest expects to import must give the manifest's MACs (when it states them)
// and account for every stored constant element (weights in the graph, the rest named); a file
// it expects refused must be refused with the cause it names. The MLPerf Tiny ResNet-8 stored
// as .h5, float .tflite and INT8 .tflite must give the same MACs and primitives, BatchNorm
// (folded in the .tflite files) apart. Skipped when ../shared is not beside the clone.
#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "import/ImporterRegistry.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace zipcnn;

namespace {

const fs::path kModels = fs::path(ZIPCNN_SHARED_DIR) / "models";

#define REQUIRE_CORPUS()                                                                           \
    if (!fs::exists(kModels / "MANIFEST.json"))                                                    \
    GTEST_SKIP() << "model corpus not found at " << kModels.string()                               \
                 << " (clone with ../shared beside it to run this group)"

std::string dump(const Diagnostics& d) {
    std::string s;
    for (const auto& x : d)
        s += x.code + ": " + x.toString() + "\n";
    return s;
}

bool mentions(const Diagnostics& d, const std::string& fragment) {
    for (const auto& x : d)
        if (x.toString().find(fragment) != std::string::npos)
            return true;
    return false;
}

std::vector<json> tfliteEntries() {
    std::ifstream in(kModels / "MANIFEST.json");
    const json m = json::parse(in);
    std::vector<json> out;
    for (const json& f : m.at("files"))
        if (f.value("format", "") == "tflite")
            out.push_back(f);
    return out;
}

/// The stored constant elements the manifest counts (two generations of its entries).
std::int64_t manifestConstants(const json& e) {
    if (e.contains("constant_elements"))
        return e.at("constant_elements").get<std::int64_t>();
    return e.at("tflite").at("const_tensor_elements").get<std::int64_t>();
}

/// The operator the manifest names as the cause of a refusal, as the importer names it.
std::string refusalCause(const std::string& expected) {
    for (const char* op : {"UNIDIRECTIONAL_SEQUENCE_LSTM", "SVDF"})
        if (expected.find(op) != std::string::npos)
            return std::string(op) + " (operator";
    if (expected.find("ethos-u") != std::string::npos)
        return "CUSTOM 'ethos-u' (operator 0)";
    return expected;
}

TEST(TfliteCorpus, EveryFileBehavesAsTheManifestExpects) {
    REQUIRE_CORPUS();
    const auto entries = tfliteEntries();
    ASSERT_GE(entries.size(), 16u);
    int passed = 0;
    for (const json& e : entries) {
        const std::string file = e.at("file");
        SCOPED_TRACE(file);
        const std::string expected = e.at("expected");
        const ImportResult r = importModelFile((kModels / file).string());
        EXPECT_EQ(r.report.importer, "tflite");
        EXPECT_EQ(r.report.storedParams, manifestConstants(e));
        if (expected.rfind("import", 0) == 0) {
            ASSERT_TRUE(r.network) << dump(r.diagnostics);
            const Analysis a = analyze(*r.network);
            ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
            if (e.contains("macs")) {
                EXPECT_EQ(a.macs, e.at("macs").get<std::int64_t>());
            }
            EXPECT_TRUE(r.report.paramsMatch())
                << r.report.graphParams << " + " << r.report.nonWeightConstants << " vs "
                << r.report.storedParams;
            // Nothing the engine infers contradicts the file's tensors.
            EXPECT_FALSE(mentions(r.diagnostics, "the engine infers")) << dump(r.diagnostics);
            EXPECT_FALSE(mentions(r.diagnostics, "params-mismatch")) << dump(r.diagnostics);
            // The operators are the manifest's.
            const json& ops =
                e.contains("operators") ? e.at("operators") : e.at("tflite").at("operators");
            const auto manifestOps = ops.get<std::map<std::string, int>>();
            EXPECT_EQ(r.report.layerClasses, manifestOps);
            if (expected.find("int16") != std::string::npos) {
                EXPECT_TRUE(mentions(r.diagnostics, "INT16")) << dump(r.diagnostics);
            }
            if (!HasFailure())
                ++passed;
        } else {
            EXPECT_FALSE(r.network);
            const std::string cause = refusalCause(expected);
            EXPECT_TRUE(mentions(r.diagnostics, cause)) << cause << "\n" << dump(r.diagnostics);
            if (expected.find("placeholders on request") != std::string::npos) {
                ImportOptions keep;
                keep.keepUnsupported = true;
                const ImportResult k = importModelFile((kModels / file).string(), keep);
                ASSERT_TRUE(k.network) << dump(k.diagnostics);
                EXPECT_TRUE(k.report.paramsMatch());
            }
            if (!HasFailure())
                ++passed;
        }
    }
    std::cout << "[ TFLite corpus ] " << passed << " of " << entries.size()
              << " files behave as the manifest expects\n";
}

TEST(TfliteCorpus, QuantisationKindsAreRecognised) {
    REQUIRE_CORPUS();
    auto format = [](const char* file) {
        const ImportResult r = importModelFile((kModels / file).string());
        EXPECT_TRUE(r.network) << file << "\n" << dump(r.diagnostics);
        return std::pair{r.report.format, r.network ? r.network->baselineDType() : DType::FP32};
    };
    const auto int8 = format("mlcommons-tiny/vww_96_int8.tflite");
    EXPECT_NE(int8.first.find("INT8"), std::string::npos) << int8.first;
    EXPECT_EQ(int8.second, DType::INT8);
    const auto hybrid = format("mlcommons-tiny/kws_ref_model_float32.tflite");
    EXPECT_NE(hybrid.first.find("hybrid"), std::string::npos) << hybrid.first;
    EXPECT_EQ(hybrid.second, DType::FP32);
    const auto x16 = format("tflite-micro/seanet_conv0.tflite");
    EXPECT_NE(x16.first.find("16x8"), std::string::npos) << x16.first;
    const auto fp = format("tflite-micro/hello_world_float.tflite");
    EXPECT_EQ(fp.second, DType::FP32);
}

TEST(TfliteCorpus, ResNet8IsTheSameNetworkInEveryFormat) {
    REQUIRE_CORPUS();
    std::map<std::string, Decomposition> d;
    std::map<std::string, std::int64_t> macs;
    int batchNorms = 0;
    for (const char* file :
         {"mlcommons-tiny/pretrainedResnet.h5", "mlcommons-tiny/pretrainedResnet.tflite",
          "mlcommons-tiny/pretrainedResnet_quant.tflite"}) {
        const ImportResult r = importModelFile((kModels / file).string());
        ASSERT_TRUE(r.network) << file << "\n" << dump(r.diagnostics);
        const Analysis a = analyze(*r.network);
        macs[file] = a.macs;
        d[file] = decompose(*r.network, a);
        if (std::string(file).ends_with(".h5"))
            for (const Layer& l : r.network->layers())
                batchNorms += l.type == LayerType::BatchNormalization;
    }
    const std::string h5 = "mlcommons-tiny/pretrainedResnet.h5";
    EXPECT_EQ(batchNorms, 7);
    for (const auto& [file, m] : macs)
        EXPECT_EQ(m, macs[h5]) << file;
    // The deployed formats fold BatchNorm into the convolutions: the .h5's batchnorm
    // primitives are the only difference.
    auto withoutBatchNorm = [](std::map<std::string, std::int64_t> t) {
        std::erase_if(t, [](const auto& kv) { return kv.first.rfind("batchnorm", 0) == 0; });
        return t;
    };
    EXPECT_GT(d[h5].totals.size(), withoutBatchNorm(d[h5].totals).size());
    for (const auto& [file, dec] : d) {
        EXPECT_EQ(withoutBatchNorm(dec.totals), withoutBatchNorm(d[h5].totals)) << file;
        if (file != h5) {
            EXPECT_EQ(dec.totals, withoutBatchNorm(dec.totals)) << file;
        }
    }
}

TEST(TfliteCorpus, HelloWorldIsTheSameNetworkInTfliteAndOnnx) {
    REQUIRE_CORPUS();
    std::map<std::string, Decomposition> d;
    std::map<std::string, std::int64_t> macs;
    const char* files[] = {"tflite-micro/hello_world_float.tflite",
                           "tflite-micro/hello_world_int8.tflite", "onnx2c/tfl_helloworld.onnx"};
    for (const char* file : files) {
        const ImportResult r = importModelFile((kModels / file).string());
        ASSERT_TRUE(r.network) << file << "\n" << dump(r.diagnostics);
        const Analysis a = analyze(*r.network);
        ASSERT_TRUE(a.ok()) << file;
        macs[file] = a.macs;
        d[file] = decompose(*r.network, a);
    }
    EXPECT_EQ(macs[files[0]], 288); // three dense layers: 1x16 + 16x16 + 16x1
    for (const char* file : files) {
        EXPECT_EQ(macs[file], macs[files[0]]) << file;
        EXPECT_EQ(d[file].totals, d[files[0]].totals) << file;
    }
}

} // namespace
