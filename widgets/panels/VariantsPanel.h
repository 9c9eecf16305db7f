// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QTableView;

namespace zipcnn::gui {

class ProjectDocument;
class VariantTableModel;

/// The reduction variants: a table (tick to show on the charts, double-click to edit) with
/// buttons to add a variant (format x pruning x student), remove one, or add the thesis's set,
/// and the name of what the accuracies measure (the project's accuracy metric).
class VariantsPanel : public QWidget {
    Q_OBJECT

public:
    explicit VariantsPanel(ProjectDocument* document, QWidget* parent = nullptr);

    QTableView* view() const { return view_; }
    VariantTableModel* model() const { return model_; }
    /// The accuracy metric's editor (editable, with common names offered).
    QComboBox* metricEditor() const { return metric_; }

    /// Opens the dialog and adds the variant it returns.
    void addVariant();
    /// Removes the selected variants.
    void removeSelected();
    /// Adds the variants of `defaultVariants()` the project does not have yet.
    void addThesisVariants();
    /// Names the accuracy metric `text` (through the undo stack); blank means the default.
    void renameMetric(const QString& text);

private:
    void showMetric();

    ProjectDocument* document_;
    VariantTableModel* model_;
    QTableView* view_;
    QComboBox* metric_;
};

} // namespace zipcnn::gui
