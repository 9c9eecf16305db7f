// SPDX-License-Identifier: GPL-3.0-or-later
#include "cost/Estimator.h"

#include <algorithm>

namespace zipcnn {

ClockOps clockOps(const McuProfile& mcu, DType format, double freqMhz, const CostParams& params) {
    ClockOps out;
    out.fp32 = lookupOps(mcu, DType::FP32, freqMhz);
    if (!out.fp32.ok) {
        out.why = out.fp32.why;
        return out;
    }
    out.native = format == DType::FP32 ? out.fp32 : lookupOps(mcu, format, freqMhz);
    if (!out.native.ok) {
        out.why = out.native.why;
        return out;
    }
    out.mac =
        format == DType::INT8 && params.int8MacCyclesFrom == DType::FP32 ? out.fp32 : out.native;
    const OpLookup ref = lookupOps(mcu, DType::FP32, params.referenceFreqMhz);
    if (!ref.ok) {
        out.why = "the stall reference clock of the " + mcu.name + " has no op data: " + ref.why;
        return out;
    }
    // w(f): exp runs library code and tables from Flash; its cycles beyond the core-only
    // slowdown of add/mul/div measure the wait-state stalls (docs/cost-model.md 1.2).
    double rho = 0.0;
    for (Op op : {Op::Add, Op::Mul, Op::Div})
        rho += out.fp32.at(op).cycles / ref.at(op).cycles / 3.0;
    out.stallCycles = std::max(0.0, out.fp32.at(Op::Exp).cycles - ref.at(Op::Exp).cycles * rho);
    out.tcmValues = static_cast<std::int64_t>(mcu.dtcmKib) * 1024 / bytesPerValue(format);
    out.interpolated = out.fp32.interpolated || out.native.interpolated;
    out.ok = true;
    return out;
}

CostFeatures& CostFeatures::operator+=(const CostFeatures& o) {
    convR += o.convR, convRI += o.convRI, convN += o.convN, convNI += o.convNI;
    convM += o.convM, convMI += o.convMI;
    fcR += o.fcR, fcRI += o.fcRI, fcW += o.fcW, fcWI += o.fcWI;
    sigR += o.sigR, sigRI += o.sigRI, sigN += o.sigN, sigNI += o.sigNI;
    sigW += o.sigW, sigWI += o.sigWI;
    elR += o.elR, elRI += o.elRI;
    return *this;
}

CostFeatures itemFeatures(const CostItem& item, const ClockOps& ops) {
    const PrimitiveRecipe& r = item.recipe;
    const bool mac = r.family == CostFamily::Conv || r.family == CostFamily::Fc;
    // Softmax always runs in FP32; table-based activations have no INT8 measurement, so an
    // INT8 network runs them in FP32 too (docs/cost-model.md 1.5).
    const bool fp32 = r.fp32Only || r.family == CostFamily::Sigmoid;
    const OpLookup& cyc = fp32 ? ops.fp32 : mac ? ops.mac : ops.native;
    const OpLookup& cur = fp32 ? ops.fp32 : ops.native;
    double rc = 0.0, ri = 0.0;
    for (Op op : allOps()) {
        const double n = r.op(op);
        if (n == 0.0)
            continue;
        const double c = n * cyc.at(op).cycles;
        rc += c;
        ri += c * cur.at(op).currentMa;
    }
    const double n = item.count;
    const double current = rc > 0.0 ? ri / rc : 0.0; // the primitive's time-weighted current
    CostFeatures f;
    switch (r.family) {
    case CostFamily::Conv:
        f.convR = n * rc, f.convRI = n * ri, f.convN = n, f.convNI = n * current;
        // A layer whose activations do not fit the tightly-coupled RAM reads and writes them in
        // the system SRAM: each MAC (one multiply of the recipe) pays its extra latency.
        if (ops.tcmValues > 0 && item.activationValues > ops.tcmValues)
            f.convM = n * r.op(Op::Mul), f.convMI = f.convM * current;
        break;
    case CostFamily::Fc: {
        const double stall = n * r.flashWeights * ops.stallCycles;
        f.fcR = n * rc, f.fcRI = n * ri, f.fcW = stall, f.fcWI = stall * current;
        break;
    }
    case CostFamily::Sigmoid:
        f.sigR = n * rc, f.sigRI = n * ri, f.sigN = n, f.sigNI = n * current;
        f.sigW = n * ops.stallCycles, f.sigWI = f.sigW * current;
        break;
    case CostFamily::Elementwise:
        f.elR = n * rc, f.elRI = n * ri;
        break;
    }
    return f;
}

namespace {

double macScale(const CostParams& p, DType format) {
    return format == DType::INT8 ? p.q8 : 1.0;
}

double overheadCurrent(const ClockOps& ops) {
    return 0.5 * (ops.fp32.at(Op::Add).currentMa + ops.fp32.at(Op::Mul).currentMa);
}

} // namespace

FamilyCharge familyCharge(const CostFeatures& f, const CostParams& p, DType format,
                          const ClockOps& ops) {
    const double q = macScale(p, format);
    FamilyCharge c;
    c.conv = p.sConv * q * f.convRI + p.oConv * f.convNI + p.mTcm * f.convMI;
    c.fc = p.sFc * q * f.fcRI + p.bFc * f.fcWI;
    c.el = f.sigRI + p.oSig * f.sigNI + p.bSig * f.sigWI + f.elRI + p.c0 * overheadCurrent(ops);
    return c;
}

CostTotals evaluate(const CostFeatures& f, const CostParams& p, DType format) {
    const double q = macScale(p, format);
    CostTotals t;
    t.cycles = p.sConv * q * f.convR + p.oConv * f.convN + p.mTcm * f.convM + p.sFc * q * f.fcR +
               p.bFc * f.fcW + f.sigR + p.oSig * f.sigN + p.bSig * f.sigW + f.elR;
    t.charge = p.kappaConv * (p.sConv * q * f.convRI + p.oConv * f.convNI + p.mTcm * f.convMI) +
               p.kappaFc * (p.sFc * q * f.fcRI + p.bFc * f.fcWI) +
               p.kappaEl * (f.sigRI + p.oSig * f.sigNI + p.bSig * f.sigWI + f.elRI) +
               p.i0Ma * t.cycles;
    return t;
}

CostTotals overheadTotals(const CostParams& p, const ClockOps& ops) {
    return {p.c0, (p.kappaEl * overheadCurrent(ops) + p.i0Ma) * p.c0};
}

const CostParams& costParamsOf(const McuProfile& mcu) {
    static const CostParams uncalibrated;
    return mcu.calibration ? mcu.calibration->params : uncalibrated;
}

namespace {

void finish(CostPoint& p, const CostTotals& t, const McuProfile& mcu) {
    p.cycles = t.cycles;
    p.latencyMs = t.cycles / (p.freqMhz * 1e3);
    p.currentMa = t.cycles > 0.0 ? t.charge / t.cycles : 0.0;
    p.powerW = mcu.supplyV * p.currentMa * 1e-3;
    p.energyJ = p.powerW * p.latencyMs * 1e-3;
    p.ok = true;
}

CostShare share(std::string name, const CostTotals& t, double freqMhz, double supplyV) {
    const double ms = t.cycles / (freqMhz * 1e3);
    // energy = V x charge / f: charge is cycles x mA
    return {std::move(name), t.cycles, ms, supplyV * t.charge * 1e-3 / (freqMhz * 1e6)};
}

} // namespace

CostPoint estimatePoint(const CostPlan& plan, const McuProfile& mcu, DType format, double freqMhz) {
    return estimatePoint(plan, mcu, costParamsOf(mcu), format, freqMhz);
}

CostPoint estimatePoint(const CostPlan& plan, const McuProfile& mcu, const CostParams& params,
                        DType format, double freqMhz) {
    CostPoint p;
    p.freqMhz = freqMhz;
    const ClockOps ops = clockOps(mcu, format, freqMhz, params);
    if (!ops.ok) {
        p.why = ops.why;
        return p;
    }
    CostFeatures f;
    for (const auto& item : plan.sums)
        f += itemFeatures(item, ops);
    CostTotals t = evaluate(f, params, format);
    t += overheadTotals(params, ops);
    p.interpolated = ops.interpolated;
    finish(p, t, mcu);
    return p;
}

CostBreakdown estimateBreakdown(const CostPlan& plan, const McuProfile& mcu, DType format,
                                double freqMhz) {
    CostBreakdown b;
    b.point.freqMhz = freqMhz;
    const CostParams& params = costParamsOf(mcu);
    const ClockOps ops = clockOps(mcu, format, freqMhz, params);
    if (!ops.ok) {
        b.point.why = ops.why;
        return b;
    }
    std::vector<CostTotals> byLayer(plan.layers.size()), byPrim(plan.byPrimitive.size());
    CostTotals total;
    for (const auto& item : plan.items) {
        const CostTotals t = evaluate(itemFeatures(item, ops), params, format);
        byLayer[item.layerSlot] += t;
        byPrim[item.primitiveSlot] += t;
        total += t;
    }
    const CostTotals overhead = overheadTotals(params, ops);
    total += overhead;
    b.byLayer.reserve(byLayer.size() + 1);
    for (std::size_t i = 0; i < byLayer.size(); ++i)
        b.byLayer.push_back(share(plan.layers[i], byLayer[i], freqMhz, mcu.supplyV));
    for (std::size_t i = 0; i < byPrim.size(); ++i)
        b.byPrimitive.push_back(
            share(plan.byPrimitive[i].primitive, byPrim[i], freqMhz, mcu.supplyV));
    if (overhead.cycles > 0.0) {
        b.byLayer.push_back(share(kOverheadName, overhead, freqMhz, mcu.supplyV));
        b.byPrimitive.push_back(b.byLayer.back());
    }
    b.point.interpolated = ops.interpolated;
    finish(b.point, total, mcu);
    return b;
}

} // namespace zipcnn
