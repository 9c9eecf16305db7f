// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "charts/AbacusChartData.h"
#include "explore/Exploration.h"

#include <QStringList>
#include <QWidget>
#include <memory>

class QCustomPlot;
class QCPAxisRect;
class QCPTextElement;

namespace zipcnn::gui {

/// The memory view: Flash and RAM of every visible variant as bars against each candidate
/// MCU's capacity less its reserve (a line in the MCU's colour), and the per-layer RAM profile
/// (thesis rule: inputs + output of each compute layer) of the focused variant, its peak marked.
class MemoryView : public QWidget {
    Q_OBJECT

public:
    explicit MemoryView(QWidget* parent = nullptr);

    void setExploration(std::shared_ptr<const Exploration> exploration,
                        const std::optional<ExplorationFocus>& focus);

    QCustomPlot* budgetPlot() const { return budget_; }
    QCustomPlot* profilePlot() const { return profile_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void drawBudget();
    void drawProfile();
    void drawBars(QCPAxisRect* rect, const QString& title, bool flash);
    static QColor targetColour(const Exploration& e, const CostTarget& target);

    QCustomPlot* budget_;
    QCPAxisRect* flashRect_ = nullptr;
    QCPAxisRect* ramRect_ = nullptr;
    QCustomPlot* profile_;
    QCPTextElement* budgetTitle_ = nullptr;
    QCPTextElement* profileTitle_ = nullptr;
    std::shared_ptr<const Exploration> exploration_;
    std::optional<ExplorationFocus> focus_;
    QStringList profileLabels_; ///< the profile's layer names, for the hover tooltip
};

} // namespace zipcnn::gui
