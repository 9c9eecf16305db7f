// SPDX-License-Identifier: GPL-3.0-or-later
// Golden primitive counts copied from the thesis: one folder per case under
// tests/data/golden/primitives/<case>/case.json, holding the zoo model, an optional pruning
// rate, where the numbers come from, and the expected totals. Adding a case needs no code.

#include "analysis/Decomposition.h"
#include "analysis/Pruning.h"
#include "core/TestSupport.h"
#include "model/ModelZoo.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

using namespace zipcnn;
using namespace zipcnn::testsupport;
namespace fs = std::filesystem;

namespace {

using Totals = std::map<std::string, std::int64_t>;

fs::path goldenDir() {
    return fs::path(ZIPCNN_TEST_DATA_DIR) / "golden" / "primitives";
}

std::vector<std::string> caseNames() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(goldenDir(), ec))
        if (entry.is_directory() && fs::exists(entry.path() / "case.json"))
            names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end()); // directory order is not stable across systems
    return names;
}

/// GoogleTest parameter names allow only letters, digits and underscores.
std::string testName(const ::testing::TestParamInfo<std::string>& info) {
    std::string s = info.param;
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)))
            c = '_';
    return s;
}

std::string describeDifference(const Totals& expected, const Totals& actual) {
    std::set<std::string> ids;
    for (const auto& [id, n] : expected)
        ids.insert(id);
    for (const auto& [id, n] : actual)
        ids.insert(id);
    std::string out = "primitive counts differ (expected / got):\n";
    for (const auto& id : ids) {
        auto e = expected.find(id);
        auto a = actual.find(id);
        if (e != expected.end() && a != actual.end() && e->second == a->second)
            continue;
        out += "  " + id + ": " + (e == expected.end() ? "-" : std::to_string(e->second)) + " / " +
               (a == actual.end() ? "-" : std::to_string(a->second)) + "\n";
    }
    return out;
}

class GoldenPrimitives : public ::testing::TestWithParam<std::string> {};

} // namespace

TEST(GoldenPrimitivesData, FolderHoldsCases) {
    EXPECT_GE(caseNames().size(), 8u) << "no golden cases found in " << goldenDir();
}

TEST_P(GoldenPrimitives, MatchesTheThesis) {
    const fs::path file = goldenDir() / GetParam() / "case.json";
    std::ifstream in(file);
    ASSERT_TRUE(in) << "cannot read " << file;
    const nlohmann::json c = nlohmann::json::parse(in, nullptr, false);
    ASSERT_FALSE(c.is_discarded()) << file << " is not valid JSON";
    ASSERT_TRUE(c.contains("source") && c["source"].is_string() &&
                !c["source"].get<std::string>().empty())
        << file << ": every golden case says where its numbers come from";
    ASSERT_TRUE(c.contains("primitives") && c["primitives"].is_object() && !c["primitives"].empty())
        << file;

    const std::string model = c.value("model", "");
    auto net = zooModel(model);
    ASSERT_TRUE(net) << file << ": unknown zoo model '" << model << "'";
    if (c.contains("prune")) {
        PruneSpec spec;
        spec.rate = c["prune"].get<double>();
        spec.keepDenseInputs = c.value("keep_dense_inputs", false);
        PruneResult r = prune(*net, spec);
        ASSERT_FALSE(hasErrors(r.diagnostics)) << dump(r.diagnostics);
        net = std::move(r.network);
    }
    const Decomposition d = decompose(*net);
    ASSERT_FALSE(hasErrors(d.diagnostics)) << dump(d.diagnostics);

    const Totals expected = c["primitives"].get<Totals>();
    EXPECT_TRUE(d.totals == expected)
        << c["source"].get<std::string>() << " (" << GetParam() << ")\n"
        << describeDifference(expected, d.totals);
}

INSTANTIATE_TEST_SUITE_P(GoldenThesis, GoldenPrimitives, ::testing::ValuesIn(caseNames()),
                         testName);
