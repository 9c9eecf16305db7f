// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/RuntimeFit.h"

#include "calibration/RobustFit.h"
#include "cost/RuntimeCostModel.h"

#include <set>

namespace zipcnn {

namespace {

using K = KernelClass;

double at(const std::array<double, kKernelClassCount>& a, K k) {
    return a[static_cast<std::size_t>(k)];
}

double convMacs(const RuntimeFeatures& f) {
    return at(f.macs, K::Conv) + at(f.macs, K::Pointwise) + at(f.macs, K::Depthwise);
}

/// Output elements of the MAC kernels plus every element of the element-wise work: both are
/// one requantised load-op-store per element.
double elementWork(const RuntimeFeatures& f) {
    double e = f.outputs;
    for (K k : {K::Pool, K::Eltwise, K::Activation, K::Softmax})
        e += at(f.elements, k);
    return e;
}

} // namespace

double predictCycles(const KernelCosts& costs, const FitPoint& p) {
    return coreCycles(p.features, costs) + flashStallCycles(p.features, costs, p.waitStates);
}

KernelCosts fitKernelCosts(const std::vector<FitPoint>& points, const std::string& coreFamily,
                           std::vector<std::string>* notes) {
    KernelCosts k;
    k.coreFamily = coreFamily;
    k.flashLineBytes = 16.0;
    std::set<std::string> nets;
    bool denseNetwork = false;
    for (const auto& p : points) {
        nets.insert(p.point.zooModel);
        const double total = convMacs(p.features) + at(p.features.macs, K::Fc);
        if (total > 0 && at(p.features.macs, K::Fc) >= 0.5 * total)
            denseNetwork = true;
    }
    // Dense-layer cost needs a network made mostly of dense layers; without one it is tied to
    // the convolution cost. The per-element cost needs more networks than MAC parameters.
    const bool fcFree = denseNetwork;
    const bool elementFree = nets.size() >= (fcFree ? 3u : 2u);
    FitProblem prob;
    for (const auto& p : points) {
        const double fc = at(p.features.macs, K::Fc);
        std::vector<double> row;
        row.push_back(convMacs(p.features) + (fcFree ? 0.0 : fc));
        row.push_back(fcFree ? fc : 0.0);
        row.push_back(elementFree ? elementWork(p.features) : 0.0);
        prob.rows.push_back(row);
        const double y = p.measuredCycles();
        prob.target.push_back(y - flashStallCycles(p.features, k, p.waitStates));
        prob.measured.push_back(y);
    }
    std::vector<double> x(3, 0.0);
    if (!points.empty())
        x = fitRelativeL1(prob);
    const double mac = x[0], fc = fcFree ? x[1] : x[0], el = x[2];
    k.convCyclesPerMac = k.pointwiseCyclesPerMac = k.depthwiseCyclesPerMac = mac;
    k.fcCyclesPerMac = fc;
    k.outputCyclesPerElement = el;
    k.poolCyclesPerElement = k.eltwiseCyclesPerElement = k.activationCyclesPerElement =
        k.softmaxCyclesPerElement = el;
    k.layerCycles = 0.0;
    k.inferenceCycles = 0.0;
    const std::string fitted = "fitted on " + std::to_string(points.size()) +
                               " MLPerf Tiny points (data/benchmarks/mlperf_tiny.csv)";
    k.provenance["cycles_per_mac.conv"] =
        fitted +
        "; one value for conv, pointwise and depthwise (four networks cannot separate them)";
    k.provenance["cycles_per_mac.pointwise"] = "= cycles_per_mac.conv";
    k.provenance["cycles_per_mac.depthwise"] = "= cycles_per_mac.conv";
    k.provenance["cycles_per_mac.fc"] =
        fcFree ? fitted + " (the FC autoencoder identifies it)"
               : "= cycles_per_mac.conv: no dense-layer network in the data";
    k.provenance["cycles_per_element.output"] =
        elementFree ? fitted + "; per output of a conv/dense kernel (requantise, store)"
                    : "0: too few networks to identify it";
    for (const char* e : {"pool", "eltwise", "activation", "softmax"})
        k.provenance[std::string("cycles_per_element.") + e] =
            "= cycles_per_element.output (one requantised load-op-store per element)";
    k.provenance["layer_cycles"] = "0: not identifiable from four networks at one clock each "
                                   "(absorbed by the per-element cost)";
    k.provenance["inference_cycles"] = "0: not identifiable (absorbed by the other parameters)";
    k.provenance["flash_line_bytes"] =
        "16: a 128-bit flash read; dense weights are read once, so each line pays the flash wait "
        "states once (the MCU's table at the clock). Prior, not fitted.";
    if (notes) {
        if (!fcFree)
            notes->push_back("cycles_per_mac.fc tied to conv: no dense-layer network in the fit");
        if (!elementFree)
            notes->push_back("cycles_per_element fixed at 0: too few networks in the fit");
    }
    return k;
}

} // namespace zipcnn
