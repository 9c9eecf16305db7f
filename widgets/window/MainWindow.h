// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Targets.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace zipcnn::gui {

class AutosaveManager;
class ChartsPanel;
class ConstraintsPanel;
class DevicePanel;
class EmptyProjectPage;
class ExplorationController;
class ExplorationEngine;
class ExportActions;
class FeasibilityTableModel;
class FileActions;
class FocusPanel;
class InspectorPanel;
class LayerColumnPresets;
class LayerSelection;
class NetworkGraphView;
class LayerTableModel;
class TargetCatalogModel;
class ProjectDocument;
class SummaryPanel;
class TargetsPanel;
class AddMcuDialog;
class CalibrateWizard;
class VariantsPanel;

/// The explorer's window. It only arranges panels, docks and menus around a document; files
/// are handled by FileActions, edits by undo commands, estimates by the ExplorationEngine and
/// the focus by the ExplorationController.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// `document` must outlive the window. The MCU catalogue is read from the default LUT
    /// folders unless one is given.
    explicit MainWindow(ProjectDocument* document, QWidget* parent = nullptr);
    MainWindow(ProjectDocument* document, Catalogs catalogs, QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectDocument* document() const { return document_; }
    FileActions* fileActions() const { return fileActions_; }
    /// Keeps a recovery copy of the unsaved project (see RecoveryDialog for the start-up offer).
    AutosaveManager* autosave() const { return autosave_; }
    QTableView* layerView() const { return layerView_; }
    LayerColumnPresets* layerPresets() const { return layerPresets_; }
    LayerTableModel* layerModel() const { return layerModel_; }
    SummaryPanel* summaryPanel() const { return summaryPanel_; }
    ExplorationEngine* engine() const { return engine_; }
    ExplorationController* controller() const { return controller_; }
    ExportActions* exportActions() const { return exportActions_; }
    ChartsPanel* charts() const { return charts_; }
    QTableView* feasibilityView() const { return feasibilityView_; }
    FeasibilityTableModel* feasibilityModel() const { return feasibilityModel_; }
    ConstraintsPanel* constraintsPanel() const { return constraintsPanel_; }
    VariantsPanel* variantsPanel() const { return variantsPanel_; }
    TargetsPanel* targetsPanel() const { return targetsPanel_; }
    QTabWidget* networkTabs() const { return networkTabs_; }
    NetworkGraphView* graphView() const { return graphView_; }
    InspectorPanel* inspector() const { return inspector_; }
    DevicePanel* devicePanel() const { return devicePanel_; }
    LayerSelection* selection() const { return selection_; }

    /// Switches between the system palette and a dark one.
    void setDarkPalette(bool dark);
    /// Shows `message` in the status bar, cut to the room the permanent labels leave, the whole
    /// text in the tooltip when cut.
    void showStatus(const QString& message, int timeoutMs = 0);
    /// Tools > Add MCU...: opens the dialog (window-modal); once it saves, the catalogues are
    /// loaded again and the new MCU is in the targets at once.
    AddMcuDialog* openAddMcu();
    /// Tools > Calibrate on Measurements...: opens the wizard (window-modal), with `csv` filled
    /// in when given; once it saves, the catalogues are loaded again.
    CalibrateWizard* openCalibrate(const QString& csv = {});
    /// Loads the catalogues again (the user's MCUs and calibrations changed).
    void reloadCatalogs();
    /// The default layout for a screen of `available` size (View > Reset Layout): the window
    /// fills the screen (up to 1920 x 1200), the side panels are tabbed where
    /// the height is short and the central area gets the rest.
    void applyDefaultLayout(const QSize& available);
    FocusPanel* focusPanel() const { return focusPanel_; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createPanels();
    void createMenus();
    void updateTitle();
    void updateStatus();
    void fitColumns();
    void showLayerCosts();
    void connectLayerTable();
    /// Shows the empty-project page instead of the answer while there is nothing to estimate.
    void updateEmptyState();
    QDockWidget* addDock(QWidget* widget, const QString& title, const QString& name,
                         Qt::DockWidgetArea area);

    ProjectDocument* document_;
    FileActions* fileActions_;
    ExplorationEngine* engine_;
    TargetCatalogModel* catalogModel_;
    LayerTableModel* layerModel_;
    QTableView* layerView_;
    SummaryPanel* summaryPanel_;
    QTabWidget* networkTabs_ = nullptr;
    LayerSelection* selection_ = nullptr;
    NetworkGraphView* graphView_ = nullptr;
    InspectorPanel* inspector_ = nullptr;
    ChartsPanel* charts_ = nullptr;
    FeasibilityTableModel* feasibilityModel_ = nullptr;
    QTableView* feasibilityView_ = nullptr;
    ConstraintsPanel* constraintsPanel_ = nullptr;
    VariantsPanel* variantsPanel_ = nullptr;
    TargetsPanel* targetsPanel_ = nullptr;
    ExplorationController* controller_ = nullptr;
    ExportActions* exportActions_ = nullptr;
    QComboBox* heatCombo_ = nullptr;
    QLabel* focusLabel_ = nullptr;
    DevicePanel* devicePanel_ = nullptr;
    LayerColumnPresets* layerPresets_ = nullptr;
    QStackedWidget* chartsStack_ = nullptr; ///< the charts, or the empty-project page
    EmptyProjectPage* emptyPage_ = nullptr;
    QWidget* feasibilityBox_ = nullptr; ///< the feasibility table, its caption and focus panel
    FocusPanel* focusPanel_ = nullptr;
    QByteArray defaultState_; ///< the docks as created, before any saved state
    QLabel* busyLabel_ = nullptr;
    QLabel* accuracyLabel_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    AutosaveManager* autosave_ = nullptr;
    QLabel* autosaveLabel_ = nullptr;
};

} // namespace zipcnn::gui
