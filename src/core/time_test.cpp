#include "core/time.hpp"

#include <gtest/gtest.h>

namespace webdpro {

TEST(Rfc3339, FormatsUtcWithMillis) {
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(0)), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(FormatRfc3339(FromUnixMillis(1795860930123)), "2026-11-28T10:15:30.123Z");
}

TEST(Rfc3339, RoundTrips) {
    const auto t = FromUnixMillis(1795860930123);
    EXPECT_EQ(ParseRfc3339(FormatRfc3339(t)), t);
}

TEST(Rfc3339, HonoursOffsets) {
    auto ist = ParseRfc3339("2026-11-28T15:45:30+05:30");
    ASSERT_TRUE(ist);
    EXPECT_EQ(UnixMillis(*ist), 1795860930000);
}

TEST(Rfc3339, RejectsMalformed) {
    for (const char* bad : {"", "2026-11-28", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-28T10:15:30",
                            "2026-11-28T25:00:00Z", "2026-11-28T10:15:30.Z", "2026-11-28T10:15:30Zjunk"}) {
        EXPECT_FALSE(ParseRfc3339(bad)) << bad;
    }
}

}  // namespace webdpro
