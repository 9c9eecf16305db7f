// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysis/MemoryModel.h"

#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"
#include "core/TestSupport.h"
#include "model/DataType.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace zipcnn;
using namespace zipcnn::testsupport;
using nlohmann::json;

namespace {

using Act = ActivationKind;

/// LeNet5-ReLU pruned like the thesis's deployed networks (fc1 kept at 400 inputs).
Network prunedLenet(double rate) {
    PruneResult r = prune(zoo("lenet5-relu"), {rate, {}, /*keepDenseInputs*/ true});
    EXPECT_FALSE(hasErrors(r.diagnostics));
    return r.network;
}

FlashEstimate flashOf(const Network& net, DType format) {
    Analysis a = analyze(net);
    EXPECT_TRUE(a.ok()) << net.name();
    return estimateFlash(net, a, decompose(net, a), format, defaultCodeSizeParams(format));
}

RamRuleEstimate ruleOf(const Network& net, DType format) {
    Analysis a = analyze(net);
    EXPECT_TRUE(a.ok()) << net.name();
    return ramByThesisRule(net, a, format);
}

std::int64_t codePart(const FlashEstimate& f, const std::string& part) {
    for (const auto& [name, bytes] : f.codeParts)
        if (name == part)
            return bytes;
    return -1;
}

/// ko (1000 B) at two decimals, half up, in hundredths: 23520 B -> 2352.
std::int64_t centiKo(std::int64_t bytes) {
    return (bytes + 5) / 10;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// DataType
// ---------------------------------------------------------------------------------------------

TEST(MemoryDataType, NamesRoundTripAndBytes) {
    for (DType t : allDTypes())
        EXPECT_EQ(dtypeFromName(dtypeName(t)), t);
    EXPECT_EQ(dtypeName(DType::FP32), "fp32");
    EXPECT_EQ(dtypeName(DType::INT8), "int8");
    EXPECT_FALSE(dtypeFromName("FP32").has_value());
    EXPECT_FALSE(dtypeFromName("int16").has_value());
    EXPECT_EQ(bytesPerValue(DType::FP32), 4);
    EXPECT_EQ(bytesPerValue(DType::INT8), 1);
}

// ---------------------------------------------------------------------------------------------
// RAM, thesis rule: golden cases from Tables 4.5, 4.11 and 4.18
// ---------------------------------------------------------------------------------------------

namespace {

const std::filesystem::path& ramRuleDir() {
    static const std::filesystem::path dir =
        std::filesystem::path(ZIPCNN_TEST_DATA_DIR) / "golden" / "ram_rule";
    return dir;
}

std::vector<std::string> ramRuleCases() {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(ramRuleDir()))
        if (e.is_directory() && std::filesystem::exists(e.path() / "case.json"))
            names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

json loadCase(const std::string& name) {
    std::ifstream in(ramRuleDir() / name / "case.json");
    return json::parse(in);
}

/// One line per row, so that a mismatch reads as a diff of two tables.
std::string dumpRow(const std::string& label, const std::string& layer, std::int64_t in,
                    std::int64_t out, std::int64_t bytes, std::int64_t ko100) {
    std::ostringstream s;
    s << label << " " << layer << ": in " << in << ", out " << out << ", bytes " << bytes << ", ko "
      << ko100 / 100 << "." << std::setw(2) << std::setfill('0') << ko100 % 100 << "\n";
    return s.str();
}

class RamRuleGolden : public ::testing::TestWithParam<std::string> {};

} // namespace

TEST_P(RamRuleGolden, ReproducesThesisTable) {
    const json c = loadCase(GetParam());
    ASSERT_TRUE(c.contains("source")) << "every golden case names its source";
    const auto format = dtypeFromName(c.at("dtype").get<std::string>());
    ASSERT_TRUE(format.has_value());
    const std::int64_t bpv = c.at("bytes_per_value").get<std::int64_t>();
    ASSERT_EQ(bpv, bytesPerValue(*format));

    Network net = zoo(c.at("model").get<std::string>());
    const int pct = c.at("prune_pct").get<int>();
    if (pct > 0) {
        PruneResult p = prune(net, {pct / 100.0, {}, c.at("keep_dense_inputs").get<bool>()});
        ASSERT_FALSE(hasErrors(p.diagnostics));
        net = p.network;
    }
    const RamRuleEstimate r = ruleOf(net, *format);

    std::string expected, actual;
    const auto& rows = c.at("rows");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const std::string label = row.at("layer").get<std::string>();
        const std::int64_t in = row.at("in").is_null() ? 0 : row.at("in").get<std::int64_t>();
        const std::int64_t total = row.at("total").get<std::int64_t>();
        const auto ko100 = std::llround(row.at("memory_ko").get<double>() * 100);
        expected += dumpRow(label, row.at("network_layer").get<std::string>(), in,
                            row.at("out").get<std::int64_t>(), total * bpv, ko100);
        if (i < r.layers.size()) {
            const RamRuleLayer& l = r.layers[i];
            actual += dumpRow(label, l.name, l.inElems, l.outElems, l.bytes, centiKo(l.bytes));
        }
    }
    EXPECT_EQ(actual, expected) << "case " << GetParam() << ", " << c.at("source");
    EXPECT_EQ(r.layers.size(), rows.size());
    EXPECT_EQ(r.peakBytes, c.at("peak").at("bytes").get<std::int64_t>());
    EXPECT_EQ(r.peakLayer, c.at("peak").at("network_layer").get<std::string>());
    EXPECT_TRUE(r.diagnostics.empty());
}

INSTANTIATE_TEST_SUITE_P(RamRule, RamRuleGolden, ::testing::ValuesIn(ramRuleCases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                             std::string n = info.param;
                             for (char& ch : n)
                                 if (!std::isalnum(static_cast<unsigned char>(ch)))
                                     ch = '_';
                             return n;
                         });

TEST(RamRuleGoldenData, EveryThesisTableHasACase) {
    const auto cases = ramRuleCases();
    for (const char* expected :
         {"table-4.5-lenet5-fp32", "table-4.11-lenet5-int8", "table-4.18-lenet5-relu-prune00",
          "table-4.18-lenet5-relu-prune50", "table-4.18-lenet5-relu-prune60",
          "table-4.18-lenet5-relu-prune70", "table-4.18-lenet5-relu-prune80",
          "table-4.18-lenet5-relu-prune90"})
        EXPECT_NE(std::find(cases.begin(), cases.end(), expected), cases.end()) << expected;
}

// ---------------------------------------------------------------------------------------------
// RAM, thesis rule: behaviour
// ---------------------------------------------------------------------------------------------

TEST(RamRule, SeparateBatchNormAndActivationAreFused) {
    NetworkBuilder b("t");
    b.input({8, 8, 2});
    b.conv(4, {3, 3}, {1, 1}, Padding::Same, Act::Linear, {}, "c1");
    b.batchNorm({}, "bn");
    b.activation(Act::Relu, {}, "relu");
    b.dropout(0.5, {}, "drop");
    b.maxPool({2, 2}, {2, 2}, Padding::Valid, {}, "pool");
    b.flatten({}, "flat");
    b.dense(3, Act::Softmax, {}, "fc");
    const RamRuleEstimate r = ruleOf(b.take(), DType::FP32);
    ASSERT_EQ(r.layers.size(), 3u);
    EXPECT_EQ(r.layers[0].name, "c1");
    EXPECT_EQ(r.layers[0].inElems, 0); // the network input is not counted
    EXPECT_EQ(r.layers[0].outElems, 256);
    EXPECT_EQ(r.layers[1].name, "pool");
    EXPECT_EQ(r.layers[1].inElems, 256); // through bn, relu and dropout
    EXPECT_EQ(r.layers[1].outElems, 64);
    EXPECT_EQ(r.layers[2].name, "fc");
    EXPECT_EQ(r.layers[2].inElems, 64); // through flatten
    EXPECT_EQ(r.layers[2].bytes, (64 + 3) * 4);
    EXPECT_EQ(r.peakBytes, (256 + 64) * 4);
    EXPECT_EQ(r.peakLayer, "pool");
}

TEST(RamRule, AddCountsEveryInputAndTiesNameTheFirstLayer) {
    NetworkBuilder b("t");
    b.input({4, 4, 2});
    auto a = b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, {}, "a");
    auto c = b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, a, "c");
    b.add({a, c}, "sum");
    auto d = b.conv(2, {1, 1}, {1, 1}, Padding::Same, Act::Linear, {}, "d");
    b.add({d, d}, "twice");
    const RamRuleEstimate r = ruleOf(b.take(), DType::INT8);
    ASSERT_EQ(r.layers.size(), 5u);
    EXPECT_EQ(r.layers[2].name, "sum");
    EXPECT_EQ(r.layers[2].inElems, 64);
    EXPECT_EQ(r.layers[2].bytes, 96);
    EXPECT_EQ(r.layers[4].bytes, 96); // same size as "sum": the first one is named
    EXPECT_EQ(r.peakLayer, "sum");
    EXPECT_EQ(r.peakBytes, 96);
}

TEST(RamRule, DenseUsesDeclaredInputWidth) {
    NetworkBuilder b("t");
    b.input({10});
    b.dense(20, Act::Relu, {}, "fc1");
    auto fc2 = b.dense(5, Act::Linear, {}, "fc2");
    b.network().find(fc2)->attrs.inputUnits = 30;
    const RamRuleEstimate r = ruleOf(b.take(), DType::FP32);
    ASSERT_EQ(r.layers.size(), 2u);
    EXPECT_EQ(r.layers[0].inElems, 0);
    EXPECT_EQ(r.layers[1].inElems, 30);
    EXPECT_EQ(r.peakBytes, 35 * 4);
}

TEST(RamRule, UnknownShapesAreReportedNotCounted) {
    NetworkBuilder b("t");
    b.input({4, 4, 1});
    b.conv(2, {7, 7}, {1, 1}, Padding::Valid, Act::Linear, {}, "too_big");
    b.flatten();
    b.dense(3);
    Network net = b.take();
    const RamRuleEstimate r = ramByThesisRule(net, analyze(net), DType::FP32);
    EXPECT_TRUE(r.layers.empty());
    EXPECT_EQ(r.peakBytes, 0);
    EXPECT_FALSE(r.diagnostics.empty());
}

// ---------------------------------------------------------------------------------------------
// Flash
// ---------------------------------------------------------------------------------------------

TEST(Flash, Fp32WeightsAreFourBytesPerParameter) {
    const FlashEstimate f = flashOf(zoo("lenet5"), DType::FP32);
    EXPECT_EQ(f.weightsBytes, 61706 * 4);
    EXPECT_EQ(f.flashBytes, f.weightsBytes + f.codeBytes);
    std::int64_t parts = 0;
    for (const auto& p : f.codeParts)
        parts += p.second;
    EXPECT_EQ(parts, f.codeBytes);
    EXPECT_EQ(f.codeParts.front().first, "runtime");
    EXPECT_EQ(codePart(f, "sigmoid table"), 1024 * 4);
    EXPECT_EQ(codePart(f, "relu"), -1);
    for (const char* kind : {"conv2d", "avgpool", "fc", "sigmoid", "softmax"})
        EXPECT_GT(codePart(f, kind), 0) << kind;
}

TEST(Flash, Int8WeightsKeepInt32BiasesAndQuantisationParameters) {
    const FlashEstimate f = flashOf(zoo("lenet5-relu"), DType::INT8);
    // 61,470 one-byte weights, 236 int32 biases, 8 B (scale + zero point) for each of the 5
    // weight tensors and each of the 5 layer outputs, and 8 B for the network input.
    EXPECT_EQ(f.weightsBytes, 61470 + 236 * 4 + 5 * 16 + 8);
    EXPECT_EQ(codePart(f, "sigmoid table"), -1);
}

TEST(Flash, Int8FoldsBatchNormIntoThePrecedingConv) {
    NetworkBuilder b("t");
    b.input({8, 8, 3});
    auto c = b.conv(4, {3, 3}, {1, 1}, Padding::Same, Act::Linear, {}, "conv");
    b.network().find(c)->attrs.useBias = false;
    b.batchNorm({}, "bn");
    b.activation(Act::Relu);
    b.batchNorm({}, "bn_alone"); // follows an activation: cannot be folded
    Network net = b.take();
    const FlashEstimate fp = flashOf(net, DType::FP32);
    EXPECT_EQ(fp.weightsBytes, (108 + 16 + 16) * 4);
    const FlashEstimate q = flashOf(net, DType::INT8);
    // input qparams + conv weights, a bias created by the fold, weight and output qparams +
    // the unfolded BN's per-channel multiplier and offset and its output qparams.
    EXPECT_EQ(q.weightsBytes, 8 + (108 + 4 * 4 + 16) + (4 * 8 + 8));
}

TEST(Flash, UnknownPrimitiveKindIsReportedAndCostsNothing) {
    CodeSizeParams p;
    p.runtimeBaseBytes = 100;
    p.perPrimitiveKindBytes["fc"] = 10;
    Network net = zoo("lenet5");
    Analysis a = analyze(net);
    const FlashEstimate f = estimateFlash(net, a, decompose(net, a), DType::FP32, p);
    EXPECT_EQ(f.codeBytes, 110);
    EXPECT_EQ(codePart(f, "conv2d"), 0);
    EXPECT_FALSE(f.diagnostics.empty());
}

TEST(Flash, DefaultParametersSayWhereTheyComeFrom) {
    for (DType t : allDTypes()) {
        const CodeSizeParams p = defaultCodeSizeParams(t);
        EXPECT_FALSE(p.calibrated);
        EXPECT_NE(p.source.find("4.17"), std::string::npos);
        EXPECT_EQ(p.perKindTableBytes.at("sigmoid"), 1024 * bytesPerValue(t));
        EXPECT_GE(p.runtimeBaseBytes, 0);
    }
}

namespace {

/// A measured Flash point of the thesis (T. Garbay, ZIP-CNN, 2023), in ko = 1000 B.
struct FlashPoint {
    const char* table;
    const char* mcu;
    const char* config;
    int prunePct;
    double measuredKo;
    double thesisDiffPct; ///< the thesis's own estimate error, as printed
};

// Tables 4.4, 4.10 and 4.17. Table 4.17's 0 % rows repeat Table 4.4 (sigmoid network) value for
// value: a ReLU network with the same weights cannot need 6.6 ko more code than the pruned ones,
// so they are compared with the sigmoid network. STM32F446ZE 50 % is read as 239.82 (printed
// 236.82; its printed diff 0.40 % implies 239.82, ANOMALIES.md T-4.17).
const FlashPoint kFlashPoints[] = {
    {"4.4", "STM32L496ZG", "fp32_sigmoid", 0, 254.02, 2.25},
    {"4.4", "STM32F446ZE", "fp32_sigmoid", 0, 253.24, 1.95},
    {"4.4", "STM32F746ZG", "fp32_sigmoid", 0, 258.44, 3.92},
    {"4.10", "STM32L496ZG", "int8", 0, 62.94, 1.52},
    {"4.10", "STM32F446ZE", "int8", 0, 62.92, 1.57},
    {"4.10", "STM32F746ZG", "int8", 0, 63.00, 1.43},
    {"4.17", "STM32L496ZG", "fp32_sigmoid", 0, 254.02, 2.25},
    {"4.17", "STM32L496ZG", "fp32_prune", 50, 239.85, 0.41},
    {"4.17", "STM32L496ZG", "fp32_prune", 60, 239.55, 0.43},
    {"4.17", "STM32L496ZG", "fp32_prune", 70, 238.35, 0.52},
    {"4.17", "STM32L496ZG", "fp32_prune", 80, 238.15, 0.53},
    {"4.17", "STM32L496ZG", "fp32_prune", 90, 237.45, 0.58},
    {"4.17", "STM32F446ZE", "fp32_sigmoid", 0, 253.24, 1.95},
    {"4.17", "STM32F446ZE", "fp32_prune", 50, 239.82, 0.40},
    {"4.17", "STM32F446ZE", "fp32_prune", 60, 239.52, 0.42},
    {"4.17", "STM32F446ZE", "fp32_prune", 70, 238.24, 0.50},
    {"4.17", "STM32F446ZE", "fp32_prune", 80, 238.13, 0.52},
    {"4.17", "STM32F446ZE", "fp32_prune", 90, 237.42, 0.57},
    {"4.17", "STM32F746ZG", "fp32_sigmoid", 0, 258.44, 3.92},
    {"4.17", "STM32F746ZG", "fp32_prune", 50, 239.90, 0.44},
    {"4.17", "STM32F746ZG", "fp32_prune", 60, 239.60, 0.46},
    {"4.17", "STM32F746ZG", "fp32_prune", 70, 238.41, 0.54},
    {"4.17", "STM32F746ZG", "fp32_prune", 80, 238.21, 0.55},
    {"4.17", "STM32F746ZG", "fp32_prune", 90, 237.51, 0.60},
};

FlashEstimate flashOfPoint(const FlashPoint& p) {
    const std::string config = p.config;
    if (config == "fp32_sigmoid")
        return flashOf(zoo("lenet5"), DType::FP32);
    if (config == "int8")
        return flashOf(zoo("lenet5-relu"), DType::INT8);
    return flashOf(prunedLenet(p.prunePct / 100.0), DType::FP32);
}

} // namespace

// The default code sizes are fitted on these very points, so this is a record of the fit and a
// regression guard, not a validation.
TEST(FlashVsThesis, ErrorsOnTables4_4_4_10_4_17) {
    struct Expected {
        const char* config;
        int prunePct;
        std::int64_t bytes;
    };
    const Expected expected[] = {
        {"fp32_sigmoid", 0, 254020}, {"int8", 0, 62940},         {"fp32_prune", 50, 239866},
        {"fp32_prune", 60, 239562},  {"fp32_prune", 70, 238350}, {"fp32_prune", 80, 238146},
        {"fp32_prune", 90, 237434},
    };
    double sum = 0, worst = 0, thesisSum = 0;
    std::ostringstream report;
    report << std::fixed << std::setprecision(3);
    for (const FlashPoint& p : kFlashPoints) {
        const FlashEstimate f = flashOfPoint(p);
        for (const Expected& e : expected)
            if (std::string(e.config) == p.config && e.prunePct == p.prunePct) {
                EXPECT_EQ(f.flashBytes, e.bytes) << p.config << " " << p.prunePct;
            }
        const double measured = p.measuredKo * 1000.0;
        const double err = std::abs(f.flashBytes - measured) / measured * 100.0;
        sum += err;
        worst = std::max(worst, err);
        thesisSum += p.thesisDiffPct;
        report << "Table " << p.table << " " << p.mcu << " " << p.config << " " << p.prunePct
               << " %: estimated " << f.flashBytes / 1000.0 << " ko, measured " << p.measuredKo
               << " ko, error " << err << " % (thesis " << p.thesisDiffPct << " %)\n";
    }
    const double n = std::size(kFlashPoints);
    report << "mean error " << sum / n << " %, worst " << worst << " %, thesis mean "
           << thesisSum / n << " %\n";
    std::cout << report.str();
    EXPECT_EQ(std::size(kFlashPoints), 24u);
    EXPECT_NEAR(sum / n, 0.1831, 0.0005);
    EXPECT_NEAR(worst, 1.7103, 0.0005);
    EXPECT_NEAR(thesisSum / n, 1.18, 0.01); // design doc section 7: the thesis's own 1.18 %
}
