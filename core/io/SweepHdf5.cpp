// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/SweepHdf5.h"

#include "base/Hdf5File.h"
#include "model/DataType.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <hdf5.h>
#include <limits>
#include <system_error>
#include <unistd.h>

namespace zipcnn {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Closes an HDF5 identifier when it goes out of scope.
class Handle {
public:
    Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
    ~Handle() {
        if (id_ >= 0)
            close_(id_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    hid_t get() const { return id_; }
    bool ok() const { return id_ >= 0; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

/// Writes datasets and attributes, remembering the first failure.
class Writer {
public:
    explicit Writer(hid_t file) : file_(file) {}
    const std::string& error() const { return error_; }

    hid_t dataset(const std::string& name, hid_t memType, const std::vector<hsize_t>& dims,
                  const void* data) {
        if (!error_.empty())
            return -1;
        Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                     H5Sclose);
        hid_t d = space.ok() ? H5Dcreate2(file_, name.c_str(), memType, space.get(), H5P_DEFAULT,
                                          H5P_DEFAULT, H5P_DEFAULT)
                             : -1;
        hsize_t elements = 1;
        for (hsize_t n : dims)
            elements *= n;
        if (d < 0 ||
            (elements > 0 && H5Dwrite(d, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)) {
            fail("dataset /" + name);
            if (d >= 0)
                H5Dclose(d);
            return -1;
        }
        opened_.push_back(d);
        return d;
    }
    void strings(const std::string& name, const std::vector<std::string>& values) {
        std::vector<const char*> ptrs;
        for (const auto& v : values)
            ptrs.push_back(v.c_str());
        Handle type(stringType(), H5Tclose);
        if (values.empty()) {
            const std::vector<hsize_t> dims{0};
            dataset(name, type.get(), dims, nullptr);
            return;
        }
        dataset(name, type.get(), {values.size()}, ptrs.data());
    }
    void attribute(hid_t obj, const std::string& name, const std::string& value) {
        if (!error_.empty() || obj < 0)
            return;
        Handle type(stringType(), H5Tclose);
        Handle space(H5Screate(H5S_SCALAR), H5Sclose);
        Handle a(H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                 H5Aclose);
        const char* p = value.c_str();
        if (!a.ok() || H5Awrite(a.get(), type.get(), &p) < 0)
            fail("attribute " + name);
    }
    void attribute(hid_t obj, const std::string& name, double value) {
        if (!error_.empty() || obj < 0)
            return;
        Handle space(H5Screate(H5S_SCALAR), H5Sclose);
        Handle a(
            H5Acreate2(obj, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
            H5Aclose);
        if (!a.ok() || H5Awrite(a.get(), H5T_NATIVE_DOUBLE, &value) < 0)
            fail("attribute " + name);
    }
    /// A numeric dataset with its units, description and dimensions.
    void numeric(const std::string& name, hid_t memType, const std::vector<hsize_t>& dims,
                 const void* data, const std::string& units, const std::string& description,
                 const std::string& dimensions) {
        describe(dataset(name, memType, dims, data), units, description, dimensions);
    }
    /// A metric or axis: units and a description.
    void describe(hid_t d, const std::string& units, const std::string& description,
                  const std::string& dimensions = {}) {
        attribute(d, "units", units);
        attribute(d, "description", description);
        if (!dimensions.empty())
            attribute(d, "dimensions", dimensions);
    }
    void closeAll() {
        for (hid_t d : opened_)
            H5Dclose(d);
        opened_.clear();
    }
    ~Writer() { closeAll(); }

private:
    static hid_t stringType() {
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, H5T_VARIABLE);
        H5Tset_cset(t, H5T_CSET_UTF8);
        return t;
    }
    void fail(const std::string& what) {
        if (error_.empty())
            error_ = "cannot write " + what;
    }

    hid_t file_;
    std::string error_;
    std::vector<hid_t> opened_;
};

std::string writeFile(const SweepExport& s, const std::string& path) {
    Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!file.ok())
        return "cannot create the file";
    Writer w(file.get());
    const auto& variants = *s.variants;
    const std::vector<double> freqs = sweepFreqAxis(*s.result);
    const hsize_t nv = variants.size(), nm = s.targets->size(), nf = freqs.size();

    // Provenance and the constraints, on the root group.
    w.attribute(file.get(), "format", "zipcnn-sweep");
    w.attribute(file.get(), "format_version", 1.0);
    w.attribute(file.get(), "generator", std::string("ZIP-CNN Explorer ") + ZIPCNN_VERSION);
    w.attribute(file.get(), "source", s.source);
    w.attribute(file.get(), "method",
                "ZIP-CNN: network decomposed into primitives, each costed from per-MCU, "
                "per-frequency look-up tables (T. Garbay, PhD thesis, Sorbonne Universite, 2023)");
    w.attribute(file.get(), "dimensions", "variant x mcu x freq_mhz");
    const Constraints& c = s.constraints;
    w.attribute(file.get(), "max_latency_ms", c.maxLatencyMs.value_or(kNaN));
    w.attribute(file.get(), "max_energy_mj", c.maxEnergyMj.value_or(kNaN));
    w.attribute(file.get(), "max_power_mw", c.maxPowerMw.value_or(kNaN));
    w.attribute(file.get(), "ram_reserve_kib", c.ramReserveKib);
    w.attribute(file.get(), "flash_reserve_kib", c.flashReserveKib);

    // The axes.
    std::vector<std::string> names, dtypes, mcuNames, luts, runtimes;
    std::vector<double> prunes, supply, flashKib, sramKib;
    std::vector<long long> flashBytes, ramBytes;
    for (const auto& v : variants) {
        names.push_back(v.name);
        dtypes.push_back(std::string(dtypeName(v.dtype)));
        prunes.push_back(v.prune);
        flashBytes.push_back(v.flashBytes);
        ramBytes.push_back(v.ramBytes);
    }
    for (const CostTarget& t : *s.targets) {
        mcuNames.push_back(t.mcu);
        luts.push_back(t.lut ? t.lut->source()
                             : (t.runtime ? t.runtime->name + " " + t.runtime->version : ""));
        runtimes.push_back(t.runtimeId());
        supply.push_back(t.lut ? t.lut->supplyV : (t.facts ? t.facts->nominalV : kNaN));
        flashKib.push_back(t.flashKib);
        sramKib.push_back(t.sramKib);
    }
    std::vector<long long> targetRam;
    for (const auto& v : variants)
        for (const CostTarget& t : *s.targets)
            targetRam.push_back(variantRamBytes(v, t));
    w.strings("variant", names);
    w.strings("variant_dtype", dtypes);
    w.numeric("variant_prune", H5T_NATIVE_DOUBLE, {nv}, prunes.data(), "1",
              "fraction of filters pruned", "variant");
    w.numeric("flash_bytes", H5T_NATIVE_LLONG, {nv}, flashBytes.data(), "byte",
              "weights and code in Flash", "variant");
    w.numeric("ram_bytes", H5T_NATIVE_LLONG, {nv}, ramBytes.data(), "byte",
              "activations in RAM by the thesis rule", "variant");
    w.strings("mcu", mcuNames);
    w.strings("mcu_lut_source", luts);
    w.strings("mcu_runtime", runtimes);
    w.numeric("mcu_supply_v", H5T_NATIVE_DOUBLE, {nm}, supply.data(), "V",
              "supply voltage of the current figures", "mcu");
    w.numeric("mcu_flash_kib", H5T_NATIVE_DOUBLE, {nm}, flashKib.data(), "KiB", "Flash capacity",
              "mcu");
    w.numeric("mcu_sram_kib", H5T_NATIVE_DOUBLE, {nm}, sramKib.data(), "KiB", "SRAM capacity",
              "mcu");
    w.numeric("freq_mhz", H5T_NATIVE_DOUBLE, {nf}, freqs.data(), "MHz", "core clock", "freq_mhz");

    // The metrics, variant x MCU x frequency.
    const std::size_t n = nv * nm * nf;
    std::vector<double> latency(n, kNaN), energy(n, kNaN), power(n, kNaN), current(n, kNaN);
    std::vector<signed char> feasible(n, -1), interpolated(n, -1);
    std::vector<double> minEnergyFreq(nv * nm, kNaN), minEnergy(nv * nm, kNaN);
    std::vector<signed char> cellFeasible(nv * nm, 0);
    for (const auto& cell : s.result->cells) {
        const std::size_t vm = cell.variant * nm + cell.mcu;
        for (const auto& p : cell.points) {
            if (!p.cost.ok)
                continue;
            const auto it = std::lower_bound(freqs.begin(), freqs.end(), p.cost.freqMhz);
            const std::size_t i = vm * nf + static_cast<std::size_t>(it - freqs.begin());
            latency[i] = p.cost.latencyMs;
            if (p.cost.hasEnergy) {
                energy[i] = p.cost.energyJ;
                power[i] = p.cost.powerW;
                current[i] = p.cost.currentMa;
            }
            feasible[i] = p.feasible ? 1 : 0;
            interpolated[i] = p.cost.interpolated ? 1 : 0;
        }
        cellFeasible[vm] = cell.feasible() ? 1 : 0;
        if (cell.minEnergyFreqMhz) {
            minEnergyFreq[vm] = *cell.minEnergyFreqMhz;
            minEnergy[vm] = cell.minEnergyJ;
        }
    }
    const std::vector<hsize_t> cube{nv, nm, nf}, grid{nv, nm};
    const std::string dims = "variant,mcu,freq_mhz";
    w.numeric("latency_ms", H5T_NATIVE_DOUBLE, cube, latency.data(), "ms",
              "latency of one inference (NaN: no estimate)", dims);
    w.numeric("energy_j", H5T_NATIVE_DOUBLE, cube, energy.data(), "J", "energy of one inference",
              dims);
    w.numeric("power_w", H5T_NATIVE_DOUBLE, cube, power.data(), "W",
              "mean power during the inference", dims);
    w.numeric("current_ma", H5T_NATIVE_DOUBLE, cube, current.data(), "mA", "mean supply current",
              dims);
    w.numeric("feasible", H5T_NATIVE_SCHAR, cube, feasible.data(), "1",
              "1: meets every constraint, 0: breaks one, -1: no estimate", dims);
    w.numeric("interpolated", H5T_NATIVE_SCHAR, cube, interpolated.data(), "1",
              "1: clock not characterised for this MCU (interpolated), -1: no estimate", dims);
    w.numeric("cell_feasible", H5T_NATIVE_SCHAR, grid, cellFeasible.data(), "1",
              "1: some clock meets every constraint", "variant,mcu");
    w.numeric("min_energy_freq_mhz", H5T_NATIVE_DOUBLE, grid, minEnergyFreq.data(), "MHz",
              "clock of least energy (over the feasible clocks, else over all)", "variant,mcu");
    w.numeric("min_energy_j", H5T_NATIVE_DOUBLE, grid, minEnergy.data(), "J",
              "energy at min_energy_freq_mhz", "variant,mcu");
    w.numeric("target_ram_bytes", H5T_NATIVE_LLONG, grid, targetRam.data(), "byte",
              "activations in RAM under the target's runtime (thesis rule under thesis-c)",
              "variant,mcu");
    w.closeAll();
    if (!w.error().empty())
        return w.error();
    if (H5Fflush(file.get(), H5F_SCOPE_GLOBAL) < 0)
        return "cannot flush the file";
    return {};
}

} // namespace

std::string writeSweepHdf5(const SweepExport& sweep, const std::string& path) {
    namespace fs = std::filesystem;
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    std::string error;
    // The library's own message for an unwritable folder is long; ask the system first.
    if (std::FILE* probe = std::fopen(tmp.c_str(), "wb"))
        std::fclose(probe);
    else
        return path + ": cannot write in its folder: " + std::strerror(errno);
    {
        auto lock = lockHdf5Library();
        error = writeFile(sweep, tmp);
        H5Eclear2(H5E_DEFAULT);
    }
    std::error_code ec;
    if (error.empty()) {
        fs::rename(tmp, path, ec);
        if (ec)
            error = "cannot replace it: " + ec.message();
    }
    if (!error.empty()) {
        fs::remove(tmp, ec);
        return path + ": " + error;
    }
    return {};
}

} // namespace zipcnn
