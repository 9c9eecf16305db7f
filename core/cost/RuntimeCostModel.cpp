// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/RuntimeCostModel.h"

#include <sstream>

namespace zipcnn {

namespace {

double at(const std::array<double, kKernelClassCount>& a, KernelClass k) {
    return a[static_cast<std::size_t>(k)];
}

std::string mhz(double f) {
    std::ostringstream s;
    s << f;
    return s.str();
}

} // namespace

double coreCycles(const RuntimeFeatures& f, const KernelCosts& c) {
    using K = KernelClass;
    return c.convCyclesPerMac * at(f.macs, K::Conv) +
           c.pointwiseCyclesPerMac * at(f.macs, K::Pointwise) +
           c.depthwiseCyclesPerMac * at(f.macs, K::Depthwise) +
           c.fcCyclesPerMac * at(f.macs, K::Fc) + c.poolCyclesPerElement * at(f.elements, K::Pool) +
           c.eltwiseCyclesPerElement * at(f.elements, K::Eltwise) +
           c.activationCyclesPerElement * at(f.elements, K::Activation) +
           c.softmaxCyclesPerElement * at(f.elements, K::Softmax) +
           c.outputCyclesPerElement * f.outputs + c.layerCycles * f.layers + c.inferenceCycles;
}

double flashStallCycles(const RuntimeFeatures& f, const KernelCosts& c, int waitStates) {
    if (c.flashLineBytes <= 0.0 || waitStates <= 0)
        return 0.0;
    return f.fcWeightBytes * waitStates / c.flashLineBytes;
}

double loweredLayerCycles(const LoweredLayer& layer, const KernelCosts& c, int waitStates) {
    LoweredGraph one;
    one.layers = {layer};
    const RuntimeFeatures f = one.features();
    return coreCycles(f, c) - c.inferenceCycles + flashStallCycles(f, c, waitStates);
}

RuntimePoint estimateRuntimePoint(const RuntimeFeatures& f, const KernelCosts& c,
                                  const McuFacts& mcu, double freqMhz, double voltageV) {
    RuntimePoint p;
    p.freqMhz = freqMhz;
    if (!(freqMhz >= mcu.freqMinMhz - 1e-9 && freqMhz <= mcu.freqMaxMhz + 1e-9)) {
        p.why = mcu.name + " runs from " + mhz(mcu.freqMinMhz) + " to " + mhz(mcu.freqMaxMhz) +
                " MHz; no estimate at " + mhz(freqMhz) + " MHz";
        return p;
    }
    if (auto ws = mcu.waitStatesAt(freqMhz)) {
        p.waitStates = *ws;
        p.waitStatesKnown = true;
    }
    p.stallCycles = flashStallCycles(f, c, p.waitStates);
    p.cycles = coreCycles(f, c) + p.stallCycles;
    p.latencyMs = p.cycles / (freqMhz * 1000.0);
    p.voltageV = voltageV > 0.0 ? voltageV : mcu.nominalV;
    if (mcu.current) {
        p.currentMa = mcu.current->currentMa(freqMhz);
        p.powerW = p.voltageV * *p.currentMa / 1000.0;
        p.energyJ = p.powerW * p.latencyMs / 1000.0;
    }
    p.ok = true;
    return p;
}

} // namespace zipcnn
