// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/RobustFit.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace zipcnn;

namespace {

/// A @ x for a dense row-major matrix.
std::vector<double> times(const std::vector<std::vector<double>>& a, const std::vector<double>& x) {
    std::vector<double> out;
    for (const auto& row : a) {
        double s = 0.0;
        for (std::size_t j = 0; j < x.size(); ++j)
            s += row[j] * x[j];
        out.push_back(s);
    }
    return out;
}

/// An exactly consistent problem: target = measured = rows @ x.
FitProblem exactProblem(const std::vector<std::vector<double>>& rows,
                        const std::vector<double>& x) {
    FitProblem p;
    p.rows = rows;
    p.target = times(rows, x);
    p.measured = p.target;
    return p;
}

/// Rows of a cost-model-like problem: widely different column scales (cycles, counts, 1).
std::vector<std::vector<double>> costRows() {
    std::vector<std::vector<double>> rows;
    for (int i = 0; i < 12; ++i) {
        const double a = 1e5 * (1.0 + 0.37 * i);
        const double b = 300.0 + 41.0 * ((i * 7) % 12);
        const double c = 2e3 * (1.0 + ((i * 5) % 12)) / 3.0;
        rows.push_back({a, b, c, 1.0});
    }
    return rows;
}

} // namespace

TEST(RobustFit, LeastSquaresRecoversAnExactSolution) {
    const std::vector<std::vector<double>> rows = {
        {1, 2, 0}, {0, 1, 1}, {3, 0, 1}, {1, 1, 1}, {2, -1, 4}};
    const std::vector<double> x = {1.5, -2.0, 0.25};
    const auto got = leastSquares(rows, times(rows, x), {true, true, true});
    ASSERT_EQ(got.size(), 3u);
    for (std::size_t j = 0; j < 3; ++j)
        EXPECT_NEAR(got[j], x[j], 1e-12) << j;
}

TEST(RobustFit, LeastSquaresCopesWithColumnsOfVeryDifferentScale) {
    const auto rows = costRows();
    const std::vector<double> x = {0.6664, 123.7, 0.004, 299779.0};
    const auto got = leastSquares(rows, times(rows, x), {true, true, true, true});
    for (std::size_t j = 0; j < x.size(); ++j)
        EXPECT_NEAR(got[j], x[j], 1e-8 * std::abs(x[j])) << j;
}

TEST(RobustFit, LeastSquaresGivesADependentColumnZero) {
    // Column 2 is twice column 0: it adds nothing, so it gets 0 and the others fit exactly.
    const std::vector<std::vector<double>> rows = {{1, 2, 2}, {0, 1, 0}, {3, 0, 6}, {1, 1, 2}};
    const std::vector<double> x = {1.0, 2.0, 0.0};
    const auto got = leastSquares(rows, times(rows, x), {true, true, true});
    EXPECT_NEAR(got[0], 1.0, 1e-12);
    EXPECT_NEAR(got[1], 2.0, 1e-12);
    EXPECT_EQ(got[2], 0.0);
}

TEST(RobustFit, LeastSquaresLeavesUnselectedColumnsAtZero) {
    const std::vector<std::vector<double>> rows = {{1, 5, 0}, {0, 7, 1}, {3, 1, 1}, {1, 2, 1}};
    const std::vector<double> x = {2.0, 0.0, -1.0};
    const auto got = leastSquares(rows, times(rows, x), {true, false, true});
    EXPECT_NEAR(got[0], 2.0, 1e-12);
    EXPECT_EQ(got[1], 0.0);
    EXPECT_NEAR(got[2], -1.0, 1e-12);
    // Nothing selected, or no rows: all zero.
    EXPECT_EQ(leastSquares(rows, times(rows, x), {false, false, false}),
              (std::vector<double>{0, 0, 0}));
    EXPECT_EQ(leastSquares({}, {}, {true, true}), (std::vector<double>{0, 0}));
}

TEST(RobustFit, RelativeL1RecoversKnownNonNegativeCoefficients) {
    const std::vector<double> x = {0.6664, 123.7, 0.004, 299779.0};
    const auto got = fitRelativeL1(exactProblem(costRows(), x));
    ASSERT_EQ(got.size(), x.size());
    for (std::size_t j = 0; j < x.size(); ++j)
        EXPECT_NEAR(got[j], x[j], 1e-6 * x[j]) << j;
}

TEST(RobustFit, ACoefficientThatWouldBeNegativeIsFixedAtZero) {
    // The truth has a negative second coefficient; unconstrained least squares finds it.
    std::vector<std::vector<double>> rows;
    for (int i = 1; i <= 10; ++i)
        rows.push_back({static_cast<double>(i), 1.0 + (i % 3), 1.0});
    const std::vector<double> truth = {3.0, -2.0, 40.0};
    FitProblem p = exactProblem(rows, truth);
    const auto free = leastSquares(rows, p.target, {true, true, true});
    EXPECT_NEAR(free[1], -2.0, 1e-9);
    const auto got = fitRelativeL1(p);
    EXPECT_EQ(got[1], 0.0);
    EXPECT_GE(got[0], 0.0);
    EXPECT_GE(got[2], 0.0);
    EXPECT_GT(got[0] + got[2], 0.0);
}

TEST(RobustFit, AnAllZeroColumnStaysZero) {
    auto rows = costRows();
    for (auto& r : rows)
        r.insert(r.begin() + 1, 0.0); // column 1: no data (e.g. no sigmoid in the measurements)
    const std::vector<double> x = {0.5, 7.0, 200.0, 0.01, 1000.0};
    FitProblem p = exactProblem(rows, x);
    const auto got = fitRelativeL1(p);
    EXPECT_EQ(got[1], 0.0);
    EXPECT_NEAR(got[0], 0.5, 1e-6);
    EXPECT_NEAR(got[2], 200.0, 1e-4);
    EXPECT_NEAR(got[4], 1000.0, 1e-3);
}

TEST(RobustFit, OneOutlierRowDoesNotPullTheL1Fit) {
    std::vector<std::vector<double>> rows;
    for (int i = 0; i < 20; ++i)
        rows.push_back({1.0 + i, 1.0 + ((i * 7) % 5)});
    const std::vector<double> x = {3.0, 5.0};
    FitProblem p = exactProblem(rows, x);
    p.target[4] *= 1.5; // one anomalous measurement, 50 % off
    p.measured[4] = p.target[4];
    const auto l1 = fitRelativeL1(p);
    const auto l2 = fitRelativeL1(p, 1); // one iteration: plain relative least squares
    auto err = [&](const std::vector<double>& v) {
        return std::max(std::abs(v[0] - x[0]) / x[0], std::abs(v[1] - x[1]) / x[1]);
    };
    EXPECT_LT(err(l1), 1e-3) << l1[0] << " " << l1[1];
    EXPECT_GT(err(l2), 1e-2) << l2[0] << " " << l2[1];
    EXPECT_LT(err(l1), err(l2) / 10);
}

TEST(RobustFit, FitIsDeterministic) {
    FitProblem p = exactProblem(costRows(), {0.7, 50.0, 0.0045, 3e5});
    p.target[3] *= 1.2;
    EXPECT_EQ(fitRelativeL1(p), fitRelativeL1(p));
}
