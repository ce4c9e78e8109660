#include "core/log.hpp"

#include <unistd.h>

#include <cerrno>

#include "core/time.hpp"

namespace webdpro {
namespace {

// Past this much unwritten output (a stuck stderr pipe), new lines are dropped and counted
// rather than letting memory grow or callers wait.
constexpr std::size_t kMaxPending = 8 * 1024 * 1024;

std::string_view LevelName(LogLevel level) {
    switch (level) {
        case LogLevel::kDebug: return "debug";
        case LogLevel::kInfo: return "info";
        case LogLevel::kWarn: return "warn";
        case LogLevel::kError: return "error";
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
    // ordered_json keeps ts, level and msg first, as people read them.
    nlohmann::ordered_json line = nlohmann::ordered_json::object();
    line["ts"] = FormatRfc3339(NowUtc());
    line["level"] = LevelName(level);
    line["msg"] = msg;
    if (fields.is_object()) {
        for (const auto& [key, value] : fields.items()) {
            line[key] = value;
        }
    }
    std::string text = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    text.push_back('\n');
    {
        std::lock_guard lock(mutex_);
        if (pending_.size() + text.size() > kMaxPending) {
            ++dropped_;
            return;
        }
        pending_ += text;
        ++enqueued_seq_;
    }
    wake_.notify_one();
}

void Logger::Flush() {
    std::unique_lock lock(mutex_);
    const auto target = enqueued_seq_;
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
        batch.swap(pending_);
        const auto seq = enqueued_seq_;
        const auto dropped = dropped_;
        dropped_ = 0;
        lock.unlock();
        if (dropped > 0) {
            WriteAll(fd_, "{\"level\":\"warn\",\"msg\":\"log lines dropped\",\"count\":" + std::to_string(dropped) +
                              "}\n");
        }
        WriteAll(fd_, batch);
        batch.clear();
        lock.lock();
        written_seq_ = seq;
        flushed_.notify_all();
    }
}

}  // namespace webdpro
