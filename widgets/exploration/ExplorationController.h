// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/AbacusChartData.h"
#include "cost/Estimator.h"
#include "explore/EstimateConfidence.h"
#include "explore/Exploration.h"
#include "explore/LayerHeat.h"

#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace zipcnn::gui {

class ChartsPanel;
class ExplorationEngine;
class FeasibilityTableModel;
class ProjectDocument;

// What the graph is coloured by, and each layer's share: computed in the core (explore/).
using zipcnn::HeatMetric;

/// Hands each new exploration to the charts and the feasibility table, and keeps the focus:
/// the (variant, MCU, clock) the user studies. From the focus it computes what the graph and
/// the inspector show: each layer's share of latency, energy or RAM, and its cost.
class ExplorationController : public QObject {
    Q_OBJECT

public:
    ExplorationController(ProjectDocument* document, ExplorationEngine* engine, ChartsPanel* charts,
                          FeasibilityTableModel* feasibility, QObject* parent = nullptr);

    const std::optional<ExplorationFocus>& focus() const { return focus_; }
    /// Focuses a cell; without a clock, its minimum-energy clock.
    void setFocus(std::size_t variant, std::size_t mcu, std::optional<double> freqMhz = {});
    HeatMetric heatMetric() const { return heatMetric_; }
    void setHeatMetric(HeatMetric metric);

    /// "STM32L496ZG · INT8 · 48 MHz", or empty without a focus.
    QString focusText() const;
    /// Per layer of the project's network (index of `Network::layers()`), its share in [0, 1]
    /// of the focused cell's `heatMetric()`; NaN for layers without a cost; empty when the
    /// focused variant is a student (other layers) or nothing is focused.
    std::vector<double> layerHeat() const { return heat_; }
    /// The focused cell's per-layer costs (empty when not available).
    const std::vector<CostShare>& layerCosts() const { return costs_; }
    /// One line on where the estimates come from and how accurate they are, for the status bar.
    QString accuracyText() const;
    /// One short line for the status bar: the focused target's basis and expected error.
    QString confidenceText() const;
    /// The confidence of the focused estimate (variant, target, clock; the target's top clock
    /// when no clock is focused); none without a focus.
    std::optional<EstimateConfidence> focusConfidence() const;

signals:
    void focusChanged();
    /// The graph colouring or the per-layer costs changed.
    void layerCostsChanged();

private:
    void onUpdated();
    void chooseDefaultFocus();
    void computeLayerCosts();
    void refreshViews();

    ProjectDocument* document_;
    ExplorationEngine* engine_;
    ChartsPanel* charts_;
    FeasibilityTableModel* feasibility_;
    std::optional<ExplorationFocus> focus_;
    /// A project was opened: its saved focus is restored from the first exploration computed
    /// for it.
    bool restorePending_ = true;
    /// focusConfidence() of the exploration and focus in the key.
    mutable EstimateConfidence confidence_;
    mutable std::pair<std::shared_ptr<const Exploration>, std::optional<ExplorationFocus>>
        confidenceKey_;
    HeatMetric heatMetric_ = HeatMetric::Latency;
    std::vector<double> heat_;
    std::vector<CostShare> costs_;
    /// What `heat_` and `costs_` were computed for.
    struct CostsKey {
        const void* variants = nullptr;
        std::string target; ///< the focused target's name
        std::optional<ExplorationFocus> focus;
        bool operator==(const CostsKey&) const = default;
    };
    CostsKey costsKey_;
};

} // namespace zipcnn::gui
