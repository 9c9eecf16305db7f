// SPDX-License-Identifier: GPL-3.0-or-later
// `report`: runs the report writer (zipcnn-report, a Qt program) so that zipcnn-cli links no Qt.
#include "CliCommands.h"
#include "CliModel.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace zipcnn::cli {

std::string findReportProgram() {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("ZIPCNN_REPORT_PROGRAM"); env && *env)
        candidates.emplace_back(env);
    const std::string dir = exeDir();
    if (!dir.empty()) {
        candidates.push_back(fs::path(dir) / "zipcnn-report");
        candidates.push_back(fs::path(dir) / ".." / "lib" / "zipcnn" / "zipcnn-report");
    }
#ifdef ZIPCNN_REPORT_BUILD_PATH
    candidates.emplace_back(ZIPCNN_REPORT_BUILD_PATH);
#endif
    for (const auto& c : candidates)
        if (::access(c.c_str(), X_OK) == 0)
            return c.lexically_normal().string();
    return {};
}

int runReport(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string program = findReportProgram();
    if (program.empty()) {
        printError(err, "report: the report writer (zipcnn-report) was not found beside "
                        "zipcnn-cli or in ../lib/zipcnn; it is built with the window (Qt)");
        return 1;
    }
    std::vector<std::string> argv{program};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    out.flush();
    err.flush();
    pid_t pid = 0;
    if (int rc = ::posix_spawn(&pid, program.c_str(), nullptr, nullptr, cargv.data(), environ);
        rc != 0) {
        printError(err, "report: cannot run " + program + ": " + std::strerror(rc));
        return 1;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            printError(err, "report: lost track of " + program + ": " + std::strerror(errno));
            return 1;
        }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    printError(err, "report: " + program + " stopped by signal " +
                        std::to_string(WIFSIGNALED(status) ? WTERMSIG(status) : 0));
    return 1;
}

} // namespace zipcnn::cli
