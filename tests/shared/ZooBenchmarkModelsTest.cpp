// SPDX-License-Identifier: GPL-3.0-or-later
// The model zoo's MLPerf Tiny networks against the reference Keras files of
// ../shared/models/mlcommons-tiny, read through the Keras importer: same parameter count and
// the same conv + depthwise + dense MACs. Skipped, with the reason, when ../shared is absent.
// (DS-CNN's reference is only published as .tflite, which the importer does not read.)
#include "analysis/NetworkAnalysis.h"
#include "import/ImporterRegistry.h"
#include "model/ModelZoo.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using namespace zipcnn;

TEST(ZooBenchmarkModels, ParameterCountsMatchTheReferenceKerasFiles) {
    const fs::path dir = fs::path(ZIPCNN_SHARED_DIR) / "models" / "mlcommons-tiny";
    if (!fs::exists(dir))
        GTEST_SKIP() << "reference models not found at " << dir.string()
                     << " (clone with ../shared beside it to run this group)";
    struct Case {
        const char* zoo;
        const char* file;
    };
    for (auto [zoo, file] : {Case{"resnet8", "pretrainedResnet.h5"},
                             Case{"mobilenet-v1-0.25", "vww_96.h5"}, Case{"ad01", "ad01.h5"}}) {
        SCOPED_TRACE(file);
        ImportResult r = importModelFile((dir / file).string());
        ASSERT_TRUE(r.network.has_value())
            << (r.diagnostics.empty() ? "" : r.diagnostics[0].toString());
        const Analysis imported = analyze(*r.network);
        auto net = zooModel(zoo);
        ASSERT_TRUE(net.has_value());
        const Analysis built = analyze(*net);
        ASSERT_TRUE(imported.ok() && built.ok());
        EXPECT_EQ(built.params, imported.params);
        EXPECT_EQ(built.macs, imported.macs);
    }
}
