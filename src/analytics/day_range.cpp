#include "analytics/day_range.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>

namespace webdpro::analytics {
namespace {

constexpr auto kIndiaOffset = std::chrono::minutes(330);

std::string DayText(std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd(day);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return text;
}

std::chrono::sys_days IndiaToday(TimePoint now) {
    return std::chrono::floor<std::chrono::days>(now + kIndiaOffset);
}

/// A strict "YYYY-MM-DD" that names a real calendar day.
std::optional<std::chrono::sys_days> ParseDay(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    auto number = [&](std::size_t at, std::size_t len) -> std::optional<int> {
        int value = 0;
        const char* first = text.data() + at;
        const auto [end, error] = std::from_chars(first, first + len, value);
        if (error != std::errc() || end != first + len) {
            return std::nullopt;
        }
        return value;
    };
    const auto y = number(0, 4);
    const auto m = number(5, 2);
    const auto d = number(8, 2);
    if (!y || !m || !d || *y < 2000) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*m)),
                                          std::chrono::day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days(ymd);
}

DayRange Between(std::chrono::sys_days first, std::chrono::sys_days last) {
    DayRange range{.from = DayText(first), .to = DayText(last), .days = {}};
    for (auto day = first; day <= last; day += std::chrono::days(1)) {
        range.days.push_back(DayText(day));
    }
    return range;
}

}  // namespace

Result<DayRange> ParseDayRange(std::string_view range, std::string_view from, std::string_view to, TimePoint now) {
    const auto today = IndiaToday(now);
    if (range.empty() || range == "7d") {
        return Between(today - std::chrono::days(6), today);
    }
    if (range == "today") {
        return Between(today, today);
    }
    if (range == "30d") {
        return Between(today - std::chrono::days(29), today);
    }
    if (range != "custom") {
        return Fail(ApiError::Invalid("range", "Choose a range of today, 7d, 30d or custom."));
    }
    ApiError invalid(ErrorCode::kInvalidArgument, "The dates of the range are not right.");
    const auto first = ParseDay(from);
    const auto last = ParseDay(to);
    if (!first) {
        invalid.fields.push_back({"from", "Give the first day as YYYY-MM-DD."});
    }
    if (!last) {
        invalid.fields.push_back({"to", "Give the last day as YYYY-MM-DD."});
    }
    if (first && last) {
        if (*last > today) {
            invalid.fields.push_back({"to", "The last day cannot be after today (" + DayText(today) + ")."});
        } else if (*first > *last) {
            invalid.fields.push_back({"from", "The first day must not be after the last day."});
        } else if ((*last - *first).count() + 1 > kMaxRangeDays) {
            invalid.fields.push_back({"from", "Ask for at most " + std::to_string(kMaxRangeDays) + " days."});
        }
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    return Between(*first, *last);
}

std::string IndiaDayOf(TimePoint at) {
    return DayText(IndiaToday(at));
}

std::int64_t IndiaDayStartMillis(std::string_view day) {
    const auto parsed = ParseDay(day);
    const auto start = std::chrono::sys_time<std::chrono::milliseconds>(parsed.value_or(std::chrono::sys_days{})) -
                       std::chrono::duration_cast<std::chrono::milliseconds>(kIndiaOffset);
    return start.time_since_epoch().count();
}

std::string RupeesText(std::int64_t paise) {
    const bool negative = paise < 0;
    // Through unsigned, so the most negative value has a magnitude too.
    const std::uint64_t magnitude =
        negative ? std::uint64_t{0} - static_cast<std::uint64_t>(paise) : static_cast<std::uint64_t>(paise);
    char text[32];
    std::snprintf(text, sizeof text, "%s%llu.%02llu", negative ? "-" : "",
                  static_cast<unsigned long long>(magnitude / 100), static_cast<unsigned long long>(magnitude % 100));
    return text;
}

}  // namespace webdpro::analytics
