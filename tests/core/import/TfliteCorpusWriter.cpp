// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the TFLite files of the bad-input corpus (tests/data/bad/tflite, listed in its
// MANIFEST.json) and the fuzzer's seeds (tests/fuzz/corpus/tflite) from the test builder. Run
// by hand after changing them:
//   core_tests --gtest_also_run_disabled_tests --gtest_filter='TfliteCorpusWriter.*'
#include "core/TfliteTestModel.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>

namespace zipcnn {
namespace {

namespace fs = std::filesystem;
using test::TfliteTestModel;

void write(const fs::path& p, const std::string& bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
}

/// input 1x8x8x3 -> CONV_2D 4 filters 3x3 SAME relu -> MEAN -> FULLY_CONNECTED 2 -> SOFTMAX.
TfliteTestModel small() {
    TfliteTestModel m;
    const int x = m.tensor({1, 8, 8, 3}, 0, "input");
    const int w = m.constant({4, 3, 3, 3});
    const int b = m.constant({4});
    const int c = m.tensor({1, 8, 8, 4});
    const int axes = m.ints({2}, {1, 2});
    const int g = m.tensor({1, 4});
    const int fw = m.constant({2, 4});
    const int f = m.tensor({1, 2});
    const int s = m.tensor({1, 2});
    m.op(3, {x, w, b}, {c}, 1, TfliteTestModel::conv(0, 1, 1, 1));
    m.op(40, {c, axes}, {g}, 27, TfliteTestModel::reducer(false));
    m.op(9, {g, fw, -1}, {f}, 8, TfliteTestModel::activationOnly(0));
    m.op(25, {f}, {s});
    m.inputs = {x};
    m.outputs = {s};
    return m;
}

/// An INT8 depthwise-separable block with QUANTIZE/DEQUANTIZE at its edges.
TfliteTestModel int8Block() {
    TfliteTestModel m;
    const int x = m.tensor({1, 6, 6, 2}, 0, "float_in");
    const int q = m.tensor({1, 6, 6, 2}, 9);
    m.quantize(q, 1);
    const int dw = m.constant({1, 3, 3, 4}, 9);
    m.quantize(dw, 4, 3);
    const int db = m.constant({4}, 2);
    const int d = m.tensor({1, 6, 6, 4}, 9);
    m.quantize(d, 1);
    const int pw = m.constant({8, 1, 1, 4}, 9);
    m.quantize(pw, 8);
    const int p = m.tensor({1, 6, 6, 8}, 9);
    m.quantize(p, 1);
    const int pool = m.tensor({1, 3, 3, 8}, 9);
    m.quantize(pool, 1);
    const int out = m.tensor({1, 3, 3, 8}, 0);
    m.op(114, {x}, {q});
    m.op(4, {q, dw, db}, {d}, 2, TfliteTestModel::depthwise(0, 1, 1, 2, 3));
    m.op(3, {d, pw, -1}, {p}, 1, TfliteTestModel::conv(0, 1, 1, 1));
    m.op(1, {p}, {pool}, 5, TfliteTestModel::pool(1, 2, 2));
    m.op(6, {pool}, {out});
    m.inputs = {x};
    m.outputs = {out};
    return m;
}

TEST(TfliteCorpusWriter, DISABLED_WriteBadInputsAndSeeds) {
    const fs::path bad = fs::path(ZIPCNN_TEST_DATA_DIR) / "bad" / "tflite";
    const fs::path seeds = fs::path(ZIPCNN_FUZZ_DIR) / "corpus" / "tflite";
    const std::string good = small().bytes();
    write(seeds / "conv-mean-fc.tflite", good);
    write(seeds / "int8-separable.tflite", int8Block().bytes());
    {
        TfliteTestModel m = small();
        m.deprecatedCodesOnly = true;
        write(seeds / "deprecated-codes.tflite", m.bytes());
    }

    write(bad / "empty.tflite", "");
    write(bad / "truncated-half.tflite", good.substr(0, good.size() / 2));
    write(bad / "truncated-header.tflite", good.substr(0, 12));
    {
        std::string b = good;
        b[0] = b[1] = b[2] = '\x7f'; // root offset past the end
        write(bad / "root-offset.tflite", b);
    }
    {
        std::string b = good;
        b[4] = 'X'; // identifier
        write(bad / "no-identifier.tflite", b);
    }
    {
        std::mt19937 rng(15);
        std::string b(4096, '\0');
        for (char& c : b)
            c = static_cast<char>(rng() & 0xFF);
        b.replace(4, 4, "TFL3");
        b[0] = 8; // a root offset inside the file, pointing at random bytes
        b[1] = b[2] = b[3] = 0;
        write(bad / "random-tfl3.tflite", b);
    }
    {
        // The vtable of the root table flipped to an odd size.
        std::string b = good;
        std::uint32_t root;
        std::memcpy(&root, b.data(), 4);
        std::int32_t vt;
        std::memcpy(&vt, b.data() + root, 4);
        const std::size_t vtable = static_cast<std::size_t>(static_cast<std::int64_t>(root) - vt);
        b[vtable] = static_cast<char>(b[vtable] ^ 0x01);
        write(bad / "bitflip-vtable.tflite", b);
    }
    {
        TfliteTestModel m = small();
        m.badOpcodeOp = 2;
        m.badOpcodeIndex = 40;
        write(bad / "opcode-index.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.ops[1].inputs[0] = 77;
        write(bad / "tensor-index.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.badBufferTensor = 1;
        m.badBuffer = 99;
        write(bad / "buffer-index.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.tensors[1].data.resize(10);
        write(bad / "buffer-size.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.inputs = {};
        write(bad / "input-not-declared.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.ops[0].options = TfliteTestModel::conv(0, 0, 1, 1);
        write(bad / "stride-zero.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.ops[0].code = 32;
        m.ops[0].customCode = "ethos-u";
        m.ops[0].optionsType = 0;
        write(bad / "custom-op.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.ops[3].code = 27; // SVDF
        write(bad / "svdf.tflite", m.bytes());
    }
    {
        TfliteTestModel m = small();
        m.ops[0].optionsType = 5; // Pool2DOptions on a CONV_2D
        m.ops[0].options = TfliteTestModel::pool(0, 1, 1);
        write(bad / "wrong-options.tflite", m.bytes());
    }
}

} // namespace
} // namespace zipcnn
