// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/SweepExport.h"

#include <string>

namespace zipcnn {

/// Writes the sweep as HDF5 for analysis in Python or MATLAB (docs/exports.md): one dataset per
/// metric with dimensions variant x MCU x frequency (NaN where an MCU has no estimate), the axes
/// as their own datasets, units and provenance as attributes. The file is written beside `path`
/// and renamed over it, so a failure leaves an older file intact. Returns an empty string, or
/// why it failed, naming the file.
std::string writeSweepHdf5(const SweepExport& sweep, const std::string& path);

} // namespace zipcnn
