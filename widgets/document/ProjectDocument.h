// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/NetworkSummary.h"
#include "import/OpenInput.h"
#include "model/Project.h"

#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

class QUndoStack;

namespace zipcnn::gui {

/// The open project as the GUI sees it: the project value, its undo stack, its file name and
/// clean state, and the MCU-independent summary of its network. Views never change the project
/// directly; they push undo commands, which call the mutators below, which announce every change
/// through `changed()`.
class ProjectDocument : public QObject {
    Q_OBJECT

public:
    /// What part of the project a change touched, so a view can skip work that does not concern
    /// it.
    enum class ChangeKind {
        Reset,          ///< a different project (open, new): everything may have changed
        Network,        ///< layers, their attributes or their names
        Targets,        ///< the candidate MCUs
        Constraints,    ///< the designer's limits
        Variants,       ///< the reduction variants (what they are: estimates change)
        VariantDisplay, ///< a variant shown or hidden, its accuracy or the accuracy metric:
                        ///< estimates unchanged
        Device,         ///< the application model (period, sleep, loads, battery)
    };
    Q_ENUM(ChangeKind)

    explicit ProjectDocument(QObject* parent = nullptr);
    ~ProjectDocument() override;

    const Project& project() const { return project_; }
    const NetworkSummary& summary() const { return summary_; }
    QUndoStack* undoStack() const { return undoStack_; }

    /// The file the project is saved to; empty for a project that has never been saved (a new
    /// project, or one opened as a template such as the bundled example).
    const QString& filePath() const { return filePath_; }
    /// Where file dialogs start: the project file's folder, else the folder of the model file
    /// the project was imported from; empty for a new project or a bundled example.
    QString dialogFolder() const;
    /// The file name without its folder, or the project's name when there is no file yet.
    QString displayName() const;
    /// True when there are changes since the last open or successful save.
    bool isModified() const;

    /// Replaces the project with the one in `path`. Returns an empty string on success, else a
    /// message naming the file and the cause; the current project is then left untouched.
    QString open(const QString& path);
    /// Like `open()`, but the document keeps no file name, so saving asks for one: used for the
    /// bundled example, whose file may be read-only or part of the source tree.
    QString openAsTemplate(const QString& path);
    /// What opening or importing a file gave.
    struct ImportOutcome {
        QString error;    ///< empty on success (the project was replaced)
        QString warnings; ///< what the user should know, one per line
        /// "116 parameters in the graph, 127 stored in the file" for a model file (information,
        /// not a warning); empty for a project or a network JSON.
        QString parameters;
        bool unsupportedLayers = false; ///< failed only because of layers the engine lacks
        bool inputSizeOpen = false;     ///< failed because the model leaves its input size open
        InputKind kind = InputKind::Unknown; ///< what the file was found to be (by content)
        /// The status-bar line after importing `shownPath`: "Imported F (parameters)", or
        /// "Imported F with warnings: ..." when there are warnings.
        QString importedText(const QString& shownPath) const;
    };
    /// Replaces the project with what `path` holds, whatever it is (`zipcnn::openInput` decides
    /// by content): a project file becomes the document's file; a network JSON or a model file
    /// becomes a new project with the default candidates and variants, with no file name (as
    /// `importModel`). The one way in of the command line, Open and drag-and-drop. On failure
    /// the current project is left untouched and `error` names the file and the cause.
    /// `inputShape` (batch first) sizes a model whose input size is open.
    ImportOutcome openInput(const QString& path, bool keepUnsupported = false,
                            const std::optional<std::vector<std::int64_t>>& inputShape = {});
    /// Replaces the project with a new one holding the model in `path` (a network JSON or any
    /// format of the importer registry), with the default candidates and variants. With
    /// `keepUnsupported`, layers the engine lacks stay in the graph, costed as zero and flagged.
    ImportOutcome importModel(const QString& path, bool keepUnsupported,
                              const std::optional<std::vector<std::int64_t>>& inputShape = {});
    /// A new project around `network`: the thesis's three MCUs, no limits but the reserves of the
    /// examples, and the default variants.
    static Project newProject(std::string name, Network network = {});
    /// File-dialog filter of the model files `importModel` reads.
    static QString modelFileFilter();

    /// Replaces the project with `project` (no file name, clean).
    void reset(Project project, const QString& filePath = {});
    /// Replaces the project with the autosaved one in `recoveryPath` (see AutosaveManager):
    /// the document takes `originalPath` as its file (empty when the project was untitled), so
    /// Save writes where the user last saved, and is marked modified, since that file does not
    /// hold the recovered changes. Returns an empty string on success, else a message naming
    /// the file and the cause; the current project is then left untouched.
    QString openRecovered(const QString& recoveryPath, const QString& originalPath);

    /// Saves to `filePath()` atomically. Returns an empty string on success, else a message
    /// naming the file and the cause (the operating system's reason); the document then stays
    /// modified and the file on disk is left as it was.
    QString save();
    /// Saves to `path` atomically and makes it the document's file on success.
    QString saveAs(const QString& path);

    // Mutators for undo commands. Each applies one change and emits `changed()`; views must go
    // through the undo stack instead of calling them.

    /// Renames a layer and every reference to it. Fails when `from` does not exist or `to` is
    /// empty or taken.
    bool renameLayer(const QString& from, const QString& to);
    /// Sets the width of a layer: filters of a convolution, units of a dense layer. Fails for a
    /// missing layer, a kind without a width or a width below 1.
    bool setLayerWidth(const QString& layer, int width);

    /// The width `setLayerWidth()` edits, or nullopt for layer kinds without one.
    static std::optional<int> layerWidth(const Layer& layer);

    // --- network structure edits (graph editor) ---

    /// Replaces the layer at `index` (type, inputs, attributes). The name must stay the same:
    /// `renameLayer()` renames, because it also updates the references. Fails for a bad index
    /// or a different name.
    bool setLayer(std::size_t index, Layer layer);
    /// Replaces the layer named `name` by what `edit` makes of a copy of it, as `setLayer()`
    /// (the name must stay). Fails when there is no such layer.
    bool editLayer(const QString& name, const std::function<void(Layer&)>& edit);
    /// Inserts `layer` before position `index` (`index == size` appends). Fails for an index
    /// past the end, an empty name or a name already taken.
    bool insertLayer(std::size_t index, Layer layer);
    /// Removes the layer at `index`; layers that consumed it lose that input
    /// (`Network::remove`). Fails for a bad index.
    bool removeLayerAt(std::size_t index);

    /// While at least one batch is open, the mutators above change the network without
    /// recomputing the summary or emitting `changed()`; closing the last batch does both once.
    /// Used by commands made of several edits, so views never see a half-done edit.
    class NetworkEditBatch {
    public:
        explicit NetworkEditBatch(ProjectDocument* document);
        ~NetworkEditBatch();
        NetworkEditBatch(const NetworkEditBatch&) = delete;
        NetworkEditBatch& operator=(const NetworkEditBatch&) = delete;

    private:
        ProjectDocument* document_;
    };

    // --- end network structure edits ---

    // --- exploration settings (targets, constraints, variants) ---
    /// Replaces the candidate MCUs (names from the catalogue, in the order given).
    void setTargets(std::vector<TargetSpec> targets);
    /// Replaces the designer's limits.
    void setConstraints(const Constraints& constraints);
    /// Replaces the application model (none: the inference alone, docs/device.md).
    void setDevice(const std::optional<DeviceModel>& device);
    /// Replaces the variant at `index`; fails for an index out of range.
    bool setVariant(std::size_t index, VariantSpec variant);
    /// Inserts a variant before `index` (at the end when `index` is the count).
    bool insertVariant(std::size_t index, VariantSpec variant);
    /// Removes the variant at `index`.
    bool removeVariant(std::size_t index);
    /// Records the cell the user studies, saved with the project. View state: no undo step, the
    /// document does not become modified and no change is announced.
    void setSavedFocus(std::optional<SavedFocus> focus) { project_.focus = std::move(focus); }
    /// Names what the variants' accuracies measure; an empty name means the default. Emits
    /// `VariantDisplay` (the estimates do not depend on it).
    void setAccuracyMetric(std::string metric);
    // --- end exploration settings ---

signals:
    /// Emitted after a change, once the summary has been recomputed. `layer` names the layer
    /// concerned, when a single one is.
    void changed(zipcnn::gui::ProjectDocument::ChangeKind kind, const QString& layer);
    /// Emitted when the document's file changes (open, save as).
    void filePathChanged(const QString& path);
    /// Emitted when the document becomes modified or clean again (edit, undo, save).
    void modifiedChanged(bool modified);

private:
    QString load(const QString& path, bool keepPath);
    ImportOutcome adopt(const QString& path, OpenedInput opened, bool keepUnsupported);
    void networkChanged(const QString& layer);
    void setFilePath(const QString& path);
    void resetKeepingModelFolder(Project project, const QString& filePath);

    // --- network structure edits (graph editor) ---
    void structureChanged(const QString& layer);
    int batchDepth_ = 0;
    bool batchChanged_ = false;
    bool batchManyLayers_ = false;
    QString batchLayer_;
    // --- end network structure edits ---

    Project project_;
    NetworkSummary summary_;
    QUndoStack* undoStack_ = nullptr;
    QString filePath_;
    QString modelFolder_; ///< the imported model file's folder (see dialogFolder())
};

} // namespace zipcnn::gui
