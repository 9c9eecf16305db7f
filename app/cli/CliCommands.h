// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CliArgs.h"
#include "io/McuCatalog.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace zipcnn::cli {

// One function per command; each returns the exit status.
int runModels(const CliArgs& args, std::ostream& out, std::ostream& err);
int runInspect(const CliArgs& args, std::ostream& out, std::ostream& err);
int runPrimitives(const CliArgs& args, std::ostream& out, std::ostream& err);
int runMemory(const CliArgs& args, std::ostream& out, std::ostream& err);
int runMcus(const CliArgs& args, std::ostream& out, std::ostream& err);
/// `mcu add|remove|show`: the user's own MCUs.
int runMcu(const CliArgs& args, std::ostream& out, std::ostream& err);
int runCalibrate(const CliArgs& args, std::ostream& out, std::ostream& err);
int runValidate(const CliArgs& args, std::ostream& out, std::ostream& err);
int runEstimate(const CliArgs& args, std::ostream& out, std::ostream& err);
int runSweep(const CliArgs& args, std::ostream& out, std::ostream& err);
int runBench(const CliArgs& args, std::ostream& out, std::ostream& err);
int runKit(const CliArgs& args, std::ostream& out, std::ostream& err);
/// `report`: its arguments go as they are to the report writer, zipcnn-report.
int runReport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// The report writer's path ("" when it is not installed or built).
std::string findReportProgram();

/// The folder of the running program ("" when unknown).
std::string exeDir();
/// The MCU catalogue on the LUT search path of the running program.
McuCatalog loadCatalog();

} // namespace zipcnn::cli
