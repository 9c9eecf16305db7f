// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArgs.h"
#include "analysis/Decomposition.h"
#include "analysis/NetworkAnalysis.h"
#include "base/HumanUnits.h"
#include "import/ModelImport.h"
#include "model/Network.h"
#include "model/Project.h"

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn::cli {

/// A MODEL argument loaded, pruned if asked, analysed and decomposed.
struct PreparedModel {
    std::string spec; ///< the MODEL argument as given
    Network network;
    Analysis analysis;
    Decomposition decomposition;
    double prune = 0.0;
    Diagnostics diagnostics;            ///< warnings and infos gathered on the way (no errors)
    std::optional<ImportReport> import; ///< set when MODEL is a model file (.h5, .keras, ...)
};

/// Loads positional MODEL (with --keep-unsupported for model files, and applies --prune R when
/// given). On failure writes one line to `err` and returns nullopt.
std::optional<PreparedModel> prepareModel(const CliArgs& args, std::ostream& err);

nlohmann::json diagnosticsToJson(const Diagnostics& diags);
/// The import report as JSON: {"importer", "format", "model_class", "graph_params",
/// "stored_params", "unsupported_params", "non_weight_constants", "params_match", "weight_tensors",
/// "layer_classes", "nested_models", "unsupported": [{"name", "class", "reason",
/// "stored_params"}]}.
nlohmann::json importReportToJson(const ImportReport& report);
/// The --keep-unsupported decision and the --input-shape of a command line.
ImportOptions importOptions(const CliArgs& args);
/// The error of a malformed --input-shape, if any (checked before loading).
std::optional<std::string> inputShapeError(const CliArgs& args);
/// The message of a failed load, with the CLI's hint for unsupported layers.
std::string loadErrorMessage(const Diagnostic& error);

/// A figure as the command line prints it: `digits` significant digits (plainNumber).
inline std::string num(double v, int digits = 4) {
    return plainNumber(v, digits);
}

/// Prints "zipcnn-cli: error: <message>" on one line.
void printError(std::ostream& err, const std::string& message);

/// Reads the numeric option `name`, which must lie within [min, max]. Absent: true and `value`
/// untouched. Given: true with `value` set, or false after printing "<context>: <why>" (just
/// "<why>" for an empty `context`) to `err`.
bool readNumberOption(const CliArgs& args, const std::string& name, double min, double max,
                      const std::string& context, std::ostream& err, std::optional<double>& value);
bool readNumberOption(const CliArgs& args, const std::string& name, double min, double max,
                      const std::string& context, std::ostream& err, double& value);

/// A --dtype value of `command`; nullopt after printing "<command>: --dtype must be fp32 or
/// int8, got '<text>'" to `err`.
std::optional<DType> dtypeOption(const std::string& text, std::ostream& err,
                                 const std::string& command);

/// What both `estimate` paths read after their target: the --freq clocks (over `freqs`), the
/// device options (over the project's device) and MODEL. 0, or the exit code after one line on
/// `err`: 2 for a bad option, 1 for a MODEL that does not load.
int readEstimateInputs(const CliArgs& args, std::ostream& err, std::vector<double>& freqs,
                       std::optional<DeviceModel>& device, std::optional<PreparedModel>& model);

/// Reads every value of the repeatable option `name` (each a number within [min, max]) into
/// `values`, replacing them; left as they are when none is given. False after printing
/// "<context>: <why>" to `err` when one is not such a number.
bool readNumberList(const CliArgs& args, const std::string& name, double min, double max,
                    const std::string& context, std::ostream& err, std::vector<double>& values);

/// Overrides `c` with the sweep options given (--max-latency-ms, --max-energy-mj,
/// --max-power-mw, --ram-reserve-kib, --flash-reserve-kib). A bad value is one line on `err`
/// ("sweep: ...") and false.
bool readSweepConstraints(const CliArgs& args, Constraints& c, std::ostream& err);

} // namespace zipcnn::cli
