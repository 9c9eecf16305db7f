// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/EmptyProjectPage.h"

#include "model/Network.h"
#include "window/FileActions.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace zipcnn::gui {

namespace {

/// A button that triggers `action`, its shortcut written on it (the page teaches the keys).
QPushButton* buttonFor(QAction* action, const QString& text, QWidget* parent) {
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    auto* button = new QPushButton(
        keys.isEmpty() ? text : QStringLiteral("%1   (%2)").arg(text, keys), parent);
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    return button;
}

} // namespace

EmptyProjectPage::EmptyProjectPage(FileActions* files, QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("emptyProjectPage"));
    auto* outer = new QVBoxLayout(this);
    outer->addStretch(1);
    auto* title = new QLabel(tr("<h3>Nothing to estimate yet</h3>"), this);
    title->setAlignment(Qt::AlignHCenter);
    outer->addWidget(title);
    auto* text = new QLabel(
        tr("The network has only its input. Give it layers to see latency, energy, power, "
           "Flash and RAM on every candidate MCU:"),
        this);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignHCenter);
    outer->addWidget(text);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(
        buttonFor(files->importAction(), tr("Import a model file (Keras, TFLite, ONNX)..."), this));
    buttons->addWidget(buttonFor(files->openAction(), tr("Open a project..."), this));
    auto* zoo = new QPushButton(tr("Start from a built-in model"), this);
    zoo->setObjectName(QStringLiteral("zooButton"));
    zoo->setMenu(files->zooMenu());
    buttons->addWidget(zoo);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addLayout(buttons);
    row->addStretch(1);
    outer->addLayout(row);

    auto* graph = new QLabel(
        tr("or build the network in the graph: its \"Add layer\" button adds layers after the "
           "selected one."),
        this);
    graph->setWordWrap(true);
    graph->setAlignment(Qt::AlignHCenter);
    outer->addWidget(graph);
    outer->addStretch(2);
}

bool EmptyProjectPage::appliesTo(const Network& network) {
    return std::all_of(network.layers().begin(), network.layers().end(),
                       [](const Layer& l) { return l.type == LayerType::Input; });
}

} // namespace zipcnn::gui
