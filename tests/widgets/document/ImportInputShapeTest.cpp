// SPDX-License-Identifier: GPL-3.0-or-later
// A model whose input size is open: the document says so (the window then asks for a shape,
// FileActions::adopt) and imports it with the shape given. The file is the project's own
// bad-input case tests/data/bad/onnx/open-size.onnx (symbolic height and width).
#include "document/ProjectDocument.h"

#include <gtest/gtest.h>

using namespace zipcnn;
using zipcnn::gui::ProjectDocument;

TEST(ProjectDocumentImport, AnOpenInputSizeIsFlaggedAndImportsWithAShape) {
    const QString path = QStringLiteral(ZIPCNN_SOURCE_DIR "/tests/data/bad/onnx/open-size.onnx");
    ProjectDocument doc;
    const Project before = doc.project();
    const auto open = doc.importModel(path, false);
    EXPECT_TRUE(open.inputSizeOpen);
    EXPECT_FALSE(open.unsupportedLayers);
    EXPECT_TRUE(open.error.contains(QStringLiteral("--input-shape"))) << open.error.toStdString();
    EXPECT_EQ(doc.project(), before);

    const auto sized = doc.importModel(path, false, std::vector<std::int64_t>{1, 32, 32, 3});
    EXPECT_EQ(sized.error, QString());
    EXPECT_FALSE(sized.inputSizeOpen);
    ASSERT_FALSE(doc.project().network.layers().empty());
    EXPECT_EQ(doc.project().network.layers().front().attrs.inputShape, (Shape{32, 32, 3}));
    EXPECT_TRUE(ProjectDocument::modelFileFilter().contains(QStringLiteral("*.onnx")));
}
