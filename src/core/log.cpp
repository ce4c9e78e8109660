#include "core/log.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "core/time.hpp"

namespace webdpro {
namespace {

// Past this much unwritten output (a stuck stderr pipe), new lines are dropped and counted
// rather than letting memory grow or callers wait.
constexpr std::size_t kMaxPending = 8 * 1024 * 1024;
// How long the writer waits after the first line of a burst before writing the burst out.
constexpr std::chrono::milliseconds kBatchWindow{2};

std::string_view LevelName(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug:
            return "debug";
        case LogLevel::kInfo:
            return "info";
        case LogLevel::kWarn:
            return "warn";
        case LogLevel::kError:
            return "error";
    }
    return "info";
}

void WriteAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return;  // nowhere left to report a failing log sink
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

bool ParseLogLevel(std::string_view text, LogLevel& out) {
    for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
        if (text == LevelName(level)) {
            out = level;
            return true;
        }
    }
    return false;
}

Logger::Logger(int fd, LogLevel min_level) : fd_(fd), min_level_(min_level), writer_([this] { Run(); }) {}

Logger::~Logger() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_one();
    writer_.join();
}

void Logger::Log(LogLevel level, std::string_view msg, const nlohmann::json& fields) {
    if (!Enabled(level)) {
        return;
    }
    // Built as text: ts, level and msg first, as people read them, then the fields in order.
    constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
    std::string text;
    text.reserve(160);
    text += "{\"ts\":\"";
    text += FormatRfc3339(NowUtc());
    text += "\",\"level\":\"";
    text += LevelName(level);
    text += "\",\"msg\":";
    text += nlohmann::json(msg).dump(-1, ' ', false, kReplace);
    if (fields.is_object()) {
        for (const auto& [key, value] : fields.items()) {
            if (key == "ts" || key == "level" || key == "msg") {
                continue;
            }
            text += ',';
            text += nlohmann::json(key).dump(-1, ' ', false, kReplace);
            text += ':';
            text += value.dump(-1, ' ', false, kReplace);
        }
    }
    text += "}\n";
    bool was_empty = false;
    {
        std::lock_guard lock(mutex_);
        if (pending_.size() + text.size() > kMaxPending) {
            ++dropped_;
            return;
        }
        was_empty = pending_.empty();
        pending_ += text;
        ++enqueued_seq_;
    }
    // One wake-up per batch, not per line: the writer gathers what arrives in the next moment.
    if (was_empty) {
        wake_.notify_one();
    }
}

void Logger::Flush() {
    std::unique_lock lock(mutex_);
    const auto target = enqueued_seq_;
    flush_requested_ = true;
    wake_.notify_one();
    flushed_.wait(lock, [&] { return written_seq_ >= target; });
}

void Logger::Run() {
    std::string batch;
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return stop_ || !pending_.empty(); });
        if (pending_.empty() && stop_) {
            break;
        }
        if (!stop_ && !flush_requested_) {
            // Let a burst accumulate so one write(2) carries many lines.
            wake_.wait_for(lock, kBatchWindow, [&] { return stop_ || flush_requested_; });
        }
        flush_requested_ = false;
        batch.swap(pending_);
        const auto seq = enqueued_seq_;
        const auto dropped = dropped_;
        dropped_ = 0;
        lock.unlock();
        if (dropped > 0) {
            WriteAll(fd_,
                     "{\"level\":\"warn\",\"msg\":\"log lines dropped\",\"count\":" + std::to_string(dropped) + "}\n");
        }
        WriteAll(fd_, batch);
        batch.clear();
        lock.lock();
        written_seq_ = seq;
        flushed_.notify_all();
    }
}

}  // namespace webdpro
