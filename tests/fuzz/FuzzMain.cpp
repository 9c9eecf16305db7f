// SPDX-License-Identifier: GPL-3.0-or-later
// One libFuzzer executable per target: ZIPCNN_FUZZ_ENTRY names the function of FuzzEntries.h.
#include "FuzzEntries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return zipcnn::fuzz::ZIPCNN_FUZZ_ENTRY(data, size);
}
