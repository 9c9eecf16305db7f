// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysis/ArenaPlanner.h"
#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "cost/RuntimeProfile.h"
#include "model/Network.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// The kernel classes of the runtime cost model (docs/runtimes.md).
enum class KernelClass { Conv, Pointwise, Depthwise, Fc, Pool, Eltwise, Activation, Softmax };
inline constexpr std::size_t kKernelClassCount = 8;

const char* kernelClassName(KernelClass k);

/// One layer of the graph as the runtime executes it.
struct LoweredLayer {
    std::string name; ///< the source layer (a separable conv gives two, "name/dw")
    KernelClass kind = KernelClass::Conv;
    std::int64_t macs = 0;        ///< multiply-accumulates (conv, pointwise, depthwise, fc)
    std::int64_t elements = 0;    ///< elements processed (pool: input elements; others: outputs)
    std::int64_t outputs = 0;     ///< output elements of a MAC kernel (requantised and stored)
    std::int64_t weightBytes = 0; ///< INT8 weights read once per inference (fc)
    /// The benchmark networks the runtimes are calibrated on contain this kind of layer
    /// (docs/runtimes.md, "expected error"): false for max pooling, concatenation, products,
    /// up-sampling, unfused padding or BatchNorm, grouped, dilated or transposed convolutions and
    /// activations run as layers of their own, whose cost no measurement checked.
    bool benchmarked = true;
};

/// The sums the cost is linear in.
struct RuntimeFeatures {
    std::array<double, kKernelClassCount> macs{};     ///< per class
    std::array<double, kKernelClassCount> elements{}; ///< per class
    double outputs = 0.0;
    double layers = 0.0;
    double fcWeightBytes = 0.0;
};

struct LoweredGraph {
    std::vector<LoweredLayer> layers;
    std::vector<std::string> folded; ///< source layers that disappeared (folded or fused)
    Diagnostics diagnostics;         ///< errors name the layer the runtime cannot run
    RuntimeFeatures features() const;
};

/// Applies the runtime's graph lowering (BatchNorm folding, activation and padding fusion) to an
/// analysed network. A layer of a type in `unsupported` (network-format names -> reason), or an
/// Unsupported placeholder, is an error naming it.
LoweredGraph lowerNetwork(const Network& net, const Analysis& analysis, const LoweringFlags& flags,
                          const std::map<std::string, std::string>& unsupported = {},
                          const std::string& runtimeId = {});

/// How a runtime places its activations, for the arena planner (docs/memory-model.md, "RAM,
/// figure 3"): none when the profile keeps the thesis rule. Planner "arena-overlap" (ST's engines)
/// lets a layer write over an input it reads last and keep the network's input and output buffers
/// outside the arena, which is how ST's published activation sizes are counted; the others
/// (TFLM's greedy planner and the like) give every tensor its own slot, inputs and outputs in.
std::optional<ArenaOptions> arenaOptionsFor(const RuntimeProfile& runtime);

/// The activation RAM of `net` under `runtime`: its arena (`arenaOptionsFor`) or, when the
/// runtime keeps the thesis rule or the arena cannot be planned, `thesisRuleBytes`.
struct RuntimeRam {
    std::int64_t bytes = 0;
    std::string basis; ///< "activation arena" or "thesis rule"
    std::string peakLayer;
};
RuntimeRam runtimeRam(const Network& net, const Analysis& analysis, DType format,
                      const RuntimeProfile& runtime, std::int64_t thesisRuleBytes);

} // namespace zipcnn
