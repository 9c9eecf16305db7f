// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The bodies of the libFuzzer targets, as plain functions: the fuzzer executables call them
// from LLVMFuzzerTestOneInput, and core_tests replays the seed corpus and every case a fuzzer
// found (tests/fuzz/regressions/<target>/) through them in an ordinary build.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace zipcnn::fuzz {

/// A network file's text: read, then analysed, decomposed, planned, pruned and written back.
int fuzzNetworkJson(const std::uint8_t* data, std::size_t size);
/// A project file's text: read, then its network exercised like a network file's.
int fuzzProjectJson(const std::uint8_t* data, std::size_t size);
/// An MCU look-up-table file's text: read, then written back and queried at a few clocks.
int fuzzLutFile(const std::uint8_t* data, std::size_t size);
/// A Keras `model_config` JSON (the HDF5-free part of the Keras importers).
int fuzzKerasConfig(const std::uint8_t* data, std::size_t size);

/// An ONNX model's bytes: parsed, converted (unsupported nodes kept), then its network
/// exercised like a network file's.
int fuzzOnnx(const std::uint8_t* data, std::size_t size);

/// A TensorFlow Lite file's bytes: imported (unsupported operators kept as placeholders), then
/// its network exercised like a network file's.
int fuzzTflite(const std::uint8_t* data, std::size_t size);

/// The targets by name ("network_json", "project_json", "lut_file", "keras_config", "onnx",
/// "tflite"), the name being the folder of their corpus and regressions.
struct Target {
    const char* name;
    int (*run)(const std::uint8_t*, std::size_t);
};
const std::vector<Target>& targets();

} // namespace zipcnn::fuzz
