// SPDX-License-Identifier: GPL-3.0-or-later
// The confidence of one estimate: the target's basis and error, widened by the share of cycles
// in layers or primitives no measurement validated.
#include "explore/EstimateConfidence.h"

#include "core/TestSupport.h"
#include "explore/Targets.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <gtest/gtest.h>

namespace zipcnn {
namespace {

const Catalogs& catalogs() {
    return testsupport::sourceCatalogs();
}

CostTarget target(const std::string& mcu, const std::string& runtime) {
    std::string why;
    auto t = resolveTarget({mcu, runtime}, catalogs(), &why);
    EXPECT_TRUE(t) << why;
    return *t;
}

CostVariant variantFor(const Network& net, DType dtype, const CostTarget& t) {
    std::vector<const RuntimeProfile*> runtimes;
    if (t.runtime && !t.usesLut())
        runtimes.push_back(t.runtime);
    return prepareVariant(net, "v", dtype, 0.0, false, runtimes);
}

/// A small CNN with a max pooling and a concatenation: layers no benchmark network has.
Network unusualNet() {
    NetworkBuilder b("unusual");
    b.input(Shape{32, 32, 3});
    const std::string c1 = b.conv(16, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu);
    const std::string p = b.maxPool({2, 2});
    const std::string c2 = b.conv(16, {3, 3}, {1, 1}, Padding::Same, ActivationKind::Relu, p);
    const std::string c3 = b.conv(16, {1, 1}, {1, 1}, Padding::Same, ActivationKind::Relu, p);
    Layer cat;
    cat.type = LayerType::Concatenate;
    cat.inputs = {c2, c3};
    b.layer(cat);
    b.globalAvgPool();
    b.dense(10, ActivationKind::Softmax);
    return b.take();
}

TEST(EstimateConfidence, BenchmarkNetworkOnItsCalibratedBoardKeepsTheTargetError) {
    const CostTarget t = target("STM32L4R5ZI", "x-cube-ai-9");
    const CostVariant v = variantFor(*zooModel("resnet8"), DType::INT8, t);
    const EstimateConfidence c = estimateConfidence(v, t, 120.0);
    EXPECT_EQ(c.target.basis, McuBasis::Benchmark);
    ASSERT_TRUE(c.expectedErrorPct);
    EXPECT_DOUBLE_EQ(*c.expectedErrorPct, *t.confidence.expectedErrorPct);
    EXPECT_EQ(c.unvalidatedSharePct, 0.0);
    EXPECT_TRUE(c.unvalidated.empty());
    EXPECT_NE(c.summary().find("benchmark-calibrated"), std::string::npos) << c.summary();
}

TEST(EstimateConfidence, UnbenchmarkedLayersWidenTheExpectedError) {
    const CostTarget t = target("STM32L4R5ZI", "x-cube-ai-9");
    const CostVariant v = variantFor(unusualNet(), DType::INT8, t);
    const EstimateConfidence c = estimateConfidence(v, t, 120.0);
    EXPECT_GT(c.unvalidatedSharePct, 0.0);
    EXPECT_LT(c.unvalidatedSharePct, 50.0);
    ASSERT_EQ(c.unvalidated.size(), 2u);
    EXPECT_NE(c.unvalidated[0].find("max"), std::string::npos) << c.unvalidated[0];
    ASSERT_TRUE(c.expectedErrorPct);
    EXPECT_NEAR(*c.expectedErrorPct,
                *t.confidence.expectedErrorPct + kUnvalidatedUncertainty * c.unvalidatedSharePct,
                1e-9);
    EXPECT_NE(c.summary().find("for unvalidated parts"), std::string::npos) << c.summary();
    EXPECT_NE(c.details().find(c.unvalidated[1]), std::string::npos) << c.details();
}

TEST(EstimateConfidence, LutPrimitivesWithoutAThesisAlgorithmAreUnvalidated) {
    const CostTarget t = target("STM32L496ZG", "thesis-c");
    const CostVariant lenet = variantFor(*zooModel("lenet5"), DType::FP32, t);
    const EstimateConfidence measured = estimateConfidence(lenet, t, 80.0);
    EXPECT_EQ(measured.target.basis, McuBasis::Measured);
    EXPECT_EQ(measured.unvalidatedSharePct, 0.0);
    EXPECT_FALSE(measured.interpolatedClock);

    const CostVariant v = variantFor(unusualNet(), DType::FP32, t);
    const EstimateConfidence c = estimateConfidence(v, t, 80.0);
    EXPECT_GT(c.unvalidatedSharePct, 0.0);
    EXPECT_FALSE(c.unvalidated.empty());
}

TEST(EstimateConfidence, ClockBetweenCharacterisedClocksIsSaid) {
    const CostTarget t = target("STM32L496ZG", "thesis-c");
    const CostVariant v = variantFor(*zooModel("lenet5"), DType::FP32, t);
    ASSERT_GE(t.freqsMhz.size(), 2u);
    const double between = 0.5 * (t.freqsMhz[0] + t.freqsMhz[1]);
    const EstimateConfidence c = estimateConfidence(v, t, between);
    EXPECT_TRUE(c.interpolatedClock);
    EXPECT_NE(c.details().find("interpolated"), std::string::npos);
}

} // namespace
} // namespace zipcnn
