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

// A rider riding from Connaught Place to India Gate at a steady 6 m/s, one fix every 5 s.
std::vector<Fix> RideTowardsIndiaGate(int fixes, double mps) {
    const TimePoint start = FromUnixMillis(1'800'000'000'000);
    const double total = DistanceMeters(kConnaughtPlace, kIndiaGate);
    std::vector<Fix> track;
    for (int i = 0; i < fixes; ++i) {
        const double share = std::min(1.0, mps * 5 * i / total);
        track.push_back({{kConnaughtPlace.lat + (kIndiaGate.lat - kConnaughtPlace.lat) * share,
                          kConnaughtPlace.lng + (kIndiaGate.lng - kConnaughtPlace.lng) * share},
                         start + std::chrono::seconds(5 * i),
                         std::nullopt});
    }
    return track;
}

TEST(Eta, FallsAsTheRiderApproaches) {
    const auto track = RideTowardsIndiaGate(90, 6.0);
    std::optional<std::chrono::seconds> before;
    for (std::size_t n = 1; n <= track.size(); n += 8) {
        std::vector<Fix> so_far(track.begin(), track.begin() + static_cast<std::ptrdiff_t>(n));
        auto eta = EstimateArrival(so_far, kIndiaGate, TypicalSpeedMps("BIKE"));
        ASSERT_TRUE(eta.has_value());
        if (before && before->count() > 0) {
            EXPECT_LT(*eta, *before) << "after " << n << " fixes";
        }
        before = eta;
    }
    // At the door: nothing left.
    EXPECT_EQ(EstimateArrival(track, kIndiaGate, TypicalSpeedMps("BIKE")), std::chrono::seconds(0));
}

TEST(Eta, UsesTheRecentSpeedOnceTheTrackShowsIt) {
    // 2.4 km × 1.3 by road at 6 m/s (the rider's measured speed) is about 520 s; at the
    // typical 6.1 m/s a lone fix gives a close figure, a fast rider a shorter one.
    const auto slow = RideTowardsIndiaGate(6, 6.0);
    const auto fast = RideTowardsIndiaGate(6, 11.0);
    auto slow_eta = EstimateArrival(slow, kIndiaGate, TypicalSpeedMps("BIKE"));
    auto fast_eta = EstimateArrival(fast, kIndiaGate, TypicalSpeedMps("BIKE"));
    ASSERT_TRUE(slow_eta && fast_eta);
    EXPECT_LT(*fast_eta, *slow_eta);
    const double left = DistanceMeters(slow.back().point, kIndiaGate) * kRoadFactor;
    EXPECT_NEAR(static_cast<double>(slow_eta->count()), left / 6.0, 5);
    // A single fix: the vehicle's typical speed.
    auto lone = EstimateArrival({slow.front()}, kIndiaGate, TypicalSpeedMps("ON_FOOT"));
    ASSERT_TRUE(lone);
    EXPECT_NEAR(static_cast<double>(lone->count()), 2400 * kRoadFactor / TypicalSpeedMps("ON_FOOT"), 150);
    // A rider standing at a red light does not push the ETA to hours.
    std::vector<Fix> stopped(6, slow.front());
    for (std::size_t i = 0; i < stopped.size(); ++i) {
        stopped[i].at += std::chrono::seconds(5 * static_cast<int>(i));
    }
    auto waiting = EstimateArrival(stopped, kIndiaGate, TypicalSpeedMps("BIKE"));
    ASSERT_TRUE(waiting);
    EXPECT_LE(static_cast<double>(waiting->count()), 2500 * kRoadFactor / (TypicalSpeedMps("BIKE") / 3));
    EXPECT_FALSE(EstimateArrival({}, kIndiaGate, TypicalSpeedMps("BIKE")));
}

TEST(Thinning, KeepsAPointEveryFewMetresOrSeconds) {
    const auto track = RideTowardsIndiaGate(60, 6.0);  // 30 m apart, 5 s apart
    const auto keep = ThinTrack(track, 100, std::chrono::seconds(60));
    ASSERT_GE(keep.size(), 2u);
    EXPECT_EQ(keep.front(), 0u);
    EXPECT_EQ(keep.back(), track.size() - 1);
    // 30 m steps: every fourth point reaches 100 m.
    EXPECT_EQ(keep[1], 4u);
    EXPECT_LT(keep.size(), track.size() / 3);
    // Thinning again keeps what is left.
    std::vector<Fix> thinned;
    for (std::size_t i : keep) {
        thinned.push_back(track[i]);
    }
    EXPECT_EQ(ThinTrack(thinned, 100, std::chrono::seconds(60)).size(), thinned.size());
    // A rider waiting in one place keeps a point a minute.
    std::vector<Fix> waiting(30, track.front());
    for (std::size_t i = 0; i < waiting.size(); ++i) {
        waiting[i].at += std::chrono::seconds(5 * static_cast<int>(i));
    }
    const auto still = ThinTrack(waiting, 100, std::chrono::seconds(60));
    EXPECT_EQ(still.size(), 4u);  // 0, 12, 24 and the last
    EXPECT_TRUE(ThinTrack({}, 100, std::chrono::seconds(60)).empty());
}

}  // namespace
}  // namespace webdpro::delivery
