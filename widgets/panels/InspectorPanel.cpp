// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/InspectorPanel.h"

#include "common/CommitBeforeUndo.h"
#include "common/Formatting.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "document/RenameLayerCommand.h"
#include "document/SetLayerAttrsCommand.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace zipcnn::gui {

namespace {

QString str(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString trLabel(std::string_view label) {
    return QCoreApplication::translate("LayerCatalog", std::string(label).c_str());
}

QString shapeText(const std::vector<std::int64_t>& dims) {
    QStringList parts;
    for (auto d : dims)
        parts << QString::number(d);
    return parts.join(QLatin1Char('x'));
}

/// "32x32x3", "32, 32, 3" or "32 32 3", each value within the attribute's range; a -1 (when the
/// range allows it) at most once.
std::optional<std::vector<std::int64_t>> parseShape(const QString& text,
                                                    const LayerAttribute& spec) {
    static const QRegularExpression sep(QStringLiteral("[x\u00d7,\\s]+"));
    std::vector<std::int64_t> dims;
    int wildcards = 0;
    for (const QString& part : text.split(sep, Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong v = part.toLongLong(&ok);
        if (!ok || v < spec.intMin || v > spec.intMax || (v == -1 && ++wildcards > 1))
            return std::nullopt;
        dims.push_back(v);
    }
    if (dims.empty())
        return std::nullopt;
    return dims;
}

/// The whole percentages within a Rate attribute's range: [0, 0.95] is 0..95 %, [0, 1) 0..99 %.
std::pair<int, int> percentRange(const LayerAttribute& spec) {
    const int lo = static_cast<int>(std::ceil(spec.min * 100 - 1e-9));
    const double top = spec.max * 100;
    int hi = static_cast<int>(std::floor(top + 1e-9));
    if (spec.maxExclusive && std::fabs(top - hi) < 1e-9)
        --hi;
    return {lo, hi};
}

bool isShown(const LayerAttribute& spec, const LayerKind& kind, const LayerAttrs& a) {
    switch (spec.shown) {
    case AttrShown::Always:
        return true;
    case AttrShown::Never:
        return false;
    case AttrShown::ExplicitPadding:
        return a.padding == Padding::Explicit;
    case AttrShown::LeakyRelu:
        return a.activation == ActivationKind::LeakyRelu;
    case AttrShown::Prunable:
        return kind.prunable;
    }
    return false;
}

QString energyText(double joules) {
    if (!std::isfinite(joules))
        return QStringLiteral("-");
    if (std::fabs(joules) >= 1e-3)
        return formatNumber(joules * 1e3) + QStringLiteral(" mJ");
    return formatNumber(joules * 1e6) + QStringLiteral(" \u00b5J");
}

QString percentText(double part, double total) {
    if (!(total > 0) || !std::isfinite(part))
        return QStringLiteral("-");
    return QStringLiteral("%1 %").arg(part / total * 100.0, 0, 'f', 1);
}

void fillForm(QFormLayout* form, const QList<QPair<QString, QString>>& rows) {
    while (form->rowCount() > 0)
        form->removeRow(0);
    for (const auto& [label, value] : rows) {
        auto* v = new QLabel(value);
        v->setWordWrap(true);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(label + QLatin1Char(':'), v);
    }
}

/// Lets a spin box shrink below the width of its largest value (2147483647 for the catalogue's
/// integer ranges), down to four digits: the inspector must fit its dock's width.
void letShrink(QAbstractSpinBox* spin) {
    spin->setMinimumWidth(spin->fontMetrics().horizontalAdvance(QStringLiteral("0000")) + 26);
}

} // namespace

InspectorPanel::InspectorPanel(ProjectDocument* document, LayerSelection* selection,
                               QWidget* parent)
    : QWidget(parent), document_(document), selection_(selection) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto* page = new QWidget;
    scroll->setWidget(page);
    auto* layout = new QVBoxLayout(page);

    title_ = new QLabel(page);
    title_->setTextFormat(Qt::RichText);
    layout->addWidget(title_);
    empty_ = new QLabel(tr("Select a layer in the graph or the table to see and edit it."), page);
    empty_->setWordWrap(true);
    layout->addWidget(empty_);

    content_ = new QWidget(page);
    auto* contentLayout = new QVBoxLayout(content_);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(content_);

    attrsBox_ = new QGroupBox(tr("Attributes"), content_);
    attrsHolder_ = new QVBoxLayout(attrsBox_);
    auto* nameRow = new QFormLayout;
    nameEdit_ = new QLineEdit(attrsBox_);
    nameEdit_->setObjectName(QStringLiteral("name"));
    nameRow->addRow(tr("Name:"), nameEdit_);
    attrsHolder_->addLayout(nameRow);
    contentLayout->addWidget(attrsBox_);
    connect(nameEdit_, &QLineEdit::editingFinished, this, &InspectorPanel::commitName);
    undoKeys_ = new CommitBeforeUndo(this);
    undoKeys_->watch(nameEdit_);

    auto* infoBox = new QGroupBox(tr("Analysis"), content_);
    infoLayout_ = new QFormLayout(infoBox);
    contentLayout->addWidget(infoBox);
    problems_ = new QLabel(content_);
    problems_->setWordWrap(true);
    problems_->setTextFormat(Qt::RichText);
    contentLayout->addWidget(problems_);

    costBox_ = new QGroupBox(tr("Cost"), content_);
    costLayout_ = new QFormLayout(costBox_);
    contentLayout->addWidget(costBox_);
    layout->addStretch(1);

    connect(document_, &ProjectDocument::changed, this,
            [this](ProjectDocument::ChangeKind kind, const QString&) {
                using Kind = ProjectDocument::ChangeKind;
                if (kind == Kind::Reset || kind == Kind::Network)
                    refresh();
            });
    connect(selection_, &LayerSelection::currentLayerChanged, this, &InspectorPanel::refresh);
    refresh();
}

const Layer* InspectorPanel::currentLayer() const {
    return document_->project().network.find(selection_->currentLayer().toStdString());
}

QString InspectorPanel::formSignature() const {
    const Layer* l = currentLayer();
    if (!l)
        return {};
    // What decides which editors exist; anything else is a value to refresh.
    const auto index = document_->project().network.indexOf(l->name);
    return QStringLiteral("%1/%2/%3/%4")
        .arg(index ? qint64(*index) : -1)
        .arg(int(l->type))
        .arg(l->attrs.padding == Padding::Explicit)
        .arg(l->attrs.activation == ActivationKind::LeakyRelu);
}

void InspectorPanel::refresh() {
    const QString signature = formSignature();
    if (signature != signature_) {
        signature_ = signature;
        rebuild();
    }
    refreshValues();
    refreshInfo();
    refreshCost();
}

void InspectorPanel::rebuild() {
    bindings_.clear();
    editorNames_.clear();
    if (form_) {
        // The edit that changed the form may come from one of its editors, still on the stack.
        form_->hide();
        form_->deleteLater();
        form_ = nullptr;
        formLayout_ = nullptr;
    }
    const Layer* l = currentLayer();
    empty_->setVisible(!l);
    content_->setVisible(l != nullptr);
    if (!l) {
        title_->clear();
        return;
    }
    form_ = new QWidget(attrsBox_);
    formLayout_ = new QFormLayout(form_);
    formLayout_->setContentsMargins(0, 0, 0, 0);
    attrsHolder_->addWidget(form_);
    addAttributeEditors(*l);
    undoKeys_->watch(form_);
    if (formLayout_->rowCount() == 0)
        formLayout_->addRow(new QLabel(tr("This kind of layer has no attributes."), form_));
}

void InspectorPanel::addAttributeEditors(const Layer& layer) {
    // Which editors a kind has, their order, ranges and labels: the catalogue's.
    const LayerKind& kind = layerKind(layer.type);
    for (const LayerAttribute& spec : allAttributes(kind))
        if (isShown(spec, kind, layer.attrs))
            addEditor(spec);
}

void InspectorPanel::addEditor(const LayerAttribute& spec) {
    const QString label = trLabel(spec.label);
    const QString name = str(spec.editor);
    const AttrField field = spec.field;
    const CommandId id = attributeCommandId(field);
    // QSpinBox holds an int: the catalogue's integer ranges fit (kMaxAttrInt).
    const int min = static_cast<int>(spec.intMin);
    const int max = static_cast<int>(spec.intMax);
    switch (spec.type) {
    case AttrType::Int:
        addSpin(
            label, name, min, max,
            [field](const LayerAttrs& a) { return static_cast<int>(attributeNumber(a, field)); },
            [field](LayerAttrs& a, int v) { setAttributeNumber(a, field, v); }, id);
        return;
    case AttrType::Size2:
        addSize2(label, name, min, max, field, id);
        return;
    case AttrType::Pad4: {
        const char* const sides[] = {QT_TR_NOOP("top"), QT_TR_NOOP("bottom"), QT_TR_NOOP("left"),
                                     QT_TR_NOOP("right")};
        for (int i = 0; i < 4; ++i)
            addSpin(
                label + QLatin1Char(' ') + tr(sides[i]),
                name + QLatin1Char('.') + QLatin1String(sides[i]), min, max,
                [field, i](const LayerAttrs& a) {
                    return static_cast<int>(attributeNumber(a, field, i));
                },
                [field, i](LayerAttrs& a, int v) { setAttributeNumber(a, field, v, i); }, id);
        return;
    }
    case AttrType::Bool:
        addCheck(label, name, field, id);
        return;
    case AttrType::Real:
        // An epsilon needs more decimals than a slope.
        if (field == AttrField::Epsilon)
            addDouble(label, name, spec.min, spec.max, 6, 1e-4, field, id);
        else
            addDouble(label, name, spec.min, spec.max, 3, 0.01, field, id);
        return;
    case AttrType::Rate:
        if (field == AttrField::PruneRate)
            addRate(
                label, name, true, [](const LayerAttrs& a) { return a.pruneRate; },
                [](LayerAttrs& a, std::optional<double> r) { a.pruneRate = r; }, spec, id);
        else
            addRate(
                label, name, false,
                [field](const LayerAttrs& a) {
                    return std::optional<double>(attributeNumber(a, field));
                },
                [field](LayerAttrs& a, std::optional<double> r) {
                    setAttributeNumber(a, field, r.value_or(0.0));
                },
                spec, id);
        return;
    case AttrType::Choice:
        addChoice(label, name, field, id);
        return;
    case AttrType::Dims:
        addShape(label, name, spec, id);
        return;
    case AttrType::Text:
        return; // an importer's bookkeeping, not edited
    }
}

void InspectorPanel::addChoice(const QString& label, const QString& name, AttrField field,
                               CommandId id) {
    switch (field) {
    case AttrField::Padding:
        addCombo(
            label, name,
            {str(paddingName(Padding::Valid)), str(paddingName(Padding::Same)),
             str(paddingName(Padding::Explicit))},
            [](const LayerAttrs& a) { return static_cast<int>(a.padding); },
            [](LayerAttrs& a, int i) { a.padding = static_cast<Padding>(i); }, id);
        return;
    case AttrField::Activation: {
        QStringList names;
        for (ActivationKind a : allActivations())
            names << str(activationName(a));
        addCombo(
            label, name, names,
            [](const LayerAttrs& a) {
                const auto& all = allActivations();
                return static_cast<int>(std::find(all.begin(), all.end(), a.activation) -
                                        all.begin());
            },
            [](LayerAttrs& a, int i) { a.activation = allActivations().at(std::size_t(i)); }, id);
        return;
    }
    case AttrField::Interpolation:
        addCombo(
            label, name,
            {str(interpolationName(Interpolation::Nearest)),
             str(interpolationName(Interpolation::Bilinear))},
            [](const LayerAttrs& a) { return static_cast<int>(a.interpolation); },
            [](LayerAttrs& a, int i) { a.interpolation = static_cast<Interpolation>(i); }, id);
        return;
    default:
        return;
    }
}

void InspectorPanel::pushAttrs(CommandId field, const std::function<void(LayerAttrs&)>& edit) {
    if (refreshing_)
        return;
    const Layer* l = currentLayer();
    if (!l)
        return;
    LayerAttrs attrs = l->attrs;
    edit(attrs);
    if (attrs == l->attrs)
        return;
    document_->undoStack()->push(
        new SetLayerAttrsCommand(document_, str(l->name), std::move(attrs), field));
}

void InspectorPanel::commitName() {
    const Layer* l = currentLayer();
    if (!l || refreshing_)
        return;
    const QString from = str(l->name);
    const QString to = nameEdit_->text().trimmed();
    if (to == from)
        return;
    if (to.isEmpty() || document_->project().network.indexOf(to.toStdString())) {
        // An empty or taken name is refused; the field shows the name the layer keeps.
        nameEdit_->setText(from);
        return;
    }
    document_->undoStack()->push(new RenameLayerCommand(document_, from, to));
}

void InspectorPanel::addSpin(const QString& label, const QString& name, int min, int max,
                             const std::function<int(const LayerAttrs&)>& get,
                             std::function<void(LayerAttrs&, int)> set, CommandId field) {
    auto* spin = new QSpinBox(form_);
    spin->setObjectName(name);
    spin->setRange(min, max);
    letShrink(spin);
    // Typing "128" pushes one command on Enter, not three for 1, 12, 128.
    spin->setKeyboardTracking(false);
    formLayout_->addRow(label + QLatin1Char(':'), spin);
    editorNames_ << name;
    connect(spin, &QSpinBox::valueChanged, this,
            [this, set, field](int v) { pushAttrs(field, [&](LayerAttrs& a) { set(a, v); }); });
    bindings_.push_back({[spin, get](const Layer& l) { spin->setValue(get(l.attrs)); }});
}

void InspectorPanel::addSize2(const QString& label, const QString& name, int min, int max,
                              AttrField member, CommandId field) {
    auto* row = new QWidget(form_);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto* hs = new QSpinBox(row);
    auto* ws = new QSpinBox(row);
    hs->setObjectName(name + QStringLiteral(".h"));
    ws->setObjectName(name + QStringLiteral(".w"));
    for (QSpinBox* s : {hs, ws}) {
        s->setRange(min, max);
        s->setKeyboardTracking(false);
        letShrink(s);
    }
    h->addWidget(hs, 1);
    h->addWidget(new QLabel(QStringLiteral("\u00d7"), row));
    h->addWidget(ws, 1);
    formLayout_->addRow(label + QLatin1Char(':'), row);
    editorNames_ << hs->objectName() << ws->objectName();
    connect(hs, &QSpinBox::valueChanged, this, [this, member, field](int v) {
        pushAttrs(field, [&](LayerAttrs& a) { setAttributeNumber(a, member, v, 0); });
    });
    connect(ws, &QSpinBox::valueChanged, this, [this, member, field](int v) {
        pushAttrs(field, [&](LayerAttrs& a) { setAttributeNumber(a, member, v, 1); });
    });
    bindings_.push_back({[hs, ws, member](const Layer& l) {
        hs->setValue(static_cast<int>(attributeNumber(l.attrs, member, 0)));
        ws->setValue(static_cast<int>(attributeNumber(l.attrs, member, 1)));
    }});
}

void InspectorPanel::addDouble(const QString& label, const QString& name, double min, double max,
                               int decimals, double step, AttrField member, CommandId field) {
    auto* spin = new QDoubleSpinBox(form_);
    spin->setObjectName(name);
    spin->setDecimals(decimals);
    spin->setRange(min, max);
    spin->setSingleStep(step);
    spin->setKeyboardTracking(false);
    letShrink(spin);
    formLayout_->addRow(label + QLatin1Char(':'), spin);
    editorNames_ << name;
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, member, field](double v) {
        pushAttrs(field, [&](LayerAttrs& a) { setAttributeNumber(a, member, v); });
    });
    bindings_.push_back(
        {[spin, member](const Layer& l) { spin->setValue(attributeNumber(l.attrs, member)); }});
}

void InspectorPanel::addCheck(const QString& label, const QString& name, AttrField member,
                              CommandId field) {
    auto* box = new QCheckBox(form_);
    box->setObjectName(name);
    formLayout_->addRow(label + QLatin1Char(':'), box);
    editorNames_ << name;
    connect(box, &QCheckBox::toggled, this, [this, member, field](bool on) {
        pushAttrs(field, [&](LayerAttrs& a) { setAttributeNumber(a, member, on ? 1 : 0); });
    });
    bindings_.push_back({[box, member](const Layer& l) {
        box->setChecked(attributeNumber(l.attrs, member) != 0);
    }});
}

void InspectorPanel::addCombo(const QString& label, const QString& name, const QStringList& items,
                              const std::function<int(const LayerAttrs&)>& get,
                              std::function<void(LayerAttrs&, int)> set, CommandId field) {
    auto* combo = new QComboBox(form_);
    combo->setObjectName(name);
    combo->addItems(items);
    formLayout_->addRow(label + QLatin1Char(':'), combo);
    editorNames_ << name;
    connect(combo, &QComboBox::currentIndexChanged, this, [this, set, field](int i) {
        if (i >= 0)
            pushAttrs(field, [&](LayerAttrs& a) { set(a, i); });
    });
    bindings_.push_back({[combo, get](const Layer& l) { combo->setCurrentIndex(get(l.attrs)); }});
}

void InspectorPanel::addShape(const QString& label, const QString& name, const LayerAttribute& spec,
                              CommandId field) {
    const AttrField member = spec.field;
    auto get = [member](const LayerAttrs& a) -> std::vector<std::int64_t> {
        if (member == AttrField::InputShape)
            return a.inputShape.dims;
        if (member == AttrField::OutputShape)
            return a.outputShape.dims;
        return a.targetShape;
    };
    auto set = [member](LayerAttrs& a, std::vector<std::int64_t> d) {
        if (member == AttrField::InputShape)
            a.inputShape = Shape(std::move(d));
        else if (member == AttrField::OutputShape)
            a.outputShape = Shape(std::move(d));
        else
            a.targetShape = std::move(d);
    };
    auto* edit = new QLineEdit(form_);
    edit->setObjectName(name);
    edit->setPlaceholderText(spec.intMin < 0 ? QStringLiteral("4x4x-1")
                                             : QStringLiteral("32x32x3"));
    formLayout_->addRow(label + QLatin1Char(':'), edit);
    editorNames_ << name;
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, set, get, spec, field] {
        const auto dims = parseShape(edit->text(), spec);
        if (!dims) {
            // Not a shape: show the one the layer keeps.
            if (const Layer* l = currentLayer())
                edit->setText(shapeText(get(l->attrs)));
            return;
        }
        pushAttrs(field, [&](LayerAttrs& a) { set(a, *dims); });
    });
    bindings_.push_back({[edit, get](const Layer& l) {
        if (!edit->hasFocus())
            edit->setText(shapeText(get(l.attrs)));
    }});
}

void InspectorPanel::addRate(const QString& label, const QString& name, bool optional,
                             const std::function<std::optional<double>(const LayerAttrs&)>& get,
                             std::function<void(LayerAttrs&, std::optional<double>)> set,
                             const LayerAttribute& spec, CommandId field) {
    auto* row = new QWidget(form_);
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    QCheckBox* own = nullptr;
    if (optional) {
        own = new QCheckBox(tr("own"), row);
        own->setObjectName(name + QStringLiteral(".own"));
        own->setToolTip(tr("Checked: this layer's own rate. Unchecked: the variant's global "
                           "rate applies."));
        h->addWidget(own);
        editorNames_ << own->objectName();
    }
    auto* slider = new QSlider(Qt::Horizontal, row);
    slider->setObjectName(name + QStringLiteral(".slider"));
    const auto [minPercent, maxPercent] = percentRange(spec);
    slider->setRange(minPercent, maxPercent);
    auto* spin = new QSpinBox(row);
    spin->setObjectName(name);
    spin->setRange(minPercent, maxPercent);
    spin->setSuffix(QStringLiteral(" %"));
    spin->setKeyboardTracking(false);
    letShrink(spin);
    slider->setMinimumWidth(40);
    h->addWidget(slider, 1);
    h->addWidget(spin);
    formLayout_->addRow(label + QLatin1Char(':'), row);
    editorNames_ << slider->objectName() << spin->objectName();

    auto setPercent = [this, set, field](int percent) {
        pushAttrs(field, [&](LayerAttrs& a) { set(a, percent / 100.0); });
    };
    connect(slider, &QSlider::valueChanged, this, setPercent);
    connect(spin, &QSpinBox::valueChanged, this, setPercent);
    if (own)
        connect(own, &QCheckBox::toggled, this, [this, set, field, spin](bool on) {
            pushAttrs(field, [&](LayerAttrs& a) {
                set(a, on ? std::optional<double>(spin->value() / 100.0) : std::nullopt);
            });
        });
    bindings_.push_back({[own, slider, spin, get](const Layer& l) {
        const std::optional<double> r = get(l.attrs);
        const int percent = r ? static_cast<int>(std::lround(*r * 100)) : 0;
        if (own)
            own->setChecked(r.has_value());
        slider->setEnabled(!own || r.has_value());
        spin->setEnabled(!own || r.has_value());
        slider->setValue(percent);
        spin->setValue(percent);
    }});
}

void InspectorPanel::refreshValues() {
    const Layer* l = currentLayer();
    if (!l)
        return;
    refreshing_ = true;
    title_->setText(QStringLiteral("<b>%1</b> &mdash; %2")
                        .arg(str(l->name).toHtmlEscaped(), str(layerTypeName(l->type))));
    if (!nameEdit_->hasFocus())
        nameEdit_->setText(str(l->name));
    // Blocking every editor's signals keeps a refresh from pushing commands.
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    if (form_)
        for (QWidget* w : form_->findChildren<QWidget*>())
            blockers.push_back(std::make_unique<QSignalBlocker>(w));
    for (const Binding& b : bindings_)
        b.refresh(*l);
    refreshing_ = false;
}

void InspectorPanel::refreshInfo() {
    infoRows_.clear();
    problems_->clear();
    const Layer* l = currentLayer();
    if (!l) {
        fillForm(infoLayout_, infoRows_);
        return;
    }
    const Network& net = document_->project().network;
    const NetworkSummary& s = document_->summary();
    const std::size_t i = *net.indexOf(l->name);
    const LayerInfo* info = i < s.analysis.layers.size() ? &s.analysis.layers[i] : nullptr;
    const bool known = info && info->shapeKnown;

    QStringList inputs;
    for (std::size_t k = 0; k < l->inputs.size(); ++k) {
        QString in = str(l->inputs[k]);
        if (info && k < info->inputShapes.size() && !info->inputShapes[k].empty())
            in += QStringLiteral(" (%1)").arg(str(info->inputShapes[k].toString()));
        inputs << in;
    }
    infoRows_ << qMakePair(tr("Type"), str(layerTypeName(l->type)));
    infoRows_ << qMakePair(tr("Inputs"), inputs.isEmpty() ? tr("none") : inputs.join(", "));
    infoRows_ << qMakePair(tr("Output"), known ? str(info->outputShape.toString()) : tr("unknown"));
    infoRows_ << qMakePair(tr("Parameters"), known ? formatCount(info->params) : tr("-"));
    infoRows_ << qMakePair(tr("MACs"), known ? formatCount(info->macs) : tr("-"));
    if (const auto& q = l->quantization) {
        // What a quantised model file said about the layer (read-only: the cost model uses
        // the variants' formats).
        QString text = q->weightBits > 0 ? tr("INT%1 weights, %2 %3 scale(s); ")
                                               .arg(q->weightBits)
                                               .arg(q->scales)
                                               .arg(str(quantSchemeName(q->scheme)))
                                         : QString();
        text += q->activationBits >= 32 ? tr("float activations")
                                        : tr("INT%1 activations").arg(q->activationBits);
        infoRows_ << qMakePair(tr("Quantisation"), text);
    }
    if (const RamRuleLayer* r = s.ramRuleOf(i))
        infoRows_ << qMakePair(tr("RAM (rule, FP32)"),
                               formatKib(r->bytes) +
                                   (s.ramPeakLayer() == i ? tr(", the peak") : QString()));
    const LayerPrimitives* p = s.primitivesOf(i);
    infoRows_ << qMakePair(tr("Primitives"),
                           p && !p->primitives.empty() ? formatPrimitives(*p) : tr("none"));
    fillForm(infoLayout_, infoRows_);

    QStringList problems;
    for (const auto& d : s.diagnostics) {
        if (d.layer != l->name || d.severity == Severity::Info)
            continue;
        const char* color = d.severity == Severity::Error ? "#c81e1e" : "#a06000";
        problems << QStringLiteral("<span style='color:%1'>%2: %3</span>")
                        .arg(QLatin1String(color), QLatin1String(severityName(d.severity)),
                             str(d.message).toHtmlEscaped());
    }
    problems_->setText(problems.join(QStringLiteral("<br>")));
    problems_->setVisible(!problems.isEmpty());
}

void InspectorPanel::setLayerCosts(const std::vector<CostShare>& byLayer, const QString& context,
                                   const QString& confidence) {
    costs_ = byLayer;
    costContext_ = context;
    costConfidence_ = confidence;
    refreshCost();
}

void InspectorPanel::refreshCost() {
    costRows_.clear();
    const Layer* l = currentLayer();
    costBox_->setVisible(l && !costs_.empty());
    if (!l || costs_.empty()) {
        fillForm(costLayout_, costRows_);
        return;
    }
    double totalMs = 0, totalJ = 0;
    const CostShare* mine = nullptr;
    for (const CostShare& c : costs_) {
        totalMs += c.latencyMs;
        totalJ += c.energyJ;
        if (c.name == l->name)
            mine = &c;
    }
    if (!costContext_.isEmpty())
        costRows_ << qMakePair(tr("Target"), costContext_);
    if (!costConfidence_.isEmpty())
        costRows_ << qMakePair(tr("Confidence"), costConfidence_);
    if (!mine) {
        costRows_ << qMakePair(tr("Latency"), tr("no cost (not a compute layer)"));
    } else {
        costRows_ << qMakePair(tr("Latency"),
                               QStringLiteral("%1 ms").arg(formatNumber(mine->latencyMs)));
        costRows_ << qMakePair(tr("Energy"), energyText(mine->energyJ));
        costRows_ << qMakePair(tr("Share"), tr("%1 of latency, %2 of energy")
                                                .arg(percentText(mine->latencyMs, totalMs),
                                                     percentText(mine->energyJ, totalJ)));
        costRows_ << qMakePair(tr("Cycles"),
                               formatCount(static_cast<qint64>(std::llround(mine->cycles))));
    }
    costRows_ << qMakePair(
        tr("Network total"),
        QStringLiteral("%1 ms, %2").arg(formatNumber(totalMs), energyText(totalJ)));
    fillForm(costLayout_, costRows_);
}

QStringList InspectorPanel::infoLines() const {
    QStringList lines;
    for (const auto& [label, value] : infoRows_)
        lines << label + QStringLiteral(": ") + value;
    for (const auto& [label, value] : costRows_)
        lines << label + QStringLiteral(": ") + value;
    return lines;
}

QStringList InspectorPanel::editorNames() const {
    return editorNames_;
}

} // namespace zipcnn::gui
