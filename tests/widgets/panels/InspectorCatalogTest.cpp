// SPDX-License-Identifier: GPL-3.0-or-later
// Walks the layer catalogue: every inspector editor spans the catalogue's range and shows its
// default, and a kind gets exactly the editors the catalogue lists.
#include "DocumentWithSelection.h"
#include "WidgetTestSupport.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "model/LayerCatalog.h"
#include "panels/InspectorPanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <cmath>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

/// A project whose network holds an input and two layers of `kind` with the catalogue's
/// defaults: "plain", and "shown" whose padding is explicit and activation leaky (the
/// conditions of the editors that are not always shown).
Project probeProject(const LayerKind& kind) {
    Project p = exampleProject("lenet5", "probe");
    Network net("probe");
    Layer input;
    input.name = "input";
    input.type = LayerType::Input;
    input.attrs.inputShape = Shape{32, 32, 3};
    net.add(input);
    for (const char* name : {"plain", "shown"}) {
        Layer l;
        l.name = name;
        l.type = kind.type;
        if (kind.type != LayerType::Input)
            l.inputs = {"input"};
        if (std::string(name) == "shown") {
            l.attrs.padding = Padding::Explicit;
            l.attrs.activation = ActivationKind::LeakyRelu;
        }
        net.add(l);
    }
    p.network = net;
    return p;
}

int percent(double rate) {
    return static_cast<int>(std::lround(rate * 100));
}

struct Probe : DocumentWithSelection {
    explicit Probe(const LayerKind& kind) { doc.reset(probeProject(kind)); }
    InspectorPanel panel{&doc, &selection};

    void select(const char* layer) {
        selection.setCurrentLayer(QString::fromLatin1(layer));
        // The previous form is deleted later: gone before its editors are looked up.
        QApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    }
    template <typename T> T* editor(const QString& name) {
        T* w = panel.findChild<T*>(name);
        EXPECT_NE(w, nullptr) << name.toStdString();
        return w;
    }
};

void expectSpin(Probe& p, const QString& name, const LayerAttribute& a) {
    QSpinBox* s = p.editor<QSpinBox>(name);
    if (!s)
        return;
    EXPECT_EQ(s->minimum(), a.intMin) << name.toStdString();
    EXPECT_EQ(s->maximum(), a.intMax) << name.toStdString();
    EXPECT_EQ(s->value(), static_cast<int>(a.defaultValue)) << name.toStdString();
}

/// Checks the editor(s) of one attribute; returns the object names they carry.
QStringList checkEditor(Probe& p, const LayerAttribute& a, bool plain) {
    const QString name = QString::fromUtf8(a.editor.data(), qsizetype(a.editor.size()));
    switch (a.type) {
    case AttrType::Int:
        expectSpin(p, name, a);
        return {name};
    case AttrType::Size2:
        expectSpin(p, name + ".h", a);
        expectSpin(p, name + ".w", a);
        return {name + ".h", name + ".w"};
    case AttrType::Pad4: {
        QStringList names;
        for (const char* side : {"top", "bottom", "left", "right"}) {
            names << name + "." + side;
            expectSpin(p, names.back(), a);
        }
        return names;
    }
    case AttrType::Bool:
        if (QCheckBox* c = p.editor<QCheckBox>(name)) {
            EXPECT_EQ(c->isChecked(), a.defaultValue != 0) << name.toStdString();
        }
        return {name};
    case AttrType::Real:
        if (QDoubleSpinBox* s = p.editor<QDoubleSpinBox>(name)) {
            EXPECT_DOUBLE_EQ(s->minimum(), a.min) << name.toStdString();
            EXPECT_DOUBLE_EQ(s->maximum(), a.max) << name.toStdString();
            EXPECT_DOUBLE_EQ(s->value(), a.defaultValue) << name.toStdString();
        }
        return {name};
    case AttrType::Rate: {
        // Whole percentages: [0, 1) is 0..99 %, [0, 0.95] is 0..95 %.
        const int lo = percent(a.min);
        const int hi = a.maxExclusive ? percent(a.max) - 1 : percent(a.max);
        if (QSpinBox* s = p.editor<QSpinBox>(name)) {
            EXPECT_EQ(s->minimum(), lo) << name.toStdString();
            EXPECT_EQ(s->maximum(), hi) << name.toStdString();
            EXPECT_EQ(s->value(), percent(a.defaultValue)) << name.toStdString();
        }
        if (QSlider* s = p.editor<QSlider>(name + ".slider")) {
            EXPECT_EQ(s->minimum(), lo) << name.toStdString();
            EXPECT_EQ(s->maximum(), hi) << name.toStdString();
            EXPECT_EQ(s->value(), percent(a.defaultValue)) << name.toStdString();
        }
        if (a.field == AttrField::PruneRate)
            return {name + ".own", name + ".slider", name};
        return {name + ".slider", name};
    }
    case AttrType::Choice:
        // The second layer's padding and activation are not the defaults.
        if (QComboBox* c = p.editor<QComboBox>(name); c && plain) {
            EXPECT_EQ(c->currentText().toStdString(), a.defaultText) << name.toStdString();
        }
        return {name};
    case AttrType::Dims:
        if (QLineEdit* e = p.editor<QLineEdit>(name)) {
            EXPECT_TRUE(e->text().isEmpty()) << name.toStdString();
            // Below the range: refused, the text shows what the layer keeps.
            e->setText(QString::number(a.intMin - 1));
            emit e->editingFinished();
            EXPECT_TRUE(e->text().isEmpty()) << name.toStdString();
            e->setText(QString::number(a.intMin));
            emit e->editingFinished();
            EXPECT_EQ(e->text(), QString::number(a.intMin)) << name.toStdString();
        }
        return {name};
    case AttrType::Text:
        break;
    }
    return {};
}

bool shownOnPlain(const LayerAttribute& a) {
    return a.shown == AttrShown::Always || a.shown == AttrShown::Prunable;
}

TEST(InspectorCatalog, EveryEditorSpansTheCataloguesRangeAndShowsItsDefault) {
    int editors = 0;
    for (const LayerKind& kind : layerCatalog()) {
        SCOPED_TRACE(std::string(kind.name));
        Probe p(kind);
        for (const char* layer : {"plain", "shown"}) {
            p.select(layer);
            const bool plain = std::string(layer) == "plain";
            QStringList expected;
            for (const LayerAttribute& a : allAttributes(kind)) {
                SCOPED_TRACE(std::string(a.key));
                const bool shown = a.shown != AttrShown::Never &&
                                   (a.shown != AttrShown::Prunable || kind.prunable) &&
                                   (!plain || shownOnPlain(a));
                if (!shown)
                    continue;
                // Each layer is checked on its own, before an edit of the Dims check.
                expected << checkEditor(p, a, plain);
                ++editors;
            }
            EXPECT_EQ(p.panel.editorNames(), expected) << layer;
        }
    }
    EXPECT_GE(editors, 60);
}

TEST(InspectorCatalog, FiltersGoPastTheOld65536) {
    Probe p(layerKind(LayerType::Conv2D));
    p.select("plain");
    QSpinBox* filters = p.editor<QSpinBox>(QStringLiteral("filters"));
    ASSERT_NE(filters, nullptr);
    filters->setValue(100000);
    EXPECT_EQ(p.doc.project().network.find("plain")->attrs.filters, 100000);
}

} // namespace
} // namespace zipcnn::gui::test
