#include "core/time.hpp"

#include <charconv>
#include <cstdio>

namespace webdpro {

std::int64_t UnixMillis(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::int64_t UnixSeconds(TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

TimePoint FromUnixMillis(std::int64_t ms) {
    return TimePoint(std::chrono::milliseconds(ms));
}

std::string FormatRfc3339(TimePoint t) {
    const auto ms_total = UnixMillis(t);
    auto days = std::chrono::floor<std::chrono::days>(std::chrono::milliseconds(ms_total));
    const std::chrono::year_month_day ymd{std::chrono::sys_days(days)};
    const auto ms_of_day = ms_total - std::chrono::duration_cast<std::chrono::milliseconds>(days).count();
    const auto h = ms_of_day / 3'600'000;
    const auto m = ms_of_day / 60'000 % 60;
    const auto s = ms_of_day / 1000 % 60;
    const auto ms = ms_of_day % 1000;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<long long>(h),
                  static_cast<long long>(m), static_cast<long long>(s), static_cast<long long>(ms));
    return buf;
}

std::optional<TimePoint> ParseRfc3339(std::string_view text) {
    auto number = [&](std::size_t pos, std::size_t len, int& out) {
        if (pos + len > text.size()) {
            return false;
        }
        auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
        return ec == std::errc() && p == text.data() + pos + len;
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't') ||
        text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    if (!number(0, 4, year) || !number(5, 2, month) || !number(8, 2, day) || !number(11, 2, hour) ||
        !number(14, 2, minute) || !number(17, 2, second)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (int i = digits; i < 3; ++i) {
            millis *= 10;
        }
    }
    std::int64_t offset_minutes = 0;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
        ++pos;
    } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') && text[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!number(pos + 1, 2, oh) || !number(pos + 4, 2, om)) {
            return std::nullopt;
        }
        offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const auto days = std::chrono::sys_days(ymd);
    return TimePoint(days) + std::chrono::hours(hour) + std::chrono::minutes(minute - offset_minutes) +
           std::chrono::seconds(second) + std::chrono::milliseconds(millis);
}

}  // namespace webdpro
