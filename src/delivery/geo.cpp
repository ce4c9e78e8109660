#include "delivery/geo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace webdpro::delivery {
namespace {

constexpr double kEarthRadiusMeters = 6'371'000.0;

double Radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}

}  // namespace

bool ValidLatLng(const LatLng& point) {
    return std::isfinite(point.lat) && std::isfinite(point.lng) && point.lat >= -90 && point.lat <= 90 &&
           point.lng >= -180 && point.lng <= 180;
}

double DistanceMeters(const LatLng& a, const LatLng& b) {
    const double dlat = Radians(b.lat - a.lat);
    const double dlng = Radians(b.lng - a.lng);
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(Radians(a.lat)) * std::cos(Radians(b.lat)) * std::sin(dlng / 2) * std::sin(dlng / 2);
    return 2 * kEarthRadiusMeters * std::asin(std::min(1.0, std::sqrt(h)));
}

Result<double> CheckFixes(const std::vector<Fix>& fixes, const std::optional<Fix>& last, TimePoint now,
                          const FixRules& rules) {
    ApiError invalid(ErrorCode::kInvalidArgument, "Some location fixes were refused; none was stored.");
    std::optional<Fix> previous = last;
    double added = 0;
    for (std::size_t i = 0; i < fixes.size(); ++i) {
        const Fix& fix = fixes[i];
        const std::string field = "fixes[" + std::to_string(i) + "]";
        if (!ValidLatLng(fix.point)) {
            invalid.fields.push_back({field, "Latitude must be within -90..90 and longitude within -180..180."});
            continue;
        }
        if (fix.accuracy_m && (!std::isfinite(*fix.accuracy_m) || *fix.accuracy_m < 0)) {
            invalid.fields.push_back({field, "Accuracy must be a distance in metres, 0 or more."});
            continue;
        }
        if (fix.at < now - rules.max_age) {
            invalid.fields.push_back({field, "This fix is too old."});
            continue;
        }
        if (fix.at > now + rules.max_ahead) {
            invalid.fields.push_back({field, "This fix is in the future; check the phone's clock."});
            continue;
        }
        if (previous) {
            if (fix.at <= previous->at) {
                invalid.fields.push_back({field, "Fixes must come in time order, after the last one sent."});
                continue;
            }
            const double meters = DistanceMeters(previous->point, fix.point);
            const double seconds = std::chrono::duration<double>(fix.at - previous->at).count();
            if (meters / seconds * 3.6 > rules.max_speed_kmh) {
                invalid.fields.push_back({field, "This fix is too far from the one before it to be real."});
                continue;
            }
            added += meters;
        }
        previous = fix;
    }
    if (!invalid.fields.empty()) {
        return Fail(std::move(invalid));
    }
    return added;
}

std::optional<std::size_t> PickRider(const std::vector<Candidate>& candidates, const std::optional<LatLng>& store) {
    std::optional<std::size_t> best;
    // (known position first, score): lower is better.
    auto key = [&store](const Candidate& c) {
        const bool known = c.position.has_value() && store.has_value();
        const double distance = known ? DistanceMeters(*store, *c.position) : 0;
        return std::pair{known ? 0 : 1, distance + c.load * kLoadPenaltyMeters};
    };
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Candidate& c = candidates[i];
        if (c.load >= c.max_orders) {
            continue;
        }
        if (!best || key(c) < key(candidates[*best])) {
            best = i;
        }
    }
    return best;
}

double TypicalSpeedMps(std::string_view vehicle) {
    constexpr double kKmh = 1000.0 / 3600.0;
    if (vehicle == "ON_FOOT") {
        return 5 * kKmh;
    }
    if (vehicle == "BICYCLE") {
        return 12 * kKmh;
    }
    if (vehicle == "CAR") {
        return 20 * kKmh;
    }
    return 22 * kKmh;  // BIKE, SCOOTER: what city traffic allows a two-wheeler
}

std::optional<std::chrono::seconds> EstimateArrival(const std::vector<Fix>& track, const LatLng& destination,
                                                    double typical_mps) {
    constexpr double kArrivedMeters = 50;
    constexpr auto kMinSpan = std::chrono::seconds(20);
    if (track.empty() || !(typical_mps > 0)) {
        return std::nullopt;
    }
    const Fix& newest = track.back();
    const double left = DistanceMeters(newest.point, destination) * kRoadFactor;
    if (left <= kArrivedMeters * kRoadFactor) {
        return std::chrono::seconds(0);
    }
    double speed = typical_mps;
    double travelled = 0;
    std::size_t first = track.size() - 1;
    while (first > 0 && newest.at - track[first - 1].at <= kSpeedWindow) {
        travelled += DistanceMeters(track[first - 1].point, track[first].point);
        --first;
    }
    const auto span = newest.at - track[first].at;
    if (span >= kMinSpan) {
        const double seconds = std::chrono::duration<double>(span).count();
        speed = std::clamp(travelled / seconds, typical_mps / 3, typical_mps * 2);
    }
    return std::chrono::seconds(static_cast<std::int64_t>(std::ceil(left / speed)));
}

std::vector<std::size_t> ThinTrack(const std::vector<Fix>& track, double min_meters, std::chrono::seconds min_gap) {
    std::vector<std::size_t> keep;
    if (track.empty()) {
        return keep;
    }
    keep.push_back(0);
    for (std::size_t i = 1; i + 1 < track.size(); ++i) {
        const Fix& kept = track[keep.back()];
        if (DistanceMeters(kept.point, track[i].point) >= min_meters || track[i].at - kept.at >= min_gap) {
            keep.push_back(i);
        }
    }
    if (track.size() > 1) {
        keep.push_back(track.size() - 1);
    }
    return keep;
}

}  // namespace webdpro::delivery
