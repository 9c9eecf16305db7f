// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/ProjectDocument.h"
#include "explore/Exploration.h"
#include "io/McuCatalog.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <memory>

namespace zipcnn::gui {

/// Keeps an `Exploration` up to date with the document. Changes to the network or the variants
/// prepare the variants again on a worker thread (throttled: a burst of edits starts one job;
/// each job carries a generation number and a result older than the latest request is dropped),
/// so editing never blocks the window. Changes to the constraints or the candidate MCUs only
/// sweep the prepared variants again, on the GUI thread: that takes well under a millisecond,
/// so a slider moves the charts in the same frame.
class ExplorationEngine : public QObject {
    Q_OBJECT

public:
    ExplorationEngine(ProjectDocument* document, Catalogs catalogs, QObject* parent = nullptr);
    ~ExplorationEngine() override;

    /// The thesis's measured LUTs.
    const McuCatalog& catalog() const { return catalogs_->luts; }
    /// The LUTs, the MCU catalogue and the runtime profiles the targets resolve against.
    const Catalogs& catalogs() const { return *catalogs_; }
    /// Replaces the catalogues (the user added an MCU or a calibration) and prepares the
    /// variants again; `catalogsChanged` tells the views that hold targets to take the new ones.
    void reloadCatalogs(Catalogs catalogs);
    /// The latest exploration; never null (empty before the first one is ready).
    std::shared_ptr<const Exploration> current() const { return current_; }
    /// True while variants are being prepared for a newer state of the project.
    bool isBusy() const { return requested_ != adopted_; }
    /// Delay between an edit and the start of the preparation it triggers.
    void setThrottleMs(int ms) { throttle_.setInterval(ms); }
    /// Blocks until no preparation is pending and its result is adopted (tests, screenshots).
    void waitUntilIdle();

signals:
    /// A new exploration is current.
    void updated();
    /// Preparation started (true) or its result arrived (false).
    void busyChanged(bool busy);
    /// `catalogs()` is a new object: the targets of the old one must not be used any more.
    void catalogsChanged();

private:
    void onDocumentChanged(ProjectDocument::ChangeKind kind);
    void startPreparation();
    void adopt(int generation, std::shared_ptr<const std::vector<CostVariant>> variants,
               std::vector<VariantSpec> specs);
    void resweep(std::shared_ptr<const std::vector<CostVariant>> variants,
                 std::vector<VariantSpec> specs);

    ProjectDocument* document_;
    std::unique_ptr<Catalogs> catalogs_;
    /// Catalogues replaced by reloadCatalogs: the current exploration and the views still point
    /// into them until the next one is adopted, so they live as long as the engine (an MCU is
    /// added a few times a session at most).
    std::vector<std::unique_ptr<Catalogs>> retired_;
    std::vector<const RuntimeProfile*> runtimes_; ///< every kernel-class runtime of catalogs_
    std::shared_ptr<const Exploration> current_;
    QTimer throttle_;
    QThreadPool pool_;
    int requested_ = 0; ///< generation of the latest preparation asked for
    int adopted_ = 0;   ///< generation of the latest preparation adopted
    int generation_ = 0;
};

} // namespace zipcnn::gui
