// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/ProjectDocument.h"

#include <QWidget>

class QLabel;

namespace zipcnn::gui {

/// The MCU-independent figures of the document's network, one line each: parameters, MACs,
/// Flash in FP32 and INT8, the thesis-rule RAM peak and its layer, the planner's arena peak,
/// and the problems the analysis found.
class SummaryPanel : public QWidget {
    Q_OBJECT

public:
    explicit SummaryPanel(ProjectDocument* document, QWidget* parent = nullptr);

    /// The text of each line, label first ("Parameters: 61,706"), for tests and reports.
    QStringList lines() const;

private:
    void refresh();

    ProjectDocument* document_;
    QList<QLabel*> names_;
    QList<QLabel*> values_;
};

} // namespace zipcnn::gui
