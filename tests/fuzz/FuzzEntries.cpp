// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzEntries.h"

#include "analysis/Decomposition.h"
#include "analysis/Distillation.h"
#include "analysis/MemoryModel.h"
#include "analysis/MemoryPlanner.h"
#include "analysis/NetworkAnalysis.h"
#include "analysis/Pruning.h"
#include "base/JsonReader.h"
#include "cost/CostPlan.h"
#include "cost/Estimator.h"
#include "import/KerasConfigParser.h"
#include "import/OnnxImporter.h"
#include "import/TfliteImporter.h"
#include "io/LutFile.h"
#include "io/NetworkJson.h"
#include "io/ProjectJson.h"
#include "model/ModelZoo.h"

#include <cstdlib>

namespace zipcnn::fuzz {

namespace {

std::string text(const std::uint8_t* data, std::size_t size) {
    return size ? std::string(reinterpret_cast<const char*>(data), size) : std::string();
}

/// A broken invariant: abort, so that libFuzzer (and the replay test) reports it.
void require(bool cond) {
    if (!cond)
        std::abort();
}

/// Every computation a network read from a file goes through in the tools, so that whatever
/// the reader lets pass is also safe for shape inference, counts, memory and pruning.
void exerciseNetwork(const Network& net) {
    const Analysis a = analyze(net);
    const Decomposition d = decompose(net, a);
    for (DType f : {DType::FP32, DType::INT8}) {
        (void)planMemory(net, a, f);
        (void)ramByThesisRule(net, a, f);
        (void)estimateFlash(net, a, d, f, defaultCodeSizeParams(f));
    }
    (void)makeCostPlan(net, a, d);
    if (a.ok()) {
        require(a.params >= 0 && a.macs >= 0);
        PruneSpec spec;
        spec.rate = 0.5;
        const PruneResult p = prune(net, spec);
        (void)analyze(p.network);
        StudentSpec s;
        s.widthMultiplier = 0.5;
        s.dropBlocksPerStage = 1;
        (void)deriveStudent(net, s);
    }
    // What was read can be written, and reads back the same.
    const std::string saved = networkToText(net);
    const NetworkLoadResult again = loadNetworkText(saved, "saved.json");
    require(again.network.has_value() && networkToText(*again.network) == saved);
}

} // namespace

int fuzzNetworkJson(const std::uint8_t* data, std::size_t size) {
    const NetworkLoadResult r = loadNetworkText(text(data, size), "fuzz.json");
    if (r.network)
        exerciseNetwork(*r.network);
    return 0;
}

int fuzzProjectJson(const std::uint8_t* data, std::size_t size) {
    const ProjectLoadResult r = loadProjectText(text(data, size), "fuzz.zipcnn.json");
    if (r.project) {
        exerciseNetwork(r.project->network);
        (void)projectToText(*r.project);
    }
    return 0;
}

int fuzzLutFile(const std::uint8_t* data, std::size_t size) {
    LutLoadResult r;
    if (auto j = parseJsonText(text(data, size), "fuzz-lut.json", r.diagnostics))
        r = lutFromJson(*j, "fuzz-lut.json");
    if (!r.profile)
        return 0;
    const McuProfile& mcu = *r.profile;
    (void)lutToJson(mcu).dump();
    static const Network lenet = *zooModel("lenet5");
    static const Analysis analysis = analyze(lenet);
    static const Decomposition decomposition = decompose(lenet, analysis);
    static const CostPlan plan = makeCostPlan(lenet, analysis, decomposition);
    for (DType f : {DType::FP32, DType::INT8})
        for (double freq : {mcu.freqMinMhz, 0.5 * (mcu.freqMinMhz + mcu.freqMaxMhz), mcu.freqMaxMhz,
                            mcu.freqsMhz.front()})
            (void)estimatePoint(plan, mcu, f, freq);
    return 0;
}

int fuzzKerasConfig(const std::uint8_t* data, std::size_t size) {
    KerasModelConfig c = parseKerasConfigText(text(data, size), "fuzz_model_config.json");
    if (c.network) {
        applyShapeRules(*c.network, c.shapeRules);
        exerciseNetwork(*c.network);
    }
    return 0;
}

int fuzzOnnx(const std::uint8_t* data, std::size_t size) {
    ImportOptions options;
    options.keepUnsupported = true;
    ImportResult r = importOnnxBytes(text(data, size), "fuzz.onnx", options);
    if (r.network && !hasErrors(r.diagnostics))
        exerciseNetwork(*r.network);
    return 0;
}

int fuzzTflite(const std::uint8_t* data, std::size_t size) {
    ImportOptions options;
    options.keepUnsupported = true;
    const ImportResult r = importTfliteBytes(text(data, size), "fuzz.tflite", options);
    if (r.network)
        exerciseNetwork(*r.network);
    return 0;
}

const std::vector<Target>& targets() {
    static const std::vector<Target> all = {{"network_json", &fuzzNetworkJson},
                                            {"project_json", &fuzzProjectJson},
                                            {"lut_file", &fuzzLutFile},
                                            {"keras_config", &fuzzKerasConfig},
                                            {"onnx", &fuzzOnnx},
                                            {"tflite", &fuzzTflite}};
    return all;
}

} // namespace zipcnn::fuzz
