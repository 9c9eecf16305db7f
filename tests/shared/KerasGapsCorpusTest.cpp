// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras files of the shared corpus that were refused before the Keras gaps of issue 15
// were closed: which import now (Permute as a reshape, channels_first layers converted, an
// open input size given by the user), and which are still refused and why. Skipped when
// ../shared is not beside the clone.
#include "CorpusSupport.h"
#include "analysis/NetworkAnalysis.h"
#include "import/ImporterRegistry.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <iostream>

namespace fs = std::filesystem;
using namespace zipcnn;

namespace {

using corpus::kModels;

using corpus::dump;

} // namespace

TEST(KerasGapsCorpus, PermuteAndChannelsFirstModelsImport) {
    if (!fs::exists(kModels / "MANIFEST.json"))
        GTEST_SKIP() << "model corpus not found at " << kModels.string();
    // YAMNet transposes its 64x96 spectrogram with Permute((2, 1, 3)).
    ImportResult y =
        importModelFile((kModels / "stm32ai-modelzoo/yamnet_256_64x96_esc10.h5").string());
    ASSERT_TRUE(y.network.has_value()) << dump(y.diagnostics);
    const Analysis a = analyze(*y.network);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    EXPECT_EQ(y.network->find("permute")->type, LayerType::Reshape);
    EXPECT_EQ(a.layers[*y.network->indexOf("permute")].outputShape, (Shape{96, 64, 1}));
    EXPECT_TRUE(y.report.paramsMatch()) << dump(y.diagnostics);

    // simpleconv2d: a channels_first conv on 1x28x28, then channels_last layers reading its
    // 30x26x26 output as Keras does (26 channels).
    ImportResult s = importModelFile((kModels / "dl4j-test-resources/simpleconv2d.hdf5").string());
    ASSERT_TRUE(s.network.has_value()) << dump(s.diagnostics);
    const Analysis b = analyze(*s.network);
    ASSERT_TRUE(b.ok()) << dump(b.diagnostics);
    EXPECT_EQ(b.layers[*s.network->indexOf("conv2d_1")].outputShape, (Shape{26, 26, 30}));
    EXPECT_EQ(b.layers[*s.network->indexOf("conv2d_1/to_channels_first")].outputShape,
              (Shape{30, 26, 26}));
    EXPECT_TRUE(s.report.paramsMatch()) << dump(s.diagnostics);
}

TEST(KerasGapsCorpus, AnOpenInputSizeImportsWithTheGivenShape) {
    if (!fs::exists(kModels / "MANIFEST.json"))
        GTEST_SKIP() << "model corpus not found at " << kModels.string();
    const std::string path = (kModels / "dl4j-test-resources/12net.h5").string();
    ImportOptions keep;
    keep.keepUnsupported = true; // MTCNN's P-Net uses PReLU, which the engine lacks
    ImportResult open = importModelFile(path, keep);
    EXPECT_FALSE(open.network);
    ASSERT_NE(firstError(open.diagnostics), nullptr);
    EXPECT_EQ(firstError(open.diagnostics)->code, "keras-dynamic-input-shape");
    EXPECT_NE(firstError(open.diagnostics)->message.find("--input-shape"), std::string::npos);

    keep.inputShape = std::vector<std::int64_t>{1, 12, 12, 3};
    ImportResult sized = importModelFile(path, keep);
    ASSERT_TRUE(sized.network.has_value()) << dump(sized.diagnostics);
    const Analysis a = analyze(*sized.network);
    ASSERT_TRUE(a.ok()) << dump(a.diagnostics);
    std::cout << "12net at 12x12x3: " << a.macs << " MACs, " << a.params << " params\n";
}

TEST(KerasGapsCorpus, CountsTheFormerlyRefusedFiles) {
    if (!fs::exists(kModels / "MANIFEST.json"))
        GTEST_SKIP() << "model corpus not found at " << kModels.string();
    const std::vector<std::string> formerlyRefused = {
        "stm32ai-modelzoo/yamnet_256_64x96_esc10.h5", "dl4j-test-resources/cnn2d_76.h5",
        "dl4j-test-resources/keras-attention.h5",     "dl4j-test-resources/12net.h5",
        "dl4j-test-resources/simpleconv2d.hdf5",      "dl4j-test-resources/reshape_tfoplayer.h5"};
    int now = 0;
    for (const auto& f : formerlyRefused) {
        ImportResult r = importModelFile((kModels / f).string());
        const Diagnostic* e = firstError(r.diagnostics);
        std::cout << f << ": " << (r.network ? "imports" : "refused: " + e->message) << "\n";
        now += r.network ? 1 : 0;
    }
    // Permute (YAMNet), channels_first (simpleconv2d) and Cropping2D (cnn2d_76) import by
    // default; 12net needs a shape (and PReLU kept); Attention and a raw TensorFlow op are still
    // refused.
    EXPECT_EQ(now, 3);
}
