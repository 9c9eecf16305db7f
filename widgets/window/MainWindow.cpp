// SPDX-License-Identifier: GPL-3.0-or-later
#include "window/MainWindow.h"

#include "charts/ChartsPanel.h"
#include "document/AutosaveManager.h"
#include "document/LayerSelection.h"
#include "document/ProjectDocument.h"
#include "exploration/ExplorationController.h"
#include "exploration/ExplorationEngine.h"
#include "graph/NetworkGraphView.h"
#include "panels/AddMcuDialog.h"
#include "panels/CalibrateWizard.h"
#include "panels/ConstraintsPanel.h"
#include "panels/DevicePanel.h"
#include "panels/FeasibilityTableModel.h"
#include "panels/FocusPanel.h"
#include "panels/InspectorPanel.h"
#include "panels/LayerColumnPresets.h"
#include "panels/LayerTableModel.h"
#include "panels/SummaryPanel.h"
#include "panels/TargetCatalogModel.h"
#include "panels/TargetsPanel.h"
#include "panels/VariantsPanel.h"
#include "window/EmptyProjectPage.h"
#include "window/ExportActions.h"
#include "window/FileActions.h"
#include "window/UserGuideWindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

namespace zipcnn::gui {

MainWindow::MainWindow(ProjectDocument* document, QWidget* parent)
    : MainWindow(document, loadCatalogs(QCoreApplication::applicationDirPath().toStdString()),
                 parent) {}

MainWindow::MainWindow(ProjectDocument* document, Catalogs catalogs, QWidget* parent)
    : QMainWindow(parent), document_(document), fileActions_(new FileActions(document, this)),
      engine_(new ExplorationEngine(document, std::move(catalogs), this)),
      catalogModel_(new TargetCatalogModel(document, &engine_->catalogs(), this)),
      layerModel_(new LayerTableModel(document, this)), layerView_(new QTableView(this)),
      summaryPanel_(new SummaryPanel(document, this)) {
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    createPanels();
    createMenus();
    // Autosave: a recovery copy of unsaved work, its time shown quietly in the status bar.
    autosave_ = new AutosaveManager(document_, this);
    autosaveLabel_ = new QLabel(this);
    autosaveLabel_->setObjectName(QStringLiteral("autosaveLabel"));
    statusBar()->addPermanentWidget(autosaveLabel_);
    connect(autosave_, &AutosaveManager::autosaved, autosaveLabel_, [this](const QDateTime& when) {
        autosaveLabel_->setText(tr("Autosaved %1").arg(when.toLocalTime().toString(u"hh:mm:ss")));
        autosaveLabel_->setToolTip(QDir::toNativeSeparators(autosave_->projectPath()));
    });
    connect(autosave_, &AutosaveManager::autosaveFailed, autosaveLabel_,
            [this](const QString& message) {
                autosaveLabel_->setText(tr("Autosave failed"));
                autosaveLabel_->setToolTip(message);
            });
    connect(autosave_, &AutosaveManager::recoveryRemoved, autosaveLabel_, &QLabel::clear);
    connect(fileActions_, &FileActions::statusMessage, this,
            [this](const QString& message) { showStatus(message, 5000); });
    connect(document_, &ProjectDocument::filePathChanged, this, [this] {
        charts_->setExportFolder(document_->dialogFolder());
        updateTitle();
    });
    connect(document_, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(document_, &ProjectDocument::changed, this, [this](ProjectDocument::ChangeKind kind) {
        if (kind == ProjectDocument::ChangeKind::Reset) {
            fitColumns();
            charts_->setExportFolder(document_->dialogFolder());
        }
        if (kind == ProjectDocument::ChangeKind::Reset ||
            kind == ProjectDocument::ChangeKind::Network)
            updateEmptyState();
        updateTitle();
    });
    updateEmptyState();
    connect(engine_, &ExplorationEngine::busyChanged, this, &MainWindow::updateStatus);
    connect(engine_, &ExplorationEngine::updated, this, &MainWindow::updateStatus);
    connect(controller_, &ExplorationController::focusChanged, this, &MainWindow::updateStatus);
    fitColumns();
    updateTitle();
    updateStatus();
    defaultState_ = saveState();
    QSettings settings;
    const QScreen* screen = QGuiApplication::primaryScreen();
    const QSize available = screen ? screen->availableGeometry().size() : QSize(1600, 1000);
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()) ||
        !restoreState(settings.value(QStringLiteral("window/state")).toByteArray()))
        applyDefaultLayout(available);
    // A geometry saved on a larger screen must not put the docks off this one.
    if (width() > available.width() || height() > available.height())
        applyDefaultLayout(available);
    if (settings.value(QStringLiteral("window/dark")).toBool())
        setDarkPalette(true);
}

MainWindow::~MainWindow() = default;

void MainWindow::showStatus(const QString& message, int timeoutMs) {
    // The permanent labels (focus, confidence, autosave) keep their room: a long message (an
    // import's warnings, a path) is cut with an ellipsis, and the whole of it is the status
    // bar's tooltip until the next message.
    QStatusBar* bar = statusBar();
    int room = bar->width() - 16;
    for (QLabel* label : {busyLabel_, focusLabel_, accuracyLabel_, autosaveLabel_})
        if (label && label->isVisible())
            room -= label->sizeHint().width() + 8;
    const QString oneLine = QString(message).replace(QLatin1Char('\n'), QStringLiteral("; "));
    const QString shown =
        bar->fontMetrics().elidedText(oneLine, Qt::ElideMiddle, std::max(room, 120));
    bar->setToolTip(shown == oneLine ? QString() : message);
    bar->showMessage(shown, timeoutMs);
}

void MainWindow::updateEmptyState() {
    const bool empty = EmptyProjectPage::appliesTo(document_->project().network);
    chartsStack_->setCurrentWidget(empty ? static_cast<QWidget*>(emptyPage_) : charts_);
    feasibilityBox_->setVisible(!empty);
}

QDockWidget* MainWindow::addDock(QWidget* widget, const QString& title, const QString& name,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name); // saveState() needs it
    dock->setWidget(widget);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createPanels() {
    // Network: the layer table (the graph editor sits beside it), with the colouring choice.
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
    layerView_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layerView_->horizontalHeader()->setStretchLastSection(true);
    layerView_->horizontalHeader()->setHighlightSections(false);
    selection_ = new LayerSelection(document_, this);
    graphView_ = new NetworkGraphView(document_, selection_, this);
    graphView_->setObjectName(QStringLiteral("graphView"));
    inspector_ = new InspectorPanel(document_, selection_, this);
    networkTabs_ = new QTabWidget(this);
    networkTabs_->setObjectName(QStringLiteral("networkTabs"));
    networkTabs_->addTab(graphView_, tr("Graph"));
    // The layer table with its column presets above it: a docked tab has room for a few.
    auto* layerPage = new QWidget(this);
    auto* layerLayout = new QVBoxLayout(layerPage);
    layerLayout->setContentsMargins(0, 2, 0, 0);
    layerLayout->setSpacing(2);
    layerPresets_ = new LayerColumnPresets(layerView_, layerPage);
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(layerPresets_);
    presetRow->addStretch(1);
    layerLayout->addLayout(presetRow);
    layerLayout->addWidget(layerView_, 1);
    networkTabs_->addTab(layerPage, tr("Layers"));
    connectLayerTable();
    heatCombo_ = new QComboBox(this);
    heatCombo_->addItem(tr("No colouring"), static_cast<int>(HeatMetric::None));
    heatCombo_->addItem(tr("Share of latency"), static_cast<int>(HeatMetric::Latency));
    heatCombo_->addItem(tr("Share of energy"), static_cast<int>(HeatMetric::Energy));
    heatCombo_->addItem(tr("Share of RAM"), static_cast<int>(HeatMetric::Ram));
    heatCombo_->setCurrentIndex(1);
    heatCombo_->setToolTip(tr("Colour the layers by their share in the focused configuration"));
    networkTabs_->setCornerWidget(heatCombo_, Qt::TopRightCorner);

    // Charts above the feasibility table.
    charts_ = new ChartsPanel(this);
    feasibilityModel_ = new FeasibilityTableModel(this);
    feasibilityView_ = new QTableView(this);
    feasibilityView_->setObjectName(QStringLiteral("feasibilityView"));
    feasibilityView_->setModel(feasibilityModel_);
    feasibilityView_->setSelectionMode(QAbstractItemView::SingleSelection);
    feasibilityView_->setWordWrap(false);
    feasibilityView_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    feasibilityView_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    feasibilityView_->setToolTip(tr("Click a cell to focus the charts and the graph on it"));
    auto* feasibilityBox = new QWidget(this);
    auto* feasibilityLayout = new QVBoxLayout(feasibilityBox);
    feasibilityLayout->setContentsMargins(0, 0, 0, 0);
    feasibilityLayout->addWidget(
        new QLabel(tr("<b>Feasibility</b>: variant x target, the clocks meeting every constraint "
                      "(✓) or the constraint that fails (✗); click a cell for its answer in full"),
                   this));
    feasibilityLayout->addWidget(feasibilityView_, 1);
    focusPanel_ = new FocusPanel(this);
    feasibilityLayout->addWidget(focusPanel_);

    // The network and the charts side by side, the feasibility table across the whole width
    // below them: its columns are the tool's answer and need the room.
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("topSplitter"));
    top->addWidget(networkTabs_);
    // While the network has nothing to estimate, a page saying how to get one stands where the
    // charts are, and the feasibility table is hidden (updateEmptyState()).
    emptyPage_ = new EmptyProjectPage(fileActions_, this);
    chartsStack_ = new QStackedWidget(this);
    chartsStack_->addWidget(charts_);
    chartsStack_->addWidget(emptyPage_);
    top->addWidget(chartsStack_);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);
    auto* central = new QSplitter(Qt::Vertical, this);
    central->setObjectName(QStringLiteral("centralSplitter"));
    central->addWidget(top);
    central->addWidget(feasibilityBox);
    feasibilityBox_ = feasibilityBox;
    central->setStretchFactor(0, 3);
    central->setStretchFactor(1, 2);
    setCentralWidget(central);

    controller_ = new ExplorationController(document_, engine_, charts_, feasibilityModel_, this);
    connect(heatCombo_, &QComboBox::currentIndexChanged, this, [this] {
        controller_->setHeatMetric(static_cast<HeatMetric>(heatCombo_->currentData().toInt()));
    });
    connect(feasibilityView_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        controller_->setFocus(static_cast<std::size_t>(index.row()),
                              static_cast<std::size_t>(index.column()));
    });

    connect(controller_, &ExplorationController::layerCostsChanged, this,
            &MainWindow::showLayerCosts);
    showLayerCosts();

    targetsPanel_ = new TargetsPanel(catalogModel_, this);
    connect(targetsPanel_, &TargetsPanel::addMcuRequested, this, [this] { openAddMcu(); });
    constraintsPanel_ = new ConstraintsPanel(document_, this);
    variantsPanel_ = new VariantsPanel(document_, this);
    connect(constraintsPanel_, &ConstraintsPanel::draggingChanged, charts_,
            &ChartsPanel::setDragging);
    addDock(targetsPanel_, tr("Targets"), QStringLiteral("targetsDock"), Qt::LeftDockWidgetArea);
    addDock(constraintsPanel_, tr("Constraints"), QStringLiteral("constraintsDock"),
            Qt::LeftDockWidgetArea);
    addDock(variantsPanel_, tr("Variants"), QStringLiteral("variantsDock"), Qt::LeftDockWidgetArea);
    addDock(summaryPanel_, tr("Network summary"), QStringLiteral("summaryDock"),
            Qt::LeftDockWidgetArea);
    devicePanel_ = new DevicePanel(document_, this);
    auto* deviceScroll = new QScrollArea(this);
    deviceScroll->setWidgetResizable(true);
    deviceScroll->setFrameShape(QFrame::NoFrame);
    deviceScroll->setWidget(devicePanel_);
    addDock(deviceScroll, tr("Device and battery"), QStringLiteral("deviceDock"),
            Qt::LeftDockWidgetArea);
    QDockWidget* inspectorDock = addDock(inspector_, tr("Inspector"),
                                         QStringLiteral("inspectorDock"), Qt::RightDockWidgetArea);
    inspectorDock->setMinimumWidth(260);

    focusLabel_ = new QLabel(this);
    focusLabel_->setObjectName(QStringLiteral("focusLabel"));
    busyLabel_ = new QLabel(this);
    accuracyLabel_ = new QLabel(this);
    accuracyLabel_->setObjectName(QStringLiteral("accuracyLabel"));
    statusBar()->addPermanentWidget(busyLabel_);
    statusBar()->addPermanentWidget(focusLabel_);
    statusBar()->addPermanentWidget(accuracyLabel_);
}

AddMcuDialog* MainWindow::openAddMcu() {
    auto* dialog = new AddMcuDialog(engine_->catalogs().facts, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        reloadCatalogs();
        showStatus(tr("Added %1 (%2); tick it in Targets")
                       .arg(dialog->savedName(), QDir::toNativeSeparators(dialog->savedFile())),
                   8000);
    });
    dialog->show();
    return dialog;
}

CalibrateWizard* MainWindow::openCalibrate(const QString& csv) {
    auto* wizard = new CalibrateWizard(engine_->catalogs(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    if (!csv.isEmpty())
        wizard->csvEdit()->setText(csv);
    connect(wizard, &QDialog::accepted, this, [this, wizard] {
        reloadCatalogs();
        showStatus(tr("Calibration saved to %1").arg(QDir::toNativeSeparators(wizard->savedFile())),
                   8000);
    });
    wizard->show();
    return wizard;
}

void MainWindow::reloadCatalogs() {
    engine_->reloadCatalogs(loadCatalogs(QCoreApplication::applicationDirPath().toStdString()));
    catalogModel_->setCatalogs(&engine_->catalogs());
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(fileActions_->newAction());
    file->addMenu(fileActions_->zooMenu());
    file->addAction(fileActions_->openAction());
    file->addMenu(fileActions_->recentMenu());
    file->addAction(fileActions_->importAction());
    file->addSeparator();
    file->addAction(fileActions_->saveAction());
    file->addAction(fileActions_->saveAsAction());
    file->addSeparator();
    exportActions_ = new ExportActions(document_, engine_, controller_, this);
    connect(exportActions_, &ExportActions::statusMessage, this,
            [this](const QString& message) { showStatus(message, 5000); });
    file->addAction(exportActions_->reportAction());
    file->addAction(exportActions_->sweepAction());
    file->addAction(exportActions_->networkAction());
    file->addAction(charts_->exportAction());
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
    edit->addSeparator();
    // Not the graph's own action: its Delete key belongs to the graph, and a menu would make
    // it window-wide (Delete in the variant table would then remove a layer).
    edit->addAction(tr("&Delete Selected Layers"), graphView_, &NetworkGraphView::deleteSelection);
    edit->addAction(tr("Add &Variant..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                    variantsPanel_, &VariantsPanel::addVariant);

    viewMenu_ = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        viewMenu_->addAction(dock->toggleViewAction());
    viewMenu_->addSeparator();
    viewMenu_->addAction(graphView_->zoomInAction());
    viewMenu_->addAction(graphView_->zoomOutAction());
    viewMenu_->addAction(graphView_->fitAction());
    viewMenu_->addSeparator();
    viewMenu_->addAction(charts_->legendAction());
    QAction* reset = viewMenu_->addAction(tr("&Reset Layout"), this, [this] {
        const QScreen* screen = this->screen();
        applyDefaultLayout(screen ? screen->availableGeometry().size() : size());
    });
    reset->setObjectName(QStringLiteral("resetLayoutAction"));
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction* dark = viewMenu_->addAction(tr("&Dark Palette"));
    dark->setCheckable(true);
    dark->setChecked(QSettings().value(QStringLiteral("window/dark")).toBool());
    connect(dark, &QAction::toggled, this, [this](bool on) {
        setDarkPalette(on);
        QSettings().setValue(QStringLiteral("window/dark"), on);
    });

    // Your own board (docs/user-guide.md): an MCU from its datasheet, a runtime calibrated on
    // your measurements.
    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    QAction* addMcu = tools->addAction(tr("Add &MCU..."), this, [this] { openAddMcu(); });
    addMcu->setObjectName(QStringLiteral("addMcuAction"));
    QAction* calibrate =
        tools->addAction(tr("&Calibrate on Measurements..."), this, [this] { openCalibrate(); });
    calibrate->setObjectName(QStringLiteral("calibrateAction"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("&User Guide"), this, [this] {
        // One guide window, kept (hidden when closed) so it reopens where the user was.
        auto* window = findChild<UserGuideWindow*>();
        if (!window)
            window =
                new UserGuideWindow(userGuideDirs(QCoreApplication::applicationDirPath()), this);
        window->show();
        window->raise();
        window->activateWindow();
    });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence(Qt::Key_F1));
    help->addAction(tr("&About ZIP-CNN Explorer"), this, [this] {
        QMessageBox::about(
            this, tr("About ZIP-CNN Explorer"),
            tr("<h3>ZIP-CNN Explorer %1</h3><p>Latency, energy, power, Flash and RAM of a CNN "
               "on microcontrollers, at every clock, before any firmware exists.</p>"
               "<p>Estimates: the network is decomposed into primitives, each costed from "
               "per-MCU look-up tables measured on real boards (T. Garbay, ZIP-CNN thesis), "
               "or, for the runtimes people ship (X-CUBE-AI, TFLite Micro with CMSIS-NN, ...), "
               "per kernel class calibrated on public benchmark results.</p><p>%2</p>")
                .arg(QCoreApplication::applicationVersion(),
                     controller_->accuracyText().toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                         QStringLiteral("<br>"))));
    });
}

void MainWindow::updateTitle() {
    // "[*]" is where Qt puts the modified mark; the platform adds the application's name.
    setWindowTitle(document_->displayName() + QStringLiteral("[*]"));
    setWindowModified(document_->isModified());
}

void MainWindow::applyDefaultLayout(const QSize& available) {
    restoreState(defaultState_);
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        dock->show();
    const int w = std::min(available.width(), 1920);
    const int h = std::min(available.height(), 1200);
    resize(w, h);
    auto* targets = findChild<QDockWidget*>(QStringLiteral("targetsDock"));
    auto* constraints = findChild<QDockWidget*>(QStringLiteral("constraintsDock"));
    auto* variants = findChild<QDockWidget*>(QStringLiteral("variantsDock"));
    auto* summary = findChild<QDockWidget*>(QStringLiteral("summaryDock"));
    auto* inspector = findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
    auto* device = findChild<QDockWidget*>(QStringLiteral("deviceDock"));
    // Four panels stacked on the left leave each too little height below 900 pixels: the
    // network summary shares the targets' place, and on a small screen the variants share the
    // constraints'.
    tabifyDockWidget(targets, summary);
    if (h < 900)
        tabifyDockWidget(constraints, variants);
    // Below 1500 pixels a right-hand inspector would take the feasibility table's columns: it
    // joins the targets' tabs on the left.
    const bool narrow = w < 1500;
    if (narrow) {
        addDockWidget(Qt::LeftDockWidgetArea, inspector);
        tabifyDockWidget(summary, inspector);
    }
    // The device model is set once per project: it shares the variants' place (after the
    // variants found theirs).
    tabifyDockWidget(variants, device);
    targets->raise();
    variants->raise();
    constraints->raise(); // shown first when it shares the variants' place
    // Side panels take what they need; the graph, charts and feasibility table the rest.
    const int side = std::clamp(w * 22 / 100, 250, 360);
    const int inspectorWidth = std::clamp(w * 17 / 100, 260, 320);
    if (narrow)
        resizeDocks({targets}, {side}, Qt::Horizontal);
    else
        resizeDocks({targets, inspector}, {side, inspectorWidth}, Qt::Horizontal);
    if (auto* top = findChild<QSplitter*>(QStringLiteral("topSplitter"))) {
        const int rest = std::max(400, w - side - (narrow ? 0 : inspectorWidth));
        top->setSizes({rest * 2 / 5, rest * 3 / 5});
    }
    if (auto* central = findChild<QSplitter*>(QStringLiteral("centralSplitter")))
        central->setSizes({h * 3 / 5, h * 2 / 5});
}

void MainWindow::updateStatus() {
    focusPanel_->showFocus(engine_->current(), controller_->focus());
    busyLabel_->setText(engine_->isBusy() ? tr("Estimating...") : QString());
    // Nothing to estimate (a new project): no focus and no confidence to speak of.
    const bool empty = EmptyProjectPage::appliesTo(document_->project().network);
    const QString focus = empty ? QString() : controller_->focusText();
    focusLabel_->setText(focus.isEmpty() ? QString() : tr("Focus: %1").arg(focus));
    // The focused target's confidence; every candidate's in the tooltip.
    accuracyLabel_->setText(empty ? QString() : controller_->confidenceText());
    accuracyLabel_->setToolTip(empty ? QString() : controller_->accuracyText());
}

void MainWindow::fitColumns() {
    // Sized once per project rather than with ResizeToContents, so the user can still drag
    // the columns and large networks do not measure every row on each edit.
    layerView_->resizeColumnsToContents();
    constexpr int kPadding = 16;
    for (int c = 0; c + 1 < layerModel_->columnCount(); ++c)
        layerView_->setColumnWidth(c, layerView_->columnWidth(c) + kPadding);
}

void MainWindow::showLayerCosts() {
    static const char* const labels[] = {"", "latency", "energy", "RAM"};
    const HeatMetric metric = controller_->heatMetric();
    graphView_->setLayerHeat(controller_->layerHeat(), tr(labels[static_cast<int>(metric)]));
    inspector_->setLayerCosts(controller_->layerCosts(), controller_->focusText(),
                              controller_->confidenceText());
}

void MainWindow::connectLayerTable() {
    // The table and the graph show the same selection.
    connect(layerView_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                const auto& layers = document_->project().network.layers();
                if (static_cast<std::size_t>(current.row()) < layers.size())
                    selection_->setCurrentLayer(QString::fromStdString(
                        layers[static_cast<std::size_t>(current.row())].name));
            });
    connect(selection_, &LayerSelection::currentLayerChanged, this, [this](const QString& name) {
        const auto index = document_->project().network.indexOf(name.toStdString());
        if (!index)
            return;
        const QModelIndex row = layerModel_->index(static_cast<int>(*index), 0);
        if (layerView_->currentIndex().row() != row.row())
            layerView_->setCurrentIndex(row);
    });
}

void MainWindow::setDarkPalette(bool dark) {
    if (!dark) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    p.setColor(QPalette::Window, QColor(45, 45, 48));
    p.setColor(QPalette::WindowText, QColor(230, 230, 230));
    p.setColor(QPalette::Base, QColor(30, 30, 32));
    p.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    p.setColor(QPalette::Text, QColor(230, 230, 230));
    p.setColor(QPalette::Button, QColor(55, 55, 58));
    p.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    p.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(100, 170, 255));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(130, 130, 130));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(130, 130, 130));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(130, 130, 130));
    QApplication::setPalette(p);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!fileActions_->maybeSave()) {
        event->ignore();
        return;
    }
    // Saved or given up: nothing left to recover.
    autosave_->removeRecovery();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().size() == 1 &&
        event->mimeData()->urls().front().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString path = event->mimeData()->urls().front().toLocalFile();
    event->acceptProposedAction();
    // Opened once the drop has finished, so a dialog does not run inside the drag.
    QMetaObject::invokeMethod(
        this, [this, path] { fileActions_->openFile(path); }, Qt::QueuedConnection);
}

} // namespace zipcnn::gui
