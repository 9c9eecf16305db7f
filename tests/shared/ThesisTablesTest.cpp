// SPDX-License-Identifier: GPL-3.0-or-later
// Checks that the project's own golden data (tests/data/golden) was carried over correctly from
// the thesis tables in ../shared/data/thesis, differing only where ANOMALIES.md documents a
// correction. Skipped, with the reason, when ../shared is not beside the clone.
#include "analysis/NetworkAnalysis.h"
#include "model/ModelZoo.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kShared = ZIPCNN_SHARED_DIR;
const fs::path kGolden = fs::path(ZIPCNN_TEST_DATA_DIR) / "golden";

#define REQUIRE_SHARED()                                                                           \
    if (!fs::exists(kShared / "data" / "thesis"))                                                  \
    GTEST_SKIP() << "shared data not found at " << kShared.string()                                \
                 << " (clone with ../shared beside it to run this group)"

json readJson(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

/// Thesis row (primitive, parameter) -> our primitive id.
std::string primitiveId(const std::string& primitive, const json& parameter) {
    static const std::map<std::string, std::string> names = {{"conv2d", "conv2d"},
                                                             {"conv2d_rgb", "conv2d_rgb"},
                                                             {"avg_pool", "avgpool"},
                                                             {"batch_norm", "batchnorm"},
                                                             {"relu", "relu"},
                                                             {"sigmoid", "sigmoid"},
                                                             {"residual_add", "residual_add"}};
    if (primitive == "fully_connected") {
        std::string p = parameter.get<std::string>();
        return "fc_" + p.substr(0, p.find('/')) + "x" + p.substr(p.find('/') + 1);
    }
    if (primitive == "softmax") {
        std::string p = parameter.get<std::string>();
        return "softmax_" + p.substr(0, p.find('/'));
    }
    std::string id = names.at(primitive);
    if (!parameter.is_null())
        id += "_" + parameter.get<std::string>();
    return id;
}

json goldenPrimitives(const std::string& folder) {
    return readJson(kGolden / "primitives" / folder / "case.json")["primitives"];
}

} // namespace

TEST(SharedThesisTables, Tables41And46MatchGoldenDecompositions) {
    REQUIRE_SHARED();
    json tables = readJson(kShared / "data/thesis/lenet5_tables.json")["tables"];
    for (auto [table, folder] : {std::pair{"4.1", "lenet5"}, std::pair{"4.6", "lenet5-relu"}}) {
        json expected = json::object();
        for (const auto& row : tables[table]["rows"])
            expected[primitiveId(row["primitive"], row["parameter"])] = row["count"];
        EXPECT_EQ(goldenPrimitives(folder), expected) << "Table " << table;
    }
}

TEST(SharedThesisTables, Table52MatchesGoldenResNet8) {
    REQUIRE_SHARED();
    json t = readJson(kShared / "data/thesis/resnet8_tables.json")["tables"];
    json expected = json::object();
    for (const auto& row : t["5.2"]["rows"])
        expected[primitiveId(row["primitive"], row["parameter"])] = row["count_resnet8"];
    EXPECT_EQ(goldenPrimitives("resnet8"), expected);
    EXPECT_EQ(zipcnn::analyze(*zipcnn::zooModel("resnet8")).params,
              t["5.1"]["rows"][0]["parameters"].get<long long>());
}

TEST(SharedThesisTables, Table412DiffersOnlyByDocumentedCorrections) {
    REQUIRE_SHARED();
    json t = readJson(kShared / "data/thesis/lenet5_tables.json")["tables"]["4.12"];
    // ANOMALIES.md T-4.12a and T-4.12b: the only printed counts we do not reproduce.
    const std::map<std::pair<std::string, std::string>, long long> corrections = {
        {{"avgpool_2x2", "50"}, 788}, {{"relu", "70"}, 2272}};
    for (const char* pct : {"50", "60", "70", "80", "90"}) {
        json golden = goldenPrimitives(std::string("lenet5-relu-prune") + pct);
        for (const auto& row : t["rows"]) {
            std::string id = primitiveId(row["primitive"], row["parameter"]);
            long long printed = row["count_by_prune_pct"][pct];
            auto c = corrections.find({id, pct});
            long long expected = c == corrections.end() ? printed : c->second;
            EXPECT_EQ(golden.value(id, -1LL), expected) << id << " at " << pct << " %";
        }
    }
}

TEST(SharedThesisTables, RamTablesDifferOnlyByDocumentedCorrections) {
    REQUIRE_SHARED();
    json tables = readJson(kShared / "data/thesis/lenet5_tables.json")["tables"];
    int compared = 0;
    for (const auto& entry : fs::directory_iterator(kGolden / "ram_rule")) {
        json c = readJson(entry.path() / "case.json");
        std::string name = entry.path().filename().string(); // table-4.18-...
        std::string table = name.substr(6, name.find('-', 6) - 6);
        for (const auto& row : c["rows"]) {
            for (const auto& thesis : tables[table]["rows"]) {
                if (thesis["layer"] != row["layer"] ||
                    (thesis.contains("prune_pct") && thesis["prune_pct"] != c["prune_pct"]))
                    continue;
                json printed = row.value("printed", json::object());
                auto check = [&](const char* ours, const char* theirs) {
                    json want = printed.contains(ours) ? printed[ours] : row[ours];
                    EXPECT_EQ(want, thesis[theirs]) << name << " " << row["layer"] << " " << ours;
                    ++compared;
                };
                check("in", "primitives_in");
                check("out", "primitives_out");
                check("total", "primitives_total");
                if (printed.contains("memory_ko") || row["memory_ko"] != thesis["memory_ko"])
                    check("memory_ko", "memory_ko");
            }
        }
    }
    EXPECT_GE(compared, 3 * 7 * 8);
}
