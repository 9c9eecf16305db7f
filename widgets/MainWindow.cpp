#include "MainWindow.h"

#include "FileActions.h"
#include "LayerTableModel.h"
#include "ProjectDocument.h"
#include "SummaryPanel.h"

#include <QAction>
#include <QCloseEvent>
#include <QGroupBox>
#include <QHeaderView>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace zipcnn::gui {

MainWindow::MainWindow(ProjectDocument* document, QWidget* parent)
    : QMainWindow(parent), document_(document), fileActions_(new FileActions(document, this)),
      layerModel_(new LayerTableModel(document, this)), layerView_(new QTableView(this)),
      summaryPanel_(new SummaryPanel(document, this)) {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* summaryBox = new QGroupBox(tr("Network summary (independent of the MCU)"), central);
    auto* summaryLayout = new QVBoxLayout(summaryBox);
    summaryLayout->addWidget(summaryPanel_);
    layout->addWidget(summaryBox);

    layerView_->setModel(layerModel_);
    layerView_->setObjectName(QStringLiteral("layerView"));
    layerView_->setAlternatingRowColors(true);
    layerView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    layerView_->setSelectionMode(QAbstractItemView::SingleSelection);
    layerView_->setEditTriggers(QAbstractItemView::DoubleClicked |
                                QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::SelectedClicked);
    layerView_->setWordWrap(false);
    layerView_->verticalHeader()->hide();
    layerView_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // Text columns read from the left; the model right-aligns the numeric headers itself.
    layerView_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layerView_->horizontalHeader()->setStretchLastSection(true);
    layerView_->horizontalHeader()->setHighlightSections(false);
    layout->addWidget(layerView_, 1);
    setCentralWidget(central);

    createMenus();
    statusBar();
    connect(fileActions_, &FileActions::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    connect(document_, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(document_, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if (kind == ProjectDocument::ChangeKind::Reset)
            fitColumns();
        updateTitle();
    });
    fitColumns();
    updateTitle();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(fileActions_->openAction());
    file->addSeparator();
    file->addAction(fileActions_->saveAction());
    file->addAction(fileActions_->saveAsAction());
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
}

void MainWindow::updateTitle() {
    // "[*]" is where Qt puts the modified mark; the platform adds the application's name.
    setWindowTitle(document_->displayName() + QStringLiteral("[*]"));
    setWindowModified(document_->isModified());
}

void MainWindow::fitColumns() {
    // Sized once per project rather than with ResizeToContents, so the user can still drag
    // the columns and large networks do not measure every row on each edit.
    layerView_->resizeColumnsToContents();
    // Contents-wide columns leave the text of neighbouring cells touching; a little air
    // keeps the numbers apart.
    constexpr int kPadding = 16;
    for (int c = 0; c + 1 < layerModel_->columnCount(); ++c)
        layerView_->setColumnWidth(c, layerView_->columnWidth(c) + kPadding);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (fileActions_->maybeSave())
        event->accept();
    else
        event->ignore();
}

} // namespace zipcnn::gui
