// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QWidget;

namespace zipcnn::gui {

/// Makes Ctrl+Z / Ctrl+Shift+Z in a field undo the project, not the field's own text.
///
/// A line edit or spin box takes the undo keys for itself, so after typing a value (committed
/// or not) Ctrl+Z did nothing to the project. Installed on such an editor, this filter commits
/// the pending edit (the editor loses focus, which finishes the editing) and lets the key reach
/// the window's Undo / Redo action: the edit just made is undone, and the field shows the
/// project's value again.
class CommitBeforeUndo : public QObject {
    Q_OBJECT

public:
    explicit CommitBeforeUndo(QObject* parent) : QObject(parent) {}

    /// Installs the filter on every line edit and spin box inside `root` (`root` included).
    void watch(QWidget* root);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace zipcnn::gui
