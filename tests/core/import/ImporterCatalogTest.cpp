// SPDX-License-Identifier: GPL-3.0-or-later
// The layer catalogue names the TFLite and ONNX operators the importers read (as it does the
// Keras classes): each mapper refuses every other operator, and this test checks the other
// direction, that every operator the catalogue names reaches its mapper's handler instead of
// the "no engine equivalent" refusal.
#include "core/OnnxTestModel.h"
#include "core/TestSupport.h"
#include "core/TfliteTestModel.h"
#include "import/TfliteImporter.h"
#include "import/TfliteModel.h"
#include "model/LayerCatalog.h"

#include <gtest/gtest.h>
#include <optional>
#include <set>

namespace zipcnn {
namespace {

using testsupport::dump;

/// Every name a kind or the conversions list carries for `format`.
std::vector<std::string_view> catalogueNames(ImporterFormat format) {
    std::vector<std::string_view> names;
    for (const LayerKind& k : layerCatalog())
        for (auto n : importerNames(k, format))
            names.push_back(n);
    for (auto n : importerConversions(format))
        names.push_back(n);
    return names;
}

/// The builtin code TFLite gives `name`, if it is one.
std::optional<std::int32_t> tfliteCode(std::string_view name) {
    for (std::int32_t c = 0; c < 512; ++c)
        if (tflite::opName(c) == name)
            return c;
    return std::nullopt;
}

/// One operator `code` on a computed tensor, without options or other operands.
test::TfliteTestModel oneOperator(std::int32_t code) {
    test::TfliteTestModel m;
    const int x = m.tensor({1, 8, 8, 4});
    const int y = m.tensor({1, 8, 8, 4});
    m.op(code, {x}, {y});
    m.inputs = {x};
    m.outputs = {y};
    return m;
}

bool saidNoEquivalent(const ImportResult& r) {
    for (const UnsupportedLayer& u : r.report.unsupported)
        if (u.reason.find("no engine equivalent") != std::string::npos)
            return true;
    for (const Diagnostic& d : r.diagnostics)
        if (d.message.find("no engine equivalent") != std::string::npos)
            return true;
    return false;
}

TEST(ImporterCatalog, NamesAreUniquePerFormat) {
    for (auto format : {ImporterFormat::Keras, ImporterFormat::TfLite, ImporterFormat::Onnx}) {
        std::set<std::string_view> seen;
        for (auto n : catalogueNames(format))
            EXPECT_TRUE(seen.insert(n).second) << n << " is listed twice";
    }
    EXPECT_GE(catalogueNames(ImporterFormat::TfLite).size(), 20u);
    EXPECT_GE(catalogueNames(ImporterFormat::Onnx).size(), 40u);
}

TEST(ImporterCatalog, EveryTfliteOperatorItNamesIsABuiltinTheMapperHandles) {
    for (auto name : catalogueNames(ImporterFormat::TfLite)) {
        const auto code = tfliteCode(name);
        ASSERT_TRUE(code) << name << " is not a TFLite builtin operator";
        // One operator on a computed tensor, without its options or operands: the mapper's
        // handler may refuse what it reads, but not the operator itself.
        const test::TfliteTestModel m = oneOperator(*code);
        ImportOptions keep;
        keep.keepUnsupported = true;
        const ImportResult r = importTfliteBytes(m.bytes(), "one.tflite", keep);
        EXPECT_FALSE(saidNoEquivalent(r)) << name << ": " << dump(r.diagnostics);
    }
}

TEST(ImporterCatalog, ATfliteOperatorItDoesNotNameIsRefused) {
    const auto code = tfliteCode("SQRT");
    ASSERT_TRUE(code);
    EXPECT_FALSE(importerReads(ImporterFormat::TfLite, "SQRT"));
    const test::TfliteTestModel m = oneOperator(*code);
    const ImportResult r = importTfliteBytes(m.bytes(), "one.tflite", ImportOptions{});
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(saidNoEquivalent(r)) << dump(r.diagnostics);
}

TEST(ImporterCatalog, EveryOnnxOperatorItNamesReachesItsHandler) {
    // The com.microsoft QOperator ops (ONNX Runtime's contrib domain).
    const std::set<std::string_view> microsoft = {"QLinearAdd",
                                                  "QLinearMul",
                                                  "QLinearConcat",
                                                  "QLinearGlobalAveragePool",
                                                  "QLinearAveragePool",
                                                  "QLinearSigmoid",
                                                  "QLinearLeakyRelu",
                                                  "QLinearSoftmax",
                                                  "QGemm"};
    for (auto name : catalogueNames(ImporterFormat::Onnx)) {
        onnxtest::Builder b;
        b.input("x", {1, 3, 8, 8});
        auto* n = b.node(std::string(name), {"x"}, {"y"}, "op");
        if (microsoft.count(name))
            n->set_domain("com.microsoft");
        b.output("y");
        ImportOptions keep;
        keep.keepUnsupported = true;
        const ImportResult r = onnxtest::import(b, keep);
        EXPECT_FALSE(saidNoEquivalent(r)) << name << ": " << dump(r.diagnostics);
    }
}

TEST(ImporterCatalog, AnOnnxOperatorItDoesNotNameIsRefused) {
    EXPECT_FALSE(importerReads(ImporterFormat::Onnx, "Erf"));
    onnxtest::Builder b;
    b.input("x", {1, 3, 8, 8});
    b.node("Erf", {"x"}, {"y"}, "erf");
    b.output("y");
    const ImportResult r = onnxtest::import(b);
    EXPECT_FALSE(r.network);
    EXPECT_TRUE(saidNoEquivalent(r)) << dump(r.diagnostics);
}

} // namespace
} // namespace zipcnn
