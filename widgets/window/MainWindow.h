// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "explore/Targets.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QTabWidget;
class QTableView;

namespace zipcnn::gui {

class AutosaveManager;
class ChartsPanel;
class ConstraintsPanel;
class ExplorationController;
class ExplorationEngine;
class ExportActions;
class FeasibilityTableModel;
class FileActions;
class FocusPanel;
class InspectorPanel;
class LayerSelection;
class NetworkGraphView;
class LayerTableModel;
class TargetCatalogModel;
class ProjectDocument;
class SummaryPanel;
class TargetsPanel;
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
    LayerSelection* selection() const { return selection_; }

    /// Switches between the system palette and a dark one.
    void setDarkPalette(bool dark);
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
    FocusPanel* focusPanel_ = nullptr;
    QByteArray defaultState_; ///< the docks as created, before any saved state
    QLabel* busyLabel_ = nullptr;
    QLabel* accuracyLabel_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    AutosaveManager* autosave_ = nullptr;
    QLabel* autosaveLabel_ = nullptr;
};

} // namespace zipcnn::gui
