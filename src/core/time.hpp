#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace webdpro {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;

/// The current UTC time.
inline TimePoint NowUtc() {
    return Clock::now();
}

/// Milliseconds since the Unix epoch.
std::int64_t UnixMillis(TimePoint t);
/// Seconds since the Unix epoch.
std::int64_t UnixSeconds(TimePoint t);
TimePoint FromUnixMillis(std::int64_t ms);

/// "2026-11-24T10:15:30.123Z" (always UTC, always milliseconds).
std::string FormatRfc3339(TimePoint t);
/// Parses RFC 3339 with 'Z' or a numeric offset, with or without fractional seconds.
std::optional<TimePoint> ParseRfc3339(std::string_view text);

}  // namespace webdpro
