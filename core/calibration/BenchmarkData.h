// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "cost/RuntimeProfile.h"
#include "io/McuFactsFile.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// One row of a published benchmark table (data/benchmarks/mlperf_tiny.csv, columns kept as
/// published; see data/benchmarks/README.md).
struct BenchmarkRow {
    int line = 0; ///< 1-based line in the file
    std::string sourceRepo, sourcePath, round, submitter, systemName;
    std::string mcu, core, runtime, benchmark, model, precision, notes, board;
    double clockMhz = 0.0;
    double latencyMs = 0.0;
    std::optional<double> energyUj;
};

struct BenchmarkData {
    std::string file;
    std::vector<BenchmarkRow> rows;
    Diagnostics diagnostics; ///< unreadable rows name the file, the line and the column
};

BenchmarkData parseBenchmarkCsv(const std::string& text, const std::string& file);
BenchmarkData loadBenchmarkCsv(const std::string& path);

/// The shipped benchmark file (installed, then the source tree's data/benchmarks); "" if none.
std::string shippedBenchmarkFile(const std::string& exeDir);

/// One energy measurement of a point: energy per inference at the supply voltage of its run.
struct EnergyRun {
    double energyUj = 0.0;
    double voltageV = 0.0;
    int line = 0;
};

/// The latency of one benchmark network on one board under one runtime: the median of the rows
/// that repeat it, and the energy runs that go with it.
struct BenchmarkPoint {
    std::string runtimeId;
    std::string mcu;        ///< catalogue name
    std::string coreFamily; ///< from the catalogue
    std::string board;      ///< upper case, '_' as '-'
    std::string benchmark;  ///< ic, kws, vww, ad
    std::string zooModel;   ///< resnet8, ds-cnn-s, mobilenet-v1-0.25, ad01
    double clockMhz = 0.0;
    double latencyMs = 0.0;
    std::vector<int> lines;
    std::vector<EnergyRun> energy;
};

struct ExcludedRow {
    int line = 0;
    std::string reason;
};

struct BenchmarkSelection {
    std::vector<BenchmarkPoint> points;
    std::vector<ExcludedRow> excluded; ///< rows matching the runtime that are not used, and why
};

/// The zoo model of a benchmark id ("" when unknown).
std::string benchmarkZooModel(const std::string& benchmark);

/// The rows of `data` a runtime is calibrated on (docs/runtimes.md, "which rows"): its
/// `benchmark_runtimes`, INT8, CPU only (no accelerator), no re-runs of another submission and no
/// special build variants, on a catalogued MCU. Repeats of a (board, network) are merged.
BenchmarkSelection selectBenchmarkPoints(const BenchmarkData& data, const RuntimeProfile& runtime,
                                         const McuFactsCatalog& mcus);

/// True when the MCU appears in a CPU-only row of any runtime's selection.
bool mcuHasBenchmarkPoints(const std::vector<BenchmarkSelection>& selections,
                           const std::string& mcu);

} // namespace zipcnn
