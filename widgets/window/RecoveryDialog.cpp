// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/RecoveryDialog.h"

#include <QDir>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace zipcnn::gui {

bool RecoveryDialog::offer(AutosaveManager* autosave, QWidget* parent, const Decider& decide,
                           const QString& dir) {
    const std::optional<Choice> forced = choiceFromEnvironment();
    for (const RecoveryEntry& entry : AutosaveManager::orphans(dir)) {
        const Choice choice = decide ? decide(entry) : forced ? *forced : ask(parent, entry);
        if (choice == Choice::Discard) {
            AutosaveManager::discard(entry);
        } else if (choice == Choice::Recover) {
            const QString error = autosave->recover(entry);
            if (error.isEmpty())
                return true;
            // Kept, so the user may try again or discard it next time.
            if (!decide && !forced)
                QMessageBox::critical(parent, QObject::tr("Could not recover"), error);
        }
    }
    return false;
}

QString RecoveryDialog::question(const RecoveryEntry& entry) {
    const QDateTime local = entry.savedAt.toLocalTime();
    const QString when = QLocale().toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') +
                         local.time().toString(QStringLiteral("hh:mm:ss"));
    return QObject::tr("Recover unsaved work from %1 (%2)?").arg(when, entry.displayName());
}

RecoveryDialog::Choice RecoveryDialog::ask(QWidget* parent, const RecoveryEntry& entry) {
    QMessageBox box(QMessageBox::Question, QObject::tr("Recover Unsaved Work"), question(entry),
                    QMessageBox::NoButton, parent);
    const QString where = entry.originalPath.isEmpty()
                              ? QObject::tr("The project had never been saved.")
                              : QObject::tr("Saving will write to %1.")
                                    .arg(QDir::toNativeSeparators(entry.originalPath));
    box.setInformativeText(
        QObject::tr("The explorer stopped before these changes were saved. %1").arg(where));
    QPushButton* recover = box.addButton(QObject::tr("&Recover"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(QObject::tr("&Discard"), QMessageBox::DestructiveRole);
    box.addButton(QObject::tr("&Later"), QMessageBox::RejectRole);
    box.setDefaultButton(recover);
    box.exec();
    if (box.clickedButton() == recover)
        return Choice::Recover;
    if (box.clickedButton() == discard)
        return Choice::Discard;
    return Choice::Later;
}

std::optional<RecoveryDialog::Choice> RecoveryDialog::choiceFromEnvironment() {
    const QString value = qEnvironmentVariable("ZIPCNN_RECOVERY").toLower();
    if (value == QLatin1String("accept") || value == QLatin1String("recover"))
        return Choice::Recover;
    if (value == QLatin1String("discard"))
        return Choice::Discard;
    if (value == QLatin1String("later"))
        return Choice::Later;
    return std::nullopt;
}

} // namespace zipcnn::gui
