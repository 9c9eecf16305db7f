#include "ProjectDocument.h"

#include "ProjectJson.h"

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

void ProjectDocument::reset(Project project, const QString& filePath) {
    project_ = std::move(project);
    summary_ = NetworkSummary::compute(project_.network);
    // The previous project's commands must not be undone on this one. clear() also makes the
    // stack clean and emits cleanChanged() when it was not.
    undoStack_->clear();
    setFilePath(filePath);
    emit changed(ChangeKind::Reset, {});
}

QString ProjectDocument::save() {
    if (filePath_.isEmpty())
        return tr("The project has no file name yet; use Save As.");
    return saveAs(filePath_);
}

QString ProjectDocument::saveAs(const QString& path) {
    std::string error;
    if (!saveProjectFile(project_, path.toStdString(), &error))
        return tr("Could not save %1: %2").arg(path, QString::fromStdString(error));
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

bool ProjectDocument::setLayerWidth(const QString& layer, int width) {
    Layer* l = project_.network.find(layer.toStdString());
    if (!l || !layerWidth(*l) || width < 1)
        return false;
    if (l->type == LayerType::Dense)
        l->attrs.units = width;
    else
        l->attrs.filters = width;
    networkChanged(layer);
    return true;
}

std::optional<int> ProjectDocument::layerWidth(const Layer& layer) {
    switch (layer.type) {
    case LayerType::Conv2D:
    case LayerType::SeparableConv2D:
        return layer.attrs.filters;
    case LayerType::Dense:
        return layer.attrs.units;
    default:
        return std::nullopt;
    }
}

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

} // namespace zipcnn::gui
