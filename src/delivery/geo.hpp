#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace webdpro::delivery {

/// A point on the earth in degrees.
struct LatLng {
    double lat = 0;
    double lng = 0;
};

/// Whether the point is a real place: latitude in [-90, 90], longitude in [-180, 180], both finite.
bool ValidLatLng(const LatLng& point);

/// The great-circle distance in metres (haversine, mean earth radius).
double DistanceMeters(const LatLng& a, const LatLng& b);

/// One position a rider's phone reported.
struct Fix {
    LatLng point;
    TimePoint at;  ///< the phone's time of the fix
    std::optional<double> accuracy_m;
};

/// The rules a batch of fixes must keep.
struct FixRules {
    std::chrono::minutes max_age{30};    ///< older fixes are stale (kept offline too long)
    std::chrono::seconds max_ahead{60};  ///< the phone's clock may run this far ahead
    double max_speed_kmh = 150;          ///< a faster jump between two fixes is impossible
};

/// Checks a batch of fixes, in the order sent, after `last` (the delivery's last accepted fix, if
/// any): each in range, not stale, not in the future, later than the one before it, and not
/// further from it than max_speed_kmh allows. kInvalidArgument naming each wrong fix
/// ("fixes[i]"). On success, the distance the batch adds to the track, in metres.
Result<double> CheckFixes(const std::vector<Fix>& fixes, const std::optional<Fix>& last, TimePoint now,
                          const FixRules& rules = {});

/// A typical city speed for a rider's vehicle (BICYCLE | BIKE | SCOOTER | CAR | ON_FOOT), in
/// metres per second: what an ETA assumes before the track shows how fast the rider goes.
double TypicalSpeedMps(std::string_view vehicle);

/// Roads are not straight: the distance left by road is taken as the straight line times this.
inline constexpr double kRoadFactor = 1.3;
/// How far back the rider's recent speed is measured from their newest fix.
inline constexpr std::chrono::seconds kSpeedWindow{120};

/// The time the rider needs to reach `destination` from their newest fix (the last of `track`,
/// oldest first): the straight-line distance times kRoadFactor, over the rider's speed along the
/// track in the kSpeedWindow before the newest fix when that spans at least 20 s, else over
/// `typical_mps`. The speed used is kept within [typical/3, 2 × typical] so a red light or a
/// GPS jump does not make the ETA swing. Zero within 50 m of the destination; nullopt without a
/// fix or with a typical speed that is not positive. Pure; rounds up to whole seconds.
std::optional<std::chrono::seconds> EstimateArrival(const std::vector<Fix>& track, const LatLng& destination,
                                                    double typical_mps);

/// The points of a track (oldest first) worth keeping once the delivery is over: the first and
/// the last, and each point at least `min_meters` or `min_gap` away from the point kept before it.
/// Indexes into `track`, ascending. Pure; thinning a thinned track keeps every point.
std::vector<std::size_t> ThinTrack(const std::vector<Fix>& track, double min_meters, std::chrono::seconds min_gap);

/// A rider who could take an order, as assignment sees them.
struct Candidate {
    std::string user_id;
    std::optional<LatLng> position;  ///< nullopt: where they are is not known
    int load = 0;                    ///< orders they carry now
    int max_orders = 1;
};

/// How much one order already carried counts against a rider, in metres of extra distance.
inline constexpr double kLoadPenaltyMeters = 2000;

/// The candidate to give an order at `store` to: among those with room (load < max_orders), the
/// lowest distance + load × kLoadPenaltyMeters; riders whose position is not known come after every
/// known one (then by load). Ties go to the earlier candidate. nullopt when nobody has room.
std::optional<std::size_t> PickRider(const std::vector<Candidate>& candidates, const std::optional<LatLng>& store);

}  // namespace webdpro::delivery
