#pragma once

#include <QMainWindow>

class QTableView;

namespace zipcnn::gui {

class FileActions;
class LayerTableModel;
class ProjectDocument;
class SummaryPanel;

/// The explorer's window. It only arranges panels and menus around a document; file handling
/// lives in FileActions, edits in undo commands, figures in the document's summary.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// `document` must outlive the window.
    explicit MainWindow(ProjectDocument* document, QWidget* parent = nullptr);
    ~MainWindow() override;

    ProjectDocument* document() const { return document_; }
    FileActions* fileActions() const { return fileActions_; }
    QTableView* layerView() const { return layerView_; }
    LayerTableModel* layerModel() const { return layerModel_; }
    SummaryPanel* summaryPanel() const { return summaryPanel_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void updateTitle();
    void fitColumns();

    ProjectDocument* document_;
    FileActions* fileActions_;
    LayerTableModel* layerModel_;
    QTableView* layerView_;
    SummaryPanel* summaryPanel_;
};

} // namespace zipcnn::gui
