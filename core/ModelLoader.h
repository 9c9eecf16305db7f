#pragma once

#include "NetworkJson.h"

#include <string>

namespace zipcnn {

/// Resolves a MODEL argument as the command line and the GUI understand it: a model-zoo name
/// ("resnet8"), or a path to a network file (.json; a project file's network is taken too).
/// The result names the file and the cause of any problem.
NetworkLoadResult loadModel(const std::string& spec);

} // namespace zipcnn
