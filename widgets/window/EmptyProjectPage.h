// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace zipcnn {
class Network;
}

namespace zipcnn::gui {

class FileActions;

/// What the window shows in place of the charts and the feasibility table while the network
/// has nothing to estimate (File > New gives a network with only its input): the ways to get
/// a network, each one click away, instead of curves that cost nothing.
class EmptyProjectPage : public QWidget {
    Q_OBJECT

public:
    EmptyProjectPage(FileActions* files, QWidget* parent = nullptr);

    /// True when `network` has no layer but inputs: there is nothing to estimate.
    static bool appliesTo(const Network& network);
};

} // namespace zipcnn::gui
