// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/ProjectDocument.h"

#include "import/ImporterRegistry.h"
#include "import/OpenInput.h"
#include "io/ProjectJson.h"
#include "model/LayerCatalog.h"

#include <QFileInfo>
#include <QUndoStack>

namespace zipcnn::gui {

namespace {

/// The errors of a failed load, one per line; the core's messages already name the file and
/// the place, so they are shown as they are.
QString describeLoadFailure(const QString& path, const Diagnostics& diags) {
    QStringList lines;
    for (const auto& d : diags)
        if (d.severity == Severity::Error)
            lines << QString::fromStdString(d.toString());
    if (lines.isEmpty())
        lines << QObject::tr("%1: cannot be read as a project").arg(path);
    // A broken file can produce hundreds of errors; the first few say enough.
    constexpr int kMaxLines = 8;
    if (lines.size() > kMaxLines) {
        const auto more = lines.size() - kMaxLines;
        lines = lines.mid(0, kMaxLines);
        lines << QObject::tr("(and %1 more)").arg(more);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

ProjectDocument::ProjectDocument(QObject* parent)
    : QObject(parent), undoStack_(new QUndoStack(this)) {
    summary_ = NetworkSummary::compute(project_.network);
    connect(undoStack_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

ProjectDocument::~ProjectDocument() = default;

QString ProjectDocument::displayName() const {
    if (!filePath_.isEmpty())
        return QFileInfo(filePath_).fileName();
    if (!project_.name.empty())
        return QString::fromStdString(project_.name);
    return tr("Untitled");
}

bool ProjectDocument::isModified() const {
    return !undoStack_->isClean();
}

QString ProjectDocument::open(const QString& path) {
    return load(path, true);
}

QString ProjectDocument::openAsTemplate(const QString& path) {
    return load(path, false);
}

QString ProjectDocument::load(const QString& path, bool keepPath) {
    ProjectLoadResult loaded = loadProjectFile(path.toStdString());
    if (!loaded.project || hasErrors(loaded.diagnostics))
        return describeLoadFailure(path, loaded.diagnostics);
    reset(std::move(*loaded.project), keepPath ? QFileInfo(path).absoluteFilePath() : QString());
    return {};
}

QString ProjectDocument::openRecovered(const QString& recoveryPath, const QString& originalPath) {
    ProjectLoadResult loaded = loadProjectFile(recoveryPath.toStdString());
    if (!loaded.project || hasErrors(loaded.diagnostics))
        return describeLoadFailure(recoveryPath, loaded.diagnostics);
    reset(std::move(*loaded.project),
          originalPath.isEmpty() ? QString() : QFileInfo(originalPath).absoluteFilePath());
    // Not clean until saved: the recovered changes are in no file the user chose. An empty
    // stack with no clean index is never clean, and nothing can be undone past the recovery.
    undoStack_->resetClean();
    return {};
}

void ProjectDocument::reset(Project project, const QString& filePath) {
    modelFolder_.clear();
    resetKeepingModelFolder(std::move(project), filePath);
}

QString ProjectDocument::dialogFolder() const {
    if (!filePath_.isEmpty())
        return QFileInfo(filePath_).absolutePath();
    return modelFolder_;
}

void ProjectDocument::resetKeepingModelFolder(Project project, const QString& filePath) {
    project_ = std::move(project);
    summary_ = NetworkSummary::compute(project_.network);
    // The previous project's commands must not be undone on this one. clear() also makes the
    // stack clean and emits cleanChanged() when it was not.
    undoStack_->clear();
    setFilePath(filePath);
    emit changed(ChangeKind::Reset, {});
}

Project ProjectDocument::newProject(std::string name, Network network) {
    if (network.size() == 0) {
        Layer input;
        input.name = "input";
        input.type = LayerType::Input;
        input.attrs.inputShape = Shape{32, 32, 3};
        network.add(std::move(input));
    }
    // The same defaults as a network or model file opened anywhere (core, openInput).
    return defaultProject(std::move(name), std::move(network));
}

QString ProjectDocument::modelFileFilter() {
    return tr("Models (%1 *.json);;All files (*)")
        .arg(QString::fromStdString(builtinImporters().patternList()));
}

namespace {

/// The file at `path` read by the core (any input kind), with the user's import choices.
OpenedInput readInput(const QString& path, bool keepUnsupported,
                      const std::optional<std::vector<std::int64_t>>& inputShape) {
    ImportOptions options;
    options.keepUnsupported = keepUnsupported;
    options.inputShape = inputShape;
    return zipcnn::openInput(path.toStdString(), options);
}

} // namespace

ProjectDocument::ImportOutcome
ProjectDocument::openInput(const QString& path, bool keepUnsupported,
                           const std::optional<std::vector<std::int64_t>>& inputShape) {
    return adopt(path, readInput(path, keepUnsupported, inputShape), keepUnsupported);
}

ProjectDocument::ImportOutcome
ProjectDocument::importModel(const QString& path, bool keepUnsupported,
                             const std::optional<std::vector<std::int64_t>>& inputShape) {
    OpenedInput opened = readInput(path, keepUnsupported, inputShape);
    // Imported, a project file gives its network to a new project, like a network file.
    if (opened.kind == InputKind::Project && opened.project) {
        Network net = std::move(opened.project->network);
        std::string name = net.name();
        if (name.empty())
            name = QFileInfo(path).completeBaseName().toStdString();
        opened.project = defaultProject(std::move(name), std::move(net));
        opened.kind = InputKind::Network;
    }
    return adopt(path, std::move(opened), keepUnsupported);
}

ProjectDocument::ImportOutcome ProjectDocument::adopt(const QString& path, OpenedInput opened,
                                                      bool keepUnsupported) {
    ImportOutcome out;
    out.kind = opened.kind;
    QStringList warnings;
    for (const Diagnostic& d : opened.diagnostics)
        if (d.severity == Severity::Warning)
            warnings << QString::fromStdString(d.toString());
    if (!opened.ok()) {
        // Only unsupported layers stood in the way: the user may keep them as placeholders.
        out.unsupportedLayers =
            !keepUnsupported && opened.import && !opened.import->unsupported.empty();
        for (const Diagnostic& d : opened.diagnostics)
            out.inputSizeOpen = out.inputSizeOpen || d.code == "keras-dynamic-input-shape" ||
                                d.code == "onnx-dynamic-input-shape";
        out.error = describeLoadFailure(path, opened.diagnostics);
        return out;
    }
    if (opened.import && opened.import->storedParams >= 0)
        out.parameters = tr("%1 parameters in the graph, %2 stored in the file")
                             .arg(opened.import->graphParams)
                             .arg(opened.import->storedParams);
    out.warnings = warnings.join(QLatin1Char('\n'));
    // A project file is the document's file; any other input is a new, unsaved project.
    const bool isProject = opened.kind == InputKind::Project;
    // Set before the reset announces the new project, so views that follow it see the folder.
    modelFolder_ = isProject ? QString() : QFileInfo(path).absolutePath();
    resetKeepingModelFolder(std::move(*opened.project),
                            isProject ? QFileInfo(path).absoluteFilePath() : QString());
    return out;
}

QString ProjectDocument::save() {
    if (filePath_.isEmpty())
        return tr("The project has no file name yet; use Save As.");
    return saveAs(filePath_);
}

QString ProjectDocument::saveAs(const QString& path) {
    std::string error;
    if (!saveProjectFile(project_, path.toStdString(), &error)) {
        // The core's message starts with the path; say it once.
        QString cause = QString::fromStdString(error);
        const QString prefix = path + QStringLiteral(": ");
        if (cause.startsWith(prefix))
            cause = cause.mid(prefix.size());
        // The writer never touches the target before the final rename.
        const QString kept = QFileInfo::exists(path) ? tr("The file on disk was left as it was.")
                                                     : tr("Nothing was written.");
        return tr("Could not save %1: %2. %3").arg(path, cause, kept);
    }
    setFilePath(QFileInfo(path).absoluteFilePath());
    undoStack_->setClean();
    return {};
}

bool ProjectDocument::renameLayer(const QString& from, const QString& to) {
    if (to.trimmed().isEmpty())
        return false;
    if (!project_.network.rename(from.toStdString(), to.toStdString()))
        return false;
    networkChanged(to);
    return true;
}

namespace {

/// The attribute that is a kind's width in the catalogue: the filters of a convolution that has
/// them, the units of a dense layer.
std::optional<AttrField> widthField(LayerType type) {
    for (const LayerAttribute& a : layerKind(type).attributes)
        if (a.field == AttrField::Filters || a.field == AttrField::Units)
            return a.field;
    return std::nullopt;
}

} // namespace

bool ProjectDocument::setLayerWidth(const QString& layer, int width) {
    Layer* l = project_.network.find(layer.toStdString());
    const auto field = l ? widthField(l->type) : std::nullopt;
    if (!field || width < 1)
        return false;
    setAttributeNumber(l->attrs, *field, width);
    networkChanged(layer);
    return true;
}

std::optional<int> ProjectDocument::layerWidth(const Layer& layer) {
    if (const auto field = widthField(layer.type))
        return static_cast<int>(attributeNumber(layer.attrs, *field));
    return std::nullopt;
}

// --- exploration settings (targets, constraints, variants) ---

void ProjectDocument::setTargets(std::vector<TargetSpec> targets) {
    if (targets == project_.targets)
        return;
    project_.targets = std::move(targets);
    emit changed(ChangeKind::Targets, {});
}

void ProjectDocument::setConstraints(const Constraints& constraints) {
    if (constraints == project_.constraints)
        return;
    project_.constraints = constraints;
    emit changed(ChangeKind::Constraints, {});
}

void ProjectDocument::setDevice(const std::optional<DeviceModel>& device) {
    if (device == project_.device)
        return;
    project_.device = device;
    emit changed(ChangeKind::Device, {});
}

bool ProjectDocument::setVariant(std::size_t index, VariantSpec variant) {
    if (index >= project_.variants.size())
        return false;
    if (project_.variants[index] == variant)
        return true;
    // Showing, hiding or annotating a variant changes nothing the estimates depend on.
    const VariantSpec& old = project_.variants[index];
    const bool costChanged = old.dtype != variant.dtype || old.prune != variant.prune ||
                             old.student != variant.student || old.name != variant.name;
    project_.variants[index] = std::move(variant);
    emit changed(costChanged ? ChangeKind::Variants : ChangeKind::VariantDisplay, {});
    return true;
}

bool ProjectDocument::insertVariant(std::size_t index, VariantSpec variant) {
    if (index > project_.variants.size())
        return false;
    project_.variants.insert(project_.variants.begin() + static_cast<std::ptrdiff_t>(index),
                             std::move(variant));
    emit changed(ChangeKind::Variants, {});
    return true;
}

bool ProjectDocument::removeVariant(std::size_t index) {
    if (index >= project_.variants.size())
        return false;
    project_.variants.erase(project_.variants.begin() + static_cast<std::ptrdiff_t>(index));
    emit changed(ChangeKind::Variants, {});
    return true;
}

void ProjectDocument::setAccuracyMetric(std::string metric) {
    if (metric.empty())
        metric = kDefaultAccuracyMetric;
    if (metric == project_.accuracyMetric)
        return;
    project_.accuracyMetric = std::move(metric);
    emit changed(ChangeKind::VariantDisplay, {});
}

// --- end exploration settings ---

// --- network structure edits (graph editor) ---

bool ProjectDocument::setLayer(std::size_t index, Layer layer) {
    auto& layers = project_.network.layers();
    if (index >= layers.size() || layers[index].name != layer.name)
        return false;
    const QString name = QString::fromStdString(layer.name);
    layers[index] = std::move(layer);
    structureChanged(name);
    return true;
}

bool ProjectDocument::editLayer(const QString& name, const std::function<void(Layer&)>& edit) {
    const auto index = project_.network.indexOf(name.toStdString());
    if (!index)
        return false;
    Layer layer = project_.network.layers()[*index];
    edit(layer);
    return setLayer(*index, std::move(layer));
}

bool ProjectDocument::insertLayer(std::size_t index, Layer layer) {
    auto& layers = project_.network.layers();
    if (index > layers.size() || layer.name.empty() || project_.network.indexOf(layer.name))
        return false;
    const QString name = QString::fromStdString(layer.name);
    layers.insert(layers.begin() + static_cast<std::ptrdiff_t>(index), std::move(layer));
    structureChanged(name);
    return true;
}

bool ProjectDocument::removeLayerAt(std::size_t index) {
    if (index >= project_.network.size())
        return false;
    const std::string name = project_.network.layers()[index].name;
    project_.network.remove(name);
    structureChanged(QString::fromStdString(name));
    return true;
}

void ProjectDocument::structureChanged(const QString& layer) {
    if (batchDepth_ == 0) {
        networkChanged(layer);
        return;
    }
    // A batch reports its layer only when every edit of it concerned the same one.
    if (!batchChanged_)
        batchLayer_ = layer;
    else if (batchLayer_ != layer)
        batchManyLayers_ = true;
    batchChanged_ = true;
}

ProjectDocument::NetworkEditBatch::NetworkEditBatch(ProjectDocument* document)
    : document_(document) {
    if (document_->batchDepth_++ == 0) {
        document_->batchChanged_ = false;
        document_->batchManyLayers_ = false;
        document_->batchLayer_.clear();
    }
}

ProjectDocument::NetworkEditBatch::~NetworkEditBatch() {
    if (--document_->batchDepth_ > 0 || !document_->batchChanged_)
        return;
    document_->batchChanged_ = false;
    document_->networkChanged(document_->batchManyLayers_ ? QString() : document_->batchLayer_);
}

// --- end network structure edits ---

void ProjectDocument::networkChanged(const QString& layer) {
    summary_ = NetworkSummary::compute(project_.network);
    emit changed(ChangeKind::Network, layer);
}

void ProjectDocument::setFilePath(const QString& path) {
    if (path == filePath_)
        return;
    filePath_ = path;
    emit filePathChanged(filePath_);
}

QString ProjectDocument::ImportOutcome::importedText(const QString& shownPath) const {
    if (!warnings.isEmpty())
        return tr("Imported %1 with warnings: %2")
            .arg(shownPath,
                 parameters.isEmpty() ? warnings : parameters + QLatin1Char('\n') + warnings);
    return parameters.isEmpty() ? tr("Imported %1").arg(shownPath)
                                : tr("Imported %1 (%2)").arg(shownPath, parameters);
}

} // namespace zipcnn::gui
