// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/NetworkJson.h"

#include "base/AtomicFile.h"
#include "core/TestSupport.h"
#include "model/NetworkBuilder.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace zipcnn;
using namespace zipcnn::testsupport;

namespace {

Network sampleNetwork() {
    NetworkBuilder b("sample");
    auto in = b.input({32, 32, 3});
    auto pad = b.zeroPad({1, 1, 1, 1});
    auto c = b.conv(8, {3, 3}, {2, 2}, Padding::Valid, ActivationKind::Relu6);
    b.network().find(c)->attrs.pruneRate = 0.5;
    auto d = b.depthwise({3, 3}, {1, 1}, Padding::Same, ActivationKind::LeakyRelu);
    b.network().find(d)->attrs.alpha = 0.1;
    auto bn = b.batchNorm();
    b.add({c, bn});
    Layer up{"up", LayerType::UpSampling2D, {b.last()}, {}};
    up.attrs.interpolation = Interpolation::Bilinear;
    b.layer(up);
    b.maxPool({2, 2});
    b.globalAvgPool();
    b.dropout(0.25);
    auto fc = b.dense(10, ActivationKind::Softmax);
    b.network().find(fc)->attrs.inputUnits = 12;
    (void)in;
    (void)pad;
    return b.take();
}

} // namespace

TEST(NetworkJson, RoundTripKeepsEveryAttribute) {
    Network net = sampleNetwork();
    std::string text = networkToText(net);
    NetworkLoadResult r = loadNetworkText(text, "mem.json");
    ASSERT_TRUE(r.network) << dump(r.diagnostics);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r.diagnostics);
    EXPECT_EQ(*r.network, net);
    // Deterministic: writing again gives the same bytes.
    EXPECT_EQ(networkToText(*r.network), text);
}

TEST(NetworkJson, SaveIsAtomicAndReadable) {
    auto dir = std::filesystem::temp_directory_path() / "zipcnn_netjson_test";
    std::filesystem::create_directories(dir);
    auto path = (dir / "net.json").string();
    std::string err;
    ASSERT_TRUE(saveNetworkFile(sampleNetwork(), path, &err)) << err;
    auto r = loadNetworkFile(path);
    ASSERT_TRUE(r.network);
    EXPECT_EQ(*r.network, sampleNetwork());
    std::filesystem::remove_all(dir);
}

TEST(NetworkJson, FailedAtomicWriteLeavesNoFileAndSaysWhy) {
    std::string err;
    EXPECT_FALSE(writeFileAtomically("/nonexistent-dir/x.json", "{}", &err));
    EXPECT_NE(err.find("/nonexistent-dir/x.json"), std::string::npos);
}

TEST(NetworkJson, TruncatedJsonNamesFileAndLine) {
    std::string text = networkToText(sampleNetwork());
    text.resize(text.size() / 2);
    auto r = loadNetworkText(text, "half.json");
    EXPECT_FALSE(r.network);
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].file, "half.json");
    EXPECT_GT(r.diagnostics[0].line, 1);
    EXPECT_EQ(r.diagnostics[0].code, "invalid-json");
}

TEST(NetworkJson, InvalidJsonIsAnError) {
    auto r = loadNetworkText("{\"format\": \"zipcnn-network\",\n \"version\": 1,, }", "bad.json");
    EXPECT_FALSE(r.network);
    ASSERT_FALSE(r.diagnostics.empty());
    EXPECT_EQ(r.diagnostics[0].line, 2);
}

TEST(NetworkJson, UnknownLayerTypeIsNamed) {
    auto r = loadNetworkText(R"({"format":"zipcnn-network","version":1,"layers":[
        {"name":"in","type":"Input","shape":[4,4,1]},
        {"name":"q","type":"QDense","inputs":["in"]}]})",
                             "unk.json");
    EXPECT_TRUE(hasErrors(r.diagnostics));
    EXPECT_TRUE(
        mentions(r.diagnostics, "unk.json: layers[1].type: layer 'q' has unknown type 'QDense'"))
        << dump(r.diagnostics);
}

TEST(NetworkJson, WrongTypesAndRangesAreNamed) {
    auto r = loadNetworkText(R"({"format":"zipcnn-network","version":1,"layers":[
        {"name":"in","type":"Input","shape":[4,"x",1]},
        {"name":"c","type":"Conv2D","inputs":["in"],"filters":"many","kernel":[3,3,3],
         "padding":"diagonal","activation":"gelu2"}]})",
                             "types.json");
    EXPECT_TRUE(mentions(r.diagnostics, "layers[0].shape[1]: expected an integer"))
        << dump(r.diagnostics);
    EXPECT_TRUE(mentions(r.diagnostics, "layers[1].filters: expected an integer"));
    EXPECT_TRUE(mentions(r.diagnostics, "layers[1].kernel: expected [height, width]"));
    EXPECT_TRUE(mentions(r.diagnostics, "unknown padding 'diagonal'"));
    EXPECT_TRUE(mentions(r.diagnostics, "unknown activation 'gelu2'"));
}

TEST(NetworkJson, NewerVersionAndWrongFormatAreRefused) {
    auto newer =
        loadNetworkText(R"({"format":"zipcnn-network","version":99,"layers":[]})", "v.json");
    EXPECT_FALSE(newer.network);
    EXPECT_TRUE(mentions(newer.diagnostics, "version 99 is not supported"));
    auto other = loadNetworkText(R"({"format":"zipcnn-project","version":1})", "p.json");
    EXPECT_FALSE(other.network);
    EXPECT_TRUE(mentions(other.diagnostics, "not a network file"));
    auto notObject = loadNetworkText("[1,2]", "a.json");
    EXPECT_FALSE(notObject.network);
}

TEST(NetworkJson, MissingFileIsNamed) {
    auto r = loadNetworkFile("/no/such/file.json");
    EXPECT_FALSE(r.network);
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].file, "/no/such/file.json");
    EXPECT_NE(r.diagnostics[0].message.find("cannot open"), std::string::npos);
}

TEST(NetworkJson, UnknownMembersAreWarnedNotFatal) {
    auto r = loadNetworkText(R"({"format":"zipcnn-network","version":1,"layers":[
        {"name":"in","type":"Input","shape":[4,4,1],"colour":"red"}]})",
                             "w.json");
    ASSERT_TRUE(r.network);
    EXPECT_FALSE(hasErrors(r.diagnostics));
    EXPECT_TRUE(mentions(r.diagnostics, "layers[0].colour: unknown member"));
}

TEST(NetworkJson, AFolderIsNotANetworkFile) {
    auto dir = std::filesystem::temp_directory_path().string();
    auto r = loadNetworkFile(dir);
    EXPECT_FALSE(r.network);
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].code, "not-a-file");
    EXPECT_EQ(r.diagnostics[0].file, dir);
}
