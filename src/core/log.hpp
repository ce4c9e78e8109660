#pragma once

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <nlohmann/json.hpp>

namespace webdpro {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

/// Parses "debug" | "info" | "warn" | "error".
bool ParseLogLevel(std::string_view text, LogLevel& out);

/// Writes one JSON object per line: {"ts","level","msg", ...fields}. Callers never block on I/O:
/// lines go to an in-memory buffer that a background thread writes out. Thread-safe.
/// Never pass secrets, tokens or OTP codes as fields.
class Logger final {
public:
    /// Writes to `fd` (not owned); lines below `min_level` are dropped.
    explicit Logger(int fd = 2, LogLevel min_level = LogLevel::kInfo);
    ~Logger();
    Logger(const Logger&) = delete;
    Logger& operator=(const Logger&) = delete;

    /// `fields` must be a JSON object (or null). Its keys are written after ts/level/msg.
    void Log(LogLevel level, std::string_view msg, const nlohmann::json& fields = nullptr);
    void Debug(std::string_view msg, const nlohmann::json& fields = nullptr) { Log(LogLevel::kDebug, msg, fields); }
    void Info(std::string_view msg, const nlohmann::json& fields = nullptr) { Log(LogLevel::kInfo, msg, fields); }
    void Warn(std::string_view msg, const nlohmann::json& fields = nullptr) { Log(LogLevel::kWarn, msg, fields); }
    void Error(std::string_view msg, const nlohmann::json& fields = nullptr) { Log(LogLevel::kError, msg, fields); }

    bool Enabled(LogLevel level) const { return level >= min_level_; }
    /// Blocks until every line logged so far is written.
    void Flush();

private:
    void Run();

    int fd_;
    LogLevel min_level_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable flushed_;
    std::string pending_;
    std::size_t dropped_ = 0;
    std::uint64_t enqueued_seq_ = 0;
    std::uint64_t written_seq_ = 0;
    bool stop_ = false;
    bool flush_requested_ = false;
    std::thread writer_;
};

}  // namespace webdpro
