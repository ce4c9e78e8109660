#pragma once

#include <filesystem>
#include <string>

#include "core/error.hpp"

namespace webdpro::app {

/// The data folder of one WebDPro instance, held exclusively: a second `serve` (or a `restore`)
/// on the same folder is refused while this object lives. The lock is an flock on
/// `DIR/webdpro.lock`, released by the kernel if the process dies.
class DataDir final {
public:
    /// Creates the folder (0700) if needed and takes the lock. kConflict when another process
    /// holds it; kUnavailable when the folder cannot be created or opened.
    static Result<DataDir> Acquire(const std::filesystem::path& dir);
    DataDir(DataDir&& other) noexcept;
    DataDir& operator=(DataDir&&) = delete;
    DataDir(const DataDir&) = delete;
    ~DataDir();

    const std::filesystem::path& path() const { return path_; }
    /// The SQLite database file.
    std::filesystem::path database() const { return path_ / "webdpro.db"; }

private:
    DataDir(std::filesystem::path path, int lock_fd) : path_(std::move(path)), lock_fd_(lock_fd) {}

    std::filesystem::path path_;
    int lock_fd_ = -1;
};

}  // namespace webdpro::app
