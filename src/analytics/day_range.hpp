#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace webdpro::analytics {

/// A run of whole India days (UTC+05:30), both ends included, as "YYYY-MM-DD".
struct DayRange {
    std::string from;
    std::string to;
    std::vector<std::string> days;  ///< every day from `from` to `to`, oldest first
};

/// The longest range a dashboard or an export covers, in days.
inline constexpr int kMaxRangeDays = 366;

/// The days a dashboard asks for: `range` is "today", "7d" (today and the six days before it),
/// "30d" or "custom" with `from` and `to` (YYYY-MM-DD, from ≤ to ≤ today, at most kMaxRangeDays
/// days). An empty `range` is "7d". kInvalidArgument naming "range", "from" or "to" otherwise. Pure.
Result<DayRange> ParseDayRange(std::string_view range, std::string_view from, std::string_view to, TimePoint now);

/// "YYYY-MM-DD" of a moment in India time.
std::string IndiaDayOf(TimePoint at);

/// The first moment (UTC, in Unix milliseconds) of an India day given as a valid "YYYY-MM-DD".
std::int64_t IndiaDayStartMillis(std::string_view day);

/// Paise as rupees with two decimals and no symbol ("1234.50", "-0.05"): the way a spreadsheet
/// reads money. Pure.
std::string RupeesText(std::int64_t paise);

}  // namespace webdpro::analytics
