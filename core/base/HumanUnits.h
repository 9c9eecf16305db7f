// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace zipcnn {

/// Numbers as people read them (docs/user-guide.md, "units"): the unit chosen so that the value
/// lies between 1 and 1000 where it can, three significant digits (the model's accuracy is a few
/// percent, so more digits would claim what it does not know), no exponent. Machine formats
/// (JSON, CSV, HDF5) keep their fixed units and full precision; these are for people.

/// "3 significant digits": 0.0123 -> "0.0123", 12.345 -> "12.3", 1234.5 -> "1,235" (digits
/// before the point are never dropped; thousands separated by commas).
std::string significant(double value, int digits = 3);

/// `value` as an output stream writes it with `digits` significant digits ("0.0123", "1.5",
/// "1.2e+06"): the plain form of generated files and of the command line's figures.
std::string plainNumber(double value, int digits);

/// A duration given in milliseconds: "850 ns", "12.3 us", "120 ms", "45.2 s", "2.8 min", "2.8 h".
std::string humanDuration(double ms);
/// An energy given in joules: "850 nJ", "3.1 mJ", "12.4 J", "1.2 kJ".
std::string humanEnergy(double joules);
/// A power given in watts: "250 uW", "31.2 mW", "1.2 W".
std::string humanPower(double watts);
/// A current given in milliamperes: "850 nA", "2.57 uA", "12.4 mA", "1.2 A".
std::string humanCurrent(double ma);
/// A size in bytes: "512 B", "12.3 KiB", "1.5 MiB", "2.1 GiB".
std::string humanBytes(std::int64_t bytes);
/// A relative excess in percent, with the precision the model has: "+63 %", "+4.2 %", "+0.4 %",
/// and "at the limit" below 0.05 %.
std::string humanExcess(double pct);

} // namespace zipcnn
