// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// HDF5 (the serial Debian build) is not thread-safe: whoever calls the library holds this
/// process-wide lock, which also turns the library's own error printing off.
std::unique_lock<std::recursive_mutex> lockHdf5Library();

/// One dataset of an HDF5 file: where it is and its shape ({} for a scalar).
struct Hdf5Dataset {
    std::string path; ///< absolute, e.g. "/model_weights/conv2d/conv2d/kernel:0"
    std::vector<std::int64_t> shape;
    std::int64_t elements = 0; ///< product of the shape (1 for a scalar, 0 for an empty one)
};

/// A read-only HDF5 file, or an HDF5 image held in memory (the weights inside a .keras
/// archive). The HDF5 library never prints and never throws out of this class: every failure
/// is returned as a message naming the HDF5 path and the library's own cause. The library is
/// not thread-safe, so an open file holds a process-wide lock until it is destroyed.
class Hdf5File {
public:
    /// nullptr with `error` set when the file cannot be opened (missing, not HDF5, truncated).
    static std::unique_ptr<Hdf5File> open(const std::string& path, std::string& error);
    /// The same for an in-memory image; `name` is only used in messages.
    static std::unique_ptr<Hdf5File> openImage(std::string bytes, const std::string& name,
                                               std::string& error);
    /// True when the bytes start with the HDF5 signature (at 0, 512, 1024, ...).
    static bool hasSignature(const std::string& head);

    ~Hdf5File();
    Hdf5File(const Hdf5File&) = delete;
    Hdf5File& operator=(const Hdf5File&) = delete;

    /// True when `path` names a group.
    bool isGroup(const std::string& path) const;
    bool hasAttribute(const std::string& groupPath, const std::string& name) const;
    /// A scalar string attribute (fixed-length or variable-length); nullopt with `error`.
    std::optional<std::string> stringAttribute(const std::string& groupPath,
                                               const std::string& name, std::string& error) const;
    /// A string-array attribute; an empty numeric array reads as no strings.
    std::optional<std::vector<std::string>> stringListAttribute(const std::string& groupPath,
                                                                const std::string& name,
                                                                std::string& error) const;
    /// Names of the members of a group, in the file's order (hard links only).
    std::optional<std::vector<std::string>> members(const std::string& groupPath,
                                                    std::string& error) const;
    /// The shape of one dataset.
    std::optional<Hdf5Dataset> dataset(const std::string& path, std::string& error) const;
    /// Every dataset under a group, depth first in member order; nullopt with `error` when the
    /// tree cannot be walked (or is deeper than 64 levels or larger than 1,000,000 objects).
    std::optional<std::vector<Hdf5Dataset>> datasetsUnder(const std::string& groupPath,
                                                          std::string& error) const;

private:
    struct Impl;
    explicit Hdf5File(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace zipcnn
