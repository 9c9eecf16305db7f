// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/AccuracyCost.h"
#include "report/ReportFlow.h"
#include "report/ReportSections.h"

#include <memory>

namespace zipcnn::gui {

class ParetoChart;

/// The report's "Accuracy against cost" section: the user's accuracy of each visible variant
/// against its energy per inference on the focused target (its latency when the target gives no
/// energy), each variant at its least-energy clock, the Pareto front charted and tabulated.
/// When no variant has an accuracy it says so in one sentence.
class AccuracySection {
public:
    explicit AccuracySection(const ReportInput& in);
    ~AccuracySection();
    AccuracySection(const AccuracySection&) = delete;
    AccuracySection& operator=(const AccuracySection&) = delete;

    /// What the section shows, as a value (tests read it).
    const AccuracyCost& data() const { return data_; }
    /// Variant, accuracy, cost, clock, standing ("Pareto front", "dominated by INT8",
    /// "no accuracy entered", "not run: ..."), one row per visible variant.
    ReportTable table() const;
    /// The sentence the section is reduced to when no variant has an accuracy; empty otherwise.
    QString noAccuracySentence() const;
    /// Lays the section out (heading, text, chart, table).
    void layOut(ReportFlow& flow) const;

    static constexpr int kChartW = 820;
    static constexpr int kChartH = 440;

private:
    const ReportInput& in_;
    AccuracyCost data_;
    std::unique_ptr<ParetoChart> chart_;
};

} // namespace zipcnn::gui
