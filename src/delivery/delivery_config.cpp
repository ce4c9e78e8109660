#include "delivery/delivery_config.hpp"

namespace webdpro::delivery {

ConfigSection<DeliveryConfig> DeliveryConfigSection() {
    ConfigSection<DeliveryConfig> s("delivery");
    s.Int("track_retention_days", &DeliveryConfig::track_retention_days, 1, 3650,
          "days a finished delivery's GPS track is kept before it is deleted");
    s.Int("track_thin_meters", &DeliveryConfig::track_thin_meters, 1, 10'000,
          "a finished delivery's track keeps one point every this many metres (or track_thin_seconds)");
    s.Int("track_thin_seconds", &DeliveryConfig::track_thin_seconds, 1, 3600,
          "a finished delivery's track keeps one point every this many seconds (or track_thin_meters)");
    s.Int("track_tidy_interval_s", &DeliveryConfig::track_tidy_interval_s, 1, 86'400,
          "seconds between runs of the loop that thins finished tracks and deletes expired ones");
    s.Int("live_per_order", &DeliveryConfig::live_per_order, 1, 1000,
          "live tracking pages (server-sent event streams) open at once on one order; more get 503");
    s.Int("live_total", &DeliveryConfig::live_total, 1, 1'000'000,
          "live tracking pages open at once on this node; more get 503");
    s.Int("live_recheck_ms", &DeliveryConfig::live_recheck_ms, 1000, 600'000,
          "a live tracking page's order is read again this often when this node heard nothing (changes made on "
          "another node)");
    return s;
}

}  // namespace webdpro::delivery
