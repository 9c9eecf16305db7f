// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace zipcnn {

bool writeFileAtomically(const std::string& path, const std::string& contents, std::string* error) {
    auto fail = [&](const std::string& what) {
        if (error)
            *error = path + ": " + what + ": " + std::strerror(errno);
        return false;
    };
    std::filesystem::path target(path);
    std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
    std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return fail("cannot create a temporary file beside it");
    std::size_t done = 0;
    while (done < contents.size()) {
        ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            ::close(fd);
            ::unlink(tmpl.c_str());
            errno = saved;
            return fail("cannot write");
        }
        done += static_cast<std::size_t>(n);
    }
    // Keep the permissions of the file being replaced, or the usual 0644 for a new one.
    struct stat st {};
    ::fchmod(fd, ::stat(path.c_str(), &st) == 0 ? (st.st_mode & 07777) : 0644);
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        int saved = errno;
        ::unlink(tmpl.c_str());
        errno = saved;
        return fail("cannot flush to disk");
    }
    if (::rename(tmpl.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(tmpl.c_str());
        errno = saved;
        return fail("cannot replace the file");
    }
    return true;
}

} // namespace zipcnn
