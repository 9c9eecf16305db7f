// SPDX-License-Identifier: GPL-3.0-or-later
#include "panels/LayerTableModel.h"

#include "WidgetTestSupport.h"
#include "document/ProjectDocument.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QUndoStack>
#include <gtest/gtest.h>

namespace zipcnn::gui::test {
namespace {

using Col = LayerTableModel::Column;

QString cell(const LayerTableModel& m, int row, int column, int role = Qt::DisplayRole) {
    return m.data(m.index(row, column), role).toString();
}

class LayerTableModelTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(doc.open(examplePath(QStringLiteral("lenet5.zipcnn.json"))), QString());
    }

    ProjectDocument doc;
};

TEST_F(LayerTableModelTest, PassesTheModelTesterThroughEditsAndResets) {
    WarningCollector warnings;
    LayerTableModel model(&doc);
    QAbstractItemModelTester tester(&model,
                                    QAbstractItemModelTester::FailureReportingMode::Warning);
    const int conv = model.rowOfLayer(QString::fromStdString(
        doc.project().network.layers()[1].name)); // the first layer after the input
    ASSERT_GE(conv, 0);
    EXPECT_TRUE(model.setData(model.index(conv, Col::NameColumn), QStringLiteral("c1")));
    EXPECT_TRUE(model.setData(model.index(conv, Col::WidthColumn), 12));
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    doc.undoStack()->redo();
    ASSERT_EQ(doc.open(examplePath(QStringLiteral("resnet26.zipcnn.json"))), QString());
    EXPECT_EQ(model.rowCount(), static_cast<int>(doc.project().network.size()));
    doc.reset(Project{});
    EXPECT_EQ(model.rowCount(), 0);
    doc.reset(exampleProject("lenet5", "again"));
    EXPECT_EQ(model.rowCount(), static_cast<int>(doc.project().network.size()));
    EXPECT_TRUE(WarningCollector::messages().isEmpty())
        << WarningCollector::messages().join(QLatin1Char('\n')).toStdString();
}

TEST_F(LayerTableModelTest, ShowsWhatTheAnalysisLearned) {
    LayerTableModel model(&doc);
    const Network& net = doc.project().network;
    ASSERT_EQ(model.rowCount(), static_cast<int>(net.size()));
    ASSERT_EQ(model.columnCount(), static_cast<int>(Col::ColumnCount));
    EXPECT_EQ(model.headerData(Col::NameColumn, Qt::Horizontal).toString(),
              QStringLiteral("Layer"));

    // LeNet5's first convolution: 6 filters of 5x5 over 32x32, fused sigmoid.
    const int conv = 1;
    ASSERT_EQ(net.layers()[conv].type, LayerType::Conv2D);
    EXPECT_EQ(cell(model, conv, Col::TypeColumn), QStringLiteral("Conv2D"));
    EXPECT_EQ(cell(model, conv, Col::OutputColumn), QStringLiteral("28x28x6"));
    EXPECT_EQ(cell(model, conv, Col::WidthColumn), QStringLiteral("6"));
    EXPECT_EQ(cell(model, conv, Col::ParamsColumn), QStringLiteral("156"));
    EXPECT_EQ(cell(model, conv, Col::MacsColumn), QStringLiteral("117,600"));
    EXPECT_EQ(cell(model, conv, Col::PrimitivesColumn),
              QStringLiteral("conv2d_5x5 x 4704, sigmoid x 4704"));
    EXPECT_EQ(model.data(model.index(conv, Col::MacsColumn), LayerTableModel::SortRole),
              QVariant(qlonglong(117600)));

    // The input is not a compute layer of the RAM rule, has no width and no primitives.
    EXPECT_EQ(cell(model, 0, Col::RamColumn), QString());
    EXPECT_EQ(cell(model, 0, Col::WidthColumn), QString());
    EXPECT_FALSE(model.flags(model.index(0, Col::WidthColumn)) & Qt::ItemIsEditable);
    EXPECT_TRUE(model.flags(model.index(0, Col::NameColumn)) & Qt::ItemIsEditable);
    EXPECT_TRUE(model.flags(model.index(conv, Col::WidthColumn)) & Qt::ItemIsEditable);

    // Exactly one row, the RAM peak's, is bold, and it shows the peak's bytes.
    const auto peak = doc.summary().ramPeakLayer();
    ASSERT_TRUE(peak.has_value());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QVariant font = model.data(model.index(row, Col::NameColumn), Qt::FontRole);
        EXPECT_EQ(font.isValid() && font.value<QFont>().bold(), row == static_cast<int>(*peak))
            << "row " << row;
    }
    EXPECT_EQ(
        model.data(model.index(static_cast<int>(*peak), Col::RamColumn), LayerTableModel::SortRole),
        QVariant(qlonglong(doc.summary().ramRuleFp32.peakBytes)));
}

TEST_F(LayerTableModelTest, EditsBecomeUndoCommands) {
    LayerTableModel model(&doc);
    const Project original = doc.project();
    const QString name = cell(model, 1, Col::NameColumn);
    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);

    EXPECT_TRUE(model.setData(model.index(1, Col::NameColumn), QStringLiteral(" first_conv ")));
    EXPECT_EQ(cell(model, 1, Col::NameColumn), QStringLiteral("first_conv"));
    EXPECT_EQ(doc.undoStack()->count(), 1);
    EXPECT_EQ(doc.undoStack()->undoText(), QStringLiteral("Rename %1 to first_conv").arg(name));
    EXPECT_GE(dataChanged.count(), 1);

    // Refused edits leave no trace.
    const QString taken = cell(model, 2, Col::NameColumn);
    EXPECT_FALSE(model.setData(model.index(1, Col::NameColumn), taken));
    EXPECT_FALSE(model.setData(model.index(1, Col::NameColumn), QStringLiteral("  ")));
    EXPECT_FALSE(model.setData(model.index(1, Col::WidthColumn), 0));
    EXPECT_FALSE(model.setData(model.index(1, Col::WidthColumn), QStringLiteral("many")));
    EXPECT_FALSE(model.setData(model.index(0, Col::WidthColumn), 4));
    EXPECT_FALSE(model.setData(model.index(1, Col::ParamsColumn), 4));
    EXPECT_EQ(doc.undoStack()->count(), 1);

    EXPECT_TRUE(model.setData(model.index(1, Col::WidthColumn), 8));
    EXPECT_EQ(cell(model, 1, Col::OutputColumn), QStringLiteral("28x28x8"));
    EXPECT_EQ(doc.undoStack()->count(), 2);

    doc.undoStack()->undo();
    doc.undoStack()->undo();
    EXPECT_EQ(doc.project(), original);
    EXPECT_EQ(cell(model, 1, Col::NameColumn), name);
    EXPECT_EQ(cell(model, 1, Col::OutputColumn), QStringLiteral("28x28x6"));
}

} // namespace
} // namespace zipcnn::gui::test
