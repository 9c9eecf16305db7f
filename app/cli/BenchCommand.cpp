// SPDX-License-Identifier: GPL-3.0-or-later
// `bench`: how long the 504-point sweep of resnet26 takes (issue 3 target: at most 1 ms);
// with --import FILE, how long importing a model file takes (issue 4 target: vww_96.h5 in
// under 100 ms).
#include "CliCommands.h"
#include "CliModel.h"
#include "SweepTargets.h"
#include "TextTable.h"
#include "cost/Sweep.h"
#include "import/ImporterRegistry.h"
#include "import/ModelLoader.h"
#include "model/ModelZoo.h"
#include "model/NetworkBuilder.h"

#include <algorithm>
#include <chrono>
#include <ostream>

namespace zipcnn::cli {

using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// A chain of `layers` Dense layers, each one unit wider than the one before, every other one
/// with a ReLU: every layer is a primitive of its own (the sweep cannot fold them together).
Network syntheticChain(int layers) {
    NetworkBuilder b("chain" + std::to_string(layers));
    b.input(Shape{64});
    for (int i = 0; i < layers; ++i)
        b.dense(16 + i, i % 2 ? ActivationKind::Relu : ActivationKind::Linear);
    return b.take();
}

/// Median time of `f()` over `repeats` runs, in ms.
template <class F> double medianMs(int repeats, F&& f) {
    std::vector<double> t;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        f();
        t.push_back(msSince(t0));
    }
    return median(t);
}

/// `bench --import FILE`: median and fastest import of a model file (open, read the config and
/// the weight shapes, build, analyse and check the graph).
int benchImport(const std::string& file, int repeats, bool asJson, std::ostream& out,
                std::ostream& err) {
    ImportOptions options;
    options.keepUnsupported = true;
    ImportResult first = importModelFile(file, options);
    if (const Diagnostic* e = firstError(first.diagnostics); e || !first.network) {
        printError(err, "bench: " + (e ? e->toString() : file + ": cannot be imported"));
        return 1;
    }
    std::vector<double> ms;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        ImportResult again = importModelFile(file, options);
        ms.push_back(msSince(t0));
    }
    const double med = median(ms);
    const double fastest = *std::min_element(ms.begin(), ms.end());
    if (asJson) {
        out << json{{"import", file},
                    {"importer", first.report.importer},
                    {"layers", first.network->size()},
                    {"params", first.report.graphParams},
                    {"import_median_ms", med},
                    {"import_min_ms", fastest},
                    {"repeats", repeats}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "import of " << file << " (" << first.report.importer << ", " << first.network->size()
        << " layers, " << withThousands(first.report.graphParams) << " parameters)\n";
    TextTable t({"what", "median ms", "min ms", "runs"});
    t.addRow({"import (read, build, analyse, check weights)", std::to_string(med),
              std::to_string(fastest), std::to_string(repeats)});
    t.print(out);
    return 0;
}

} // namespace

int runBench(const CliArgs& args, std::ostream& out, std::ostream& err) {
    double repeatsOption = 200;
    if (!readNumberOption(args, "--repeats", 1, 100000, "bench", err, repeatsOption))
        return 2;
    const int repeats = static_cast<int>(repeatsOption);
    if (auto file = args.option("--import"))
        return benchImport(*file, args.option("--repeats") ? repeats : 20, args.flag("--json"), out,
                           err);
    auto loaded = loadModel("resnet26");
    McuCatalog catalog = loadCatalog();
    std::vector<const McuProfile*> mcus;
    std::vector<CostTarget> targets;
    for (const char* name : {"STM32L496ZG", "STM32F446ZE", "STM32F746ZG"})
        if (const McuProfile* p = catalog.find(name)) {
            mcus.push_back(p);
            targets.push_back(lutTarget(*p, nullptr));
        }
    if (!loaded.network || mcus.size() != 3) {
        printError(err, "bench: needs the resnet26 zoo model and the three thesis MCU profiles");
        return 1;
    }
    const std::vector<double> prunes{0.0, 0.5, 0.6, 0.7, 0.8, 0.9};
    std::vector<CostVariant> variants;
    std::vector<double> prepareMs;
    for (int r = 0; r < std::max(3, repeats / 20); ++r) {
        const auto t0 = Clock::now();
        std::vector<CostVariant> vs;
        for (double p : prunes)
            for (DType d : {DType::FP32, DType::INT8})
                vs.push_back(prepareVariant(*loaded.network, "", d, p));
        prepareMs.push_back(msSince(t0));
        variants = std::move(vs);
    }
    std::vector<double> sweepMs;
    std::size_t points = 0;
    const Constraints constraints{10.0, 1.0, 50.0, 32.0, 64.0};
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        const SweepResult result = runSweep(variants, targets, constraints);
        sweepMs.push_back(msSince(t0));
        points = 0;
        for (const auto& c : result.cells)
            points += c.points.size();
    }
    // The same sweep with a device model (docs/device.md): a battery life at every point must
    // cost little beside the sweep, since a slider move recomputes both.
    DeviceModel device;
    device.periodS = 10.0;
    device.sleepUa = 2.0;
    device.supply.battery = findBatteryPreset("cr2032")->battery;
    device.loads.push_back({"sensor", LoadWhen::PerInference, 1, std::nullopt, 1.0, 10.0});
    device.loads.push_back({"radio", LoadWhen::EveryK, 10, 30.0, 0.0, 0.0});
    const double deviceSweep =
        medianMs(repeats, [&] { runSweep(variants, targets, constraints, {}, &device); });
    // The same sweep under a deployment runtime: the INT8 variants lowered for X-CUBE-AI 9 on
    // the same three MCUs, at the thesis MCUs' characterised clocks.
    const Catalogs catalogs = loadCliCatalogs();
    std::vector<CostTarget> runtimeTargets;
    for (const McuProfile* m : mcus)
        if (auto t = resolveTarget({m->name, "x-cube-ai-9"}, catalogs))
            runtimeTargets.push_back(std::move(*t));
    json runtimeSweep;
    if (!runtimeTargets.empty()) {
        std::vector<CostVariant> rtVariants;
        for (double p : prunes)
            rtVariants.push_back(prepareVariant(*loaded.network, "", DType::INT8, p, false,
                                                {runtimeTargets.front().runtime}));
        std::vector<double> clocks;
        for (const McuProfile* m : mcus)
            clocks.insert(clocks.end(), m->freqsMhz.begin(), m->freqsMhz.end());
        std::sort(clocks.begin(), clocks.end());
        clocks.erase(std::unique(clocks.begin(), clocks.end()), clocks.end());
        std::size_t n = 0;
        const double ms = medianMs(repeats, [&] {
            n = 0;
            for (const auto& c : runSweep(rtVariants, runtimeTargets, constraints, clocks).cells)
                n += c.points.size();
        });
        runtimeSweep = {{"runtime", "x-cube-ai-9"}, {"points", n}, {"median_ms", ms}};
    }
    // Linearity: sweeps and per-layer breakdowns of synthetic chains of 125 to 1,000 layers at
    // the 42 characterised clocks of the three MCUs.
    json linearity = json::array();
    for (int layers : {125, 250, 500, 1000}) {
        const std::vector<CostVariant> chain{
            prepareVariant(syntheticChain(layers), "chain", DType::FP32, 0.0)};
        std::size_t n = 0;
        const double sweep = medianMs(std::max(3, repeats / 10), [&] {
            n = 0;
            for (const auto& c : runSweep(chain, targets, constraints).cells)
                n += c.points.size();
        });
        const double breakdown = medianMs(std::max(3, repeats / 50), [&] {
            for (const McuProfile* m : mcus)
                for (double f : m->freqsMhz)
                    estimateBreakdown(chain.front().plan, *m, DType::FP32, f);
        });
        const double lp = static_cast<double>(layers) * static_cast<double>(n);
        linearity.push_back({{"layers", layers},
                             {"points", n},
                             {"primitives", chain.front().plan.byPrimitive.size()},
                             {"sweep_ms", sweep},
                             {"sweep_ns_per_layer_point", 1e6 * sweep / lp},
                             {"breakdown_ms", breakdown},
                             {"breakdown_ns_per_layer_point", 1e6 * breakdown / lp}});
    }
    const double sweepMedian = median(sweepMs);
    const double sweepMin = *std::min_element(sweepMs.begin(), sweepMs.end());
    const double prepMedian = median(prepareMs);
    if (args.flag("--json")) {
        out << json{{"model", "resnet26"},
                    {"sweep_points", points},
                    {"sweep_median_ms", sweepMedian},
                    {"sweep_min_ms", sweepMin},
                    {"per_point_us", 1e3 * sweepMedian / static_cast<double>(points)},
                    {"repeats", repeats},
                    {"variants", variants.size()},
                    {"prepare_variants_median_ms", prepMedian},
                    {"runtime_sweep", runtimeSweep},
                    {"device_sweep_median_ms", deviceSweep},
                    {"linearity", linearity}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "resnet26, 3 MCUs x 14 clocks x {fp32, int8} x pruning {0, .5, .6, .7, .8, .9}\n";
    TextTable t({"what", "median ms", "min ms", "runs"});
    t.addRow({"sweep of " + std::to_string(points) + " points (constraints checked)",
              std::to_string(sweepMedian), std::to_string(sweepMin), std::to_string(repeats)});
    t.addRow({"the same with a device model (battery life per point)", std::to_string(deviceSweep),
              "-", std::to_string(repeats)});
    if (!runtimeSweep.is_null())
        t.addRow({"sweep under x-cube-ai-9 (int8, " + runtimeSweep["points"].dump() + " points)",
                  std::to_string(runtimeSweep["median_ms"].get<double>()), "-",
                  std::to_string(repeats)});
    t.addRow({"preparing the 12 variants (prune, analyse, plan, memory)",
              std::to_string(prepMedian),
              std::to_string(*std::min_element(prepareMs.begin(), prepareMs.end())),
              std::to_string(prepareMs.size())});
    t.print(out);
    out << "\nlinearity: synthetic Dense chains, 3 MCUs x 14 clocks\n";
    TextTable l({"layers", "points", "sweep ms", "ns / (layer x point)", "breakdown ms",
                 "ns / (layer x point)"});
    for (const auto& r : linearity)
        l.addRow({r["layers"].dump(), r["points"].dump(),
                  std::to_string(r["sweep_ms"].get<double>()),
                  std::to_string(r["sweep_ns_per_layer_point"].get<double>()),
                  std::to_string(r["breakdown_ms"].get<double>()),
                  std::to_string(r["breakdown_ns_per_layer_point"].get<double>())});
    l.print(out);
    return 0;
}

} // namespace zipcnn::cli
