// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/VariantsPanel.h"

#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"
#include "panels/VariantDialog.h"
#include "panels/VariantTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace zipcnn::gui {

VariantsPanel::VariantsPanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), document_(document), model_(new VariantTableModel(document, this)),
      view_(new QTableView(this)), metric_(new QComboBox(this)) {
    view_->setObjectName(QStringLiteral("variantView"));
    view_->setModel(model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    view_->setWordWrap(false);

    auto* add = new QPushButton(tr("&Add..."), this);
    add->setToolTip(tr("Add a variant: format, pruning, distillation student"));
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setToolTip(tr("Remove the selected variants (Delete)"));
    auto* thesis = new QPushButton(tr("Thesis set"), this);
    thesis->setToolTip(tr("Add FP32, INT8 and pruning at 50-90 % where missing"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addWidget(thesis);
    buttons->addStretch(1);
    // What the accuracy column measures, one name for the project so accuracies compare.
    metric_->setEditable(true);
    metric_->setObjectName(QStringLiteral("accuracyMetric"));
    metric_->setInsertPolicy(QComboBox::NoInsert);
    for (const char* name : {"accuracy %", "top-1 %", "top-5 %", "mAP %", "F1 %", "AUC %"})
        metric_->addItem(QString::fromLatin1(name));
    metric_->setToolTip(tr("What the accuracies you enter measure (top-1, mAP, F1 ...): it "
                           "heads the accuracy column and the accuracy chart"));
    auto* metricRow = new QHBoxLayout;
    auto* metricLabel = new QLabel(tr("Accuracy is:"), this);
    metricLabel->setBuddy(metric_);
    metricRow->addWidget(metricLabel);
    metricRow->addWidget(metric_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addLayout(metricRow);
    layout->addLayout(buttons);
    connect(metric_->lineEdit(), &QLineEdit::editingFinished, this,
            [this] { renameMetric(metric_->currentText()); });
    connect(metric_, &QComboBox::activated, this,
            [this](int index) { renameMetric(metric_->itemText(index)); });
    connect(document_, &ProjectDocument::changed, this, &VariantsPanel::showMetric);
    showMetric();

    connect(add, &QPushButton::clicked, this, &VariantsPanel::addVariant);
    connect(remove, &QPushButton::clicked, this, &VariantsPanel::removeSelected);
    connect(thesis, &QPushButton::clicked, this, &VariantsPanel::addThesisVariants);
    auto* deleteAction = new QAction(this);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(deleteAction, &QAction::triggered, this, &VariantsPanel::removeSelected);
    view_->addAction(deleteAction);
    auto fit = [this] { view_->resizeColumnsToContents(); };
    connect(model_, &QAbstractItemModel::modelReset, this, fit);
    fit();
}

void VariantsPanel::addVariant() {
    const QString folder = document_->filePath().isEmpty()
                               ? QString()
                               : QFileInfo(document_->filePath()).absolutePath();
    VariantDialog dialog(folder, this);
    dialog.setAccuracyMetric(QString::fromStdString(document_->project().accuracyMetric));
    if (dialog.exec() != QDialog::Accepted)
        return;
    const std::size_t end = document_->project().variants.size();
    document_->undoStack()->push(new AddRemoveVariantCommand(document_, end, dialog.variant()));
}

void VariantsPanel::removeSelected() {
    QList<int> rows;
    for (const QModelIndex& index : view_->selectionModel()->selectedRows())
        rows << index.row();
    if (rows.isEmpty())
        return;
    // From the last to the first, so the indexes still to remove do not move.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    document_->undoStack()->beginMacro(tr("Remove %n variant(s)", nullptr, int(rows.size())));
    for (int row : rows)
        document_->undoStack()->push(
            new AddRemoveVariantCommand(document_, static_cast<std::size_t>(row)));
    document_->undoStack()->endMacro();
}

void VariantsPanel::addThesisVariants() {
    const auto& current = document_->project().variants;
    std::vector<VariantSpec> missing;
    for (const VariantSpec& v : defaultVariants())
        if (std::none_of(current.begin(), current.end(), [&](const VariantSpec& c) {
                return c.dtype == v.dtype && c.prune == v.prune && c.student == v.student;
            }))
            missing.push_back(v);
    if (missing.empty())
        return;
    document_->undoStack()->beginMacro(tr("Add the thesis variants"));
    for (VariantSpec& v : missing)
        document_->undoStack()->push(new AddRemoveVariantCommand(
            document_, document_->project().variants.size(), std::move(v)));
    document_->undoStack()->endMacro();
}

void VariantsPanel::renameMetric(const QString& text) {
    std::string metric = text.trimmed().toStdString();
    if (metric.empty())
        metric = kDefaultAccuracyMetric;
    if (metric == document_->project().accuracyMetric) {
        showMetric();
        return;
    }
    document_->undoStack()->push(new SetAccuracyMetricCommand(document_, std::move(metric)));
}

void VariantsPanel::showMetric() {
    const QString metric = QString::fromStdString(document_->project().accuracyMetric);
    if (metric_->currentText() != metric) {
        const QSignalBlocker block(metric_);
        metric_->setEditText(metric);
    }
}

} // namespace zipcnn::gui
