// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/UserGuideWindow.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QLabel>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFormat>
#include <QTextFragment>
#include <QUrl>
#include <QVBoxLayout>
#include <vector>

namespace zipcnn::gui {

namespace {

const QString kGuideFile = QStringLiteral("user-guide.md");
/// Screenshots are drawn at most this wide: a 1920-pixel capture would need scrolling sideways.
constexpr int kMaxImageWidth = 860;

} // namespace

QStringList userGuideDirs(const QString& applicationDir) {
    QStringList dirs;
    // Under share/zipcnn, not share/doc: minimal Debian images drop /usr/share/doc.
    if (!applicationDir.isEmpty())
        dirs << QDir::cleanPath(applicationDir + QStringLiteral("/../share/zipcnn/guide"));
#ifdef ZIPCNN_DOCS_DIR
    dirs << QDir::cleanPath(QStringLiteral(ZIPCNN_DOCS_DIR));
#endif
    return dirs;
}

QString findUserGuide(const QStringList& dirs) {
    for (const QString& dir : dirs) {
        const QFileInfo candidate(QDir(dir).filePath(kGuideFile));
        if (candidate.isFile())
            return candidate.absoluteFilePath();
    }
    return {};
}

UserGuideWindow::UserGuideWindow(const QStringList& dirs, QWidget* parent)
    : QWidget(parent, Qt::Window), browser_(new QTextBrowser(this)), missing_(new QLabel(this)) {
    setObjectName(QStringLiteral("userGuideWindow"));
    setWindowTitle(tr("ZIP-CNN Explorer User Guide"));
    browser_->setObjectName(QStringLiteral("userGuideBrowser"));
    browser_->setOpenExternalLinks(true);
    missing_->setObjectName(QStringLiteral("userGuideMissing"));
    missing_->setWordWrap(true);
    missing_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    missing_->setMargin(12);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(missing_);
    layout->addWidget(browser_, 1);
    resize(960, 720);

    path_ = findUserGuide(dirs);
    if (path_.isEmpty()) {
        QStringList looked;
        for (const QString& dir : dirs)
            looked << QStringLiteral("<li>%1</li>")
                          .arg(QDir::toNativeSeparators(QDir(dir).filePath(kGuideFile))
                                   .toHtmlEscaped());
        missing_->setText(tr("<p><b>The user guide was not found.</b> It was looked for at:</p>"
                             "<ul>%1</ul><p>It is installed with the program; reinstalling the "
                             "package brings it back.</p>")
                              .arg(looked.join(QString())));
        browser_->hide();
        return;
    }
    missing_->hide();
    // The screenshots are named relative to the guide ("screenshots/00-lenet5-start.png").
    browser_->setSearchPaths({QFileInfo(path_).absolutePath()});
    browser_->setSource(QUrl::fromLocalFile(path_), QTextDocument::MarkdownResource);
    // Room around the text, as a page has.
    browser_->document()->setDocumentMargin(18);
    fitImages();
    connect(browser_, &QTextBrowser::sourceChanged, this, [this] { fitImages(); });
}

void UserGuideWindow::fitImages() {
    // Scales each image down to the maximum width, keeping its proportions; counts those found.
    // The changes are made after the walk: changing a format splits the fragments walked.
    imagesShown_ = 0;
    QTextDocument* doc = browser_->document();
    const QUrl base = browser_->source();
    struct Change {
        int position;
        int length;
        QTextImageFormat format;
    };
    std::vector<Change> changes;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.isValid() || !fragment.charFormat().isImageFormat())
                continue;
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            QImageReader reader(base.resolved(QUrl(image.name())).toLocalFile());
            const QSize size = reader.size();
            if (!size.isValid())
                continue;
            ++imagesShown_;
            if (size.width() <= kMaxImageWidth)
                continue;
            image.setWidth(kMaxImageWidth);
            image.setHeight(static_cast<double>(size.height()) * kMaxImageWidth / size.width());
            changes.push_back({fragment.position(), fragment.length(), image});
        }
    }
    for (const Change& c : changes) {
        QTextCursor cursor(doc);
        cursor.setPosition(c.position);
        cursor.setPosition(c.position + c.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(c.format);
    }
}

} // namespace zipcnn::gui
