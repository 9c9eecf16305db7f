// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cost/McuFacts.h"
#include "io/McuFactsFile.h"

#include <QDialog>
#include <map>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace zipcnn::gui {

/// Tools > Add MCU...: a microcontroller from its datasheet (docs/mcu-catalogue.md, "Your own
/// MCUs"). Every field is checked by the catalogue's own rules (core/io/UserMcuStore); a problem
/// names its field, which is outlined. Save writes the MCU to the user's data folder
/// ($XDG_DATA_HOME/zipcnn/mcus) and accepts; the window then reloads its catalogues.
class AddMcuDialog : public QDialog {
    Q_OBJECT

public:
    /// `catalogue`: the MCUs known now (a user MCU may not take a shipped MCU's name).
    explicit AddMcuDialog(const McuFactsCatalog& catalogue, QWidget* parent = nullptr);

    /// The field of a JSON key ("freq_max_mhz"), for tests and for filling the form.
    QLineEdit* field(const QString& key) const;
    QComboBox* coreBox() const { return core_; }
    /// The MCU the form describes, or nullopt with `problems()` saying why.
    std::optional<McuFacts> mcu();
    /// One line per problem of the last check, each naming its field ("Max clock (MHz): ...").
    QStringList problems() const { return problems_; }
    /// Checks, then writes the MCU; false (problems shown) when a field is wrong or the file
    /// cannot be written.
    bool save();
    /// The file written by the last successful save.
    QString savedFile() const { return savedFile_; }
    QString savedName() const { return savedName_; }

private:
    void showProblems();

    const McuFactsCatalog& catalogue_;
    QComboBox* core_;
    std::map<QString, QLineEdit*> fields_; ///< by JSON key
    std::map<QString, QString> labels_;    ///< JSON key -> the form's label
    QLabel* message_;
    QStringList problems_;
    QStringList badKeys_;
    QString savedFile_, savedName_;
};

} // namespace zipcnn::gui
