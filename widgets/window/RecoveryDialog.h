// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "document/AutosaveManager.h"

#include <functional>
#include <optional>

class QWidget;

namespace zipcnn::gui {

/// The start-up question about work a crashed explorer left in the recovery folder.
class RecoveryDialog {
public:
    enum class Choice {
        Recover, ///< open the autosaved project (modified, with its original file name)
        Discard, ///< delete the recovery file
        Later,   ///< keep it and ask again at the next start
    };
    /// Decides for one recovery file; tests inject one instead of the message box.
    using Decider = std::function<Choice(const RecoveryEntry&)>;

    /// Offers each orphaned recovery file (newest first) until one is recovered into
    /// `autosave`'s document. The decision comes from `decide` when given, else from
    /// `$ZIPCNN_RECOVERY` ("accept", "discard" or "later") when set, else from a message box.
    /// Returns true when a project was recovered.
    static bool offer(AutosaveManager* autosave, QWidget* parent, const Decider& decide = {},
                      const QString& dir = AutosaveManager::recoveryDir());

    /// "Recover unsaved work from 21 Nov 2026 22:40:01 (lenet5.zipcnn.json)?" with Recover,
    /// Discard and Later buttons.
    static Choice ask(QWidget* parent, const RecoveryEntry& entry);
    /// The question's text.
    static QString question(const RecoveryEntry& entry);
    /// The choice `$ZIPCNN_RECOVERY` forces, if any.
    static std::optional<Choice> choiceFromEnvironment();
};

} // namespace zipcnn::gui
