// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QTextBrowser;

namespace zipcnn::gui {

/// Where the user guide (user-guide.md and the screenshots it shows) is looked for, in order:
/// `<prefix>/share/zipcnn/guide` beside `<prefix>/bin` (the installed package), then the docs
/// folder of the source tree the program was built from (a build tree).
QStringList userGuideDirs(const QString& applicationDir);
/// The guide's file in the first of `dirs` that has it, or empty.
QString findUserGuide(const QStringList& dirs);

/// Help > User Guide: docs/user-guide.md rendered (Markdown), its screenshots scaled to the
/// window's width at most, links to other documents followed inside, web links in the browser.
/// When the guide is not found it says where it looked.
class UserGuideWindow : public QWidget {
    Q_OBJECT

public:
    /// Shows the guide found in `dirs` (`userGuideDirs()`).
    explicit UserGuideWindow(const QStringList& dirs, QWidget* parent = nullptr);

    QTextBrowser* browser() const { return browser_; }
    /// The guide shown, or empty when it was not found.
    const QString& guidePath() const { return path_; }
    /// The images of the guide that were found and shown.
    int imagesShown() const { return imagesShown_; }

private:
    void fitImages();

    QTextBrowser* browser_;
    QLabel* missing_;
    QString path_;
    int imagesShown_ = 0;
};

} // namespace zipcnn::gui
