#include "delivery/geo.hpp"

#include <gtest/gtest.h>

namespace webdpro::delivery {
namespace {

const LatLng kConnaughtPlace{28.6315, 77.2167};
const LatLng kIndiaGate{28.6129, 77.2295};

TEST(Geo, HaversineMatchesAKnownDistance) {
    // Connaught Place to India Gate is about 2.4 km.
    EXPECT_NEAR(DistanceMeters(kConnaughtPlace, kIndiaGate), 2400, 100);
    EXPECT_DOUBLE_EQ(DistanceMeters(kIndiaGate, kIndiaGate), 0);
    // A quarter of the earth's circumference along the equator.
    EXPECT_NEAR(DistanceMeters({0, 0}, {0, 90}), 10'007'543, 1'000);
}

TEST(Geo, RefusesFixesOutOfRangeStaleFutureOrTooFast) {
    const TimePoint now = FromUnixMillis(1'800'000'000'000);
    const auto at = [&](int seconds_ago) { return now - std::chrono::seconds(seconds_ago); };
    // 2.4 km in 20 s is over 150 km/h.
    EXPECT_FALSE(CheckFixes({{kConnaughtPlace, at(20), std::nullopt}, {kIndiaGate, at(0), 5.0}}, std::nullopt, now));
    auto fine = CheckFixes({{kConnaughtPlace, at(200), std::nullopt}, {kIndiaGate, at(0), 5.0}}, std::nullopt, now);
    ASSERT_TRUE(fine) << fine.error().message;
    EXPECT_NEAR(*fine, 2400, 100);

    auto bad = CheckFixes({{{91, 0}, at(10), std::nullopt},
                           {kIndiaGate, at(3600), std::nullopt},
                           {kIndiaGate, now + std::chrono::minutes(5), std::nullopt}},
                          std::nullopt, now);
    ASSERT_FALSE(bad);
    ASSERT_EQ(bad.error().fields.size(), 3u);
    EXPECT_EQ(bad.error().fields[0].field, "fixes[0]");
    EXPECT_EQ(bad.error().fields[2].field, "fixes[2]");

    // Before the last accepted fix: out of order.
    const Fix last{kIndiaGate, at(10), std::nullopt};
    EXPECT_FALSE(CheckFixes({{kIndiaGate, at(20), std::nullopt}}, last, now));
    EXPECT_TRUE(CheckFixes({{kIndiaGate, at(5), std::nullopt}}, last, now));
}

TEST(Geo, PicksTheNearestRiderWithRoomWeightedByLoad) {
    const LatLng store{28.6315, 77.2167};
    std::vector<Candidate> riders = {
        {.user_id = "far", .position = LatLng{28.70, 77.2167}, .load = 0, .max_orders = 1},     // ~7.6 km
        {.user_id = "near", .position = LatLng{28.64, 77.2167}, .load = 0, .max_orders = 1},    // ~1 km
        {.user_id = "full", .position = LatLng{28.6316, 77.2167}, .load = 2, .max_orders = 2},  // no room
        {.user_id = "unknown", .position = std::nullopt, .load = 0, .max_orders = 3},
    };
    auto pick = PickRider(riders, store);
    ASSERT_TRUE(pick);
    EXPECT_EQ(riders[*pick].user_id, "near");

    // Carrying orders counts against the nearest one.
    riders[1].load = 4;
    riders[1].max_orders = 5;
    pick = PickRider(riders, store);
    ASSERT_TRUE(pick);
    EXPECT_EQ(riders[*pick].user_id, "far");

    // Nobody with a known position has room: the unknown one.
    riders[0].load = 1;
    riders[1].load = 5;
    pick = PickRider(riders, store);
    ASSERT_TRUE(pick);
    EXPECT_EQ(riders[*pick].user_id, "unknown");
    riders[3].load = 3;
    EXPECT_FALSE(PickRider(riders, store));
}

}  // namespace
}  // namespace webdpro::delivery
