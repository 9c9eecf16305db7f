// SPDX-License-Identifier: GPL-3.0-or-later
#include "exploration/ExplorationController.h"

#include "charts/ChartsPanel.h"
#include "common/Formatting.h"
#include "common/VariantLabel.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationEngine.h"
#include "panels/FeasibilityTableModel.h"
#include "panels/TargetCatalogModel.h"

namespace zipcnn::gui {

ExplorationController::ExplorationController(ProjectDocument* document, ExplorationEngine* engine,
                                             ChartsPanel* charts,
                                             FeasibilityTableModel* feasibility, QObject* parent)
    : QObject(parent), document_(document), engine_(engine), charts_(charts),
      feasibility_(feasibility) {
    connect(engine_, &ExplorationEngine::updated, this, &ExplorationController::onUpdated);
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if (kind == ProjectDocument::ChangeKind::Reset) {
            focus_.reset();
            restorePending_ = true;
        }
    });
    connect(charts_, &ChartsPanel::curveClicked, this,
            [this](std::size_t v, std::size_t m, double f) { setFocus(v, m, f); });
    onUpdated();
}

void ExplorationController::onUpdated() {
    const auto e = engine_->current();
    feasibility_->setExploration(e);
    if (restorePending_ && !engine_->isBusy()) {
        restorePending_ = false;
        const auto& saved = document_->project().focus;
        focus_ = saved ? resolveSavedFocus(*e, *saved) : std::nullopt;
    }
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->targetCount())
        chooseDefaultFocus();
    // A constraint move re-sweeps the same prepared variants: the focused cell's per-layer
    // costs are unchanged, so the breakdown is not computed again on every slider step.
    const CostsKey key{e->variants.get(),
                       focus_ && focus_->mcu < e->targetCount() ? e->targets[focus_->mcu].name
                                                                : std::string(),
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
    if (variant >= e->variantCount() || mcu >= e->targetCount())
        return;
    if (!freqMhz)
        freqMhz = e->cell(variant, mcu).minEnergyFreqMhz;
    const ExplorationFocus next{variant, mcu, freqMhz};
    if (focus_ == next)
        return;
    focus_ = next;
    document_->setSavedFocus(toSavedFocus(*e, next));
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
    charts_->setAccuracyMetric(QString::fromStdString(document_->project().accuracyMetric));
    charts_->setExploration(engine_->current(), focus_);
    emit layerCostsChanged();
}

QString ExplorationController::focusText() const {
    const auto e = engine_->current();
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->targetCount())
        return {};
    QString text =
        QStringLiteral("%1 · %2").arg(QString::fromStdString(e->targets[focus_->mcu].name),
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
                 focus_ && focus_->mcu < e->targetCount() ? e->targets[focus_->mcu].name
                                                          : std::string(),
                 focus_};
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->targetCount())
        return;
    const CostVariant& variant = e->variant(focus_->variant);
    const CostTarget& target = e->targets[focus_->mcu];
    if (!variant.usable())
        return;
    if (focus_->freqMhz) {
        const CostBreakdown b = breakdownOnTarget(variant, target, *focus_->freqMhz);
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
    for (const CostTarget& t : e->targets) {
        QString part = tr("%1: %2, expected latency error %3")
                           .arg(QString::fromStdString(t.name), basisText(t.confidence.basis),
                                expectedErrorText(t.confidence));
        if (t.lut && t.lut->calibration)
            for (const FitResidual& r : t.lut->calibration->residuals)
                if (r.config == "all")
                    part += tr(" (fit on the thesis measurements %1 % / %2 % latency / energy)")
                                .arg(r.latencyPct, 0, 'f', 1)
                                .arg(r.energyPct, 0, 'f', 1);
        if (!t.confidence.how.empty())
            part += QStringLiteral("; ") + QString::fromStdString(t.confidence.how);
        parts << part;
    }
    if (parts.isEmpty())
        return tr("No candidate target");
    QString text;
    if (const auto c = focusConfidence())
        text = tr("This estimate: %1\n%2\n\n")
                   .arg(QString::fromStdString(c->summary()), QString::fromStdString(c->details()));
    return text + tr("Confidence per target:\n%1").arg(parts.join(QLatin1Char('\n')));
}

std::optional<EstimateConfidence> ExplorationController::focusConfidence() const {
    const auto e = engine_->current();
    if (!focus_ || focus_->variant >= e->variantCount() || focus_->mcu >= e->targetCount())
        return std::nullopt;
    // The status text, its tooltip and the focus panel all ask after each update: computed
    // once per (exploration, focus).
    if (confidenceKey_.first != e || confidenceKey_.second != focus_) {
        const CostTarget& t = e->targets[focus_->mcu];
        confidence_ = estimateConfidence(e->variant(focus_->variant), t,
                                         focus_->freqMhz.value_or(t.freqMaxMhz));
        confidenceKey_ = {e, focus_};
    }
    return confidence_;
}

QString ExplorationController::confidenceText() const {
    const auto e = engine_->current();
    if (!focus_ || focus_->mcu >= e->targetCount())
        return e->targets.empty() ? tr("No candidate target") : QString();
    const CostTarget& t = e->targets[focus_->mcu];
    if (const auto c = focusConfidence())
        return QStringLiteral("%1: %2").arg(QString::fromStdString(t.name),
                                            QString::fromStdString(c->summary()));
    return tr("%1: %2, expected latency error %3")
        .arg(QString::fromStdString(t.name), basisText(t.confidence.basis),
             expectedErrorText(t.confidence));
}

} // namespace zipcnn::gui
