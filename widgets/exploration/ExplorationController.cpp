// SPDX-License-Identifier: GPL-3.0-or-later
#include "exploration/ExplorationController.h"

#include "charts/ChartsPanel.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationEngine.h"
#include "panels/FeasibilityTableModel.h"

namespace zipcnn::gui {

ExplorationController::ExplorationController(ProjectDocument* document, ExplorationEngine* engine,
                                             ChartsPanel* charts,
                                             FeasibilityTableModel* feasibility, QObject* parent)
    : QObject(parent), document_(document), engine_(engine), charts_(charts),
      feasibility_(feasibility) {
    connect(engine_, &ExplorationEngine::updated, this, &ExplorationController::onUpdated);
    connect(charts_, &ChartsPanel::curveClicked, this,
            [this](std::size_t v, std::size_t m, double f) { setFocus(v, m, f); });
    onUpdated();
}

void ExplorationController::onUpdated() {
    const auto e = engine_->current();
    feasibility_->setExploration(e);
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->mcuCount())
        chooseDefaultFocus();
    // A constraint move re-sweeps the same prepared variants: the focused cell's per-layer
    // costs are unchanged, so the breakdown is not computed again on every slider step.
    const CostsKey key{e->variants.get(),
                       focus_ && focus_->mcu < e->mcuCount() ? e->mcus[focus_->mcu] : nullptr,
                       focus_};
    if (key != costsKey_)
        computeLayerCosts();
    refreshViews();
}

void ExplorationController::chooseDefaultFocus() {
    // The cell that meets the constraints with the least energy; else the first cell.
    focus_ = defaultFocus(*engine_->current());
}

void ExplorationController::setFocus(std::size_t variant, std::size_t mcu,
                                     std::optional<double> freqMhz) {
    const auto e = engine_->current();
    if (variant >= e->variantCount() || mcu >= e->mcuCount())
        return;
    if (!freqMhz)
        freqMhz = e->cell(variant, mcu).minEnergyFreqMhz;
    const ExplorationFocus next{variant, mcu, freqMhz};
    if (focus_ == next)
        return;
    focus_ = next;
    computeLayerCosts();
    refreshViews();
    emit focusChanged();
}

void ExplorationController::setHeatMetric(HeatMetric metric) {
    if (metric == heatMetric_)
        return;
    heatMetric_ = metric;
    computeLayerCosts();
    emit layerCostsChanged();
}

void ExplorationController::refreshViews() {
    charts_->setExploration(engine_->current(), focus_);
    emit layerCostsChanged();
}

QString ExplorationController::focusText() const {
    const auto e = engine_->current();
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->mcuCount())
        return {};
    QString text = QStringLiteral("%1 · %2").arg(QString::fromStdString(e->mcus[focus_->mcu]->name),
                                                 variantLabel(e->specs[focus_->variant]));
    if (focus_->freqMhz)
        text += QStringLiteral(" · ") + formatMhz(*focus_->freqMhz);
    return text;
}

void ExplorationController::computeLayerCosts() {
    heat_.clear();
    costs_.clear();
    const auto e = engine_->current();
    costsKey_ = {e->variants.get(),
                 focus_ && focus_->mcu < e->mcuCount() ? e->mcus[focus_->mcu] : nullptr, focus_};
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->mcuCount())
        return;
    const CostVariant& variant = e->variant(focus_->variant);
    const McuProfile& mcu = *e->mcus[focus_->mcu];
    if (!variant.usable())
        return;
    if (focus_->freqMhz) {
        const CostBreakdown b =
            estimateBreakdown(variant.plan, mcu, variant.dtype, *focus_->freqMhz);
        if (b.point.ok)
            costs_ = b.byLayer;
    }
    // A student has other layers than the project's network: nothing to colour.
    if (e->specs[focus_->variant].student.kind != StudentKind::None)
        return;
    heat_ = zipcnn::layerHeat(document_->project().network, variant, costs_, heatMetric_);
}

QString ExplorationController::accuracyText() const {
    const auto e = engine_->current();
    QStringList parts;
    for (const McuProfile* mcu : e->mcus) {
        if (!mcu->calibration) {
            parts << tr("%1: op LUT only, not calibrated").arg(QString::fromStdString(mcu->name));
            continue;
        }
        for (const FitResidual& r : mcu->calibration->residuals)
            if (r.config == "all")
                parts << tr("%1 %2 % / %3 %")
                             .arg(QString::fromStdString(mcu->name))
                             .arg(r.latencyPct, 0, 'f', 1)
                             .arg(r.energyPct, 0, 'f', 1);
    }
    if (parts.isEmpty())
        return tr("No candidate MCU");
    return tr("Mean error of the calibrated model on the thesis measurements (latency / energy): "
              "%1.")
        .arg(parts.join(QStringLiteral(", ")));
}

} // namespace zipcnn::gui
