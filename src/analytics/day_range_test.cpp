#include "analytics/day_range.hpp"

#include <set>

#include <gtest/gtest.h>

namespace webdpro::analytics {
namespace {

// 2026-12-07 20:00 UTC is 2026-12-08 01:30 in India.
TimePoint LateEveningUtc() {
    return FromUnixMillis(1796673600000);
}

std::set<std::string> Fields(const Result<DayRange>& r) {
    std::set<std::string> names;
    for (const auto& f : r.error().fields) {
        names.insert(f.field);
    }
    return names;
}

TEST(DayRange, NamedRangesEndOnTodayInIndia) {
    auto today = ParseDayRange("today", "", "", LateEveningUtc());
    ASSERT_TRUE(today);
    EXPECT_EQ(today->from, "2026-12-08");
    EXPECT_EQ(today->days, std::vector<std::string>{"2026-12-08"});
    auto week = ParseDayRange("7d", "", "", LateEveningUtc());
    ASSERT_TRUE(week);
    EXPECT_EQ(week->from, "2026-12-02");
    EXPECT_EQ(week->to, "2026-12-08");
    EXPECT_EQ(week->days.size(), 7U);
    auto month = ParseDayRange("30d", "", "", LateEveningUtc());
    ASSERT_TRUE(month);
    EXPECT_EQ(month->from, "2026-11-09");
    EXPECT_EQ(month->days.size(), 30U);
    EXPECT_EQ(ParseDayRange("", "", "", LateEveningUtc())->from, "2026-12-02");
}

TEST(DayRange, CustomRangeCrossesMonthsAndLeapDays) {
    auto r = ParseDayRange("custom", "2024-02-28", "2024-03-01", LateEveningUtc());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->days, (std::vector<std::string>{"2024-02-28", "2024-02-29", "2024-03-01"}));
}

TEST(DayRange, RefusesBadRangesNamingTheField) {
    const auto now = LateEveningUtc();
    EXPECT_EQ(Fields(ParseDayRange("week", "", "", now)), std::set<std::string>{"range"});
    EXPECT_EQ(Fields(ParseDayRange("custom", "", "", now)), (std::set<std::string>{"from", "to"}));
    EXPECT_EQ(Fields(ParseDayRange("custom", "2026-02-30", "2026-03-01", now)), std::set<std::string>{"from"});
    EXPECT_EQ(Fields(ParseDayRange("custom", "2026-1-01", "2026-03-01", now)), std::set<std::string>{"from"});
    EXPECT_EQ(Fields(ParseDayRange("custom", "2026-12-05", "2026-12-01", now)), std::set<std::string>{"from"});
    EXPECT_EQ(Fields(ParseDayRange("custom", "2026-12-01", "2026-12-09", now)), std::set<std::string>{"to"});
    EXPECT_EQ(Fields(ParseDayRange("custom", "2025-12-07", "2026-12-08", now)), std::set<std::string>{"from"});
    EXPECT_TRUE(ParseDayRange("custom", "2025-12-08", "2026-12-08", now));  // 366 days
    EXPECT_EQ(ParseDayRange("custom", "2026-12-01", "2026-12-09", now).error().code, ErrorCode::kInvalidArgument);
}

TEST(DayRange, IndiaDaysStartAtHalfPastSixteenUtcTheDayBefore) {
    EXPECT_EQ(IndiaDayStartMillis("2026-12-08"), 1796673600000 - 90 * 60 * 1000);
    EXPECT_EQ(IndiaDayOf(FromUnixMillis(IndiaDayStartMillis("2026-12-08"))), "2026-12-08");
    EXPECT_EQ(IndiaDayOf(FromUnixMillis(IndiaDayStartMillis("2026-12-08") - 1)), "2026-12-07");
}

TEST(DayRange, RupeesHaveTwoDecimals) {
    EXPECT_EQ(RupeesText(0), "0.00");
    EXPECT_EQ(RupeesText(5), "0.05");
    EXPECT_EQ(RupeesText(123450), "1234.50");
    EXPECT_EQ(RupeesText(-105), "-1.05");
    EXPECT_EQ(RupeesText(INT64_MIN), "-92233720368547758.08");
}

}  // namespace
}  // namespace webdpro::analytics
