#pragma once

#include "CliArgs.h"

#include <iosfwd>

namespace zipcnn::cli {

// One function per command; each returns the exit status.
int runModels(const CliArgs& args, std::ostream& out, std::ostream& err);
int runInspect(const CliArgs& args, std::ostream& out, std::ostream& err);
int runPrimitives(const CliArgs& args, std::ostream& out, std::ostream& err);
int runMemory(const CliArgs& args, std::ostream& out, std::ostream& err);
int runMcus(const CliArgs& args, std::ostream& out, std::ostream& err);

} // namespace zipcnn::cli
