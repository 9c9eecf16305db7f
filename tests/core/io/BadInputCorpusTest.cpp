// SPDX-License-Identifier: GPL-3.0-or-later
// The bad-input corpus (tests/data/bad/, docs/robustness.md): every broken file goes through the
// real reader, which must not throw, crash or hang, and must give an error with the expected
// code whose text names the file and the place (line and column, JSON path, or layer).
#include "analysis/NetworkAnalysis.h"
#include "base/JsonReader.h"
#include "calibration/MeasurementCsv.h"
#include "core/KerasTestFiles.h"
#include "import/ImporterRegistry.h"
#include "import/KerasConfigParser.h"
#include "io/LutFile.h"
#include "io/NetworkJson.h"
#include "io/ProjectJson.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace zipcnn {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path& badDir() {
    static const fs::path dir = fs::path(ZIPCNN_TEST_DATA_DIR) / "bad";
    return dir;
}

struct BadCase {
    std::string file;   ///< relative to tests/data/bad
    std::string reader; ///< see MANIFEST.json "readers"
    std::string code;   ///< expected error code
    std::string place;  ///< text the error must contain (where in the file)
    std::string why;
};

void PrintTo(const BadCase& c, std::ostream* os) {
    *os << c.file << " (" << c.reader << ", " << c.code << ")";
}

std::vector<BadCase> manifest() {
    std::ifstream in(badDir() / "MANIFEST.json");
    const json j = json::parse(in, nullptr, false);
    std::vector<BadCase> cases;
    if (!j.is_object() || !j.contains("cases"))
        return cases;
    for (const auto& c : j["cases"])
        cases.push_back({c.value("file", ""), c.value("reader", ""), c.value("code", ""),
                         c.value("place", ""), c.value("why", "")});
    return cases;
}

/// The file as the tools read it: the reader, then shape inference when it gave a network.
/// Analysis diagnostics name the layer but not the file; the tools print them after the file
/// name (zipcnn-cli: "FILE: layer 'x': ..."), and so does this.
Diagnostics readAsTheToolsDo(const std::string& reader, const std::string& path) {
    Diagnostics out;
    auto analyseWith = [&](const Network& net) {
        for (Diagnostic d : analyze(net).diagnostics) {
            if (d.file.empty())
                d.file = path;
            out.push_back(std::move(d));
        }
    };
    if (reader == "network") {
        NetworkLoadResult r = loadNetworkFile(path);
        out = r.diagnostics;
        if (r.network && !hasErrors(out))
            analyseWith(*r.network);
    } else if (reader == "project") {
        ProjectLoadResult r = loadProjectFile(path);
        out = r.diagnostics;
        if (r.project && !hasErrors(out))
            analyseWith(r.project->network);
    } else if (reader == "lut") {
        out = loadLutFile(path).diagnostics;
    } else if (reader == "measurements") {
        out = readMeasurementCsv(path).diagnostics;
    } else if (reader == "keras-config") {
        auto text = readTextFile(path, out);
        if (!text)
            return out;
        KerasModelConfig c = parseKerasConfigText(*text, path);
        out = c.diagnostics;
        if (c.network && !hasErrors(out))
            analyseWith(*c.network);
    } else if (reader == "keras-file" || reader == "onnx-file" || reader == "tflite-file") {
        out = importModelFile(path, ImportOptions{}).diagnostics;
    } else {
        ADD_FAILURE() << "unknown reader '" << reader << "' in MANIFEST.json";
    }
    return out;
}

std::string listAll(const Diagnostics& diags) {
    std::string s;
    for (const auto& d : diags)
        s += std::string("\n  [") + severityName(d.severity) + " " + d.code + "] " + d.toString();
    return s.empty() ? "\n  (no diagnostics)" : s;
}

class BadInputCorpus : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInputCorpus, GivesAnErrorNamingFileAndPlace) {
    const BadCase& c = GetParam();
    const fs::path path = badDir() / c.file;
    ASSERT_TRUE(fs::is_regular_file(path)) << path << " is listed in MANIFEST.json but missing";
    Diagnostics diags;
    const auto start = std::chrono::steady_clock::now();
    ::testing::internal::CaptureStderr();
    try {
        diags = readAsTheToolsDo(c.reader, path.string());
    } catch (const std::exception& e) {
        ADD_FAILURE() << c.file << ": the reader threw " << e.what();
    } catch (...) {
        ADD_FAILURE() << c.file << ": the reader threw something";
    }
    const std::string printed = ::testing::internal::GetCapturedStderr();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 5.0) << c.file << " took " << seconds << " s to refuse";
    EXPECT_EQ(printed, "") << c.file << ": something printed while reading";

    const Diagnostic* match = nullptr;
    for (const auto& d : diags)
        if (d.severity == Severity::Error && d.code == c.code && !match)
            match = &d;
    ASSERT_NE(match, nullptr) << c.file << " (" << c.why << "): no error with code '" << c.code
                              << "'; got:" << listAll(diags);
    const std::string text = match->toString();
    EXPECT_NE(text.find(path.filename().string()), std::string::npos)
        << "the error does not name the file: " << text;
    EXPECT_NE(text.find(c.place), std::string::npos)
        << c.file << ": the error does not contain '" << c.place << "': " << text;
}

std::string caseName(const ::testing::TestParamInfo<BadCase>& info) {
    std::string name;
    for (char ch : info.param.file)
        name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Manifest, BadInputCorpus, ::testing::ValuesIn(manifest()), caseName);

TEST(BadInputCorpusManifest, ListsEveryFileAndEveryReader) {
    const auto cases = manifest();
    std::set<std::string> listed;
    std::map<std::string, int> perReader;
    for (const auto& c : cases) {
        EXPECT_TRUE(listed.insert(c.file).second) << c.file << " is listed twice";
        EXPECT_FALSE(c.code.empty() || c.place.empty() || c.why.empty()) << c.file;
        ++perReader[c.reader];
    }
    for (const auto& e : fs::recursive_directory_iterator(badDir())) {
        if (!e.is_regular_file())
            continue;
        const std::string rel = fs::relative(e.path(), badDir()).generic_string();
        if (rel == "MANIFEST.json" || rel == "keras/generator-configs.json")
            continue;
        EXPECT_TRUE(listed.count(rel)) << rel << " is in tests/data/bad but not in MANIFEST.json";
    }
    for (const char* reader : {"network", "project", "lut", "measurements", "keras-config",
                               "keras-file", "onnx-file", "tflite-file"})
        EXPECT_GE(perReader[reader], 10) << "few bad inputs for the " << reader << " reader";
}

// Writes the binary Keras cases of the corpus (run it by hand after changing them:
// core_tests --gtest_also_run_disabled_tests --gtest_filter='*WriteKerasFiles'). The configs
// come from keras/generator-configs.json, written with the rest of the corpus.
void writeKerasFiles();

TEST(BadInputCorpusGenerator, DISABLED_WriteKerasFiles) {
    try {
        writeKerasFiles();
    } catch (const H5::Exception& e) {
        FAIL() << e.getDetailMsg();
    }
}

void writeKerasFiles() {
    using namespace kerastest;
    const fs::path dir = badDir() / "keras";
    std::ifstream in(dir / "generator-configs.json");
    const json configs = json::parse(in);
    const std::vector<LayerWeights> weights = {
        {"conv2d", {{"conv2d/kernel:0", {3, 3, 1, 8}}, {"conv2d/bias:0", {8}}}},
        {"dense", {{"dense/kernel:0", {5408, 10}}, {"dense/bias:0", {10}}}}};
    H5::Exception::dontPrint();

    const std::string good = (dir / "truncated.h5").string();
    writeKerasH5(good, configs["good"], weights);
    std::string bytes;
    {
        std::ifstream g(good, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(g), {});
    }
    writeText(good, bytes.substr(0, bytes.size() / 2));
    writeText((dir / "truncated-superblock.h5").string(), bytes.substr(0, 24));
    {
        H5::H5File f((dir / "no-model-config.h5").string(), H5F_ACC_TRUNC);
        f.createGroup("/data");
    }
    H5Layout weightsOnly;
    weightsOnly.weightsOnly = true;
    writeKerasH5((dir / "weights-only.h5").string(), json(), weights, weightsOnly);
    {
        H5::H5File f((dir / "model-config-integer.h5").string(), H5F_ACC_TRUNC);
        const int value = 42;
        f.openGroup("/")
            .createAttribute("model_config", H5::PredType::NATIVE_INT, H5::DataSpace(H5S_SCALAR))
            .write(H5::PredType::NATIVE_INT, &value);
    }
    auto rawConfig = [](const fs::path& path, const std::string& text) {
        H5::H5File f(path.string(), H5F_ACC_TRUNC);
        H5::Group root = f.openGroup("/");
        detail::stringAttr(root, "keras_version", {"2.4.0"}, true, false);
        detail::stringAttr(root, "model_config", {text}, true, false);
    };
    rawConfig(dir / "model-config-not-json.h5",
              "{\"class_name\": \"Sequential\", \"config\": [ {oops");
    std::string latin1 = configs["good"].dump();
    latin1.replace(latin1.find("conv2d"), 6, "conv\xe9");
    rawConfig(dir / "model-config-non-utf8.h5", latin1);
    // No weights: writeKerasH5 cannot write an empty layer_names list.
    rawConfig(dir / "model-config-cycle.h5", configs["cycle"].dump());
    rawConfig(dir / "model-config-huge-input.h5", configs["huge_input"].dump());
    rawConfig(dir / "model-config-no-input-shape.h5", configs["no_input_shape"].dump());
    writeKerasArchive((dir / "no-config-json.keras").string(), json::object(), {}, "3.8.0", false);
    writeKerasArchive((dir / "config-cycle.keras").string(), configs["cycle"], {});
}

} // namespace
} // namespace zipcnn
