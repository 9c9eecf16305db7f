// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/ZipArchive.h"

#include <zip.h>

namespace zipcnn {

struct ZipArchive::Impl {
    zip_t* zip = nullptr;
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ZipArchive::~ZipArchive() {
    if (impl_->zip)
        zip_discard(impl_->zip); // read-only: nothing to write back
}

bool ZipArchive::hasSignature(const std::string& head) {
    return head.size() >= 4 && head.compare(0, 4, std::string("PK\x03\x04", 4)) == 0;
}

std::unique_ptr<ZipArchive> ZipArchive::open(const std::string& path, std::string& error) {
    int code = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        error = std::string("cannot be opened as a zip archive: ") + zip_error_strerror(&e);
        zip_error_fini(&e);
        return nullptr;
    }
    auto impl = std::make_unique<Impl>();
    impl->zip = z;
    return std::unique_ptr<ZipArchive>(new ZipArchive(std::move(impl)));
}

std::vector<std::string> ZipArchive::names() const {
    std::vector<std::string> out;
    const zip_int64_t n = zip_get_num_entries(impl_->zip, 0);
    for (zip_int64_t i = 0; i < n; ++i)
        if (const char* name = zip_get_name(impl_->zip, static_cast<zip_uint64_t>(i), 0))
            out.emplace_back(name);
    return out;
}

bool ZipArchive::contains(const std::string& name) const {
    return zip_name_locate(impl_->zip, name.c_str(), 0) >= 0;
}

std::optional<std::string> ZipArchive::read(const std::string& name, std::uint64_t maxBytes,
                                            std::string& error) const {
    const zip_int64_t index = zip_name_locate(impl_->zip, name.c_str(), 0);
    if (index < 0) {
        error = "has no entry '" + name + "'";
        return std::nullopt;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(impl_->zip, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE)) {
        error = "entry '" + name + "' cannot be read: " + zip_strerror(impl_->zip);
        return std::nullopt;
    }
    if (st.size > maxBytes) {
        error = "entry '" + name + "' is " + std::to_string(st.size) + " bytes, more than the " +
                std::to_string(maxBytes) + " accepted";
        return std::nullopt;
    }
    zip_file_t* f = zip_fopen_index(impl_->zip, static_cast<zip_uint64_t>(index), 0);
    if (!f) {
        error = "entry '" + name + "' cannot be opened: " + zip_strerror(impl_->zip);
        return std::nullopt;
    }
    std::string data(static_cast<std::size_t>(st.size), '\0');
    std::size_t done = 0;
    while (done < data.size()) {
        const zip_int64_t n = zip_fread(f, data.data() + done, data.size() - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    const bool failed = done != data.size();
    if (failed)
        error = "entry '" + name + "' is corrupt or truncated: " +
                std::string(zip_error_strerror(zip_file_get_error(f)));
    zip_fclose(f);
    if (failed)
        return std::nullopt;
    return data;
}

} // namespace zipcnn
