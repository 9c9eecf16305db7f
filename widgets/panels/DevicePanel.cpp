// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/DevicePanel.h"

#include "common/CommitBeforeUndo.h"
#include "document/ExplorationCommands.h"
#include "document/ProjectDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace zipcnn::gui {

namespace {

enum LoadColumn { NameCol, WhenCol, EveryKCol, EnergyCol, CurrentCol, DurationCol, LoadCols };

QDoubleSpinBox* spin(double min, double max, int decimals, const QString& suffix, QWidget* parent) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(min, max);
    s->setDecimals(decimals);
    s->setSuffix(suffix);
    s->setKeyboardTracking(false); // one edit when the typing is done, not one per digit
    s->setGroupSeparatorShown(true);
    return s;
}

/// A row "label: [x] given: value": unticked, the value is the default `tip` states.
QCheckBox* givenRow(QFormLayout* form, const QString& label, const QString& tip,
                    QDoubleSpinBox* value) {
    auto* row = new QHBoxLayout;
    auto* given = new QCheckBox(QObject::tr("given:"), value->parentWidget());
    given->setToolTip(tip);
    row->addWidget(given);
    row->addWidget(value, 1);
    form->addRow(label, row);
    return given;
}

QString loadWhenLabel(LoadWhen w) {
    switch (w) {
    case LoadWhen::PerInference:
        return QObject::tr("each inference");
    case LoadWhen::EveryK:
        return QObject::tr("every k inferences");
    case LoadWhen::Constant:
        return QObject::tr("all the time");
    }
    return {};
}

/// A number cell: empty for none.
QString numberText(std::optional<double> v) {
    return v ? QString::number(*v, 'g', 6) : QString();
}

std::optional<double> cellNumber(const QTableWidget* t, int row, int col) {
    const QTableWidgetItem* item = t->item(row, col);
    if (!item || item->text().trimmed().isEmpty())
        return std::nullopt;
    bool ok = false;
    const double v = item->text().trimmed().toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

} // namespace

DevicePanel::DevicePanel(ProjectDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    setObjectName(QStringLiteral("devicePanel"));
    auto* outer = new QVBoxLayout(this);
    enabled_ = new QCheckBox(tr("Model the whole device (duty cycle, sleep, battery)"), this);
    enabled_->setObjectName(QStringLiteral("deviceEnabled"));
    enabled_->setToolTip(tr("Off: the estimates are for one inference alone. On: every point "
                            "also gets the device's average current and battery life"));
    outer->addWidget(enabled_);

    fields_ = new QWidget(this);
    auto* form = new QFormLayout(fields_);
    form->setContentsMargins(0, 0, 0, 0);
    period_ = spin(0.001, 1e7, 3, tr(" s"), fields_);
    period_->setObjectName(QStringLiteral("devicePeriod"));
    period_->setToolTip(tr("One inference every this many seconds"));
    form->addRow(tr("Inference every:"), period_);

    battery_ = new QComboBox(fields_);
    battery_->setObjectName(QStringLiteral("deviceBattery"));
    for (const BatteryPreset& p : batteryPresets())
        battery_->addItem(QString::fromStdString(p.name), QString::fromStdString(p.id));
    battery_->addItem(tr("Custom"), QString());
    form->addRow(tr("Battery:"), battery_);
    capacity_ = spin(0.001, 1e7, 1, tr(" mAh"), fields_);
    form->addRow(tr("Capacity:"), capacity_);
    voltage_ = spin(0.5, 60.0, 2, tr(" V"), fields_);
    form->addRow(tr("Nominal voltage:"), voltage_);
    usable_ = spin(1.0, 100.0, 0, tr(" % usable"), fields_);
    form->addRow(tr("Usable:"), usable_);
    selfDischarge_ = spin(0.0, 100.0, 2, tr(" %/year"), fields_);
    form->addRow(tr("Self-discharge:"), selfDischarge_);
    regulator_ = new QComboBox(fields_);
    regulator_->addItem(tr("LDO (battery current = load current)"),
                        static_cast<int>(Regulator::Ldo));
    regulator_->addItem(tr("Buck converter"), static_cast<int>(Regulator::Buck));
    form->addRow(tr("Regulator:"), regulator_);
    efficiency_ = spin(1.0, 100.0, 0, tr(" % efficient"), fields_);
    form->addRow(tr("Efficiency:"), efficiency_);

    sleep_ = spin(0.0, 1e5, 2, tr(" uA"), fields_);
    sleepGiven_ = givenRow(form, tr("Sleep current:"),
                           tr("Off: the MCU's low-power figure from its datasheet"), sleep_);
    wakeUs_ = spin(0.0, 1e7, 0, tr(" us"), fields_);
    form->addRow(tr("Wake-up time:"), wakeUs_);
    wakeMa_ = spin(0.0, 1e4, 3, tr(" mA"), fields_);
    wakeGiven_ = givenRow(form, tr("Wake-up current:"),
                          tr("Off: the run current at the clock of each point"), wakeMa_);

    loads_ = new QTableWidget(0, LoadCols, fields_);
    loads_->setObjectName(QStringLiteral("deviceLoads"));
    loads_->setHorizontalHeaderLabels({tr("Load"), tr("When"), tr("k"), tr("Energy (mJ)"),
                                       tr("Current (mA)"), tr("Duration (ms)")});
    loads_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    loads_->horizontalHeader()->setStretchLastSection(true);
    loads_->verticalHeader()->hide();
    loads_->setToolTip(tr("Other loads: an energy per occurrence, or a current for a duration "
                          "(a constant load: its current only)"));
    loads_->setMinimumHeight(90);
    form->addRow(new QLabel(tr("Other loads (sensor, radio, board):"), fields_));
    form->addRow(loads_);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add load"), fields_);
    auto* remove = new QPushButton(tr("Remove load"), fields_);
    add->setObjectName(QStringLiteral("addLoad"));
    remove->setObjectName(QStringLiteral("removeLoad"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    form->addRow(buttons);
    assumptions_ = new QLabel(fields_);
    assumptions_->setWordWrap(true);
    assumptions_->setObjectName(QStringLiteral("deviceAssumptions"));
    form->addRow(assumptions_);
    outer->addWidget(fields_);
    outer->addStretch(1);

    connect(enabled_, &QCheckBox::toggled, this, [this](bool on) {
        push(on ? tr("Model the whole device") : tr("Stop modelling the device"));
    });
    connect(battery_, &QComboBox::currentIndexChanged, this, [this] {
        if (showing_)
            return;
        // A preset fills its figures in; Custom keeps the ones shown.
        if (const BatteryPreset* p =
                findBatteryPreset(battery_->currentData().toString().toStdString())) {
            showing_ = true;
            capacity_->setValue(p->battery.capacityMah);
            voltage_->setValue(p->battery.nominalV);
            usable_->setValue(100.0 * p->battery.usableFraction);
            selfDischarge_->setValue(p->battery.selfDischargePctPerYear);
            showing_ = false;
        }
        push(tr("Set battery"));
    });
    const auto onEdit = [this](const QString& what) {
        return [this, what] {
            if (!showing_)
                push(what);
        };
    };
    connect(period_, &QDoubleSpinBox::valueChanged, this, onEdit(tr("Set inference period")));
    for (QDoubleSpinBox* s : {capacity_, voltage_, usable_, selfDischarge_})
        connect(s, &QDoubleSpinBox::valueChanged, this, [this] {
            if (showing_)
                return;
            // An edited figure makes the battery a custom one.
            showing_ = true;
            battery_->setCurrentIndex(battery_->count() - 1);
            showing_ = false;
            push(tr("Set battery"));
        });
    connect(regulator_, &QComboBox::currentIndexChanged, this, onEdit(tr("Set regulator")));
    connect(efficiency_, &QDoubleSpinBox::valueChanged, this, onEdit(tr("Set regulator")));
    connect(sleepGiven_, &QCheckBox::toggled, this, onEdit(tr("Set sleep current")));
    connect(sleep_, &QDoubleSpinBox::valueChanged, this, onEdit(tr("Set sleep current")));
    connect(wakeUs_, &QDoubleSpinBox::valueChanged, this, onEdit(tr("Set wake-up")));
    connect(wakeGiven_, &QCheckBox::toggled, this, onEdit(tr("Set wake-up")));
    connect(wakeMa_, &QDoubleSpinBox::valueChanged, this, onEdit(tr("Set wake-up")));
    connect(loads_, &QTableWidget::cellChanged, this, onEdit(tr("Edit load")));
    connect(add, &QPushButton::clicked, this, &DevicePanel::addLoad);
    connect(remove, &QPushButton::clicked, this, &DevicePanel::removeLoad);
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if (kind == ProjectDocument::ChangeKind::Device ||
            kind == ProjectDocument::ChangeKind::Reset)
            showDocument();
    });
    showDocument();
    (new CommitBeforeUndo(this))->watch(this);
}

void DevicePanel::showDocument() {
    showing_ = true;
    const std::optional<DeviceModel>& device = document_->project().device;
    enabled_->setChecked(device.has_value());
    fields_->setEnabled(device.has_value());
    const DeviceModel d = device.value_or(DeviceModel{});
    period_->setValue(d.periodS);
    const Battery& b = d.supply.battery;
    int preset = battery_->findData(QString::fromStdString(b.preset));
    if (preset < 0 || !findBatteryPreset(b.preset) || findBatteryPreset(b.preset)->battery != b)
        preset = battery_->count() - 1; // custom, or a preset whose figures were edited
    battery_->setCurrentIndex(preset);
    capacity_->setValue(b.capacityMah);
    voltage_->setValue(b.nominalV);
    usable_->setValue(100.0 * b.usableFraction);
    selfDischarge_->setValue(b.selfDischargePctPerYear);
    regulator_->setCurrentIndex(regulator_->findData(static_cast<int>(d.supply.regulator)));
    efficiency_->setValue(100.0 * d.supply.efficiency);
    efficiency_->setEnabled(d.supply.regulator == Regulator::Buck);
    sleepGiven_->setChecked(d.sleepUa.has_value());
    sleep_->setEnabled(d.sleepUa.has_value());
    if (d.sleepUa)
        sleep_->setValue(*d.sleepUa);
    wakeUs_->setValue(d.wakeUs);
    wakeGiven_->setChecked(d.wakeMa.has_value());
    wakeMa_->setEnabled(d.wakeMa.has_value());
    if (d.wakeMa)
        wakeMa_->setValue(*d.wakeMa);

    loads_->setRowCount(static_cast<int>(d.loads.size()));
    for (int r = 0; r < static_cast<int>(d.loads.size()); ++r) {
        const DeviceLoad& l = d.loads[static_cast<std::size_t>(r)];
        loads_->setItem(r, NameCol, new QTableWidgetItem(QString::fromStdString(l.name)));
        auto* when = new QComboBox(loads_);
        for (LoadWhen w : {LoadWhen::PerInference, LoadWhen::EveryK, LoadWhen::Constant})
            when->addItem(loadWhenLabel(w), static_cast<int>(w));
        when->setCurrentIndex(when->findData(static_cast<int>(l.when)));
        connect(when, &QComboBox::currentIndexChanged, this, [this] {
            if (!showing_)
                push(tr("Edit load"));
        });
        loads_->setCellWidget(r, WhenCol, when);
        loads_->setItem(r, EveryKCol, new QTableWidgetItem(QString::number(l.everyK)));
        loads_->setItem(r, EnergyCol, new QTableWidgetItem(numberText(l.energyMj)));
        loads_->setItem(r, CurrentCol, new QTableWidgetItem(numberText(l.currentMa)));
        loads_->setItem(r, DurationCol, new QTableWidgetItem(numberText(l.durationMs)));
    }

    if (device) {
        QStringList notes;
        if (!d.sleepUa)
            notes << tr("sleep current from each MCU's datasheet low-power figure");
        if (!d.wakeMa)
            notes << tr("wake-up at the run current of the clock");
        if (d.wakeUs == 0.0)
            notes << tr("no wake-up time");
        if (const BatteryPreset* p = findBatteryPreset(b.preset); p && p->battery == b)
            notes << QString::fromStdString(p->assumptions);
        const auto problems = checkDeviceModel(d);
        QString text = tr("Assumptions: %1.").arg(notes.join(QStringLiteral("; ")));
        for (const DeviceFieldError& e : problems)
            text += QStringLiteral("<br><span style='color:#b00020'>%1: %2</span>")
                        .arg(QString::fromStdString(e.field).toHtmlEscaped(),
                             QString::fromStdString(e.message).toHtmlEscaped());
        assumptions_->setText(text);
    } else {
        assumptions_->clear();
    }
    showing_ = false;
}

DeviceModel DevicePanel::fromFields() const {
    DeviceModel d = document_->project().device.value_or(DeviceModel{});
    d.periodS = period_->value();
    Battery& b = d.supply.battery;
    b.preset = battery_->currentData().toString().toStdString();
    b.capacityMah = capacity_->value();
    b.nominalV = voltage_->value();
    b.usableFraction = usable_->value() / 100.0;
    b.selfDischargePctPerYear = selfDischarge_->value();
    d.supply.regulator = static_cast<Regulator>(regulator_->currentData().toInt());
    d.supply.efficiency = efficiency_->value() / 100.0;
    d.sleepUa = sleepGiven_->isChecked() ? std::optional<double>(sleep_->value()) : std::nullopt;
    d.wakeUs = wakeUs_->value();
    d.wakeMa = wakeGiven_->isChecked() ? std::optional<double>(wakeMa_->value()) : std::nullopt;
    d.loads.clear();
    for (int r = 0; r < loads_->rowCount(); ++r) {
        DeviceLoad l;
        if (const QTableWidgetItem* name = loads_->item(r, NameCol))
            l.name = name->text().trimmed().toStdString();
        if (const auto* when = qobject_cast<QComboBox*>(loads_->cellWidget(r, WhenCol)))
            l.when = static_cast<LoadWhen>(when->currentData().toInt());
        l.everyK = static_cast<int>(cellNumber(loads_, r, EveryKCol).value_or(1));
        l.energyMj = cellNumber(loads_, r, EnergyCol);
        l.currentMa = cellNumber(loads_, r, CurrentCol).value_or(0.0);
        l.durationMs = cellNumber(loads_, r, DurationCol).value_or(0.0);
        d.loads.push_back(std::move(l));
    }
    return d;
}

void DevicePanel::push(const QString& what) {
    if (showing_)
        return;
    std::optional<DeviceModel> next;
    if (enabled_->isChecked()) {
        next = fromFields();
        if (!document_->project().device) {
            // Switched on: the first preset, so the answer means something at once.
            const BatteryPreset& p = batteryPresets().front();
            next = DeviceModel{};
            next->supply.battery = p.battery;
        }
    }
    if (next == document_->project().device) {
        showDocument();
        return;
    }
    document_->undoStack()->push(new SetDeviceCommand(document_, next, what));
}

void DevicePanel::addLoad() {
    if (!document_->project().device)
        return;
    DeviceModel d = fromFields();
    DeviceLoad l;
    l.name = "sensor";
    l.when = LoadWhen::PerInference;
    l.currentMa = 1.0;
    l.durationMs = 10.0;
    d.loads.push_back(l);
    document_->undoStack()->push(new SetDeviceCommand(document_, d, tr("Add load")));
}

void DevicePanel::removeLoad() {
    if (!document_->project().device || loads_->rowCount() == 0)
        return;
    DeviceModel d = fromFields();
    const int row = loads_->currentRow() >= 0 ? loads_->currentRow() : loads_->rowCount() - 1;
    d.loads.erase(d.loads.begin() + row);
    document_->undoStack()->push(new SetDeviceCommand(document_, d, tr("Remove load")));
}

} // namespace zipcnn::gui
