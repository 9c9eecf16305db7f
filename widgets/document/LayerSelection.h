// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <optional>

namespace zipcnn::gui {

class ProjectDocument;

/// The layer the user is looking at, shared by the views that show layers (graph editor,
/// inspector, layer table), so selecting in one selects in all. It follows the document: a
/// renamed layer stays selected under its new name, and the selection is cleared when the layer
/// disappears (deleted, undone, another project).
class LayerSelection : public QObject {
    Q_OBJECT

public:
    explicit LayerSelection(ProjectDocument* document, QObject* parent = nullptr);

    /// The selected layer's name; empty when none is.
    QString currentLayer() const { return current_; }
    /// The selected layer's index in `Network::layers()`, or nullopt.
    std::optional<std::size_t> currentIndex() const;

public slots:
    /// Selects `name` (empty clears). A name that is not a layer of the network clears too.
    void setCurrentLayer(const QString& name);

signals:
    void currentLayerChanged(const QString& name);

private:
    void documentChanged(int kind, const QString& layer);

    ProjectDocument* document_;
    QString current_;
    // Where the selected layer was, to recognise a rename: same place, same network size,
    // and the change names the layer now there.
    std::optional<std::size_t> index_;
    std::size_t networkSize_ = 0;
};

} // namespace zipcnn::gui
