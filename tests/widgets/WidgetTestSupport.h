// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the widget tests.

#include "model/ModelZoo.h"
#include "model/Project.h"

#include <QFile>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <ostream>
#include <string>

/// Lets GoogleTest print QStrings as text in failure messages (found by argument lookup).
inline void PrintTo(const QString& s, std::ostream* os) {
    *os << '"' << s.toStdString() << '"';
}

namespace zipcnn::gui::test {

/// A bundled example in the source tree ("lenet5.zipcnn.json").
inline QString examplePath(const QString& fileName) {
    return QStringLiteral(ZIPCNN_SOURCE_DIR "/resources/examples/") + fileName;
}

/// The project a bundled example must hold: a zoo network with the thesis's three MCUs under
/// thesis-c and the F746 under X-CUBE-AI 9, its constraints and the default variants (with the
/// thesis's accuracy where it published one for the same network).
inline Project exampleProject(const std::string& zooName, const std::string& projectName) {
    Project p;
    p.name = projectName;
    p.network = zooModel(zooName).value();
    p.targets = {{"STM32L496ZG", "thesis-c"},
                 {"STM32F446ZE", "thesis-c"},
                 {"STM32F746ZG", "thesis-c"},
                 {"STM32F746ZG", "x-cube-ai-9"}};
    if (zooName == "resnet26") {
        // The thesis scenario's application (docs/user-guide.md): an inference within 5 s,
        // 300 mJ and 100 mW; with a ResNet8 student only the low-power part meets them all.
        p.constraints.maxLatencyMs = 5000.0;
        p.constraints.maxEnergyMj = 300.0;
        p.constraints.maxPowerMw = 100.0;
    } else {
        // Within reach of the pruned variants on the two Cortex-M4 parts, not of FP32.
        p.constraints.maxLatencyMs = 250.0;
        p.constraints.maxEnergyMj = 5.0;
    }
    p.variants = defaultVariants();
    if (zooName == "lenet5") {
        // The thesis's published accuracy of this very network (sigmoid LeNet5, FP32): 97.86 %
        // top-1 on the 10,000 MNIST test images (section 4.2.2). Its INT8 and pruned figures
        // (section 4.4, Table 4.13) are of a ReLU LeNet5, another network: not entered.
        p.accuracyMetric = "top-1 % (MNIST)";
        p.variants[0].accuracyPct = 97.86;
    }
    p.constraints.ramReserveKib = 8.0;
    p.constraints.flashReserveKib = 32.0;
    return p;
}

inline QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// Collects Qt warnings while alive, so a test can assert that QAbstractItemModelTester (in
/// its Warning mode) found nothing, instead of aborting the whole run on the first problem.
class WarningCollector {
public:
    WarningCollector() {
        messages().clear();
        previous_ = qInstallMessageHandler(&WarningCollector::handle);
    }
    ~WarningCollector() { qInstallMessageHandler(previous_); }
    WarningCollector(const WarningCollector&) = delete;
    WarningCollector& operator=(const WarningCollector&) = delete;

    static QStringList& messages() {
        static QStringList list;
        return list;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& msg) {
        if (type != QtDebugMsg && type != QtInfoMsg)
            messages() << QString::fromLatin1(context.category ? context.category : "") +
                              QStringLiteral(": ") + msg;
    }

    QtMessageHandler previous_ = nullptr;
};

} // namespace zipcnn::gui::test
