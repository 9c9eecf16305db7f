#pragma once

#include "analysis/NetworkAnalysis.h"
#include "base/Diagnostic.h"
#include "cost/RuntimeProfile.h"
#include "model/Network.h"

#include <array>
#include <cstdint>
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

} // namespace zipcnn
