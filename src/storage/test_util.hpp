#pragma once
// Helpers for the storage unit tests only.

#include <chrono>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/ids.hpp"
#include "storage/sqlite_db.hpp"

namespace webdpro::storage::testing {

/// A fresh directory under the system temp folder, removed with its contents afterwards.
class TempDir final {
public:
    TempDir() : path_(std::filesystem::temp_directory_path() / NewIdString("webdpro-storage-test")) {
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string File(const std::string& name) const { return (path_ / name).string(); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// A one-shot gate: jobs Wait() until the test Open()s it.
class Gate final {
public:
    void Open() { opened_.set_value(); }
    void Wait() { gate_.wait(); }

private:
    std::promise<void> opened_;
    std::shared_future<void> gate_ = opened_.get_future().share();
};

/// Polls `condition` for up to 10 s; true when it became true.
inline bool Eventually(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return condition();
}

inline std::unique_ptr<SqliteDb> OpenOrDie(SqliteOptions options) {
    auto db = SqliteDb::Open(std::move(options));
    if (!db) {
        ADD_FAILURE() << "open failed: " << db.error().message << " / " << db.error().detail;
        return nullptr;
    }
    return std::move(*db);
}

inline std::unique_ptr<SqliteDb> OpenMemory(int readers = 2) {
    return OpenOrDie({.path = ":memory:", .readers = readers, .busy_timeout_ms = 5000, .max_batch = 512});
}

/// "message | detail" for assertion output.
inline std::string Describe(const ApiError& error) {
    return error.message + " | " + error.detail;
}

}  // namespace webdpro::storage::testing
