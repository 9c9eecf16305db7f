// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/UserProfileFile.h"

#include "base/AtomicFile.h"
#include "base/JsonReader.h"
#include "io/JsonFolder.h"
#include "io/UserMcuStore.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>

namespace zipcnn {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "zipcnn-user-profile";

double round4(double v) {
    if (v == 0.0 || !std::isfinite(v))
        return v;
    const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::abs(v))));
    return std::round(v * scale) / scale;
}

json optNumber(const std::optional<double>& v) {
    return v ? json(round4(*v)) : json();
}

} // namespace

json userProfileToJson(const UserProfile& p) {
    json j = versionedHeader(kFormat, kUserProfileFormatVersion);
    j["mcu"] = p.mcu;
    j["runtime"] = p.runtime;
    j["source"] = p.source;
    j["measurements"] = p.measurements;
    j["kernel_costs"] = kernelCostsToJson(p.costs);
    if (p.current)
        j["current_model"] = {{"static_ma", round4(p.current->staticMa)},
                              {"ua_per_mhz", round4(p.current->uaPerMhz)},
                              {"source", p.current->source}};
    else
        j["current_model"] = nullptr;
    j["points"] = json::array();
    for (const auto& q : p.points)
        j["points"].push_back({{"network", q.network},
                               {"freq_mhz", q.freqMhz},
                               {"measured_ms", round4(q.measuredMs)},
                               {"predicted_ms", round4(q.predictedMs)},
                               {"measured_ma", optNumber(q.measuredMa)},
                               {"predicted_ma", optNumber(q.predictedMa)}});
    return j;
}

UserProfileLoadResult userProfileFromJson(const json& j, const std::string& file) {
    UserProfileLoadResult result;
    JsonReader r(file, result.diagnostics);
    if (!r.checkHeader(j, kFormat, kUserProfileFormatVersion, "user profile",
                       {"mcu", "runtime", "source", "measurements", "kernel_costs", "current_model",
                        "points"}))
        return result;
    UserProfile p;
    p.file = file;
    auto mcu = r.requireString(j, "mcu", "");
    auto runtime = r.requireString(j, "runtime", "");
    if (!mcu || !runtime)
        return result;
    p.mcu = *mcu;
    p.runtime = *runtime;
    p.source = r.optString(j, "source", "", "");
    if (p.source.empty())
        r.error("source", "missing: a user profile says how it was calibrated");
    if (auto m = j.find("measurements"); m != j.end())
        if (auto v = r.stringArray(*m, "measurements"))
            p.measurements = *v;
    if (const json* k = r.requireObject(j, "kernel_costs", "")) {
        kernelCostsFromJson(r, *k, "kernel_costs", p.costs);
        p.costs.mcu = p.mcu;
    }
    if (auto c = j.find("current_model"); c != j.end() && !c->is_null()) {
        if (r.isObject(*c, "current_model")) {
            CurrentModel cm;
            cm.basis = McuBasis::UserCalibrated;
            cm.staticMa = r.optNumber(*c, "static_ma", "current_model", -1.0);
            cm.uaPerMhz = r.optNumber(*c, "ua_per_mhz", "current_model", -1.0);
            cm.source = r.optString(*c, "source", "current_model", "");
            if (cm.staticMa < 0.0)
                r.error("current_model.static_ma", "missing or negative");
            if (!(cm.uaPerMhz > 0.0))
                r.error("current_model.ua_per_mhz", "missing or not positive");
            p.current = cm;
        }
    }
    if (auto pts = j.find("points"); pts != j.end() && pts->is_array())
        for (std::size_t i = 0; i < pts->size(); ++i) {
            const json& e = (*pts)[i];
            const std::string path = JsonReader::index("points", i);
            if (!r.isObject(e, path))
                continue;
            UserProfilePoint q;
            q.network = r.optString(e, "network", path, "");
            q.freqMhz = r.optNumber(e, "freq_mhz", path, 0.0);
            q.measuredMs = r.optNumber(e, "measured_ms", path, 0.0);
            q.predictedMs = r.optNumber(e, "predicted_ms", path, 0.0);
            q.measuredMa = r.optNullableNumber(e, "measured_ma", path);
            q.predictedMa = r.optNullableNumber(e, "predicted_ma", path);
            p.points.push_back(std::move(q));
        }
    return withValueUnlessErrors(std::move(result), &UserProfileLoadResult::profile, std::move(p));
}

UserProfileLoadResult loadUserProfileFile(const std::string& path) {
    return loadJsonDocument(path, &userProfileFromJson);
}

std::string userProfileFile(const std::string& dir, const std::string& mcu,
                            const std::string& runtime) {
    return userDataFile(dir, mcu + "__" + runtime);
}

bool saveUserProfile(const UserProfile& p, const std::string& dir, std::string* file,
                     std::string* error) {
    if (!makeUserFolder(dir, error))
        return false;
    const std::string path = userProfileFile(dir, p.mcu, p.runtime);
    if (file)
        *file = path;
    return writeFileAtomically(path, userProfileToJson(p).dump(2) + "\n", error);
}

void addUserProfiles(RuntimeCatalog* runtimes, McuFactsCatalog* facts, const std::string& dir) {
    if (dir.empty() || (!runtimes && !facts))
        return;
    Diagnostics& diags = runtimes ? runtimes->diagnostics : facts->diagnostics;
    std::map<std::string, int> currentPoints; // MCU -> points of the current line applied
    loadEachFile(
        jsonFilesIn(dir), diags, &loadUserProfileFile,
        [&](UserProfileLoadResult& one, const std::string& file) {
            if (!one.profile)
                return;
            UserProfile& p = *one.profile;
            if (facts) {
                McuFacts* m = nullptr;
                for (auto& f : facts->mcus)
                    if (f.matches(p.mcu))
                        m = &f;
                if (!m) {
                    diags.push_back(
                        aboutFile(makeWarning("user-profile-unknown-mcu",
                                              "user profile of '" + p.mcu +
                                                  "': no such MCU in the catalogue; left out"),
                                  file));
                    return;
                }
                if (m->coreFamily != p.costs.coreFamily) {
                    diags.push_back(aboutFile(
                        makeWarning("user-profile-family",
                                    "user profile of '" + p.mcu + "' is for " + p.costs.coreFamily +
                                        " but the MCU is a " + m->coreFamily + "; left out"),
                        file));
                    return;
                }
                const int n = static_cast<int>(
                    std::count_if(p.points.begin(), p.points.end(), [](const UserProfilePoint& q) {
                        return q.measuredMa.has_value();
                    }));
                if (p.current && n > currentPoints[m->name]) {
                    currentPoints[m->name] = n;
                    m->current = p.current;
                }
            }
            if (!runtimes)
                return;
            RuntimeProfile* rt = nullptr;
            for (auto& r : runtimes->runtimes)
                if (r.matches(p.runtime))
                    rt = &r;
            if (!rt || rt->isThesisLut()) {
                diags.push_back(
                    aboutFile(makeWarning("user-profile-unknown-runtime",
                                          "user profile of '" + p.mcu + "' under '" + p.runtime +
                                              "': no such kernel-class runtime; left out"),
                              file));
                return;
            }
            auto& costs = rt->costs;
            costs.erase(std::remove_if(costs.begin(), costs.end(),
                                       [&](const KernelCosts& k) {
                                           return !k.mcu.empty() &&
                                                  lowerAscii(k.mcu) == lowerAscii(p.mcu);
                                       }),
                        costs.end());
            costs.push_back(p.costs);
        });
}

} // namespace zipcnn
