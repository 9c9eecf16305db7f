// SPDX-License-Identifier: GPL-3.0-or-later
#include "WidgetTestSupport.h"
#include "common/Formatting.h"
#include "document/AddLayerCommand.h"
#include "document/ProjectDocument.h"
#include "document/RemoveLayerCommand.h"
#include "document/RenameLayerCommand.h"
#include "document/SetLayerAttrsCommand.h"
#include "document/SetLayerInputsCommand.h"

#include <QSignalSpy>
#include <QUndoStack>
#include <gtest/gtest.h>
#include <map>
#include <random>

namespace zipcnn::gui::test {
namespace {

std::unique_ptr<ProjectDocument> documentWith(const std::string& zooName) {
    auto doc = std::make_unique<ProjectDocument>();
    doc->reset(exampleProject(zooName, zooName));
    return doc;
}

/// Types a user can pick in the palette (the importer's placeholder is not one).
std::vector<LayerType> paletteTypes() {
    std::vector<LayerType> out;
    for (LayerType t : allLayerTypes())
        if (layerTypeName(t) != "Unsupported")
            out.push_back(t);
    return out;
}

/// Pushes one random edit of the kinds the graph editor and the inspector make.
void randomEdit(ProjectDocument& doc, std::mt19937& rng, int step) {
    const Network& net = doc.project().network;
    QUndoStack* stack = doc.undoStack();
    auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    const auto op = std::uniform_int_distribution<int>(0, 9)(rng);
    if (net.size() < 3 || op == 0) {
        const auto types = paletteTypes();
        const QString after = net.size() ? qs(net.layers()[pick(net.size())].name) : QString();
        stack->push(AddLayerCommand::insertAfter(&doc, types[pick(types.size())], after));
        return;
    }
    const Layer& layer = net.layers()[pick(net.size())];
    const QString name = qs(layer.name);
    switch (op) {
    case 1:
        stack->push(new RemoveLayerCommand(&doc, name));
        break;
    case 2: {
        const Layer& from = net.layers()[pick(net.size())];
        stack->push(SetLayerInputsCommand::connectLayers(&doc, qs(from.name), name));
        break;
    }
    case 3:
        if (!layer.inputs.empty())
            stack->push(
                SetLayerInputsCommand::disconnectInput(&doc, name, pick(layer.inputs.size())));
        break;
    case 4:
        stack->push(new RenameLayerCommand(&doc, name,
                                           qs(net.uniqueName("renamed_" + std::to_string(step)))));
        break;
    case 5: {
        LayerAttrs a = layer.attrs;
        a.pruneRate =
            std::uniform_int_distribution<int>(0, 3)(rng) == 0
                ? std::nullopt
                : std::optional<double>(std::uniform_int_distribution<int>(0, 95)(rng) / 100.0);
        stack->push(
            new SetLayerAttrsCommand(&doc, name, a, attributeCommandId(AttrField::PruneRate)));
        break;
    }
    case 6: {
        LayerAttrs a = layer.attrs;
        a.filters = std::uniform_int_distribution<int>(1, 64)(rng);
        stack->push(
            new SetLayerAttrsCommand(&doc, name, a, attributeCommandId(AttrField::Filters)));
        break;
    }
    case 7: {
        LayerAttrs a = layer.attrs;
        const int k = std::uniform_int_distribution<int>(1, 5)(rng);
        a.kernel = {k, k};
        stack->push(new SetLayerAttrsCommand(&doc, name, a, attributeCommandId(AttrField::Kernel)));
        break;
    }
    case 8: {
        LayerAttrs a = layer.attrs;
        a.activation = allActivations()[pick(allActivations().size())];
        a.units = std::uniform_int_distribution<int>(1, 200)(rng);
        stack->push(new SetLayerAttrsCommand(&doc, name, a, CommandId::None));
        break;
    }
    default: {
        const auto types = paletteTypes();
        stack->push(AddLayerCommand::insertAfter(&doc, types[pick(types.size())], name));
        break;
    }
    }
}

class RandomEdits : public ::testing::TestWithParam<const char*> {};

TEST_P(RandomEdits, UndoAndRedoRestoreEveryStateExactly) {
    auto doc = documentWith(GetParam());
    const Network original = doc->project().network;
    QUndoStack* stack = doc->undoStack();
    std::mt19937 rng(20240607u);
    // The network after each stack index; merges overwrite the top entry, as they should.
    std::map<int, Network> states{{0, original}};
    for (int step = 0; step < 300; ++step) {
        randomEdit(*doc, rng, step);
        states[stack->index()] = doc->project().network;
    }
    const Network edited = doc->project().network;
    ASSERT_GT(stack->count(), 100);
    ASSERT_NE(edited, original);

    stack->setIndex(0);
    EXPECT_EQ(doc->project().network, original);
    EXPECT_EQ(doc->summary().analysis.params, NetworkSummary::compute(original).analysis.params);
    stack->setIndex(stack->count());
    EXPECT_EQ(doc->project().network, edited);

    // Jumps back and forth land on the state recorded for that index.
    std::uniform_int_distribution<int> anyIndex(0, stack->count());
    for (int i = 0; i < 40; ++i) {
        const int k = anyIndex(rng);
        stack->setIndex(k);
        ASSERT_TRUE(states.count(k)) << k;
        ASSERT_EQ(doc->project().network, states[k]) << "index " << k;
    }
}

INSTANTIATE_TEST_SUITE_P(Zoo, RandomEdits, ::testing::Values("lenet5", "resnet8"),
                         [](const auto& info) { return std::string(info.param); });

TEST(NetworkUndo, ConsecutiveEditsOfOneAttributeMergeIntoOneStep) {
    auto doc = documentWith("lenet5");
    const Network original = doc->project().network;
    QUndoStack* stack = doc->undoStack();
    LayerAttrs a = doc->project().network.find("conv1")->attrs;
    for (int f : {7, 8, 9, 10}) {
        a.filters = f;
        stack->push(new SetLayerAttrsCommand(doc.get(), "conv1", a,
                                             attributeCommandId(AttrField::Filters)));
    }
    EXPECT_EQ(stack->count(), 1);
    EXPECT_EQ(stack->text(0), QStringLiteral("Set filters of conv1 to 10"));
    EXPECT_EQ(doc->project().network.find("conv1")->attrs.filters, 10);

    // Another attribute, or another layer, is another step.
    a.kernel = {3, 3};
    stack->push(
        new SetLayerAttrsCommand(doc.get(), "conv1", a, attributeCommandId(AttrField::Kernel)));
    LayerAttrs b = doc->project().network.find("conv2")->attrs;
    b.kernel = {3, 3};
    stack->push(
        new SetLayerAttrsCommand(doc.get(), "conv2", b, attributeCommandId(AttrField::Kernel)));
    EXPECT_EQ(stack->count(), 3);

    stack->undo();
    stack->undo();
    stack->undo();
    EXPECT_EQ(doc->project().network, original);
}

TEST(NetworkUndo, AnEditDraggedBackToWhereItStartedLeavesNoStep) {
    auto doc = documentWith("lenet5");
    QUndoStack* stack = doc->undoStack();
    LayerAttrs a = doc->project().network.find("conv1")->attrs;
    a.pruneRate = 0.3;
    stack->push(
        new SetLayerAttrsCommand(doc.get(), "conv1", a, attributeCommandId(AttrField::PruneRate)));
    a.pruneRate.reset();
    stack->push(
        new SetLayerAttrsCommand(doc.get(), "conv1", a, attributeCommandId(AttrField::PruneRate)));
    EXPECT_EQ(stack->count(), 0);
    EXPECT_FALSE(doc->project().network.find("conv1")->attrs.pruneRate);
    // A change to the same value is no step either.
    stack->push(
        new SetLayerAttrsCommand(doc.get(), "conv1", a, attributeCommandId(AttrField::Filters)));
    EXPECT_EQ(stack->count(), 0);
}

TEST(NetworkUndo, AddingAfterALayerSplicesTheNewOneBeforeItsConsumers) {
    auto doc = documentWith("resnet8");
    const Network original = doc->project().network;
    QSignalSpy changed(doc.get(), &ProjectDocument::changed);
    // relu1 feeds both the first block's conv and its shortcut Add.
    const auto consumers = original.consumers("relu1");
    ASSERT_EQ(consumers.size(), 2u);
    doc->undoStack()->push(
        AddLayerCommand::insertAfter(doc.get(), LayerType::BatchNormalization, "relu1"));
    EXPECT_EQ(changed.count(), 1) << "one edit, one notification";
    const Network& net = doc->project().network;
    ASSERT_EQ(net.size(), original.size() + 1);
    const Layer& added = net.layers()[*original.indexOf("relu1") + 1];
    EXPECT_EQ(added.type, LayerType::BatchNormalization);
    EXPECT_EQ(added.inputs, std::vector<std::string>{"relu1"});
    EXPECT_EQ(net.consumers("relu1"), std::vector<std::string>{added.name});
    for (const auto& c : consumers) {
        const auto& inputs = net.find(c)->inputs;
        EXPECT_NE(std::find(inputs.begin(), inputs.end(), added.name), inputs.end()) << c;
    }
    EXPECT_TRUE(doc->summary().analysis.ok());
    doc->undoStack()->undo();
    EXPECT_EQ(doc->project().network, original);
}

TEST(NetworkUndo, DefaultLayersAnalyseCleanlyAfterAConvolution) {
    auto doc = documentWith("resnet8");
    for (LayerType t : {LayerType::Conv2D, LayerType::DepthwiseConv2D, LayerType::SeparableConv2D,
                        LayerType::MaxPooling2D, LayerType::AveragePooling2D,
                        LayerType::BatchNormalization, LayerType::Activation, LayerType::Dropout,
                        LayerType::ZeroPadding2D, LayerType::UpSampling2D}) {
        doc->undoStack()->push(AddLayerCommand::insertAfter(doc.get(), t, "conv1"));
        // Shapes downstream may break (a pool halves the map); the new layer itself must not.
        const auto at = doc->project().network.indexOf("conv1").value() + 1;
        EXPECT_FALSE(doc->summary().layerHasError(at)) << layerTypeName(t);
        doc->undoStack()->undo();
    }
}

TEST(NetworkUndo, DeletingALayerBridgesItsSingleInputToItsConsumers) {
    auto doc = documentWith("resnet8");
    const Network original = doc->project().network;
    QSignalSpy changed(doc.get(), &ProjectDocument::changed);
    doc->undoStack()->push(new RemoveLayerCommand(doc.get(), "bn1"));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(doc->undoStack()->text(0), QStringLiteral("Delete bn1"));
    EXPECT_EQ(doc->project().network.find("relu1")->inputs, std::vector<std::string>{"conv1"});
    EXPECT_TRUE(doc->summary().analysis.ok());
    doc->undoStack()->undo();
    EXPECT_EQ(doc->project().network, original);
}

TEST(NetworkUndo, DeletingAMergeDropsItFromItsConsumers) {
    auto doc = documentWith("resnet8");
    const Network original = doc->project().network;
    std::string add;
    for (const auto& l : original.layers())
        if (l.type == LayerType::Add && !original.consumers(l.name).empty()) {
            add = l.name;
            break;
        }
    ASSERT_FALSE(add.empty());
    const std::string consumer = original.consumers(add).front();
    doc->undoStack()->push(new RemoveLayerCommand(doc.get(), qs(add)));
    EXPECT_TRUE(doc->project().network.find(consumer)->inputs.empty());
    EXPECT_FALSE(doc->summary().analysis.ok());
    doc->undoStack()->undo();
    EXPECT_EQ(doc->project().network, original);
}

TEST(NetworkUndo, ConnectAndDisconnectAreNamedAndExact) {
    auto doc = documentWith("lenet5");
    const Network original = doc->project().network;
    QUndoStack* stack = doc->undoStack();
    stack->push(SetLayerInputsCommand::connectLayers(doc.get(), "pool1", "flatten"));
    EXPECT_EQ(stack->text(0), QStringLiteral("Connect pool1 to flatten"));
    EXPECT_EQ(doc->project().network.find("flatten")->inputs,
              (std::vector<std::string>{"pool2", "pool1"}));
    stack->push(SetLayerInputsCommand::disconnectInput(doc.get(), "flatten", 0));
    EXPECT_EQ(stack->text(1), QStringLiteral("Disconnect pool2 from flatten"));
    EXPECT_EQ(doc->project().network.find("flatten")->inputs, std::vector<std::string>{"pool1"});
    stack->undo();
    stack->undo();
    EXPECT_EQ(doc->project().network, original);
}

TEST(NetworkUndo, BatchesNotifyOnceWithTheLayerTheyConcern) {
    auto doc = documentWith("lenet5");
    QSignalSpy changed(doc.get(), &ProjectDocument::changed);
    {
        ProjectDocument::NetworkEditBatch batch(doc.get());
        Layer l = *doc->project().network.find("conv1");
        l.attrs.filters = 8;
        EXPECT_TRUE(doc->setLayer(0 + *doc->project().network.indexOf("conv1"), l));
        l.attrs.filters = 9;
        EXPECT_TRUE(doc->setLayer(*doc->project().network.indexOf("conv1"), l));
        EXPECT_EQ(changed.count(), 0);
    }
    ASSERT_EQ(changed.count(), 1);
    EXPECT_EQ(changed.at(0).at(1).toString(), QStringLiteral("conv1"));
    EXPECT_EQ(doc->summary().analysis.layers[1].outputShape, (Shape{28, 28, 9}));

    // setLayer never renames, insertLayer never duplicates a name.
    Layer renamed = *doc->project().network.find("conv1");
    renamed.name = "other";
    EXPECT_FALSE(doc->setLayer(1, renamed));
    EXPECT_FALSE(doc->insertLayer(0, *doc->project().network.find("pool1")));
    EXPECT_FALSE(doc->removeLayerAt(99));
}

} // namespace
} // namespace zipcnn::gui::test
