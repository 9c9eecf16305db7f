// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace zipcnn {

/// A small dense least-squares problem: rows of A, targets t, and the measured values y that the
/// residuals are relative to (residual_i = (A_i . x - t_i) / y_i).
struct FitProblem {
    std::vector<std::vector<double>> rows;
    std::vector<double> target;
    std::vector<double> measured;
};

/// Least squares with column equilibration and Householder QR; columns that are (numerically)
/// dependent on earlier ones get 0. `columns` selects the unknowns, the others are 0.
std::vector<double> leastSquares(const std::vector<std::vector<double>>& rows,
                                 const std::vector<double>& rhs, const std::vector<bool>& columns);

/// Non-negative fit of the mean absolute relative error (docs/cost-model.md section 2):
/// iteratively reweighted least squares (weights 1 / max(|r_i|, 1e-3)), each step a relative
/// least squares in which negative unknowns are fixed at 0 one at a time (most negative first).
/// Columns that are zero on every row are fixed at 0. Deterministic; no external library.
std::vector<double> fitRelativeL1(const FitProblem& p, int iterations = 40);

} // namespace zipcnn
