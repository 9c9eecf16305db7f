// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Diagnostic.h"
#include "cost/McuFacts.h"
#include "io/McuFactsFile.h"

#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// The user's data folder: `$XDG_DATA_HOME/zipcnn`, else `$HOME/.local/share/zipcnn`; "" when
/// neither variable is set (nothing is then read or written).
std::string userDataDir();
/// `<userDataDir>/mcus`: the MCUs the user added, one `zipcnn-mcu-catalogue` file each.
std::string userMcuDir();
/// `<userDataDir>/profiles`: the user's calibrations of (MCU, runtime) pairs.
std::string userProfileDir();

/// `dir/<name>.json` with every character of `name` outside [A-Za-z0-9._-] made '_'.
std::string userDataFile(const std::string& dir, const std::string& name);
/// Creates `dir` (the user data folder's part) for a save; false with `error` set when there is
/// no user data folder or it cannot be created.
bool makeUserFolder(const std::string& dir, std::string* error);

/// The core families a user MCU may name: those the runtime profiles have parameters for.
const std::vector<std::string>& userCoreFamilies();

/// What the Add-MCU dialog and `zipcnn-cli mcu add` ask for (docs/mcu-catalogue.md).
struct UserMcuInput {
    std::string name;
    std::string coreFamily;
    double freqMinMhz = 1.0; ///< the catalogue's default lowest clock (docs/mcu-catalogue.md)
    double freqMaxMhz = 0.0;
    int flashKib = -1;
    int sramKib = 0;
    std::optional<int> itcmKib, dtcmKib;
    std::vector<WaitStateStep> waitStates; ///< empty: not known (no flash stall counted)
    std::optional<double> runCurrentUaPerMhz;
    std::optional<double> lowPowerCurrentUa;
    double supplyV = 3.3;
    std::string vendor;
    std::string notes;
};

/// "20:0,40:1,60:2" (max MHz : wait states, comma-separated) as steps; nullopt with `error`
/// naming the item that is not "MHZ:N". Checks of the order are `checkUserMcu`'s.
std::optional<std::vector<WaitStateStep>> parseWaitStates(const std::string& text,
                                                          std::string* error);
/// The inverse of parseWaitStates.
std::string waitStatesText(const std::vector<WaitStateStep>& steps);

/// The catalogue entry of a user MCU: the input's facts, `user` set, the source and provenance
/// saying the user typed them in, a current model (basis datasheet, static 0) from the run
/// current when given.
McuFacts makeUserMcu(const UserMcuInput& in);

/// Every problem of a user MCU, each naming its field ("freq_max_mhz: missing or below
/// freq_min_mhz"): the catalogue loader's rules (McuFactsFile), a known core family, a name that
/// is a file name and is not a shipped MCU's name or alias in `catalogue`.
Diagnostics checkUserMcu(const McuFacts& m, const McuFactsCatalog& catalogue);

/// The file of a user MCU in `dir` (the name with characters other than letters, digits, '-',
/// '_' and '.' as '_').
std::string userMcuFile(const std::string& dir, const std::string& name);

/// Writes the MCU to its file in `dir` (created when missing), atomically, as a versioned
/// `zipcnn-mcu-catalogue` document with one entry; an earlier file of the same MCU is replaced.
/// False with `error` set when it cannot be written.
bool saveUserMcu(const McuFacts& m, const std::string& dir, std::string* file, std::string* error);

/// Removes the user MCU `name` (case-insensitive, by name) from `dir`; false with `error` set
/// when there is no such user MCU.
bool removeUserMcu(const std::string& name, const std::string& dir, std::string* error);

/// Adds the MCUs of the files of `dir` to `catalogue`, after the shipped ones, `user` set. An
/// MCU whose name or alias the catalogue already has is left out with an error naming the file
/// (a user MCU cannot shadow a shipped one).
void addUserMcus(McuFactsCatalog& catalogue, const std::string& dir);

} // namespace zipcnn
