// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Project.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace zipcnn::gui {

/// Asks for a new variant: format, pruning rate and an optional distillation student taken
/// from the model zoo, from a file, or derived from the project's network by a width
/// multiplier (hybrids are any combination of the three), and the accuracy the user measured
/// for it, if any.
class VariantDialog : public QDialog {
    Q_OBJECT

public:
    /// `projectFolder` is where a student file's relative path starts.
    explicit VariantDialog(const QString& projectFolder, QWidget* parent = nullptr);

    VariantSpec variant() const;
    /// Fills the fields from `spec`.
    void setVariant(const VariantSpec& spec);
    /// Names the accuracy field after the project's metric ("top-1 %").
    void setAccuracyMetric(const QString& metric);

private:
    void chooseFile();
    QString suggestedName() const;
    VariantSpec unnamed() const;

    QString projectFolder_;
    QLineEdit* name_;
    QComboBox* format_;
    QDoubleSpinBox* prune_;
    QComboBox* studentKind_;
    QStackedWidget* studentPages_;
    QComboBox* zooModel_;
    QLineEdit* filePath_;
    QDoubleSpinBox* width_;
    QSpinBox* dropBlocks_;
    QLineEdit* accuracy_;
    QLabel* accuracyLabel_;
};

} // namespace zipcnn::gui
