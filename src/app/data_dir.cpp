#include "app/data_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace webdpro::app {

Result<DataDir> DataDir::Acquire(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return Fail(ErrorCode::kUnavailable, "Cannot create data dir " + dir.string() + ": " + ec.message());
    }
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
    const auto lock_path = dir / "webdpro.lock";
    const int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return Fail(ErrorCode::kUnavailable, "Cannot open " + lock_path.string() + ": " + std::strerror(errno));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = {};
        const ssize_t n = ::pread(fd, pid, sizeof pid - 1, 0);
        ::close(fd);
        std::string holder = n > 0 ? " (pid " + std::string(pid, static_cast<std::size_t>(n)) + ")" : "";
        while (!holder.empty() && (holder.back() == '\n')) {
            holder.pop_back();
        }
        return Fail(ErrorCode::kConflict,
                    "Data dir " + dir.string() + " is already in use by another webdpro process" + holder + ".");
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
        // The pid is only informational; the lock itself is what matters.
    }
    return DataDir(dir, fd);
}

DataDir::DataDir(DataDir&& other) noexcept : path_(std::move(other.path_)), lock_fd_(other.lock_fd_) {
    other.lock_fd_ = -1;
}

DataDir::~DataDir() {
    if (lock_fd_ >= 0) {
        ::close(lock_fd_);
    }
}

}  // namespace webdpro::app
