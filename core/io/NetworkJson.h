// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "model/Network.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace zipcnn {

/// The network file format ("zipcnn-network"), see docs/network-format.md.
inline constexpr int kNetworkFormatVersion = 1;

struct NetworkLoadResult {
    std::optional<Network> network; ///< empty when the file could not be read at all
    Diagnostics diagnostics;        ///< every problem, naming file, JSON path and cause
};

/// Serialises a network: sorted keys, every attribute of the layer's kind, deterministic.
nlohmann::json networkToJson(const Network& net);
/// The text written to disk (2-space indent, trailing newline).
std::string networkToText(const Network& net);

/// Reads a network from parsed JSON; `file` is only used in messages.
NetworkLoadResult networkFromJson(const nlohmann::json& j, const std::string& file);
NetworkLoadResult loadNetworkText(const std::string& text, const std::string& file);
NetworkLoadResult loadNetworkFile(const std::string& path);

/// Saves atomically; false with `error` set when the file could not be written.
bool saveNetworkFile(const Network& net, const std::string& path, std::string* error);

} // namespace zipcnn
