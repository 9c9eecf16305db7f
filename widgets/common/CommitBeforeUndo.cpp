// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/CommitBeforeUndo.h"

#include <QAbstractSpinBox>
#include <QKeyEvent>
#include <QLineEdit>

namespace zipcnn::gui {

void CommitBeforeUndo::watch(QWidget* root) {
    if (!root)
        return;
    const auto editors = [](QWidget* w) {
        return qobject_cast<QLineEdit*>(w) || qobject_cast<QAbstractSpinBox*>(w);
    };
    if (editors(root))
        root->installEventFilter(this);
    for (QWidget* w : root->findChildren<QWidget*>())
        // A spin box's inner line edit never has the focus itself: the box does.
        if (editors(w) && !qobject_cast<QAbstractSpinBox*>(w->parentWidget()))
            w->installEventFilter(this);
}

bool CommitBeforeUndo::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::ShortcutOverride)
        return false;
    auto* key = static_cast<QKeyEvent*>(event);
    if (!key->matches(QKeySequence::Undo) && !key->matches(QKeySequence::Redo))
        return false;
    auto* editor = qobject_cast<QWidget*>(watched);
    if (!editor)
        return false;
    // Losing the focus finishes the editing: a line edit emits editingFinished, a spin box
    // interprets its text. Its own undo never sees the key; the override left unaccepted, the
    // shortcut goes on to the window's action.
    editor->clearFocus();
    event->ignore();
    return true;
}

} // namespace zipcnn::gui
