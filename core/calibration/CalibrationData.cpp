// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration/CalibrationData.h"

#include "base/JsonReader.h"
#include "cost/Sweep.h"
#include "import/ModelLoader.h"

#include <filesystem>
#include <map>

namespace zipcnn {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string relativeTo(const fs::path& base, const std::string& name) {
    fs::path p(name);
    return p.is_absolute() ? name : (base / p).string();
}

/// Builds the cost plan of a case; false with diagnostics when the network is unusable.
bool planCase(CalibrationCase& c, const fs::path& base, const std::string& where,
              Diagnostics& out) {
    std::string spec = c.model;
    std::error_code ec;
    if (fs::exists(base / spec, ec))
        spec = relativeTo(base, spec);
    auto fail = [&](const std::string& msg) {
        out.push_back(
            makeError("bad-measurement-set", where + ": model '" + c.model + "': " + msg));
        return false;
    };
    auto loaded = loadModel(spec);
    if (const Diagnostic* e = firstError(loaded.diagnostics); e || !loaded.network)
        return fail(e ? e->toString() : "could not be loaded");
    CostVariant v = prepareVariant(*loaded.network, c.config, c.dtype, c.prune, c.keepDenseInputs);
    if (const Diagnostic* e = firstError(v.diagnostics))
        return fail(e->toString());
    c.plan = std::move(v.plan);
    return true;
}

} // namespace

CalibrationData loadCalibrationData(const std::string& manifestPath) {
    CalibrationData data;
    data.file = manifestPath;
    auto j = readJsonFile(manifestPath, data.diagnostics);
    if (!j)
        return data;
    JsonReader r(manifestPath, data.diagnostics);
    if (!r.checkHeader(*j, "zipcnn-measurements", kMeasurementFormatVersion, "measurement-set"))
        return data;
    r.warnUnknownKeys(*j, "", {"format", "version", "source", "sets"});
    data.source = r.optString(*j, "source", "", "");
    const fs::path base = fs::path(manifestPath).parent_path();
    auto sets = j->find("sets");
    if (sets == j->end() || !sets->is_array()) {
        r.error("sets", sets == j->end() ? "missing" : "expected an array");
        return data;
    }
    for (std::size_t s = 0; s < sets->size(); ++s) {
        const std::string spath = JsonReader::index("sets", s);
        const json& set = (*sets)[s];
        if (!r.isObject(set, spath))
            continue;
        r.warnUnknownKeys(set, spath, {"name", "csv", "source", "configs"});
        auto name = r.requireString(set, "name", spath);
        auto csv = r.requireString(set, "csv", spath);
        auto configs = set.find("configs");
        if (configs == set.end() || !configs->is_object()) {
            r.error(JsonReader::join(spath, "configs"),
                    configs == set.end() ? "missing" : "expected an object");
            continue;
        }
        if (!name || !csv)
            continue;
        std::map<std::string, std::size_t> caseOf;
        for (auto it = configs->begin(); it != configs->end(); ++it) {
            const std::string cpath =
                JsonReader::join(JsonReader::join(spath, "configs"), it.key());
            if (!r.isObject(it.value(), cpath))
                continue;
            r.warnUnknownKeys(it.value(), cpath, {"model", "dtype", "prune", "keep_dense_inputs"});
            CalibrationCase c;
            c.set = *name;
            c.config = it.key();
            auto model = r.requireString(it.value(), "model", cpath);
            if (!model)
                continue;
            c.model = *model;
            const std::string dt = r.optString(it.value(), "dtype", cpath, "fp32");
            auto dtype = dtypeFromName(dt);
            if (!dtype) {
                r.error(JsonReader::join(cpath, "dtype"), "unknown format '" + dt + "'");
                continue;
            }
            c.dtype = *dtype;
            c.prune = r.optNumber(it.value(), "prune", cpath, 0.0);
            if (c.prune < 0.0 || c.prune > 0.95) {
                r.error(JsonReader::join(cpath, "prune"), "must be within [0, 0.95]");
                continue;
            }
            c.keepDenseInputs = r.optBool(it.value(), "keep_dense_inputs", cpath, false);
            if (!planCase(c, base, manifestPath + ": " + cpath, data.diagnostics)) {
                caseOf[c.config] = static_cast<std::size_t>(-1); // reported; skip its rows
                continue;
            }
            caseOf[c.config] = data.cases.size();
            data.cases.push_back(std::move(c));
        }
        MeasurementTable table = readMeasurementCsv(relativeTo(base, *csv));
        data.diagnostics.insert(data.diagnostics.end(), table.diagnostics.begin(),
                                table.diagnostics.end());
        for (auto& p : table.points) {
            auto c = caseOf.find(p.config);
            if (c == caseOf.end()) {
                Diagnostic d = makeWarning("unknown-config", "configuration '" + p.config +
                                                                 "' is not described in " +
                                                                 manifestPath + ": skipped");
                d.file = table.file;
                d.line = p.line;
                data.diagnostics.push_back(std::move(d));
                caseOf[p.config] = static_cast<std::size_t>(-1);
                continue;
            }
            if (c->second == static_cast<std::size_t>(-1))
                continue;
            if (!p.get(Metric::Latency) || !p.get(Metric::Current))
                continue; // only points with both can calibrate latency and current
            data.points.push_back({c->second, std::move(p)});
        }
    }
    return data;
}

std::string shippedMeasurementManifest(const std::string& exeDir) {
    std::vector<fs::path> dirs;
    if (!exeDir.empty())
        dirs.push_back(fs::path(exeDir) / ".." / "share" / "zipcnn" / "measurements");
#ifdef ZIPCNN_SOURCE_MEASUREMENT_DIR
    dirs.emplace_back(ZIPCNN_SOURCE_MEASUREMENT_DIR);
#endif
    for (const auto& d : dirs) {
        std::error_code ec;
        const fs::path f = (d / "thesis.json").lexically_normal();
        if (fs::is_regular_file(f, ec))
            return f.string();
    }
    return {};
}

} // namespace zipcnn
