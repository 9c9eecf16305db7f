// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/Hdf5File.h"

#include <H5Cpp.h>
#include <algorithm>
#include <cstring>
#include <mutex>

namespace zipcnn {

namespace {

/// HDF5 (the serial Debian build) is not thread-safe: one user at a time, process-wide.
std::recursive_mutex& libraryMutex() {
    static std::recursive_mutex m;
    return m;
}

/// Turns the library's automatic error printing off (once is enough, but cheap to repeat).
void silenceLibrary() {
    H5::Exception::dontPrint();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

} // namespace

std::unique_lock<std::recursive_mutex> lockHdf5Library() {
    std::unique_lock<std::recursive_mutex> lock{libraryMutex()};
    silenceLibrary();
    return lock;
}

namespace {

herr_t collectError(unsigned /*n*/, const H5E_error2_t* e, void* data) {
    auto& out = *static_cast<std::vector<std::string>*>(data);
    std::string text = e->desc ? e->desc : "";
    char minor[256] = {0};
    if (H5Eget_msg(e->min_num, nullptr, minor, sizeof minor) > 0 && text.find(minor) == text.npos)
        text += std::string(text.empty() ? "" : " (") + minor + (text.empty() ? "" : ")");
    if (!text.empty())
        out.push_back(text);
    return 0;
}

/// The cause the library recorded for its last failure (innermost first), or the exception's
/// own text.
std::string describe(const H5::Exception& e) {
    std::vector<std::string> causes;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collectError, &causes);
    H5Eclear2(H5E_DEFAULT);
    std::string out;
    for (const auto& c : causes) {
        if (out.find(c) != std::string::npos)
            continue;
        out += (out.empty() ? "" : "; ") + c;
        if (causes.size() > 2 && &c == &causes[1])
            break; // the innermost two say what happened; the rest is the call chain
    }
    if (out.empty())
        out = e.getDetailMsg();
    return out.empty() ? std::string("HDF5 error") : out;
}

std::string where(const std::string& path, const std::string& attr = {}) {
    return attr.empty() ? "'" + path + "'" : "attribute '" + attr + "' of '" + path + "'";
}

constexpr unsigned char kSignature[8] = {0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

std::string trimPadding(std::string s) {
    while (!s.empty() && (s.back() == '\0' || s.back() == ' '))
        s.pop_back();
    if (auto nul = s.find('\0'); nul != std::string::npos)
        s.resize(nul);
    return s;
}

/// Reads every string of a string attribute (scalar or array, fixed or variable length).
std::vector<std::string> readStrings(const H5::Attribute& a) {
    H5::StrType type = a.getStrType();
    H5::DataSpace space = a.getSpace();
    const hssize_t n = space.getSimpleExtentNpoints();
    std::vector<std::string> out;
    if (n <= 0)
        return out;
    const auto count = static_cast<std::size_t>(n);
    if (type.isVariableStr()) {
        std::vector<char*> buf(count, nullptr);
        a.read(type, buf.data());
        for (char* s : buf)
            out.emplace_back(s ? s : "");
        H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, buf.data());
    } else {
        const std::size_t size = type.getSize();
        std::string buf(count * size, '\0');
        a.read(type, buf.data());
        for (std::size_t i = 0; i < count; ++i)
            out.push_back(trimPadding(buf.substr(i * size, size)));
    }
    return out;
}

} // namespace

struct Hdf5File::Impl {
    std::unique_lock<std::recursive_mutex> lock{libraryMutex()};
    std::string image; ///< keeps an in-memory image alive while the file is open
    H5::H5File file;

    /// A group by absolute path ("/" for the root).
    H5::Group group(const std::string& path) const { return file.openGroup(path); }

    bool hardLink(const H5::Group& g, const std::string& name) const {
        H5L_info_t info;
        return H5Lget_info(g.getId(), name.c_str(), &info, H5P_DEFAULT) >= 0 &&
               info.type == H5L_TYPE_HARD;
    }
};

Hdf5File::Hdf5File(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Hdf5File::~Hdf5File() {
    try {
        impl_->file.close();
    } catch (const H5::Exception&) {
        H5Eclear2(H5E_DEFAULT);
    }
}

bool Hdf5File::hasSignature(const std::string& head) {
    for (std::size_t offset = 0; offset + 8 <= head.size(); offset = offset ? offset * 2 : 512)
        if (std::memcmp(head.data() + offset, kSignature, 8) == 0)
            return true;
    return false;
}

std::unique_ptr<Hdf5File> Hdf5File::open(const std::string& path, std::string& error) {
    auto impl = std::make_unique<Impl>();
    silenceLibrary();
    const htri_t isHdf5 = H5Fis_hdf5(path.c_str());
    H5Eclear2(H5E_DEFAULT);
    if (isHdf5 <= 0) {
        error = isHdf5 < 0 ? "cannot be read as HDF5 (missing or unreadable)"
                           : "is not an HDF5 file (no HDF5 signature)";
        return nullptr;
    }
    try {
        impl->file.openFile(path, H5F_ACC_RDONLY);
    } catch (const H5::Exception& e) {
        error = "cannot be opened as HDF5: " + describe(e);
        return nullptr;
    }
    return std::unique_ptr<Hdf5File>(new Hdf5File(std::move(impl)));
}

std::unique_ptr<Hdf5File> Hdf5File::openImage(std::string bytes, const std::string& name,
                                              std::string& error) {
    if (!hasSignature(bytes)) {
        error = "is not an HDF5 file (no HDF5 signature)";
        return nullptr;
    }
    auto impl = std::make_unique<Impl>();
    silenceLibrary();
    impl->image = std::move(bytes);
    try {
        H5::FileAccPropList fapl;
        if (H5Pset_fapl_core(fapl.getId(), 1 << 16, false) < 0 ||
            H5Pset_file_image(fapl.getId(), impl->image.data(), impl->image.size()) < 0)
            throw H5::PropListIException("Hdf5File::openImage", "cannot set the file image");
        impl->file.openFile(name, H5F_ACC_RDONLY, fapl);
    } catch (const H5::Exception& e) {
        error = "cannot be opened as HDF5: " + describe(e);
        return nullptr;
    }
    return std::unique_ptr<Hdf5File>(new Hdf5File(std::move(impl)));
}

bool Hdf5File::isGroup(const std::string& path) const {
    if (path == "/")
        return true;
    try {
        // Walk the path so that a missing parent is a "no", not an error.
        std::string prefix;
        std::size_t start = 1;
        while (start <= path.size()) {
            const std::size_t end = std::min(path.find('/', start), path.size());
            prefix += "/" + path.substr(start, end - start);
            if (!impl_->file.nameExists(prefix))
                return false;
            start = end + 1;
        }
        return impl_->file.childObjType(path) == H5O_TYPE_GROUP;
    } catch (const H5::Exception&) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
}

bool Hdf5File::hasAttribute(const std::string& groupPath, const std::string& name) const {
    try {
        return impl_->group(groupPath).attrExists(name);
    } catch (const H5::Exception&) {
        H5Eclear2(H5E_DEFAULT);
        return false;
    }
}

std::optional<std::string> Hdf5File::stringAttribute(const std::string& groupPath,
                                                     const std::string& name,
                                                     std::string& error) const {
    try {
        H5::Attribute a = impl_->group(groupPath).openAttribute(name);
        if (a.getTypeClass() != H5T_STRING) {
            error = where(groupPath, name) + " is not a string";
            return std::nullopt;
        }
        auto strings = readStrings(a);
        if (strings.size() != 1) {
            error = where(groupPath, name) + " holds " + std::to_string(strings.size()) +
                    " strings, expected one";
            return std::nullopt;
        }
        return std::move(strings.front());
    } catch (const H5::Exception& e) {
        error = where(groupPath, name) + " cannot be read: " + describe(e);
        return std::nullopt;
    }
}

std::optional<std::vector<std::string>> Hdf5File::stringListAttribute(const std::string& groupPath,
                                                                      const std::string& name,
                                                                      std::string& error) const {
    try {
        H5::Attribute a = impl_->group(groupPath).openAttribute(name);
        if (a.getTypeClass() != H5T_STRING) {
            if (a.getSpace().getSimpleExtentNpoints() == 0)
                return std::vector<std::string>{}; // h5py writes an empty list as float64
            error = where(groupPath, name) + " is not a list of strings";
            return std::nullopt;
        }
        return readStrings(a);
    } catch (const H5::Exception& e) {
        error = where(groupPath, name) + " cannot be read: " + describe(e);
        return std::nullopt;
    }
}

std::optional<std::vector<std::string>> Hdf5File::members(const std::string& groupPath,
                                                          std::string& error) const {
    try {
        H5::Group g = impl_->group(groupPath);
        std::vector<std::string> out;
        const hsize_t n = g.getNumObjs();
        for (hsize_t i = 0; i < n; ++i) {
            std::string name = g.getObjnameByIdx(i);
            if (impl_->hardLink(g, name))
                out.push_back(std::move(name));
        }
        return out;
    } catch (const H5::Exception& e) {
        error = "group " + where(groupPath) + " cannot be read: " + describe(e);
        return std::nullopt;
    }
}

std::optional<Hdf5Dataset> Hdf5File::dataset(const std::string& path, std::string& error) const {
    try {
        H5::DataSet ds = impl_->file.openDataSet(path);
        H5::DataSpace space = ds.getSpace();
        Hdf5Dataset out;
        out.path = path;
        const H5S_class_t cls = space.getSimpleExtentType();
        if (cls == H5S_NULL) {
            out.elements = 0;
            return out;
        }
        const int rank = space.getSimpleExtentNdims();
        std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
        if (rank > 0)
            space.getSimpleExtentDims(dims.data());
        std::int64_t elements = 1;
        for (auto d : dims) {
            const auto v = static_cast<std::int64_t>(d);
            if (v < 0 || (v != 0 && elements > INT64_MAX / v)) {
                error = "dataset " + where(path) + " is too large";
                return std::nullopt;
            }
            out.shape.push_back(v);
            elements *= v;
        }
        out.elements = elements;
        return out;
    } catch (const H5::Exception& e) {
        error = "dataset " + where(path) + " cannot be read: " + describe(e);
        return std::nullopt;
    }
}

std::optional<std::vector<Hdf5Dataset>> Hdf5File::datasetsUnder(const std::string& groupPath,
                                                                std::string& error) const {
    std::vector<Hdf5Dataset> out;
    std::size_t visited = 0;
    // Depth first, iteratively bounded: a file whose groups link back into themselves stops at
    // the depth or size limit instead of looping.
    struct Frame {
        std::string path;
        int depth;
    };
    std::vector<Frame> stack{{groupPath, 0}};
    while (!stack.empty()) {
        Frame f = std::move(stack.back());
        stack.pop_back();
        if (f.depth > 64 || ++visited > 1000000) {
            error = "group " + where(groupPath) + " is nested too deep or holds too many objects";
            return std::nullopt;
        }
        try {
            H5::Group g = impl_->group(f.path);
            const hsize_t n = g.getNumObjs();
            std::vector<Frame> children;
            for (hsize_t i = 0; i < n; ++i) {
                const std::string name = g.getObjnameByIdx(i);
                if (!impl_->hardLink(g, name))
                    continue;
                const std::string child = (f.path == "/" ? "" : f.path) + "/" + name;
                const H5O_type_t t = g.childObjType(name);
                if (t == H5O_TYPE_GROUP) {
                    children.push_back({child, f.depth + 1});
                } else if (t == H5O_TYPE_DATASET) {
                    auto d = dataset(child, error);
                    if (!d)
                        return std::nullopt;
                    out.push_back(std::move(*d));
                }
            }
            for (auto it = children.rbegin(); it != children.rend(); ++it)
                stack.push_back(std::move(*it));
        } catch (const H5::Exception& e) {
            error = "group " + where(f.path) + " cannot be read: " + describe(e);
            return std::nullopt;
        }
    }
    return out;
}

} // namespace zipcnn
