#include "events/events_config.hpp"

namespace webdpro::events {

ConfigSection<EventsConfig> EventsConfigSection() {
    ConfigSection<EventsConfig> s("events");
    s.Int("batch_size", &EventsConfig::batch_size, 1, 10000, "outbox events the dispatcher claims at once");
    s.Int("poll_interval_ms", &EventsConfig::poll_interval_ms, 10, 60000,
          "how often the idle dispatcher looks for due events (commits wake it sooner)");
    s.Int("max_attempts", &EventsConfig::max_attempts, 1, 100, "delivery attempts before an event is marked DEAD");
    s.Int("backoff_base_ms", &EventsConfig::backoff_base_ms, 1, 3600000,
          "first retry delay of a failed event, doubled on each attempt (with jitter)");
    s.Int("backoff_max_ms", &EventsConfig::backoff_max_ms, 1, 86400000, "longest retry delay of a failed event");
    return s;
}

}  // namespace webdpro::events
