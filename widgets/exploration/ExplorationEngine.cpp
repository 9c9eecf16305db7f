// SPDX-License-Identifier: GPL-3.0-or-later
#include "exploration/ExplorationEngine.h"

#include "explore/ProjectVariants.h"

#include <QCoreApplication>
#include <QEventLoop>

namespace zipcnn::gui {

namespace {

/// Takes from `project` what only changes how variants are shown (visibility, accuracy), for
/// the variants that are still the ones `specs` was prepared for.
void takeDisplayFields(std::vector<VariantSpec>& specs, const std::vector<VariantSpec>& project) {
    if (specs.size() != project.size())
        return;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const VariantSpec& p = project[i];
        VariantSpec& s = specs[i];
        if (s.name == p.name && s.dtype == p.dtype && s.prune == p.prune &&
            s.student == p.student) {
            s.visible = p.visible;
            s.accuracyPct = p.accuracyPct;
        }
    }
}

} // namespace

ExplorationEngine::ExplorationEngine(ProjectDocument* document, Catalogs catalogs, QObject* parent)
    : QObject(parent), document_(document),
      catalogs_(std::make_unique<Catalogs>(std::move(catalogs))),
      current_(std::make_shared<Exploration>()) {
    // Variants are lowered for every runtime profile, so that ticking a target under another
    // runtime only re-sweeps (a lowering costs a fraction of a preparation).
    for (const RuntimeProfile& r : catalogs_->runtimes.runtimes)
        if (!r.isThesisLut())
            runtimes_.push_back(&r);
    pool_.setMaxThreadCount(1);
    throttle_.setSingleShot(true);
    throttle_.setInterval(40);
    connect(&throttle_, &QTimer::timeout, this, &ExplorationEngine::startPreparation);
    connect(document_, &ProjectDocument::changed, this,
            [this](ProjectDocument::ChangeKind kind) { onDocumentChanged(kind); });
    // The first preparation runs at once: the window is usable before it ends.
    ++requested_;
    startPreparation();
}

ExplorationEngine::~ExplorationEngine() {
    // A job still running would post its result to a destroyed object.
    pool_.waitForDone();
}

void ExplorationEngine::onDocumentChanged(ProjectDocument::ChangeKind kind) {
    using Kind = ProjectDocument::ChangeKind;
    switch (kind) {
    case Kind::Reset:
    case Kind::Network:
    case Kind::Variants: {
        const bool wasBusy = isBusy();
        ++requested_;
        throttle_.start();
        if (!wasBusy)
            emit busyChanged(true);
        break;
    }
    case Kind::Targets:
    case Kind::Constraints:
    case Kind::Device:
        resweep(current_->variants, current_->specs);
        break;
    case Kind::VariantDisplay: {
        // Visibility and accuracy are read from the specs; the costs stay as they are.
        auto next = std::make_shared<Exploration>(*current_);
        takeDisplayFields(next->specs, document_->project().variants);
        next->generation = ++generation_;
        current_ = std::move(next);
        emit updated();
        break;
    }
    }
}

void ExplorationEngine::startPreparation() {
    const int generation = requested_;
    Project project = document_->project();
    std::string file = document_->filePath().toStdString();
    pool_.start([this, generation, project = std::move(project), file = std::move(file)] {
        auto variants = std::make_shared<const std::vector<CostVariant>>(
            prepareProjectVariants(project, file, runtimes_));
        std::vector<VariantSpec> specs = project.variants;
        QMetaObject::invokeMethod(
            this,
            [this, generation, variants = std::move(variants), specs = std::move(specs)] {
                adopt(generation, variants, specs);
            },
            Qt::QueuedConnection);
    });
}

void ExplorationEngine::adopt(int generation,
                              std::shared_ptr<const std::vector<CostVariant>> variants,
                              std::vector<VariantSpec> specs) {
    // A result for an older state of the project: a newer job is queued or running.
    if (generation != requested_)
        return;
    adopted_ = generation;
    resweep(std::move(variants), std::move(specs));
    emit busyChanged(false);
}

void ExplorationEngine::resweep(std::shared_ptr<const std::vector<CostVariant>> variants,
                                std::vector<VariantSpec> specs) {
    const Project& project = document_->project();
    // Visibility and accuracy may have changed since the variants were prepared.
    takeDisplayFields(specs, project.variants);
    auto next = exploreVariants(std::move(specs), std::move(variants),
                                resolveTargets(project.targets, *catalogs_), project.constraints,
                                ClockGrid::Explore, project.device);
    next->generation = ++generation_;
    current_ = std::move(next);
    emit updated();
}

void ExplorationEngine::reloadCatalogs(Catalogs catalogs) {
    // The job running lowers for the old runtimes: let it end (its result is then dropped).
    pool_.waitForDone();
    retired_.push_back(std::move(catalogs_));
    catalogs_ = std::make_unique<Catalogs>(std::move(catalogs));
    runtimes_.clear();
    for (const RuntimeProfile& r : catalogs_->runtimes.runtimes)
        if (!r.isThesisLut())
            runtimes_.push_back(&r);
    emit catalogsChanged();
    const bool wasBusy = isBusy();
    ++requested_;
    throttle_.stop();
    startPreparation();
    if (!wasBusy)
        emit busyChanged(true);
}

void ExplorationEngine::waitUntilIdle() {
    while (isBusy()) {
        if (throttle_.isActive()) {
            throttle_.stop();
            startPreparation();
        }
        pool_.waitForDone();
        QCoreApplication::sendPostedEvents(this);
    }
}

} // namespace zipcnn::gui
