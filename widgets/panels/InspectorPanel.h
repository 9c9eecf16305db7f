// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/Estimator.h"
#include "document/CommandIds.h"
#include "model/Layer.h"
#include "model/LayerCatalog.h"

#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <vector>

class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace zipcnn::gui {

class CommitBeforeUndo;
class LayerSelection;
class ProjectDocument;

/// The selected layer in detail: its attributes, editable according to its type (every edit
/// is an undo command; a spin-box or slider drag is one step), what the analysis learned about
/// it (output shape, parameters, MACs, primitives, problems) and its cost on the selected
/// target.
class InspectorPanel : public QWidget {
    Q_OBJECT

public:
    InspectorPanel(ProjectDocument* document, LayerSelection* selection, QWidget* parent = nullptr);

    /// The per-layer costs of the current estimate, matched to layers by name (entries that are
    /// not layers, such as the fixed overhead, count in the total only). `context` says what
    /// they are for ("STM32L496ZG · INT8 · 80 MHz"). An empty vector clears the cost section.
    /// `confidence`: the focused target's basis and expected error, shown beside the figures.
    void setLayerCosts(const std::vector<zipcnn::CostShare>& byLayer, const QString& context,
                       const QString& confidence = {});

    /// The read-only lines, "Label: value" ("Output: 28x28x6"), analysis then cost, for tests
    /// and reports.
    QStringList infoLines() const;
    /// The attribute editors shown, by object name ("filters", "kernel.h", "pruneRate"...).
    QStringList editorNames() const;

private:
    struct Binding {
        std::function<void(const Layer&)> refresh;
    };

    const Layer* currentLayer() const;
    void rebuild();
    void refresh();
    void refreshValues();
    void refreshInfo();
    void refreshCost();
    QString formSignature() const;
    void pushAttrs(CommandId field, const std::function<void(LayerAttrs&)>& edit);
    void commitName();

    // Editor factories: each adds a row to the attribute form and a binding that refreshes it.
    void addSpin(const QString& label, const QString& name, int min, int max,
                 const std::function<int(const LayerAttrs&)>& get,
                 std::function<void(LayerAttrs&, int)> set, CommandId field);
    void addSize2(const QString& label, const QString& name, int min, int max, AttrField member,
                  CommandId field);
    void addDouble(const QString& label, const QString& name, double min, double max, int decimals,
                   double step, AttrField member, CommandId field);
    void addCheck(const QString& label, const QString& name, AttrField member, CommandId field);
    void addCombo(const QString& label, const QString& name, const QStringList& items,
                  const std::function<int(const LayerAttrs&)>& get,
                  std::function<void(LayerAttrs&, int)> set, CommandId field);
    void addChoice(const QString& label, const QString& name, AttrField member, CommandId field);
    void addShape(const QString& label, const QString& name, const LayerAttribute& spec,
                  CommandId field);
    void addRate(const QString& label, const QString& name, bool optional,
                 const std::function<std::optional<double>(const LayerAttrs&)>& get,
                 std::function<void(LayerAttrs&, std::optional<double>)> set,
                 const LayerAttribute& spec, CommandId field);
    /// The editor of one catalogue attribute (model/LayerCatalog.h): its type decides the widget,
    /// its range the widget's limits.
    void addEditor(const LayerAttribute& spec);
    void addAttributeEditors(const Layer& layer);

    ProjectDocument* document_;
    LayerSelection* selection_;
    QString signature_;
    QLabel* title_;
    QLabel* empty_;
    QWidget* content_;
    QLineEdit* nameEdit_;
    QGroupBox* attrsBox_;
    QVBoxLayout* attrsHolder_;
    QWidget* form_ = nullptr;
    QFormLayout* formLayout_ = nullptr;
    std::vector<Binding> bindings_;
    QStringList editorNames_;
    QFormLayout* infoLayout_;
    QGroupBox* costBox_;
    QFormLayout* costLayout_;
    QLabel* problems_;
    QList<QPair<QString, QString>> infoRows_;
    QList<QPair<QString, QString>> costRows_;
    std::vector<zipcnn::CostShare> costs_;
    QString costContext_;
    QString costConfidence_;
    bool refreshing_ = false;
    CommitBeforeUndo* undoKeys_ = nullptr; ///< Ctrl+Z in a field undoes the project
};

} // namespace zipcnn::gui
