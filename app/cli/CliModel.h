#pragma once

#include "CliArgs.h"
#include "Decomposition.h"
#include "Network.h"
#include "NetworkAnalysis.h"

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace zipcnn::cli {

/// A MODEL argument loaded, pruned if asked, analysed and decomposed.
struct PreparedModel {
    std::string spec; ///< the MODEL argument as given
    Network network;
    Analysis analysis;
    Decomposition decomposition;
    double prune = 0.0;
    Diagnostics diagnostics; ///< warnings and infos gathered on the way (no errors)
};

/// Loads positional MODEL (and applies --prune R when given). On failure writes one line to
/// `err` and returns nullopt.
std::optional<PreparedModel> prepareModel(const CliArgs& args, std::ostream& err);

nlohmann::json diagnosticsToJson(const Diagnostics& diags);

/// Prints "zipcnn-cli: error: <message>" on one line.
void printError(std::ostream& err, const std::string& message);

} // namespace zipcnn::cli
