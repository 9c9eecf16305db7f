// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zipcnn {

/// A zip archive opened for reading (libzip). Failures come back as messages, never thrown.
class ZipArchive {
public:
    /// nullptr with `error` set when the file is missing or not a zip archive.
    static std::unique_ptr<ZipArchive> open(const std::string& path, std::string& error);
    /// True when the bytes start like a zip archive ("PK\3\4").
    static bool hasSignature(const std::string& head);

    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    std::vector<std::string> names() const;
    bool contains(const std::string& name) const;
    /// The whole entry; nullopt with `error` when missing, larger than `maxBytes` or corrupt.
    std::optional<std::string> read(const std::string& name, std::uint64_t maxBytes,
                                    std::string& error) const;

private:
    struct Impl;
    explicit ZipArchive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace zipcnn
