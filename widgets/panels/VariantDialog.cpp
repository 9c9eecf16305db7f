// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/VariantDialog.h"

#include "common/VariantLabel.h"
#include "model/ModelZoo.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>

namespace zipcnn::gui {

VariantDialog::VariantDialog(const QString& projectFolder, QWidget* parent)
    : QDialog(parent), projectFolder_(projectFolder), name_(new QLineEdit(this)),
      format_(new QComboBox(this)), prune_(new QDoubleSpinBox(this)),
      studentKind_(new QComboBox(this)), studentPages_(new QStackedWidget(this)),
      zooModel_(new QComboBox(this)), filePath_(new QLineEdit(this)),
      width_(new QDoubleSpinBox(this)), dropBlocks_(new QSpinBox(this)),
      accuracy_(new QLineEdit(this)), accuracyLabel_(new QLabel(this)) {
    setWindowTitle(tr("Add variant"));
    format_->addItem(QStringLiteral("FP32"), static_cast<int>(DType::FP32));
    format_->addItem(QStringLiteral("INT8"), static_cast<int>(DType::INT8));
    prune_->setRange(0.0, 99.0);
    prune_->setSuffix(QStringLiteral(" %"));
    prune_->setDecimals(0);
    prune_->setSingleStep(10.0);
    studentKind_->addItem(tr("None (the project's network)"), static_cast<int>(StudentKind::None));
    studentKind_->addItem(tr("Model zoo"), static_cast<int>(StudentKind::Zoo));
    studentKind_->addItem(tr("Network or model file"), static_cast<int>(StudentKind::File));
    studentKind_->addItem(tr("Derived: narrower / shallower"),
                          static_cast<int>(StudentKind::Derived));
    for (const std::string& name : zooModelNames())
        zooModel_->addItem(QString::fromStdString(name));
    width_->setRange(0.05, 1.0);
    width_->setSingleStep(0.05);
    width_->setValue(0.5);
    width_->setPrefix(QStringLiteral("x "));
    dropBlocks_->setRange(0, 20);

    studentPages_->addWidget(new QWidget(this));
    studentPages_->addWidget(zooModel_);
    auto* filePage = new QWidget(this);
    auto* fileLayout = new QHBoxLayout(filePage);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    fileLayout->addWidget(filePath_, 1);
    auto* browse = new QPushButton(tr("Browse..."), filePage);
    fileLayout->addWidget(browse);
    studentPages_->addWidget(filePage);
    auto* derivedPage = new QWidget(this);
    auto* derivedLayout = new QFormLayout(derivedPage);
    derivedLayout->setContentsMargins(0, 0, 0, 0);
    derivedLayout->addRow(tr("Width multiplier"), width_);
    derivedLayout->addRow(tr("Blocks removed per stage"), dropBlocks_);
    studentPages_->addWidget(derivedPage);

    auto* form = new QFormLayout(this);
    form->addRow(tr("Name"), name_);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Pruning"), prune_);
    form->addRow(tr("Distillation student"), studentKind_);
    form->addRow(QString(), studentPages_);
    // Empty = not measured: the variant is then listed, not placed, on the accuracy chart.
    auto* validator = new QDoubleValidator(0.0, 100.0, 4, accuracy_);
    validator->setNotation(QDoubleValidator::StandardNotation);
    validator->setLocale(QLocale::c());
    accuracy_->setValidator(validator);
    accuracy_->setPlaceholderText(tr("not measured"));
    accuracy_->setToolTip(tr("The accuracy you measured for this variant, 0 to 100 (the cost "
                             "model does not predict it)"));
    accuracy_->setObjectName(QStringLiteral("accuracy"));
    form->addRow(accuracyLabel_, accuracy_);
    setAccuracyMetric(QString::fromLatin1(kDefaultAccuracyMetric));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    name_->setPlaceholderText(tr("(described automatically)"));

    connect(studentKind_, &QComboBox::currentIndexChanged, studentPages_,
            &QStackedWidget::setCurrentIndex);
    connect(browse, &QPushButton::clicked, this, &VariantDialog::chooseFile);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto updatePlaceholder = [this] { name_->setPlaceholderText(suggestedName()); };
    for (auto* combo : {format_, studentKind_, zooModel_})
        connect(combo, &QComboBox::currentIndexChanged, this, updatePlaceholder);
    connect(prune_, &QDoubleSpinBox::valueChanged, this, updatePlaceholder);
    connect(width_, &QDoubleSpinBox::valueChanged, this, updatePlaceholder);
    connect(filePath_, &QLineEdit::textChanged, this, updatePlaceholder);
    updatePlaceholder();
}

void VariantDialog::chooseFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Student network"), projectFolder_,
        tr("Networks and models (*.json *.h5 *.hdf5 *.keras);;All files (*)"));
    if (path.isEmpty())
        return;
    // Stored relative to the project so the project and its student can move together.
    filePath_->setText(projectFolder_.isEmpty() ? path
                                                : QDir(projectFolder_).relativeFilePath(path));
}

QString VariantDialog::suggestedName() const {
    return variantDescription(unnamed());
}

VariantSpec VariantDialog::variant() const {
    VariantSpec v = unnamed();
    const QString name = name_->text().trimmed();
    v.name = (name.isEmpty() ? variantDescription(v) : name).toStdString();
    bool ok = false;
    const double pct = QLocale::c().toDouble(accuracy_->text().trimmed(), &ok);
    if (ok && pct >= 0.0 && pct <= 100.0)
        v.accuracyPct = pct;
    return v;
}

void VariantDialog::setAccuracyMetric(const QString& metric) {
    accuracyLabel_->setText(tr("Accuracy (%1)").arg(metric));
}

VariantSpec VariantDialog::unnamed() const {
    VariantSpec v;
    v.dtype = static_cast<DType>(format_->currentData().toInt());
    v.prune = prune_->value() / 100.0;
    v.student.kind = static_cast<StudentKind>(studentKind_->currentData().toInt());
    switch (v.student.kind) {
    case StudentKind::Zoo:
        v.student.model = zooModel_->currentText().toStdString();
        break;
    case StudentKind::File:
        v.student.path = filePath_->text().trimmed().toStdString();
        break;
    case StudentKind::Derived:
        v.student.widthMultiplier = width_->value();
        v.student.dropBlocksPerStage = dropBlocks_->value();
        break;
    case StudentKind::None:
        break;
    }
    return v;
}

void VariantDialog::setVariant(const VariantSpec& spec) {
    name_->setText(QString::fromStdString(spec.name));
    format_->setCurrentIndex(spec.dtype == DType::INT8 ? 1 : 0);
    prune_->setValue(spec.prune * 100.0);
    studentKind_->setCurrentIndex(studentKind_->findData(static_cast<int>(spec.student.kind)));
    zooModel_->setCurrentText(QString::fromStdString(spec.student.model));
    filePath_->setText(QString::fromStdString(spec.student.path));
    width_->setValue(spec.student.widthMultiplier);
    dropBlocks_->setValue(spec.student.dropBlocksPerStage);
    accuracy_->setText(spec.accuracyPct ? QString::number(*spec.accuracyPct, 'g', 6) : QString());
}

} // namespace zipcnn::gui
