// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/AddMcuDialog.h"

#include "io/UserMcuStore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

namespace zipcnn::gui {

namespace {

struct FieldSpec {
    const char* key;
    const char* label;
    const char* placeholder;
};

// The form, in the order of a datasheet's first pages. Keys are the catalogue's field names,
// which the checks' messages name.
const FieldSpec kFields[] = {
    {"name", QT_TRANSLATE_NOOP("AddMcuDialog", "Part number"), "e.g. STM32G474RE"},
    {"vendor", QT_TRANSLATE_NOOP("AddMcuDialog", "Vendor"), "optional"},
    {"freq_min_mhz", QT_TRANSLATE_NOOP("AddMcuDialog", "Min clock (MHz)"), "1"},
    {"freq_max_mhz", QT_TRANSLATE_NOOP("AddMcuDialog", "Max clock (MHz)"), "e.g. 170"},
    {"flash_kib", QT_TRANSLATE_NOOP("AddMcuDialog", "Flash (KiB)"), "e.g. 512"},
    {"sram_kib", QT_TRANSLATE_NOOP("AddMcuDialog", "SRAM (KiB)"), "e.g. 128"},
    {"itcm_kib", QT_TRANSLATE_NOOP("AddMcuDialog", "ITCM (KiB)"), "optional"},
    {"dtcm_kib", QT_TRANSLATE_NOOP("AddMcuDialog", "DTCM (KiB)"), "optional"},
    {"flash_wait_states", QT_TRANSLATE_NOOP("AddMcuDialog", "Flash wait states"),
     "max MHz:wait states, e.g. 30:0,60:1,90:2,120:3,170:4"},
    {"run_current_ua_per_mhz", QT_TRANSLATE_NOOP("AddMcuDialog", "Run current (µA/MHz)"),
     "optional; without it, no energy estimate"},
    {"low_power_current_ua", QT_TRANSLATE_NOOP("AddMcuDialog", "Low-power current (µA)"),
     "optional: the lowest mode keeping SRAM"},
    {"supply_v", QT_TRANSLATE_NOOP("AddMcuDialog", "Supply (V)"), "3.3"},
};

} // namespace

AddMcuDialog::AddMcuDialog(const McuFactsCatalog& catalogue, QWidget* parent)
    : QDialog(parent), catalogue_(catalogue), core_(new QComboBox(this)),
      message_(new QLabel(this)) {
    setWindowTitle(tr("Add MCU"));
    setObjectName(QStringLiteral("addMcuDialog"));
    auto* intro = new QLabel(
        tr("A microcontroller from its datasheet. Its estimates use the runtimes' parameters of "
           "its core family, with a wider expected error (basis <i>datasheet (user)</i>); "
           "calibrate it on your measurements to narrow it (Tools &gt; Calibrate on "
           "Measurements...). Saved in %1.")
            .arg(QString::fromStdString(userMcuDir()).toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    for (const auto& f : kFields) {
        const QString key = QString::fromLatin1(f.key);
        auto* edit = new QLineEdit(this);
        edit->setObjectName(key);
        edit->setPlaceholderText(QString::fromUtf8(f.placeholder));
        fields_[key] = edit;
        labels_[key] = tr(f.label);
        form->addRow(labels_[key], edit);
        if (key == QLatin1String("vendor")) {
            for (const auto& fam : userCoreFamilies())
                core_->addItem(QString::fromStdString(fam));
            core_->setCurrentText(QStringLiteral("cortex-m4"));
            core_->setObjectName(QStringLiteral("core_family"));
            labels_[QStringLiteral("core_family")] = tr("Core");
            form->addRow(labels_[QStringLiteral("core_family")], core_);
        }
    }
    fields_[QStringLiteral("freq_min_mhz")]->setText(QStringLiteral("1"));
    fields_[QStringLiteral("supply_v")]->setText(QStringLiteral("3.3"));
    message_->setObjectName(QStringLiteral("problems"));
    message_->setWordWrap(true);
    message_->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(message_);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

QLineEdit* AddMcuDialog::field(const QString& key) const {
    auto it = fields_.find(key);
    return it == fields_.end() ? nullptr : it->second;
}

std::optional<McuFacts> AddMcuDialog::mcu() {
    problems_.clear();
    badKeys_.clear();
    auto text = [&](const char* key) {
        return fields_.at(QString::fromLatin1(key))->text().trimmed();
    };
    auto problem = [&](const QString& key, const QString& why) {
        problems_ << labels_[key] + QStringLiteral(" (") + key + QStringLiteral("): ") + why;
        badKeys_ << key;
    };
    // A number, or nullopt (and a problem) when the text is not one; empty -> `empty`.
    auto number = [&](const char* key, std::optional<double> empty) -> std::optional<double> {
        const QString t = text(key);
        if (t.isEmpty())
            return empty;
        bool ok = false;
        const double v = t.toDouble(&ok);
        if (!ok || !std::isfinite(v)) {
            problem(QString::fromLatin1(key), tr("'%1' is not a number").arg(t));
            return std::nullopt;
        }
        return v;
    };
    auto whole = [&](const char* key, std::optional<int> empty) -> std::optional<int> {
        const QString t = text(key);
        if (t.isEmpty())
            return empty;
        bool ok = false;
        const int v = t.toInt(&ok);
        if (!ok) {
            problem(QString::fromLatin1(key), tr("'%1' is not a whole number of KiB").arg(t));
            return std::nullopt;
        }
        return v;
    };
    UserMcuInput in;
    in.name = text("name").toStdString();
    in.vendor = text("vendor").toStdString();
    in.coreFamily = core_->currentText().toStdString();
    in.freqMinMhz = number("freq_min_mhz", 1.0).value_or(1.0);
    in.freqMaxMhz = number("freq_max_mhz", 0.0).value_or(0.0);
    in.flashKib = whole("flash_kib", -1).value_or(-1);
    in.sramKib = whole("sram_kib", 0).value_or(0);
    if (!text("itcm_kib").isEmpty())
        in.itcmKib = whole("itcm_kib", std::nullopt);
    if (!text("dtcm_kib").isEmpty())
        in.dtcmKib = whole("dtcm_kib", std::nullopt);
    std::string error;
    if (auto w = parseWaitStates(text("flash_wait_states").toStdString(), &error))
        in.waitStates = *w;
    else
        problem(QStringLiteral("flash_wait_states"),
                QString::fromStdString(error.substr(error.find(": ") + 2)));
    in.runCurrentUaPerMhz = number("run_current_ua_per_mhz", std::nullopt);
    in.lowPowerCurrentUa = number("low_power_current_ua", std::nullopt);
    in.supplyV = number("supply_v", 3.3).value_or(0.0);
    const McuFacts m = makeUserMcu(in);
    for (const auto& d : checkUserMcu(m, catalogue_)) {
        // "freq_max_mhz: why", "flash_wait_states[1].max_mhz: why", "supply_v.nominal: why"
        const std::string& msg = d.message;
        const auto colon = msg.find(": ");
        std::string key = msg.substr(0, colon);
        const std::string why = colon == std::string::npos ? msg : msg.substr(colon + 2);
        for (const char* top : {"flash_wait_states", "supply_v"})
            if (key.rfind(top, 0) == 0)
                key = top;
        if (key.rfind("tcm.", 0) == 0)
            key = key.substr(4);
        const QString k = QString::fromStdString(key);
        if (badKeys_.contains(k) && k != QLatin1String("flash_wait_states"))
            continue; // already said: the text was not a number
        if (!labels_.count(k))
            problems_ << QString::fromStdString(msg);
        else
            problem(k, QString::fromStdString(
                           key == msg.substr(0, colon) ? why : msg.substr(0, colon) + ": " + why));
    }
    showProblems();
    if (!problems_.isEmpty())
        return std::nullopt;
    return m;
}

void AddMcuDialog::showProblems() {
    for (auto& [key, edit] : fields_)
        edit->setStyleSheet(badKeys_.contains(key)
                                ? QStringLiteral("QLineEdit { border: 1px solid #b00020; }")
                                : QString());
    core_->setStyleSheet(badKeys_.contains(QStringLiteral("core_family"))
                             ? QStringLiteral("QComboBox { border: 1px solid #b00020; }")
                             : QString());
    message_->setText(problems_.join(QLatin1Char('\n')));
}

bool AddMcuDialog::save() {
    auto m = mcu();
    if (!m)
        return false;
    std::string file, error;
    if (!saveUserMcu(*m, userMcuDir(), &file, &error)) {
        problems_ << QString::fromStdString(error);
        showProblems();
        return false;
    }
    savedFile_ = QString::fromStdString(file);
    savedName_ = QString::fromStdString(m->name);
    return true;
}

} // namespace zipcnn::gui
