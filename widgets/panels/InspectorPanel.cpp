#include "panels/InspectorPanel.h"

#include "common/Formatting.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "document/RenameLayerCommand.h"
#include "document/SetLayerAttrsCommand.h"

#include <QCheckBox>
#include <QComboBox>
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
#include <cmath>

namespace zipcnn::gui {

namespace {

QString str(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

QString shapeText(const std::vector<std::int64_t>& dims) {
    QStringList parts;
    for (auto d : dims)
        parts << QString::number(d);
    return parts.join(QLatin1Char('x'));
}

/// "32x32x3", "32, 32, 3" or "32 32 3"; at most one -1 when `allowWildcard`.
std::optional<std::vector<std::int64_t>> parseShape(const QString& text, bool allowWildcard) {
    static const QRegularExpression sep(QStringLiteral("[x\u00d7,\\s]+"));
    std::vector<std::int64_t> dims;
    int wildcards = 0;
    for (const QString& part : text.split(sep, Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong v = part.toLongLong(&ok);
        if (!ok || v == 0 || v < -1 || (v == -1 && (!allowWildcard || ++wildcards > 1)))
            return std::nullopt;
        dims.push_back(v);
    }
    if (dims.empty())
        return std::nullopt;
    return dims;
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
    if (formLayout_->rowCount() == 0)
        formLayout_->addRow(new QLabel(tr("This kind of layer has no attributes."), form_));
}

void InspectorPanel::addAttributeEditors(const Layer& layer) {
    const LayerType t = layer.type;
    const bool conv = t == LayerType::Conv2D || t == LayerType::DepthwiseConv2D ||
                      t == LayerType::SeparableConv2D;
    const bool pool = t == LayerType::AveragePooling2D || t == LayerType::MaxPooling2D;

    if (t == LayerType::Input)
        addShape(
            tr("Input shape"), QStringLiteral("inputShape"), false,
            [](const LayerAttrs& a) { return a.inputShape.dims; },
            [](LayerAttrs& a, std::vector<std::int64_t> d) { a.inputShape = Shape(std::move(d)); },
            CommandId::InputShape);
    if (t == LayerType::Conv2D || t == LayerType::SeparableConv2D)
        addSpin(
            tr("Filters"), QStringLiteral("filters"), 1, 1 << 16,
            [](const LayerAttrs& a) { return a.filters; },
            [](LayerAttrs& a, int v) { a.filters = v; }, CommandId::Filters);
    if (t == LayerType::Dense) {
        addSpin(
            tr("Units"), QStringLiteral("units"), 1, 1 << 24,
            [](const LayerAttrs& a) { return a.units; }, [](LayerAttrs& a, int v) { a.units = v; },
            CommandId::Units);
        addSpin(
            tr("Deployed inputs"), QStringLiteral("inputUnits"), 0, 1 << 24,
            [](const LayerAttrs& a) { return a.inputUnits; },
            [](LayerAttrs& a, int v) { a.inputUnits = v; }, CommandId::InputUnits);
    }
    if (t == LayerType::DepthwiseConv2D || t == LayerType::SeparableConv2D)
        addSpin(
            tr("Depth multiplier"), QStringLiteral("depthMultiplier"), 1, 256,
            [](const LayerAttrs& a) { return a.depthMultiplier; },
            [](LayerAttrs& a, int v) { a.depthMultiplier = v; }, CommandId::DepthMultiplier);
    if (conv || pool) {
        addSize2(conv ? tr("Kernel") : tr("Pool size"), QStringLiteral("kernel"), 1, 256,
                 &LayerAttrs::kernel, CommandId::Kernel);
        addSize2(tr("Strides"), QStringLiteral("strides"), 1, 64, &LayerAttrs::strides,
                 CommandId::Strides);
    }
    if (conv)
        addSize2(tr("Dilation"), QStringLiteral("dilation"), 1, 64, &LayerAttrs::dilation,
                 CommandId::Dilation);
    if (conv || pool)
        addCombo(
            tr("Padding"), QStringLiteral("padding"),
            {str(paddingName(Padding::Valid)), str(paddingName(Padding::Same)),
             str(paddingName(Padding::Explicit))},
            [](const LayerAttrs& a) { return static_cast<int>(a.padding); },
            [](LayerAttrs& a, int i) { a.padding = static_cast<Padding>(i); }, CommandId::Padding);
    if (t == LayerType::ZeroPadding2D ||
        ((conv || pool) && layer.attrs.padding == Padding::Explicit)) {
        const std::pair<const char*, int Pad4::*> sides[] = {{"top", &Pad4::top},
                                                             {"bottom", &Pad4::bottom},
                                                             {"left", &Pad4::left},
                                                             {"right", &Pad4::right}};
        for (const auto& [side, member] : sides) {
            int Pad4::*m = member;
            addSpin(
                tr("Padding %1").arg(tr(side)), QStringLiteral("pads.") + QLatin1String(side), 0,
                1024, [m](const LayerAttrs& a) { return a.pads.*m; },
                [m](LayerAttrs& a, int v) { a.pads.*m = v; }, CommandId::Pads);
        }
    }
    if (t == LayerType::Conv2D)
        addSpin(
            tr("Groups"), QStringLiteral("groups"), 1, 1 << 16,
            [](const LayerAttrs& a) { return a.groups; },
            [](LayerAttrs& a, int v) { a.groups = v; }, CommandId::Groups);
    if (conv || t == LayerType::Dense)
        addCheck(tr("Use bias"), QStringLiteral("useBias"), &LayerAttrs::useBias,
                 CommandId::UseBias);
    if (hasFusedActivation(t) || t == LayerType::Activation) {
        QStringList names;
        for (ActivationKind a : allActivations())
            names << str(activationName(a));
        addCombo(
            tr("Activation"), QStringLiteral("activation"), names,
            [](const LayerAttrs& a) {
                const auto& all = allActivations();
                return static_cast<int>(std::find(all.begin(), all.end(), a.activation) -
                                        all.begin());
            },
            [](LayerAttrs& a, int i) { a.activation = allActivations().at(std::size_t(i)); },
            CommandId::Activation);
        if (layer.attrs.activation == ActivationKind::LeakyRelu)
            addDouble(tr("Leaky slope"), QStringLiteral("alpha"), 0.0, 1.0, 3, 0.01,
                      &LayerAttrs::alpha, CommandId::Alpha);
    }
    if (t == LayerType::BatchNormalization) {
        addCheck(tr("Center (beta)"), QStringLiteral("center"), &LayerAttrs::center,
                 CommandId::Center);
        addCheck(tr("Scale (gamma)"), QStringLiteral("scale"), &LayerAttrs::scale,
                 CommandId::Scale);
        addDouble(tr("Epsilon"), QStringLiteral("epsilon"), 1e-8, 1.0, 6, 1e-4,
                  &LayerAttrs::epsilon, CommandId::Epsilon);
    }
    if (t == LayerType::Concatenate)
        addSpin(
            tr("Axis"), QStringLiteral("axis"), -4, 4, [](const LayerAttrs& a) { return a.axis; },
            [](LayerAttrs& a, int v) { a.axis = v; }, CommandId::Axis);
    if (t == LayerType::Reshape)
        addShape(
            tr("Target shape"), QStringLiteral("targetShape"), true,
            [](const LayerAttrs& a) { return a.targetShape; },
            [](LayerAttrs& a, std::vector<std::int64_t> d) { a.targetShape = std::move(d); },
            CommandId::TargetShape);
    if (t == LayerType::UpSampling2D) {
        addSize2(tr("Factors"), QStringLiteral("upsample"), 1, 64, &LayerAttrs::upsample,
                 CommandId::Upsample);
        addCombo(
            tr("Interpolation"), QStringLiteral("interpolation"),
            {str(interpolationName(Interpolation::Nearest)),
             str(interpolationName(Interpolation::Bilinear))},
            [](const LayerAttrs& a) { return static_cast<int>(a.interpolation); },
            [](LayerAttrs& a, int i) { a.interpolation = static_cast<Interpolation>(i); },
            CommandId::Interpolation);
    }
    if (t == LayerType::Dropout)
        addRate(
            tr("Dropout rate"), QStringLiteral("rate"), false,
            [](const LayerAttrs& a) { return std::optional<double>(a.rate); },
            [](LayerAttrs& a, std::optional<double> r) { a.rate = r.value_or(0.0); }, 0.99,
            CommandId::DropoutRate);
    // Structured pruning removes filters of these kinds only (core/Pruning.h).
    if (t == LayerType::Conv2D || t == LayerType::SeparableConv2D)
        addRate(
            tr("Pruning rate"), QStringLiteral("pruneRate"), true,
            [](const LayerAttrs& a) { return a.pruneRate; },
            [](LayerAttrs& a, std::optional<double> r) { a.pruneRate = r; }, 0.95,
            CommandId::PruneRate);
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
                             std::function<int(const LayerAttrs&)> get,
                             std::function<void(LayerAttrs&, int)> set, CommandId field) {
    auto* spin = new QSpinBox(form_);
    spin->setObjectName(name);
    spin->setRange(min, max);
    // Typing "128" pushes one command on Enter, not three for 1, 12, 128.
    spin->setKeyboardTracking(false);
    formLayout_->addRow(label + QLatin1Char(':'), spin);
    editorNames_ << name;
    connect(spin, &QSpinBox::valueChanged, this,
            [this, set, field](int v) { pushAttrs(field, [&](LayerAttrs& a) { set(a, v); }); });
    bindings_.push_back({[spin, get](const Layer& l) { spin->setValue(get(l.attrs)); }});
}

void InspectorPanel::addSize2(const QString& label, const QString& name, int min, int max,
                              Size2 LayerAttrs::*member, CommandId field) {
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
    }
    h->addWidget(hs, 1);
    h->addWidget(new QLabel(QStringLiteral("\u00d7"), row));
    h->addWidget(ws, 1);
    formLayout_->addRow(label + QLatin1Char(':'), row);
    editorNames_ << hs->objectName() << ws->objectName();
    connect(hs, &QSpinBox::valueChanged, this, [this, member, field](int v) {
        pushAttrs(field, [&](LayerAttrs& a) { (a.*member).h = v; });
    });
    connect(ws, &QSpinBox::valueChanged, this, [this, member, field](int v) {
        pushAttrs(field, [&](LayerAttrs& a) { (a.*member).w = v; });
    });
    bindings_.push_back({[hs, ws, member](const Layer& l) {
        hs->setValue((l.attrs.*member).h);
        ws->setValue((l.attrs.*member).w);
    }});
}

void InspectorPanel::addDouble(const QString& label, const QString& name, double min, double max,
                               int decimals, double step, double LayerAttrs::*member,
                               CommandId field) {
    auto* spin = new QDoubleSpinBox(form_);
    spin->setObjectName(name);
    spin->setDecimals(decimals);
    spin->setRange(min, max);
    spin->setSingleStep(step);
    spin->setKeyboardTracking(false);
    formLayout_->addRow(label + QLatin1Char(':'), spin);
    editorNames_ << name;
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, member, field](double v) {
        pushAttrs(field, [&](LayerAttrs& a) { a.*member = v; });
    });
    bindings_.push_back({[spin, member](const Layer& l) { spin->setValue(l.attrs.*member); }});
}

void InspectorPanel::addCheck(const QString& label, const QString& name, bool LayerAttrs::*member,
                              CommandId field) {
    auto* box = new QCheckBox(form_);
    box->setObjectName(name);
    formLayout_->addRow(label + QLatin1Char(':'), box);
    editorNames_ << name;
    connect(box, &QCheckBox::toggled, this, [this, member, field](bool on) {
        pushAttrs(field, [&](LayerAttrs& a) { a.*member = on; });
    });
    bindings_.push_back({[box, member](const Layer& l) { box->setChecked(l.attrs.*member); }});
}

void InspectorPanel::addCombo(const QString& label, const QString& name, const QStringList& items,
                              std::function<int(const LayerAttrs&)> get,
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

void InspectorPanel::addShape(const QString& label, const QString& name, bool allowWildcard,
                              std::function<std::vector<std::int64_t>(const LayerAttrs&)> get,
                              std::function<void(LayerAttrs&, std::vector<std::int64_t>)> set,
                              CommandId field) {
    auto* edit = new QLineEdit(form_);
    edit->setObjectName(name);
    edit->setPlaceholderText(allowWildcard ? QStringLiteral("4x4x-1") : QStringLiteral("32x32x3"));
    formLayout_->addRow(label + QLatin1Char(':'), edit);
    editorNames_ << name;
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, set, get, allowWildcard, field] {
        const auto dims = parseShape(edit->text(), allowWildcard);
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
                             std::function<std::optional<double>(const LayerAttrs&)> get,
                             std::function<void(LayerAttrs&, std::optional<double>)> set,
                             double maxRate, CommandId field) {
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
    const int maxPercent = static_cast<int>(std::lround(maxRate * 100));
    slider->setRange(0, maxPercent);
    auto* spin = new QSpinBox(row);
    spin->setObjectName(name);
    spin->setRange(0, maxPercent);
    spin->setSuffix(QStringLiteral(" %"));
    spin->setKeyboardTracking(false);
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

void InspectorPanel::setLayerCosts(const std::vector<CostShare>& byLayer, const QString& context) {
    costs_ = byLayer;
    costContext_ = context;
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
