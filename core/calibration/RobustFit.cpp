// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/RobustFit.h"

#include <algorithm>
#include <cmath>

namespace zipcnn {

std::vector<double> leastSquares(const std::vector<std::vector<double>>& rows,
                                 const std::vector<double>& rhs, const std::vector<bool>& columns) {
    const std::size_t n = columns.size();
    std::vector<std::size_t> cols;
    for (std::size_t j = 0; j < n; ++j)
        if (columns[j])
            cols.push_back(j);
    const std::size_t m = rows.size(), k = cols.size();
    std::vector<double> x(n, 0.0);
    if (k == 0 || m == 0)
        return x;
    // Column-major copy, each column scaled to unit norm.
    std::vector<std::vector<double>> a(k, std::vector<double>(m));
    std::vector<double> scale(k, 1.0);
    for (std::size_t c = 0; c < k; ++c) {
        double norm = 0.0;
        for (std::size_t i = 0; i < m; ++i)
            norm += rows[i][cols[c]] * rows[i][cols[c]];
        norm = std::sqrt(norm);
        scale[c] = norm > 0.0 ? norm : 1.0;
        for (std::size_t i = 0; i < m; ++i)
            a[c][i] = rows[i][cols[c]] / scale[c];
    }
    std::vector<double> b = rhs;
    std::vector<double> diag(k, 0.0);
    const std::size_t steps = std::min(k, m);
    for (std::size_t c = 0; c < steps; ++c) {
        double norm = 0.0;
        for (std::size_t i = c; i < m; ++i)
            norm += a[c][i] * a[c][i];
        norm = std::sqrt(norm);
        if (norm < 1e-10) { // dependent on the columns before it
            diag[c] = 0.0;
            continue;
        }
        const double alpha = a[c][c] > 0 ? -norm : norm;
        std::vector<double> v(a[c].begin() + static_cast<std::ptrdiff_t>(c), a[c].end());
        v[0] -= alpha;
        double vv = 0.0;
        for (double e : v)
            vv += e * e;
        auto reflect = [&](std::vector<double>& col) {
            double dot = 0.0;
            for (std::size_t i = c; i < m; ++i)
                dot += v[i - c] * col[i];
            const double f = 2.0 * dot / vv;
            for (std::size_t i = c; i < m; ++i)
                col[i] -= f * v[i - c];
        };
        for (std::size_t d = c; d < k; ++d)
            reflect(a[d]);
        reflect(b);
        diag[c] = a[c][c];
    }
    std::vector<double> y(k, 0.0);
    for (std::size_t c = steps; c-- > 0;) {
        if (diag[c] == 0.0)
            continue;
        double s = b[c];
        for (std::size_t d = c + 1; d < steps; ++d)
            s -= a[d][c] * y[d];
        y[c] = s / diag[c];
    }
    for (std::size_t c = 0; c < k; ++c)
        x[cols[c]] = y[c] / scale[c];
    return x;
}

std::vector<double> fitRelativeL1(const FitProblem& p, int iterations) {
    const std::size_t m = p.rows.size();
    const std::size_t n = m ? p.rows.front().size() : 0;
    std::vector<bool> usable(n, false);
    for (const auto& row : p.rows)
        for (std::size_t j = 0; j < n; ++j)
            if (row[j] != 0.0)
                usable[j] = true;
    std::vector<double> weight(m, 1.0);
    std::vector<double> x(n, 0.0);
    for (int it = 0; it < std::max(1, iterations); ++it) {
        std::vector<std::vector<double>> rows(m, std::vector<double>(n));
        std::vector<double> rhs(m);
        for (std::size_t i = 0; i < m; ++i) {
            const double s = std::sqrt(weight[i]) / p.measured[i];
            for (std::size_t j = 0; j < n; ++j)
                rows[i][j] = p.rows[i][j] * s;
            rhs[i] = p.target[i] * s;
        }
        std::vector<bool> active = usable;
        while (true) {
            x = leastSquares(rows, rhs, active);
            std::size_t worst = n;
            for (std::size_t j = 0; j < n; ++j)
                if (active[j] && x[j] < 0.0 && (worst == n || x[j] < x[worst]))
                    worst = j;
            if (worst == n)
                break;
            active[worst] = false;
        }
        for (std::size_t i = 0; i < m; ++i) {
            double fit = 0.0;
            for (std::size_t j = 0; j < n; ++j)
                fit += p.rows[i][j] * x[j];
            weight[i] = 1.0 / std::max(std::abs((fit - p.target[i]) / p.measured[i]), 1e-3);
        }
    }
    return x;
}

} // namespace zipcnn
